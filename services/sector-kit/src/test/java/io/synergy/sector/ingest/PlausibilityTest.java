package io.synergy.sector.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.synergy.model.catalogue.Catalogue;
import io.synergy.model.period.Period;
import io.synergy.model.report.ReportFlag;
import io.synergy.sector.compute.PeriodRollUp.PeriodValue;
import io.synergy.sector.model.ParsedReport;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PlausibilityTest {

    private static final String TOTAL = "energy.primary.total";
    private final Plausibility band = new Plausibility(Catalogue.load(), 10);

    private static ParsedReport report(String period, double value) {
        return new ParsedReport(
                "r",
                "s",
                "370202",
                Period.parse(period),
                1,
                List.of(new ParsedReport.Value(TOTAL, value)),
                "",
                Map.of());
    }

    @Test
    void theBandIsTenTimesEitherWay() {
        assertThat(band.implausible(1000, 100)).isFalse();
        assertThat(band.implausible(1000.01, 100)).isTrue();
        assertThat(band.implausible(10, 100)).isFalse();
        assertThat(band.implausible(9.99, 100)).isTrue();
        assertThat(band.implausible(0, 0)).isFalse();
        assertThat(band.implausible(5, 0)).isTrue();
        assertThat(band.implausible(0, 5)).isTrue();
        assertThatThrownBy(() -> new Plausibility(Catalogue.load(), 1)).hasMessageContaining("max-ratio");
    }

    @Test
    void aValueIsComparedWithTheSamePeriodAYearEarlierWhenThatWasComplete() {
        Map<String, List<PeriodValue>> before = Map.of(
                TOTAL,
                List.of(new PeriodValue(Period.parse("2023"), 100), new PeriodValue(Period.parse("2023-03"), 5)));
        assertThat(band.check(report("2024", 1001), before)).singleElement().satisfies(f -> {
            assertThat(f.flag()).isEqualTo(ReportFlag.IMPLAUSIBLE_CHANGE);
            assertThat(f.previousPeriod()).isEqualTo("2023");
            assertThat(f.previousValue()).isEqualTo(100.0);
            assertThat(f.unit()).isEqualTo("tce");
        });
        assertThat(band.check(report("2024", 999), before)).isEmpty();
        assertThat(band.check(report("2024-03", 51), before))
                .singleElement()
                .satisfies(f -> assertThat(f.previousPeriod()).isEqualTo("2023-03"));
        // 2023Q1 is only one of its months: not a quarter to compare with
        assertThat(band.check(report("2024Q1", 5000), before)).isEmpty();
        assertThat(band.check(report("1990", 5000), before)).isEmpty();
    }
}
