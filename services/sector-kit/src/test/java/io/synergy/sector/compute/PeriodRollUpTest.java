package io.synergy.sector.compute;

import static org.assertj.core.api.Assertions.assertThat;

import io.synergy.model.catalogue.Aggregation;
import io.synergy.model.period.Period;
import io.synergy.sector.compute.PeriodRollUp.PeriodValue;
import io.synergy.sector.compute.PeriodRollUp.Total;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Rolling a data element's values up to a longer period: by hand-computed cases. */
class PeriodRollUpTest {

    private static final Period YEAR = Period.parse("2024");

    private static PeriodValue v(String period, double value, String reportId) {
        return new PeriodValue(Period.parse(period), value, reportId);
    }

    private static List<PeriodValue> months(int from, int to, double each) {
        List<PeriodValue> out = new ArrayList<>();
        for (int m = from; m <= to; m++) {
            out.add(v(String.format("2024-%02d", m), each, "m" + m));
        }
        return out;
    }

    @Test
    void aValueForThePeriodItselfIsTheTotalWhateverElseThereIs() {
        List<PeriodValue> values = new ArrayList<>(months(1, 12, 10));
        values.add(v("2024", 99, "annual"));
        Total t = PeriodRollUp.rollUp(YEAR, Aggregation.SUM, values);
        assertThat(t.value()).isEqualTo(99.0);
        assertThat(t.complete()).isTrue();
        assertThat(t.reportIds()).containsExactly("annual");
    }

    @Test
    void twelveMonthsSumToACompleteYear() {
        Total t = PeriodRollUp.rollUp(YEAR, Aggregation.SUM, months(1, 12, 10));
        assertThat(t.value()).isEqualTo(120.0);
        assertThat(t.complete()).isTrue();
        assertThat(t.parts()).hasSize(12);
    }

    @Test
    void januaryToJulyIsNotAYear() {
        Total t = PeriodRollUp.rollUp(YEAR, Aggregation.SUM, months(1, 7, 10));
        assertThat(t.value()).isEqualTo(70.0);
        assertThat(t.complete()).isFalse();
    }

    @Test
    void aQuarterWinsOverTheMonthsInsideItAndTheRestAddUp() {
        List<PeriodValue> values = new ArrayList<>(months(1, 12, 10));
        values.add(v("2024Q1", 35, "q1")); // January–March as a quarter: the months inside it are not counted again
        Total t = PeriodRollUp.rollUp(YEAR, Aggregation.SUM, values);
        assertThat(t.value()).isEqualTo(35.0 + 9 * 10);
        assertThat(t.complete()).isTrue();
        assertThat(t.reportIds()).startsWith("q1", "m4").doesNotContain("m1", "m2", "m3");
    }

    @Test
    void aLevelTakesItsLatestSubPeriod() {
        List<PeriodValue> values = List.of(v("2024-02", 5, "feb"), v("2024Q3", 7, "q3"), v("2024-05", 6, "may"));
        Total t = PeriodRollUp.rollUp(YEAR, Aggregation.LAST, values);
        assertThat(t.value()).isEqualTo(7.0);
        assertThat(t.complete()).isFalse();
        assertThat(t.reportIds()).as("in period order").containsExactly("feb", "may", "q3");
    }

    @Test
    void aQuarterFromItsMonthsAndNothingOutsideIt() {
        List<PeriodValue> values = new ArrayList<>(months(1, 12, 10));
        values.add(v("2023-03", 1000, "last-year"));
        Total q1 = PeriodRollUp.rollUp(Period.parse("2024Q1"), Aggregation.SUM, values);
        assertThat(q1.value()).isEqualTo(30.0);
        assertThat(q1.complete()).isTrue();
        assertThat(PeriodRollUp.rollUp(Period.parse("2024-02"), Aggregation.SUM, values)
                        .value())
                .isEqualTo(10.0);
    }

    @Test
    void nothingWithinThePeriodIsNoTotal() {
        assertThat(PeriodRollUp.rollUp(Period.parse("2024Q2"), Aggregation.SUM, months(1, 3, 10)))
                .isNull();
        assertThat(PeriodRollUp.rollUp(YEAR, Aggregation.SUM, List.of())).isNull();
        // a year does not lie within its quarter: a quarter is not derived from the year
        assertThat(PeriodRollUp.rollUp(Period.parse("2024Q2"), Aggregation.SUM, List.of(v("2024", 100, "annual"))))
                .isNull();
    }

    @Test
    void valuesWithoutAReportAreNotNamed() {
        Total t = PeriodRollUp.rollUp(
                YEAR,
                Aggregation.SUM,
                List.of(new PeriodValue(Period.parse("2024-01"), 1), v("2024-02", 1, "feb"), v("2024-03", 1, "feb")));
        assertThat(t.reportIds()).containsExactly("feb");
    }
}
