package io.synergy.testsupport.sector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.restassured.response.Response;
import io.synergy.model.catalogue.IndicatorValue;
import io.synergy.model.catalogue.Sector;
import io.synergy.testsupport.TestTokens;
import java.nio.charset.StandardCharsets;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * Idempotency and revisions, sector-neutral: duplicates, conflicts, superseding and stale revisions, a report's fixed org
 * unit and period, who sent each revision, and concurrent submissions. Run in full by one sector service (energy).
 */
public abstract class RevisionContract extends SectorServiceTest {

    protected RevisionContract(Sector sector) {
        super(sector);
    }

    @Test
    void recognisesADuplicate() {
        int year = freshYear();
        String id = uniqueId("duplicate");
        ObjectNode r = report(id, districts.get(1), String.valueOf(year), null, validValues());
        JsonNode original = accepted(postJson(r), 201);
        awaitEvents(e -> id.equals(e.data().path("reportId").asText()), presentCount(expectedOutputs(validValues())));

        Snapshot before = settledSnapshot();
        JsonNode again = accepted(postJson(r.deepCopy().put("revision", 1)), 200);
        assertThat(again.path("status").asText()).isEqualTo("DUPLICATE");
        assertThat(again.path("reportId").asText()).isEqualTo(id);
        assertThat(again.path("indicators")).as("the original indicators").isEqualTo(original.path("indicators"));
        assertUnchanged(before);
        assertThat(getReport(id).path("revisions")).hasSize(1);
    }

    @Test
    void refusesConflictingContentUnderTheSameRevision() {
        int year = freshYear();
        String id = uniqueId("conflict");
        Map<String, Double> values = validValues();
        accepted(postJson(report(id, districts.get(2), String.valueOf(year), 1, values)), 201);

        Snapshot before = settledSnapshot();
        Map<String, Double> other = new LinkedHashMap<>(values);
        other.put(wholeOrFirst(), values.get(wholeOrFirst()) + 1);
        Exchange conflict = exchange(
                "POST", REPORTS, JSON, bytes(report(id, districts.get(2), String.valueOf(year), 1, other)), false);
        assertProblem(conflict, 409, "revision");
        // all or nothing: a new report in the same batch as a conflict is not stored either
        String innocent = uniqueId("conflict-batch");
        ArrayNode batch = MAPPER.createArrayNode()
                .add(report(innocent, districts.get(3), String.valueOf(year), null, values))
                .add(report(id, districts.get(2), String.valueOf(year), 1, other));
        assertProblem(exchange("POST", REPORTS, JSON, bytes(batch), false), 409, "[1].revision");
        assertUnchanged(before);
        JsonNode history = getReport(id);
        assertThat(history.path("revisions")).hasSize(1);
        assertThat(storedValues(history.path("revisions").get(0))).containsExactlyInAnyOrderEntriesOf(values);
        given().get(REPORTS + "/" + innocent).then().statusCode(404);
    }

    @Test
    void aHigherRevisionSupersedes() {
        int year = freshYear();
        String district = districts.get(3);
        String id = uniqueId("revised");
        Map<String, Double> v1 = validValues();
        accepted(postJson(report(id, district, String.valueOf(year), null, v1)), 201);
        awaitEvents(e -> id.equals(e.data().path("reportId").asText()), presentCount(expectedOutputs(v1)));

        // revision 2 changes every value and drops one data element altogether
        Map<String, Double> v2 = valuesFor(6);
        String dropped = published.isEmpty()
                ? elements.get(elements.size() - 1).code()
                : published.get(0).code();
        v2.remove(dropped);
        JsonNode answer = accepted(postJson(report(id, district, String.valueOf(year), 2, v2)), 201);
        assertThat(answer.path("status").asText()).isEqualTo("REVISED");
        assertThat(answer.path("revision").asInt()).isEqualTo(2);
        Map<String, IndicatorValue> expected = expectedOutputs(v2);
        assertIndicatorsAnswer(answer, district, year, expected);

        JsonNode history = getReport(id);
        assertThat(history.path("currentRevision").asInt()).isEqualTo(2);
        assertThat(each(history.path("revisions"), "revision")).containsExactly("2", "1");
        assertThat(each(history.path("revisions"), "status")).containsExactly("CURRENT", "SUPERSEDED");
        assertThat(storedValues(history.path("revisions").get(0))).containsExactlyInAnyOrderEntriesOf(v2);
        assertThat(storedValues(history.path("revisions").get(1))).containsExactlyInAnyOrderEntriesOf(v1);

        // the new values win everywhere: the read API and the events (revision 2 of each changed value)
        assertDistrictIndicators(indicatorsOf(String.valueOf(year), district), district, expected);
        List<Event> events = awaitEvents(
                e -> id.equals(e.data().path("reportId").asText())
                        && e.data().path("revision").asLong() == 2,
                expected.size());
        Map<String, JsonNode> latest = events.stream()
                .collect(Collectors.toMap(e -> e.data().path("code").asText(), Event::data, (a, b) -> b));
        expected.forEach((code, v) -> {
            assertThat(latest).containsKey(code);
            assertNumber(latest.get(code).path("value"), v.value(), code + " value");
        });
        assertThat(latest.get(dropped).path("value").isNull())
                .as("%s was dropped by revision 2", dropped)
                .isTrue();
    }

