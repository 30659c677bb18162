package io.synergy.method.results;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.synergy.method.attainment.AttainmentStatus;
import io.synergy.model.catalogue.Catalogue;
import io.synergy.model.event.TargetEvent;
import io.synergy.model.orgunit.OrgUnits;
import io.synergy.model.target.Allocation;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Attainment judged against the target that applies to each unit and year (issue 15, docs/method.md §6): the plan's by
 * the catalogue's defaults, an allocation where one is in force, no verdict where none applies.
 */
class TargetAttainmentTest {

    static final Catalogue CATALOGUE = Catalogue.load();
    static final OrgUnits UNITS = OrgUnits.load();
    static final String SHINAN = "370202";
    static final String PINGDU = "370283";
    static final String PLAN = "青环发〔2024〕18号";

    /** Two districts with the same figures: 市南 (in 中心城区) and 平度 (outside it). */
    static List<Fact> facts() {
        List<Fact> facts = new ArrayList<>();
        double[] e1 = {9.2, 10.1, 11.8, 12.9, 13.7};
        double[] t1 = {60, 61.5, 63, 66.2, 67.5};
        double[] nox = {52000, 49800, 47100, 46200, 44000};
        for (String d : List.of(SHINAN, PINGDU)) {
            for (int k = 0; k < 5; k++) {
                int y = 2020 + k;
                facts.add(new Fact("E1", d, y, e1[k], e1[k] * 100, 10_000.0, true));
                facts.add(new Fact("T1", d, y, t1[k], t1[k] * 1e4, 1e6, true));
                facts.add(new Fact("energy.emissions.nox", d, y, nox[k], nox[k], null, true));
            }
        }
        return facts;
    }

    static final IndicatorTable TABLE = new IndicatorTable(facts(), CATALOGUE, UNITS, 2020);

    static UnitYearResult.AttainmentRow row(List<UnitYearResult> results, String unit, int year, String indicator) {
        return results.stream()
                .filter(r -> r.orgUnit().equals(unit) && r.year() == year)
                .findFirst()
                .orElseThrow()
                .attainment()
                .stream()
                .filter(a -> a.indicator().equals(indicator))
                .findFirst()
                .orElseThrow();
    }

    static UnitYearResult result(List<UnitYearResult> results, String unit, int year) {
        return results.stream()
                .filter(r -> r.orgUnit().equals(unit) && r.year() == year)
                .findFirst()
                .orElseThrow();
    }

    static List<UnitYearResult> compute(TargetAllocations allocations) {
        return new ResultCalculator(CATALOGUE, UNITS, MethodSettings.defaults(), allocations).compute(TABLE, Map.of());
    }

    static Allocation allocation(String effectiveFrom, double value, int targetYear, String document) {
        return new Allocation(
                LocalDate.parse(effectiveFrom),
                value,
                targetYear,
                document,
                "planner-1",
                Instant.parse("2026-11-30T10:00:00Z"));
    }

    @Test
    void t1IsJudgedInTheCentralUrbanAreaOnlyUnlessAllocated() {
        List<UnitYearResult> results = compute(TargetAllocations.NONE);
        UnitYearResult.AttainmentRow shinan = row(results, SHINAN, 2024, "T1");
        assertThat(shinan.targetSource()).isEqualTo("PLAN");
        assertThat(shinan.targetDocument()).isEqualTo(PLAN);
        assertThat(shinan.target()).isEqualTo(70.0);
        assertThat(shinan.status()).isEqualTo("LAGGING");

        UnitYearResult.AttainmentRow pingdu = row(results, PINGDU, 2024, "T1");
        assertThat(pingdu.targetSource()).isEqualTo("NONE");
        assertThat(pingdu.status()).isEqualTo(UnitYearResult.AttainmentRow.NO_TARGET);
        assertThat(pingdu.target()).isNull();
        assertThat(pingdu.targetDocument()).isNull();
        assertThat(pingdu.completion()).isNull();
        assertThat(pingdu.projection()).isNull();
        // the figure is still shown: only the verdict is withheld
        assertThat(pingdu.value()).isEqualTo(67.5);

        // no verdict is no failure: the summary counts only the indicators judged
        UnitYearResult p = result(results, PINGDU, 2024);
        long judged = p.attainment().stream()
                .filter(a -> !a.targetSource().equals("NONE"))
                .count();
        int counted = p.summary().counts().values().stream()
                .mapToInt(Integer::intValue)
                .sum();
        assertThat(counted).isEqualTo((int) judged).isLessThan(p.attainment().size());
        assertThat(p.summary().count(AttainmentStatus.OFF_TRACK)).isZero();
    }

    @Test
    void anAbsoluteQuantityIsNoDistrictsTargetButPercentagesAreEveryDistricts() {
        List<UnitYearResult> results = compute(TargetAllocations.NONE);
        for (String district : List.of(SHINAN, PINGDU)) {
            assertThat(row(results, district, 2024, "E5-NOX").targetSource()).isEqualTo("NONE");
            assertThat(row(results, district, 2024, "E5-NOX").status())
                    .isEqualTo(UnitYearResult.AttainmentRow.NO_TARGET);
            assertThat(row(results, district, 2024, "E1").targetSource()).isEqualTo("PLAN");
            assertThat(row(results, district, 2024, "E1").status()).isEqualTo("LAGGING");
        }
        UnitYearResult.AttainmentRow city = row(results, "370200", 2024, "E5-NOX");
        assertThat(city.targetSource()).isEqualTo("PLAN");
        assertThat(city.provincialTarget()).isTrue();
        assertThat(city.targetDocument()).isEqualTo("鲁政字〔2022〕242号");
    }

