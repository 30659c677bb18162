package io.synergy.method.results;

import static org.assertj.core.api.Assertions.assertThat;

import io.synergy.method.synergy.SynergyOptions;
import io.synergy.model.catalogue.Catalogue;
import io.synergy.model.catalogue.Indicator;
import io.synergy.model.orgunit.OrgUnit;
import io.synergy.model.orgunit.OrgUnits;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class UnitSynergyCalculatorTest {

    static final Catalogue CATALOGUE = Catalogue.load();
    static final String CLEAN = HierarchyRollUpTest.uscc("91370211MA3C00011");
    static final String IMPROVING = HierarchyRollUpTest.uscc("91370211MA3C00012");
    static final String DIRTY = HierarchyRollUpTest.uscc("91370211MA3C00013");
    static final String NEW = HierarchyRollUpTest.uscc("91370211MA3C00014");

    static List<Indicator> ids(String... ids) {
        return Arrays.stream(ids).map(i -> CATALOGUE.indicator(i).orElseThrow()).toList();
    }

    /** Value added, energy, CO2 and air pollutants of an enterprise in a year. */
    static void enterpriseYear(
            List<Fact> facts, String e, int year, double va, double energy, double co2, double pollutants) {
        facts.add(new Fact("energy.gdp", e, year, va, va, null, true));
        facts.add(new Fact("EI", e, year, energy / va, energy, va, true));
        facts.add(new Fact("energy.emissions.co2", e, year, co2, co2, null, true));
        for (String p : List.of("so2", "nox", "pm", "vocs")) {
            facts.add(new Fact("energy.emissions." + p, e, year, pollutants / 4, pollutants / 4, null, true));
        }
    }

    @Test
    void enterprisesAreScoredOnOnePanelOfIntensitiesRankedByD() {
        OrgUnits units = OrgUnits.load().withUnit(HierarchyRollUpTest.park("370211P01"));
        for (String e : List.of(CLEAN, IMPROVING, DIRTY, NEW)) {
            units = units.withUnit(HierarchyRollUpTest.enterprise(e, "370211P01"));
        }
        List<Fact> facts = new ArrayList<>();
        for (int y = 2020; y <= 2024; y++) {
            int k = y - 2020;
            enterpriseYear(facts, CLEAN, y, 10_000, 500, 800, 0.5);
            enterpriseYear(facts, IMPROVING, y, 10_000, 3000 - 400 * k, 9000 - 1500 * k, 40 - 8 * k);
            enterpriseYear(facts, DIRTY, y, 10_000, 4000, 12_000, 60);
        }
        enterpriseYear(facts, NEW, 2024, 5_000, 100, 100, 0.1); // no earlier years, but its 2024 sample is complete
        IndicatorTable table = new IndicatorTable(facts, CATALOGUE, units, 2020);
        List<OrgUnit> enterprises = units.enterprises();
        UnitSynergyCalculator.Evaluation e = UnitSynergyCalculator.evaluate(
                table,
                enterprises,
                2020,
                2024,
                ids("PI-SO2", "PI-NOX", "PI-PM", "PI-VOCS"),
                ids("CI", "EI"),
                SynergyOptions.defaults(),
                new UnitSynergyCalculator.NearZero(0.0002, 0.1),
                List.of("PI-SO2", "PI-NOX", "PI-PM", "PI-VOCS"),
                "CI");
        assertThat(e.computable()).isTrue();
        assertThat(e.samples()).hasSize(16);
        assertThat(e.weights()).containsKeys("PI-SO2", "CI", "EI");
        assertThat(e.units())
                .extracting(UnitSynergyCalculator.UnitRow::orgUnit)
                .containsExactly(NEW, CLEAN, IMPROVING, DIRTY);
        UnitSynergyCalculator.UnitRow clean = e.units().get(1);
        assertThat(clean.nearZero()).isTrue(); // 0.5 t / 10^4 CNY·10,000 = 0.00005; CO2 0.08 t per 10^4 CNY
        assertThat(e.units().get(3).nearZero()).isFalse();
        assertThat(e.units().get(3).standard().d()).isLessThan(clean.standard().d());
        assertThat(e.units().get(2).standard().d())
                .isGreaterThan(e.units().get(3).standard().d());
    }

    @Test
    void aUnitWithoutCompleteDataForTheYearIsNotComputableAndSaysWhy() {
        OrgUnits units = OrgUnits.load()
                .withUnit(HierarchyRollUpTest.park("370211P01"))
                .withUnit(HierarchyRollUpTest.enterprise(CLEAN, "370211P01"))
                .withUnit(HierarchyRollUpTest.enterprise(DIRTY, "370211P01"));
        List<Fact> facts = new ArrayList<>();
        for (int y = 2020; y <= 2024; y++) {
            enterpriseYear(facts, CLEAN, y, 10_000, 500 + y, 800, 0.5);
        }
        enterpriseYear(facts, DIRTY, 2020, 10_000, 4000, 12_000, 60);
        UnitSynergyCalculator.Evaluation e = UnitSynergyCalculator.evaluate(
                new IndicatorTable(facts, CATALOGUE, units, 2020),
                units.enterprises(),
                2020,
                2024,
                ids("PI-SO2", "PI-NOX", "PI-PM", "PI-VOCS"),
                ids("CI", "EI"),
                SynergyOptions.defaults(),
                new UnitSynergyCalculator.NearZero(0.001, 0.2),
                List.of("PI-SO2", "PI-NOX", "PI-PM", "PI-VOCS"),
                "CI");
        UnitSynergyCalculator.UnitRow dirty = e.units().stream()
                .filter(r -> r.orgUnit().equals(DIRTY))
                .findFirst()
                .orElseThrow();
        assertThat(dirty.computable()).isFalse();
        assertThat(dirty.reason()).contains("2024");
    }

    @Test
    void thePanelHoldsTheUnitYearsOfTheWindowOnly() {
        OrgUnits units = OrgUnits.load()
                .withUnit(HierarchyRollUpTest.park("370211P01"))
                .withUnit(HierarchyRollUpTest.enterprise(CLEAN, "370211P01"))
                .withUnit(HierarchyRollUpTest.enterprise(DIRTY, "370211P01"));
        List<Fact> facts = new ArrayList<>();
        for (int y = 2020; y <= 2025; y++) {
            enterpriseYear(facts, CLEAN, y, 10_000, 500 + y, 800, 0.5);
            enterpriseYear(facts, DIRTY, y, 10_000, 4000 - y, 12_000, 60);
        }
        IndicatorTable table = new IndicatorTable(facts, CATALOGUE, units, 2020);
        // 2022 provisional, 2025 not yet begun for this evaluation: the 2024 panel is 2020, 2021, 2023 and 2024
        List<Integer> window = YearStates.window(2020, 2024, Set.of(2020, 2021, 2023, 2024, 2025));
        UnitSynergyCalculator.Evaluation e = UnitSynergyCalculator.evaluate(
                table,
                units.enterprises(),
                window,
                2024,
                ids("PI-SO2", "PI-NOX", "PI-PM", "PI-VOCS"),
                ids("CI", "EI"),
                SynergyOptions.defaults(),
                new UnitSynergyCalculator.NearZero(0.001, 0.2),
                List.of("PI-SO2", "PI-NOX", "PI-PM", "PI-VOCS"),
                "CI");
        assertThat(e.samples())
                .containsExactlyInAnyOrder(
                        CLEAN + "/2020",
                        CLEAN + "/2021",
                        CLEAN + "/2023",
                        CLEAN + "/2024",
                        DIRTY + "/2020",
                        DIRTY + "/2021",
                        DIRTY + "/2023",
                        DIRTY + "/2024");
        assertThat(e.units()).allMatch(UnitSynergyCalculator.UnitRow::computable);
    }
}
