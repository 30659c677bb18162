package io.synergy.sector.store;

import static org.assertj.core.api.Assertions.assertThat;

import io.synergy.model.period.Period;
import io.synergy.sector.model.ParsedReport;
import io.synergy.sector.store.DataValueStore.ValueRows;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The values' rows are built before the data sets' locks (issue 19): they must be the rows the upsert wrote before, in
 * the same order — the later report of an org unit and period holding a data element both carry, at the later report's
 * place, as a {@code LinkedHashMap} keyed by data element, org unit and period (removed, then put) kept them.
 */
class ValueRowsTest {

    private static final List<String> ELEMENTS = List.of("e.a", "e.b", "e.c", "e.d");
    private static final List<String> UNITS = List.of("370202", "370203");
    private static final List<Period> PERIODS =
            List.of(Period.parse("2024"), Period.parse("2024Q1"), Period.parse("2024-02"));

    @Test
    void theLaterReportOfASlotHoldsTheDataElementsItCarriesAtItsPlace() {
        List<ParsedReport> reports = List.of(
                report("r1", "370202", "2024", 1, Map.of("e.a", 1.0, "e.b", 2.0)),
                report("r2", "370203", "2024", 2, Map.of("e.a", 3.0)),
                report("r3", "370202", "2024", 1, Map.of("e.b", 4.0, "e.c", 5.0)));

        ValueRows rows = ValueRows.of(reports);

        assertThat(rows.size()).isEqualTo(4);
        assertThat(rows.row(0)).containsExactly("e.a", "370202", "2024", 2024, 1.0, "r1", 1);
        assertThat(rows.row(1)).containsExactly("e.a", "370203", "2024", 2024, 3.0, "r2", 2);
        // r1's e.b is replaced by r3's, which takes r3's place
        assertThat(rows.row(2)).containsExactly("e.b", "370202", "2024", 2024, 4.0, "r3", 1);
        assertThat(rows.row(3)).containsExactly("e.c", "370202", "2024", 2024, 5.0, "r3", 1);
    }

    @ParameterizedTest
    @ValueSource(longs = {1, 2, 3, 4, 5, 6, 7, 8, 9, 10})
    void equalsTheRowsTheUpsertKeptBefore(long seed) {
        Random random = new Random(seed);
        List<ParsedReport> reports = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            Map<String, Double> values = new LinkedHashMap<>();
            for (String e : ELEMENTS) {
                if (random.nextBoolean()) {
                    values.put(e, (double) random.nextInt(1000));
                }
            }
            reports.add(report(
                    "r" + i,
                    UNITS.get(random.nextInt(UNITS.size())),
                    PERIODS.get(random.nextInt(PERIODS.size())).toString(),
                    1 + random.nextInt(3),
                    values));
        }

        ValueRows rows = ValueRows.of(reports);

        List<List<Object>> expected = reference(reports);
        List<List<Object>> actual = new ArrayList<>();
        for (int i = 0; i < rows.size(); i++) {
            actual.add(rows.row(i));
        }
        assertThat(actual).isEqualTo(expected);
    }

    /** What the upsert did before: every value in order, into a map by row key, a later one removing the earlier. */
    private static List<List<Object>> reference(List<ParsedReport> reports) {
        Map<List<Object>, List<Object>> last = new LinkedHashMap<>();
        for (ParsedReport r : reports) {
            for (ParsedReport.Value v : r.values()) {
                List<Object> key = List.of(v.dataElement(), r.orgUnit(), r.period());
                last.remove(key);
                last.put(
                        key,
                        List.of(
                                v.dataElement(),
                                r.orgUnit(),
                                r.period().toString(),
                                r.period().year(),
                                v.value(),
                                r.reportId(),
                                r.revision()));
            }
        }
        return List.copyOf(last.values());
    }

    private static ParsedReport report(
            String id, String orgUnit, String period, int revision, Map<String, Double> values) {
        List<ParsedReport.Value> vs = new ArrayList<>();
        values.forEach((e, v) -> vs.add(new ParsedReport.Value(e, v)));
        return new ParsedReport(id, "test", orgUnit, Period.parse(period), revision, vs, "", Map.of());
    }
}
