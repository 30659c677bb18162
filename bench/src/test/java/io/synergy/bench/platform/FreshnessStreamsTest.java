package io.synergy.bench.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What makes a result "show" a report: its stream's W2 rises by exactly one with every report, however it is spread. */
class FreshnessStreamsTest {

    @Test
    void spreadOverEnterprisesEveryReportRaisesItsDistrictYearsSumByOne() {
        Map<String, List<String>> units = new LinkedHashMap<>();
        units.put("370202", List.of("A", "B", "C"));
        units.put("370203", List.of("D", "E"));
        FreshnessStreams streams = FreshnessStreams.of(units, 2023, 2024);
        assertThat(streams.size()).isEqualTo(4);
        assertThat(streams.units()).isEqualTo(5);
        // the latest value of each (org unit, year), as the aggregation keeps it; W2 of a district-year is their sum
        Map<String, Long> latest = new HashMap<>();
        Map<Integer, List<String>> reached = new HashMap<>();
        for (int i = 0; i < 400; i++) {
            String unit = streams.orgUnit(i);
            String year = streams.period(i);
            String key = streams.key(streams.streamOf(i));
            assertThat(units.get(key.substring(0, 6))).contains(unit);
            assertThat(key).endsWith(":" + year);
            Long before = latest.put(unit + ":" + year, streams.postedValue(i));
            assertThat(streams.postedValue(i)).isEqualTo(before == null ? 1 : before + 1);
            long w2 = 0;
            for (String u : units.get(key.substring(0, 6))) {
                w2 += latest.getOrDefault(u + ":" + year, 0L);
            }
            assertThat(w2).as("report %d", i).isEqualTo(FreshnessStreams.expected(i, streams.size()));
            reached.computeIfAbsent(streams.streamOf(i), s -> new ArrayList<>()).add(unit);
        }
        // every enterprise of a district gets reports, in turn
        assertThat(reached.get(0)).startsWith("A", "B", "C", "A", "B", "C");
        assertThat(reached.get(1)).startsWith("D", "E", "D", "E");
    }

    @Test
    void withTheDistrictsAloneEachReportIsItsDistrictsNextValueAsBefore() {
        FreshnessStreams streams = FreshnessStreams.districts(EnergyReports.DISTRICTS, 2020, 2024);
        assertThat(streams.size()).isEqualTo(50);
        for (int i = 0; i < 500; i++) {
            assertThat(streams.orgUnit(i)).isEqualTo(EnergyReports.DISTRICTS[i % 10]);
            assertThat(streams.period(i)).isEqualTo(Integer.toString(2020 + (i % 50) / 10));
            assertThat(streams.postedValue(i)).isEqualTo(i / 50 + 1L).isEqualTo(FreshnessStreams.expected(i, 50));
        }
    }
}
