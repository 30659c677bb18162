package io.synergy.method.results;

import static io.synergy.method.results.ResultCalculatorTest.CATALOGUE;
import static io.synergy.method.results.ResultCalculatorTest.D;
import static io.synergy.method.results.ResultCalculatorTest.UNITS;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.synergy.method.synergy.Excluded;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The worked example of docs/method.md §3, "Complete years and the provisional year": the §5 example with 2020–2024
 * closed, and a 2025 of which only three indicators have arrived. Every number the page quotes is asserted here.
 */
class ProvisionalYearExampleTest {

    private final ResultCalculator calculator =
            new ResultCalculator(CATALOGUE, UNITS, ResultCalculatorTest.sixIndicators());

    /** The §5 example and 2025's first figures: straw 96.9 %, non-fossil 14.5 %, NOx 43,100 t — nothing else yet. */
    static List<Fact> with2025() {
        List<Fact> facts = new ArrayList<>(ResultCalculatorTest.workedExample());
        facts.add(new Fact("A1", D, 2025, 96.9, 96_900.0, 100_000.0, true));
        facts.add(new Fact("E1", D, 2025, 14.5, 1450.0, 10_000.0, true));
        facts.add(new Fact("energy.emissions.nox", D, 2025, 43_100.0, 43_100.0, null, true));
        return facts;
    }

    private static UnitYearResult.SynergyResult city(List<UnitYearResult> results, int year) {
        return results.stream()
                .filter(r -> r.orgUnit().equals("370200") && r.year() == year)
                .findFirst()
                .orElseThrow()
                .synergy()
                .get("series.range");
    }

    @Test
    void theSettledYearsKeepTheirFiguresAndTheNewYearIsProvisional() {
        List<UnitYearResult> before = calculator.compute(
                new IndicatorTable(ResultCalculatorTest.workedExample(), CATALOGUE, UNITS, 2020),
                ResultCalculatorTest.closed());
        List<UnitYearResult> after = calculator.compute(
                new IndicatorTable(with2025(), CATALOGUE, UNITS, 2020), ResultCalculatorTest.closed());

        // 2024 and its window (the history): the §5 table, identical to the last digit with or without 2025
        assertThat(city(after, 2024).window()).isEqualTo(city(before, 2024).window());
        assertThat(city(after, 2024).standard().d()).isCloseTo(1.000050, within(5e-7));
        assertThat(city(after, 2024).window().get(1).standard().d()).isCloseTo(0.509371, within(5e-7));

        // 2025: provisional, scored on its own window 2020–2025 without the three indicators it lacks
        UnitYearResult r2025 = after.stream()
                .filter(r -> r.orgUnit().equals("370200") && r.year() == 2025)
                .findFirst()
                .orElseThrow();
        assertThat(r2025.provisional()).isTrue();
        assertThat(r2025.coverage()).isEqualTo(new YearCoverage(YearState.PROVISIONAL, 0, 6, 0, 10));
        UnitYearResult.SynergyResult s2025 = r2025.synergy().get("series.range");
        assertThat(s2025.explanation().samples()).containsExactly("2020", "2021", "2022", "2023", "2024", "2025");
        assertThat(s2025.explanation().excluded())
                .extracting(Excluded::indicator)
                .containsExactly("W1", "E2", "T1");
        assertThat(s2025.standard().d()).isCloseTo(1.000050, within(5e-7));
        // had 2025 entered every window (the old rule), the history would have read these for 2021 and 2024
        assertThat(s2025.window().get(1).standard().d()).isCloseTo(0.465161, within(5e-7));
        assertThat(s2025.window().get(1).standard().gradeZh()).isEqualTo("濒临失调");
        assertThat(s2025.window().get(4).standard().d()).isCloseTo(0.932056, within(5e-7));
    }