    @Test
    void aLateLowerRevisionIsIgnored() {
        int year = freshYear();
        String district = districts.get(4);
        String id = uniqueId("stale");
        Map<String, Double> v2 = validValues();
        accepted(postJson(report(id, district, String.valueOf(year), 2, v2)), 201);
        awaitEvents(e -> id.equals(e.data().path("reportId").asText()), presentCount(expectedOutputs(v2)));

        Snapshot before = settledSnapshot();
        JsonNode answer = accepted(postJson(report(id, district, String.valueOf(year), 1, valuesFor(7))), 200);
        assertThat(answer.path("status").asText()).isEqualTo("STALE");
        assertThat(answer.path("message").asText()).isNotBlank();
        Snapshot after = settledSnapshot();
        assertThat(after).as("only the history grew").isEqualTo(before.withReports(before.reports() + 1));

        JsonNode history = getReport(id);
        assertThat(history.path("currentRevision").asInt()).isEqualTo(2);
        assertThat(each(history.path("revisions"), "status")).containsExactly("CURRENT", "STALE");
        assertDistrictIndicators(indicatorsOf(String.valueOf(year), district), district, expectedOutputs(v2));
    }

    /**
     * A report's org unit and period are fixed by its first revision: a revision may correct its values, not move its
     * figures elsewhere (issue 13 — until then a revision could empty another district). On every channel, in a batch,
     * and for two revisions of a new report in one request.
     */
    @Test
    void aRevisionMayNotMoveTheReportToAnotherOrgUnitOrPeriod() {
        List<DistrictYear> slots = freshDistrictYears(2, 1);
        int year = slots.get(0).year();
        String from = slots.get(0).district();
        String to = slots.get(1).district();
        String id = uniqueId("fixed");
        Map<String, Double> values = validValues();
        accepted(postJson(report(id, from, String.valueOf(year), null, values)), 201);

        Snapshot before = settledSnapshot();
        Exchange moved = exchange("POST", REPORTS, JSON, bytes(report(id, to, String.valueOf(year), 2, values)), false);
        assertProblem(moved, 409, "orgUnit");
        assertThat(moved.json().path("type").asText()).endsWith("/report-scope-fixed");
        assertThat(each(moved.json().path("errors"), "message"))
                .anySatisfy(m -> assertThat(m).contains(id, from, to));
        assertProblem(
                exchange("POST", REPORTS, JSON, bytes(report(id, from, year + "Q1", 2, values)), false), 409, "period");
        ArrayNode batch = MAPPER.createArrayNode()
                .add(report(uniqueId("fixed-innocent"), to, String.valueOf(year), null, values))
                .add(report(id, to, String.valueOf(year), 3, values));
        assertProblem(exchange("POST", REPORTS, JSON, bytes(batch), false), 409, "[1].orgUnit");
        String fresh = uniqueId("fixed-new");
        ArrayNode twoPlaces = MAPPER.createArrayNode()
                .add(report(fresh, from, String.valueOf(year), 1, values))
                .add(report(fresh, to, String.valueOf(year), 2, values));
        assertProblem(exchange("POST", REPORTS, JSON, bytes(twoPlaces), false), 409, "[1].orgUnit");
        StringBuilder csv = new StringBuilder(CSV_HEADER).append('\n');
        values.forEach((de, v) -> csv.append(csvRow(id, to, String.valueOf(year), de, String.valueOf(v), "", "2"))
                .append('\n'));
        assertProblem(
                exchange("POST", REPORTS, CSV, csv.toString().getBytes(StandardCharsets.UTF_8), false),
                409,
                "line 2: district");
        assertUnchanged(before);
        JsonNode history = getReport(id);
        assertThat(history.path("revisions")).hasSize(1);
        assertThat(history.path("revisions").get(0).path("orgUnit").asText()).isEqualTo(from);
        JsonNode all = indicators(String.valueOf(year), null);
        assertDistrictIndicators(all, from, expectedOutputs(values));
        Map<String, IndicatorValue> none = new LinkedHashMap<>();
        expectedOutputs(values).keySet().forEach(k -> none.put(k, IndicatorValue.NONE));
        assertDistrictIndicators(all, to, none);

        // a revision that keeps them is welcome
        JsonNode revised = accepted(postJson(report(id, from, String.valueOf(year), 2, valuesFor(2))), 201);
        assertThat(revised.path("status").asText()).isEqualTo("REVISED");
        assertDistrictIndicators(indicatorsOf(String.valueOf(year), from), from, expectedOutputs(valuesFor(2)));
    }

