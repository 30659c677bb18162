package io.synergy.energy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.synergy.model.catalogue.Sector;
import io.synergy.model.event.IndicatorEvent;
import io.synergy.testsupport.PlatformTestResource;
import io.synergy.testsupport.sector.SectorServiceTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The ingestion's writes under the data sets' locks go as binary arrays, and the values' rows are built before the locks
 * (issue 19): what is stored and published must be what the reports say, exactly — text, numbers and SQL NULLs through
 * the binary form, the later of two reports of one org unit and period holding the data elements both carry, and every
 * event's bytes the service's JSON of that event, matching the stored indicator value.
 */
@QuarkusTest
@WithTestResource(PlatformTestResource.class)
class WriteFormTest extends SectorServiceTest {

    @Inject
    ObjectMapper json;

    WriteFormTest() {
        super(Sector.ENERGY);
    }

    @Test
    void storesAndPublishesExactlyWhatTheReportsSay() throws Exception {
        List<DistrictYear> slots = freshDistrictYears(2, 1);
        String district = slots.get(0).district();
        int year = slots.get(0).year();
        String other = slots.get(1).district();
        // ids with every character an id may hold: the text arrays carry them as they are
        String first = uniqueId("form:a/b-c.d_e");
        String later = uniqueId("form:later");
        String beside = uniqueId("form:beside");
        Map<String, Double> firstValues = validValues();
        String element = wholeOrFirst();
        Map<String, Double> laterValues = Map.of(element, firstValues.get(element));
        Map<String, Double> besideValues = valuesFor(1);
        ArrayNode batch = MAPPER.createArrayNode()
                .add(report(first, district, String.valueOf(year), null, firstValues))
                .add(report(later, district, String.valueOf(year), 3, laterValues))
                .add(report(beside, other, String.valueOf(year), null, besideValues));
        assertThat(each(accepted(postJson(batch), 201), "status")).containsExactly("ACCEPTED", "ACCEPTED", "ACCEPTED");

        // the values: the later report holds the element both carry, with its id and revision
        Map<String, List<Object>> stored = values(district, year);
        assertThat(stored.keySet()).isEqualTo(firstValues.keySet());
        firstValues.forEach((code, v) -> {
            boolean byLater = code.equals(element);
            assertThat(stored.get(code))
                    .as(code)
                    .containsExactly(String.valueOf(year), year, v, byLater ? later : first, byLater ? 3 : 1);
        });
        Map<String, List<Object>> besideStored = values(other, year);
        besideValues.forEach((code, v) ->
                assertThat(besideStored.get(code)).as(code).containsExactly(String.valueOf(year), year, v, beside, 1));

        // the revisions as sent
        try (PreparedStatement ps = database()
                .prepareStatement("SELECT report_id, revision, org_unit, period, status, channel FROM report"
                        + " WHERE report_id = ANY (?) ORDER BY report_id")) {
            ps.setArray(1, database().createArrayOf("text", new String[] {first, later, beside}));
            List<List<Object>> rows = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    rows.add(List.of(
                            rs.getString(1),
                            rs.getInt(2),
                            rs.getString(3),
                            rs.getString(4),
                            rs.getString(5),
                            rs.getString(6)));
                }
            }
            assertThat(rows)
                    .containsExactlyInAnyOrder(
                            List.of(first, 1, district, String.valueOf(year), "CURRENT", "REST"),
                            List.of(later, 3, district, String.valueOf(year), "CURRENT", "REST"),
                            List.of(beside, 1, other, String.valueOf(year), "CURRENT", "REST"));
        }

        // every event: the service's JSON of itself, and the indicator value stored with it (NULLs included)
        Map<String, List<Object>> indicators = indicatorValues(List.of(first, later, beside), year);
        List<Event> events = awaitEvents(
                e -> Set.of(first, later, beside)
                        .contains(e.data().path("reportId").asText()),
                indicators.size());
        assertThat(events).hasSize(indicators.size());
        boolean someNull = false;
        for (Event e : events) {
            String text = e.record().value();
            IndicatorEvent event = json.readValue(text, IndicatorEvent.class);
            assertThat(text).isEqualTo(new String(json.writeValueAsBytes(event), StandardCharsets.UTF_8));
            List<Object> row = indicators.get(event.code() + "|" + event.orgUnit());
            assertThat(row)
                    .as(event.code() + " " + event.orgUnit())
                    .containsExactly(
                            event.kind().name(),
                            event.value(),
                            event.numerator(),
                            event.denominator(),
                            event.complete(),
                            event.revision(),
                            event.reportId());
            someNull |= event.denominator() == null;
        }
        assertThat(someNull)
                .as("a published data element has no denominator: a NULL in the binary array")
                .isTrue();
    }

    /** The stored values of a district and year by data element: period, year, value, report, revision. */
    private Map<String, List<Object>> values(String orgUnit, int year) throws SQLException {
        Map<String, List<Object>> out = new HashMap<>();
        try (PreparedStatement ps = database()
                .prepareStatement("SELECT data_element, period, year, value, report_id, revision FROM data_value"
                        + " WHERE org_unit = ? AND year = ?")) {
            ps.setString(1, orgUnit);
            ps.setInt(2, year);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(
                            rs.getString(1),
                            List.of(rs.getString(2), rs.getInt(3), rs.getDouble(4), rs.getString(5), rs.getInt(6)));
                }
            }
        }
        return out;
    }

    /** The stored indicator values of the year the reports last changed, by code and district. */
    private Map<String, List<Object>> indicatorValues(List<String> reportIds, int year) throws SQLException {
        Map<String, List<Object>> out = new LinkedHashMap<>();
        try (PreparedStatement ps = database()
                .prepareStatement(
                        "SELECT code, org_unit, kind, value, numerator, denominator, complete, revision, report_id"
                                + " FROM indicator_value WHERE report_id = ANY (?) AND year = ?")) {
            ps.setArray(1, database().createArrayOf("text", reportIds.toArray(String[]::new)));
            ps.setInt(2, year);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    List<Object> row = new ArrayList<>();
                    row.add(rs.getString(3));
                    row.add(rs.getObject(4));
                    row.add(rs.getObject(5));
                    row.add(rs.getObject(6));
                    row.add(rs.getBoolean(7));
                    row.add(rs.getLong(8));
                    row.add(rs.getString(9));
                    out.put(rs.getString(1) + "|" + rs.getString(2), row);
                }
            }
        }
        return out;
    }
}