    @Test
    void aYearWithoutAPollutionIndicatorIsNotComputableAndTheHistoryStays() {
        List<Fact> facts = new ArrayList<>(ResultCalculatorTest.workedExample());
        facts.add(new Fact("E1", D, 2025, 14.5, 1450.0, 10_000.0, true));
        List<UnitYearResult> results =
                calculator.compute(new IndicatorTable(facts, CATALOGUE, UNITS, 2020), ResultCalculatorTest.closed());
        assertThat(city(results, 2025).computable()).isFalse();
        assertThat(city(results, 2025).reason()).startsWith("no indicator left in subsystem POLLUTION");
        assertThat(city(results, 2025).standard()).isNull();
        assertThat(city(results, 2024).computable()).isTrue();
        assertThat(city(results, 2024).window()).hasSize(5);
    }

    @Test
    void aPartialYearChangesNoResultOfAnyCompleteYear() {
        ResultCalculator defaults = new ResultCalculator(CATALOGUE, UNITS, MethodSettings.defaults());
        List<Fact> complete = CityFacts.years(2020, 2024);
        List<Fact> withPartial = new ArrayList<>(complete);
        // two districts report a little 2025 energy data, as in the reported defect
        CityFacts.year(2025).stream()
                .filter(f -> Set.of("370203", "370214").contains(f.orgUnit())
                        && f.code().startsWith("energy.emissions"))
                .forEach(withPartial::add);
        CityFacts.year(2025).stream()
                .filter(f -> Set.of("370203", "370214").contains(f.orgUnit())
                        && Set.of("E1", "E2").contains(f.code()))
                .forEach(withPartial::add);
        List<UnitYearResult> before = defaults.compute(new IndicatorTable(complete, CATALOGUE, UNITS, 2020), Map.of());
        List<UnitYearResult> after =
                defaults.compute(new IndicatorTable(withPartial, CATALOGUE, UNITS, 2020), Map.of());

        assertThat(before).hasSize(after.size() - UNITS.all().size());
        for (UnitYearResult b : before) {
            UnitYearResult a = after.stream()
                    .filter(r -> r.orgUnit().equals(b.orgUnit()) && r.year() == b.year())
                    .findFirst()
                    .orElseThrow();
            assertThat(a.provisional()).isFalse();
            assertThat(a.coverage().state()).isEqualTo(YearState.COMPLETE);
            b.synergy().forEach((key, s) -> {
                UnitYearResult.SynergyResult t = a.synergy().get(key);
                String what = b.orgUnit() + " " + b.year() + " " + key;
                assertThat(t.computable()).as(what).isEqualTo(s.computable());
                assertThat(t.standard()).as(what).isEqualTo(s.standard());
                assertThat(t.corrected()).as(what).isEqualTo(s.corrected());
                assertThat(t.window()).as(what).isEqualTo(s.window());
                assertThat(t.explanation().weights())
                        .as(what)
                        .isEqualTo(s.explanation().weights());
            });
        }
        UnitYearResult city2025 = after.stream()
                .filter(r -> r.orgUnit().equals("370200") && r.year() == 2025)
                .findFirst()
                .orElseThrow();
        assertThat(city2025.provisional()).isTrue();
        assertThat(city2025.coverage()).isEqualTo(new YearCoverage(YearState.PROVISIONAL, 0, 19, 0, 10));
        assertThat(city2025.synergy().get("series.range").explanation().samples())
                .containsExactly("2020", "2021", "2022", "2023", "2024", "2025");
        // the district panel of 2025: the ten districts' settled years and 2025 (eight districts have nothing of 2025,
        // so every
        // indicator drops out and the panel is not computable — shown as such, never as 0)
        UnitYearResult.SynergyResult panel2025 = after.stream()
                .filter(r -> r.orgUnit().equals("370203") && r.year() == 2025)
                .findFirst()
                .orElseThrow()
                .synergy()
                .get("panel.range");
        assertThat(panel2025.explanation().samples()).hasSize(60).contains("370285/2020", "370203/2025");
        assertThat(panel2025.computable()).isFalse();
    }
}
