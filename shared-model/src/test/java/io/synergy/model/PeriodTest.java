package io.synergy.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.synergy.model.period.Period;
import io.synergy.model.period.PeriodType;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class PeriodTest {

    @ParameterizedTest
    @CsvSource({"2024,YEAR,0,2024", "2024Q3,QUARTER,3,2024Q3", "2024-07,MONTH,7,2024-07", " 2021Q1 ,QUARTER,1,2021Q1"})
    void parsesTheThreeGranularities(String text, PeriodType type, int index, String printed) {
        Period p = Period.parse(text);
        assertThat(p.type()).isEqualTo(type);
        assertThat(p.index()).isEqualTo(index);
        assertThat(p.toString()).isEqualTo(printed);
        assertThat(p.toYear()).isEqualTo(Period.year(p.year()));
    }

    @ParameterizedTest
    @ValueSource(
            strings = {
                "2024Q5",
                "2024Q0",
                "2024-13",
                "2024-00",
                "24",
                "2024-7",
                "2024q3",
                "2024/07",
                "abcd",
                "1899",
                "2024-07-01",
                "",
                "2024Q",
                "2024Q12",
                "2024-1a",
                "20x4",
                "+024",
                "２０２４",
                "2024٣"
            })
    void rejectsMalformedPeriods(String text) {
        assertThatThrownBy(() -> Period.parse(text)).isInstanceOf(IllegalArgumentException.class);
        assertThat(Period.tryParse(text)).isEmpty();
    }

    @Test
    void quarterSpansItsMonths() {
        Period q3 = Period.parse("2024Q3");
        assertThat(q3.start()).isEqualTo(LocalDate.of(2024, 7, 1));
        assertThat(q3.end()).isEqualTo(LocalDate.of(2024, 9, 30));
        assertThat(q3.contains(Period.parse("2024-08"))).isTrue();
        assertThat(q3.contains(Period.parse("2024-10"))).isFalse();
        assertThat(Period.parse("2024").contains(q3)).isTrue();
    }

    @Test
    void futureMeansNotYetBegun() {
        LocalDate today = LocalDate.of(2026, 11, 25);
        assertThat(Period.parse("2026").isFuture(today)).isFalse();
        assertThat(Period.parse("2026-11").isFuture(today)).isFalse();
        assertThat(Period.parse("2026-12").isFuture(today)).isTrue();
        assertThat(Period.parse("2027").isFuture(today)).isTrue();
    }

    @Test
    void ordersByStartThenLongestFirst() {
        assertThat(Period.parse("2024").compareTo(Period.parse("2024-01"))).isNegative();
        assertThat(Period.parse("2023-12").compareTo(Period.parse("2024Q1"))).isNegative();
    }

    /** The month ordinals the roll-ups compare by are the months {@code firstMonth()}/{@code lastMonth()} name, in order. */
    @Test
    void monthOrdinalsAgreeWithTheMonthsAndContainment() {
        List<Period> all = new ArrayList<>();
        for (int year = 2023; year <= 2024; year++) {
            all.add(Period.year(year));
            for (int q = 1; q <= 4; q++) {
                all.add(new Period(PeriodType.QUARTER, year, q));
            }
            for (int m = 1; m <= 12; m++) {
                all.add(new Period(PeriodType.MONTH, year, m));
            }
        }
        assertThat(new Period(PeriodType.MONTH, 2024, 1)).hasToString("2024-01");
        assertThat(new Period(PeriodType.MONTH, 2024, 12)).hasToString("2024-12");
        for (Period p : all) {
            assertThat(Period.parse(p.toString())).isEqualTo(p);
            assertThat(p.firstMonthOrdinal())
                    .isEqualTo(p.firstMonth().getYear() * 12 + p.firstMonth().getMonthValue() - 1);
            assertThat(p.lastMonthOrdinal())
                    .isEqualTo(p.lastMonth().getYear() * 12 + p.lastMonth().getMonthValue() - 1);
            for (Period o : all) {
                boolean within = !o.firstMonth().isBefore(p.firstMonth())
                        && !o.lastMonth().isAfter(p.lastMonth());
                assertThat(p.contains(o)).as("%s contains %s", p, o).isEqualTo(within);
                int byMonths = p.firstMonth().compareTo(o.firstMonth()) != 0
                        ? p.firstMonth().compareTo(o.firstMonth())
                        : Integer.compare(o.type().months(), p.type().months());
                assertThat(Integer.signum(p.compareTo(o))).as("%s vs %s", p, o).isEqualTo(Integer.signum(byMonths));
            }
        }
        assertThat(Period.parse("2024Q3").contains(Period.parse("2024-09"))).isTrue();
        assertThat(Period.parse("2024Q3").contains(Period.parse("2024-10"))).isFalse();
    }
}
