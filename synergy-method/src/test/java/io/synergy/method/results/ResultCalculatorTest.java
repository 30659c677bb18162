package io.synergy.method.results;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.synergy.model.catalogue.Catalogue;
import io.synergy.model.orgunit.OrgUnits;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The worked example of docs/method.md §5 (the worked example), fed as district facts (one district of the central urban area, so the
 * city's T1 comes from the group as the plan defines it) and checked through the whole core: roll-up, derived
 * indicators, synergy, attainment and effects.
 */
class ResultCalculatorTest {

    static final Catalogue CATALOGUE = Catalogue.load();
    static final OrgUnits UNITS = OrgUnits.load();
    static final String D = "370202";
    static final int[] YEARS = {2020, 2021, 2022, 2023, 2024};
    static final double[] A1 = {92, 93.5, 94.8, 95.6, 96.3};
    static final double[] W1 = {85, 86.2, 88.9, 90.1, 91};
    static final double[] NOX = {52000, 49800, 47100, 46200, 44000};
    static final double[] E1 = {9.2, 10.1, 11.8, 12.9, 13.7};
    static final double[] E2 = {305, 302.1, 300.4, 298, 297.2};
    static final double[] T1 = {60, 61.5, 63, 66.2, 67.5};
    static final double[] CO2 = {60.0e6, 59.2e6, 58.7e6, 58.1e6, 57.3e6};

    static List<Fact> workedExample() {
        List<Fact> facts = new ArrayList<>();
        for (int k = 0; k < YEARS.length; k++) {
            int y = YEARS[k];
            facts.add(new Fact("A1", D, y, A1[k], A1[k] * 1000, 100_000.0, true));
            facts.add(new Fact("W1", D, y, W1[k], W1[k] * 1000, 100_000.0, true));
            facts.add(new Fact("E1", D, y, E1[k], E1[k] * 100, 10_000.0, true));
            // gce/kWh = 1000 × tce / MWh
            facts.add(new Fact("E2", D, y, E2[k], E2[k] * 10, 10_000.0, true));
            facts.add(new Fact("T1", D, y, T1[k], T1[k] * 1e4, 1e6, true));
            facts.add(new Fact("energy.emissions.nox", D, y, NOX[k], NOX[k], null, true));
            facts.add(new Fact("energy.emissions.co2", D, y, CO2[k], CO2[k], null, true));
        }
        return facts;
    }

    static MethodSettings sixIndicators() {
        return new MethodSettings(
                2020,
                0.5,
                0.5,
                0.1,
                List.of("A1", "W1", "EM-NOX"),
                List.of("E1", "E2", "T1"),
                Map.of(),
                Map.of(),
                Map.of());
    }

    /**
     * The example's years settled by closing them: the example has six indicators of one district, so no year is
     * complete, and only settled years enter another year's window (docs/method.md §3).
     */
    static Map<Integer, YearState> closed() {
        Map<Integer, YearState> closed = new HashMap<>();
        for (int y : YEARS) {
            closed.put(y, YearState.CLOSED);
        }
        return closed;
    }

    private UnitYearResult city(List<UnitYearResult> results, int year) {
        return results.stream()
                .filter(r -> r.orgUnit().equals("370200") && r.year() == year)
                .findFirst()
                .orElseThrow();
    }

    @Test
    void reproducesTheWorkedExampleForTheCity() {
        IndicatorTable table = new IndicatorTable(workedExample(), CATALOGUE, UNITS, 2020);
        List<UnitYearResult> results = new ResultCalculator(CATALOGUE, UNITS, sixIndicators()).compute(table, closed());
        double[][] expected = { // U1, U2, C, T, D
            {0.000100, 0.000100, 1.000000, 0.000100, 0.010000},
            {0.270274, 0.249076, 0.999167, 0.259675, 0.509371},
            {0.638092, 0.515266, 0.994313, 0.576679, 0.757232},
            {0.804984, 0.845415, 0.999700, 0.825199, 0.908269},
            {1.000100, 1.000100, 1.000000, 1.000100, 1.000050}
        };
        // each year's series result is evaluated over 2020..year; the 2024 evaluation is the worked example's table
        // (docs/method.md §5)
        UnitYearResult.SynergyResult s2024 = city(results, 2024).synergy().get("series.range");
        assertThat(s2024.computable()).isTrue();
        assertThat(s2024.u1()).isCloseTo(expected[4][0], within(5e-7));
        assertThat(s2024.standard().d()).isCloseTo(expected[4][4], within(5e-7));
        assertThat(s2024.explanation().weights()).containsOnlyKeys("A1", "W1", "EM-NOX", "E1", "E2", "T1");
        assertThat(s2024.explanation().weights().get("A1")).isCloseTo(0.305348, within(5e-7));
        assertThat(s2024.explanation().weights().get("T1")).isCloseTo(0.371380, within(5e-7));
        assertThat(s2024.explanation().normalised().get("A1"))
                .containsExactly(new double[] {0.000100, 0.348937, 0.651263, 0.837309, 1.000100}, within(5e-7));
        assertThat(s2024.standard().gradeZh()).isEqualTo("优质协调");
        // the whole window, every year scored over 2020–2024: the worked example's table, row by row
        assertThat(s2024.window()).hasSize(5);
        for (int k = 0; k < 5; k++) {
            UnitYearResult.SampleRow row = s2024.window().get(k);
            assertThat(row.sample()).isEqualTo(Integer.toString(2020 + k));
            assertThat(row.u1()).isCloseTo(expected[k][0], within(5e-7));
            assertThat(row.u2()).isCloseTo(expected[k][1], within(5e-7));
            assertThat(row.standard().c()).isCloseTo(expected[k][2], within(5e-7));
            assertThat(row.t()).isCloseTo(expected[k][3], within(5e-7));
            assertThat(row.standard().d()).isCloseTo(expected[k][4], within(5e-7));
        }
        assertThat(s2024.lag()).isEqualTo("SYNCHRONOUS");

        // attainment 2024 (base 2020, target year 2025, τ = 0.8)
        Map<String, UnitYearResult.AttainmentRow> a = new HashMap<>();
        city(results, 2024).attainment().forEach(r -> a.put(r.indicator(), r));
        assertThat(a.get("E1").completion()).isCloseTo(0.775862, within(5e-7));
        assertThat(a.get("E1").status()).isEqualTo("LAGGING");
        assertThat(a.get("E1").projection().value()).isCloseTo(15.08, within(5e-7));
        assertThat(a.get("E2").status()).isEqualTo("LAGGING");
        assertThat(a.get("T1").status()).isEqualTo("LAGGING");
        assertThat(a.get("T1").orgUnit()).isEqualTo("central-urban");
        assertThat(a.get("T1").projection().meetsTarget()).isFalse();
        assertThat(a.get("A1").status()).isEqualTo("ON_TRACK");
        assertThat(a.get("W1").completion()).isCloseTo(0.857143, within(5e-7));
        assertThat(a.get("B1").status()).isEqualTo("NO_DATA");

        // co-reduction 2023 → 2024, all sectors: NOx against CO2
        UnitYearResult.EffectRow nox = city(results, 2024).effects().stream()
                .filter(e -> e.sector().equals("all") && e.pollutant().equals("NOX"))
                .findFirst()
                .orElseThrow();
        assertThat(nox.deltaP()).isCloseTo(-0.047619, within(5e-7));
        assertThat(nox.deltaC()).isCloseTo(-0.013769, within(5e-7));
        assertThat(nox.elasticity()).isCloseTo(3.458333, within(5e-6));
        assertThat(nox.quadrant()).isEqualTo("CO_REDUCTION");
    }

    @Test
    void earlierYearsAreScoredOverTheirOwnWindow() {
        IndicatorTable table = new IndicatorTable(workedExample(), CATALOGUE, UNITS, 2020);
        List<UnitYearResult> results = new ResultCalculator(CATALOGUE, UNITS, sixIndicators()).compute(table, closed());
        assertThat(city(results, 2020).synergy().get("series.range").computable())
                .isFalse();
        assertThat(city(results, 2020).synergy().get("series.range").reason()).containsIgnoringCase("sample");
        UnitYearResult.SynergyResult s2021 = city(results, 2021).synergy().get("series.range");
        // two samples: 2021 is the best of its window on every indicator
        assertThat(s2021.u1()).isCloseTo(1.0001, within(1e-9));
    }

    @Test
    void cityRatioIsTheRatioOfSummedNumeratorsAndDenominators() {
        List<Fact> facts = List.of(
                new Fact("E1", "370202", 2024, 10.0, 100.0, 1000.0, true),
                new Fact("E1", "370211", 2024, 20.0, 600.0, 3000.0, true));
        IndicatorTable table = new IndicatorTable(facts, CATALOGUE, UNITS, 2020);
        Figure city = table.get("370200", "E1", 2024);
        assertThat(city.value()).isCloseTo(700.0 / 4000 * 100, within(1e-12));
        assertThat(city.value()).isNotCloseTo(15.0, within(1e-6));
        assertThat(city.complete()).isFalse();
        assertThat(city.missing()).contains("370203");
    }

    @Test
    void derivedIndicatorsFollowTheirFormulas() {
        List<Fact> facts = List.of(
                new Fact("EI", D, 2020, 0.5, 500.0, 1000.0, true),
                new Fact("EI", D, 2024, 0.4, 480.0, 1200.0, true),
                new Fact("energy.gdp", D, 2020, 1000.0, 1000.0, null, true),
                new Fact("energy.gdp", D, 2024, 1200.0, 1200.0, null, true),
                new Fact("energy.emissions.co2", D, 2020, 2000.0, 2000.0, null, true),
                new Fact("transport.emissions.co2", D, 2020, 1000.0, 1000.0, null, true),
                new Fact("energy.emissions.co2", D, 2024, 2400.0, 2400.0, null, true),
                new Fact("energy.emissions.nox", D, 2020, 100.0, 100.0, null, true),
                new Fact("energy.emissions.nox", D, 2024, 70.0, 70.0, null, true));
        IndicatorTable t = new IndicatorTable(facts, CATALOGUE, UNITS, 2020);
        assertThat(t.get(D, "E3", 2024).value()).isCloseTo(20.0, within(1e-9)); // (1 − 0.4/0.5) × 100
        assertThat(t.get(D, "EM-CO2", 2020).value()).isEqualTo(3000.0);
        assertThat(t.get(D, "EM-CO2", 2024).complete()).isFalse(); // transport's CO2 of 2024 is missing
        assertThat(t.get(D, "CI", 2020).value()).isCloseTo(3.0, within(1e-12));
        assertThat(t.get(D, "E4", 2024).value()).isCloseTo((1 - 2.0 / 3.0) * 100, within(1e-9));
        assertThat(t.get(D, "E5-NOX", 2024).value()).isCloseTo(30.0, within(1e-12));
    }
}