    /** Every revision records who sent it (the token's subject) and through which channel; the history shows both. */
    @Test
    void theHistoryShowsWhoSentEachRevisionAndThroughWhichChannel() {
        DistrictYear slot = freshDistrictYear();
        int year = slot.year();
        String district = slot.district();
        String id = uniqueId("sent-by");
        accepted(postJson(report(id, district, String.valueOf(year), 1, validValues())), 201);
        String limited = TestTokens.bearer(TestTokens.tokenForDistricts(List.of(district), "feed:" + sector.code()));
        StringBuilder csv = new StringBuilder(CSV_HEADER).append('\n');
        valuesFor(1)
                .forEach((de, v) -> csv.append(
                                csvRow(id, district, String.valueOf(year), de, String.valueOf(v), "", "2"))
                        .append('\n'));
        Response viaCsv = given().header("Authorization", limited)
                .contentType(CSV)
                .body(csv.toString().getBytes(StandardCharsets.UTF_8))
                .post(REPORTS);
        accepted(viaCsv, 201);
        kafka().send(
                        feedTopic,
                        id,
                        report(id, district, String.valueOf(year), 3, valuesFor(2))
                                .toString(),
                        feedIdentity());
        await().atMost(WAIT).until(() -> getReport(id).path("currentRevision").asInt() == 3);

        JsonNode revisions = getReport(id).path("revisions");
        assertThat(each(revisions, "revision")).containsExactly("3", "2", "1");
        assertThat(each(revisions, "channel")).containsExactly("KAFKA", "CSV", "REST");
        String writer = "test-feed:" + sector.code() + "+reader";
        assertThat(each(revisions, "sentBy")).containsExactly(writer, "test-district-writer", writer);
    }

    @Test
    void concurrentSubmissionsAreConsistent() throws Exception {
        int year = freshYear();
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            // the same new report six times at once: stored once, the others are duplicates
            String id = uniqueId("concurrent");
            byte[] body = bytes(report(id, districts.get(2), String.valueOf(year), null, validValues()));
            List<Future<Exchange>> same = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                same.add(pool.submit(() -> exchange("POST", REPORTS, JSON, body, false)));
            }
            List<Integer> statuses = new ArrayList<>();
            for (Future<Exchange> f : same) {
                statuses.add(f.get(60, TimeUnit.SECONDS).status());
            }
            assertThat(statuses).containsOnly(201, 200).containsOnlyOnce(201);
            assertThat(getReport(id).path("revisions")).hasSize(1);

            // the twelve months of one district-year at once: the year adds up, and each value's events are in order
            String district = districts.get(3);
            Map<String, Double> month = valuesFor(4);
            List<Future<Exchange>> months = new ArrayList<>();
            List<String> ids = new ArrayList<>();
            for (int m = 1; m <= 12; m++) {
                String mid = uniqueId("concurrent-m" + m);
                ids.add(mid);
                byte[] b = bytes(report(mid, district, YearMonth.of(year, m).toString(), null, month));
                months.add(pool.submit(() -> exchange("POST", REPORTS, JSON, b, false)));
            }
            for (Future<Exchange> f : months) {
                Exchange e = f.get(60, TimeUnit.SECONDS);
                assertThat(e.status()).as(e.text()).isEqualTo(201);
            }
            Map<String, IndicatorValue> expected = expectedOutputs(scaled(month, 12));
            assertDistrictIndicators(indicatorsOf(String.valueOf(year), district), district, expected);
            List<Event> events = awaitEvents(
                    e -> ids.contains(e.data().path("reportId").asText())
                            && e.data().path("complete").asBoolean(),
                    presentCount(expected));
            Map<String, List<Long>> revisions = new HashMap<>();
            List<Event> all =
                    awaitEvents(e -> ids.contains(e.data().path("reportId").asText()), events.size());
            for (Event e : all) {
                revisions
                        .computeIfAbsent(e.record().key(), k -> new ArrayList<>())
                        .add(e.data().path("revision").asLong());
            }
            revisions.forEach((key, revs) -> assertThat(revs)
                    .as("revisions of %s, in partition order", key)
                    .isSorted()
                    .doesNotHaveDuplicates());
            for (Event e : events) {
                assertNumber(
                        e.data().path("value"),
                        expected.get(e.data().path("code").asText()).value(),
                        e.data().path("code").asText());
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