    @Test
    void anAllocationGovernsItsUnitFromTheYearItIsInForceAndNoOtherUnit() {
        Map<String, List<Allocation>> byKey = new HashMap<>();
        byKey.put(TargetEvent.key("T1", PINGDU), List.of(allocation("2023-03-01", 66, 2025, "平政发〔2023〕5号")));
        byKey.put(TargetEvent.key("E1", SHINAN), List.of(allocation("2022-01-15", 13, 2024, "市南政发〔2022〕7号")));
        List<UnitYearResult> allocated = compute(new TargetAllocations(byKey));
        List<UnitYearResult> plan = compute(TargetAllocations.NONE);

        // 平度's T1: none before the document is in force, the allocated 66 % from 2023 on
        assertThat(row(allocated, PINGDU, 2022, "T1").targetSource()).isEqualTo("NONE");
        UnitYearResult.AttainmentRow t1 = row(allocated, PINGDU, 2024, "T1");
        assertThat(t1.targetSource()).isEqualTo("ALLOCATED");
        assertThat(t1.targetDocument()).isEqualTo("平政发〔2023〕5号");
        assertThat(t1.target()).isEqualTo(66.0);
        assertThat(t1.status()).isEqualTo("ACHIEVED");

        // 市南's E1: 13 % by 2024 instead of the plan's 15 % by 2025
        UnitYearResult.AttainmentRow e1 = row(allocated, SHINAN, 2024, "E1");
        assertThat(e1.targetSource()).isEqualTo("ALLOCATED");
        assertThat(e1.target()).isEqualTo(13.0);
        assertThat(e1.targetYear()).isEqualTo(2024);
        assertThat(e1.status()).isEqualTo("ACHIEVED");
        assertThat(row(plan, SHINAN, 2024, "E1").status()).isEqualTo("LAGGING");
        assertThat(row(allocated, SHINAN, 2021, "E1").targetSource()).isEqualTo("PLAN");

        // every other unit's results are those of the plan alone
        for (UnitYearResult r : plan) {
            if (!r.orgUnit().equals(PINGDU) && !r.orgUnit().equals(SHINAN)) {
                assertThat(result(allocated, r.orgUnit(), r.year()))
                        .usingRecursiveComparison()
                        .isEqualTo(r);
            }
        }
        assertThat(result(allocated, PINGDU, 2024).synergy())
                .usingRecursiveComparison()
                .isEqualTo(result(plan, PINGDU, 2024).synergy());
    }

    @Test
    void aUnitComputedAloneIsComputedAsInTheWhole() {
        Map<String, List<Allocation>> byKey =
                Map.of(TargetEvent.key("T1", PINGDU), List.of(allocation("2023-03-01", 66, 2025, "平政发〔2023〕5号")));
        ResultCalculator calculator =
                new ResultCalculator(CATALOGUE, UNITS, MethodSettings.defaults(), new TargetAllocations(byKey));
        YearStates states = calculator.yearStates(TABLE, Map.of());
        List<UnitYearResult> alone = calculator.computeYear(TABLE, 2024, states, Set.of(PINGDU));
        assertThat(alone).hasSize(1);
        assertThat(alone.get(0))
                .usingRecursiveComparison()
                .isEqualTo(result(calculator.computeYear(TABLE, 2024, states), PINGDU, 2024));
        List<UnitYearResult> city = calculator.computeYear(TABLE, 2024, states, Set.of("370200"));
        assertThat(city).hasSize(1);
        assertThat(city.get(0))
                .usingRecursiveComparison()
                .isEqualTo(result(calculator.computeYear(TABLE, 2024, states), "370200", 2024));
    }

    @Test
    void aTargetDueByTheBaseYearIsJudgedAsMetOrNot() {
        Map<String, List<Allocation>> byKey =
                Map.of(TargetEvent.key("E1", PINGDU), List.of(allocation("2020-01-01", 12, 2020, "平政发〔2020〕1号")));
        List<UnitYearResult> results = compute(new TargetAllocations(byKey));
        assertThat(row(results, PINGDU, 2022, "E1").status()).isEqualTo("OFF_TRACK");
        assertThat(row(results, PINGDU, 2023, "E1").status()).isEqualTo("ACHIEVED");
        assertThat(row(results, PINGDU, 2023, "E1").timeProgress()).isNull();
    }

    @Test
    void aConfiguredProvincialValueIsThePlansTargetAndOnlyProvincialOnesMayBeConfigured() {
        MethodSettings d = MethodSettings.defaults();
        MethodSettings e5 = new MethodSettings(
                d.baseYear(),
                d.alpha(),
                d.beta(),
                d.lagThreshold(),
                d.pollutionIndicators(),
                d.carbonIndicators(),
                Map.of("E5-NOX", 8700.0),
                d.tolerances(),
                d.fixedWeights());
        List<UnitYearResult> results = new ResultCalculator(CATALOGUE, UNITS, e5).compute(TABLE, Map.of());
        assertThat(row(results, "370200", 2024, "E5-NOX").target()).isEqualTo(8700.0);
        assertThat(row(results, "370200", 2024, "E5-NOX").targetDocument()).isEqualTo("鲁政字〔2022〕242号");

        MethodSettings e1 = new MethodSettings(
                d.baseYear(),
                d.alpha(),
                d.beta(),
                d.lagThreshold(),
                d.pollutionIndicators(),
                d.carbonIndicators(),
                Map.of("E1", 16.0),
                d.tolerances(),
                d.fixedWeights());
        assertThatThrownBy(() -> new ResultCalculator(CATALOGUE, UNITS, e1))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("E1")
                .hasMessageContaining("not a provincial target");
    }
}
