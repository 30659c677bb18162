package io.synergy.sector.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.synergy.model.catalogue.Aggregation;
import io.synergy.model.catalogue.Catalogue;
import io.synergy.model.catalogue.Sector;
import io.synergy.model.orgunit.OrgUnit;
import io.synergy.model.orgunit.OrgUnitDetails;
import io.synergy.model.orgunit.OrgUnitLevel;
import io.synergy.model.orgunit.OrgUnits;
import io.synergy.model.period.Period;
import io.synergy.sector.compute.PeriodRollUp.PeriodValue;
import io.synergy.sector.model.UnitYear;
import io.synergy.sector.model.ValueKey;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/** The rules on the combined state, without a database: what is broken, where, by which reports — and what is not judged. */
class CombinedStateRulesTest {

    private static final String TOTAL = "energy.primary.total";
    private static final String NONFOSSIL = "energy.primary.nonfossil";
    private static final String DISTRICT = "370211";
    private static final String PARK = "370211P01";
    private static final String IN_PARK = "91370211MA3D00101W";
    private static final String DIRECT = "91370211MA3D00102U";

    private final CombinedStateRules rules = new CombinedStateRules(Catalogue.load(), Sector.ENERGY);
    private final OrgUnits units = OrgUnits.load()
            .withUnit(new OrgUnit(PARK, OrgUnitLevel.PARK, "园区", "park", List.of(), DISTRICT, null))
            .withUnit(enterprise(IN_PARK, PARK))
            .withUnit(enterprise(DIRECT, DISTRICT));
    private final Map<UnitYear, Map<String, List<PeriodValue>>> state = new HashMap<>();

    private static OrgUnit enterprise(String code, String parent) {
        return new OrgUnit(
                code,
                OrgUnitLevel.ENTERPRISE,
                "企业",
                "enterprise",
                List.of(),
                parent,
                new OrgUnitDetails("C", "26", Set.of(), false));
    }

    private void put(String unit, String period, String element, double value, String reportId) {
        Period p = Period.parse(period);
        state.computeIfAbsent(new UnitYear(unit, p.year()), k -> new HashMap<>())
                .computeIfAbsent(element, k -> new ArrayList<>())
                .add(new PeriodValue(p, value, reportId));
    }

    @Test
    void aPartFromOneReportAboveAWholeFromAnotherIsBroken() {
        put(DISTRICT, "2024", NONFOSSIL, 283_921.21, "a");
        put(DISTRICT, "2024", TOTAL, 1, "b");
        List<CombinedStateRules.Violation> v = rules.check(state, Set.of(new ValueKey(DISTRICT, TOTAL, 2024)), units);
        assertThat(v).singleElement().satisfies(x -> {
            assertThat(x.rule()).isEqualTo("nonfossil-within-total");
            assertThat(x.period()).isEqualTo(Period.year(2024));
            assertThat(x.part().reportIds()).containsExactly("a");
            assertThat(x.whole().reportIds()).containsExactly("b");
            assertThat(x.message()).contains(NONFOSSIL, "283921.21", TOTAL, "1.0", "a", "b", "370211");
        });
    }

    @Test
    void onlyWhatTheRequestTouchedIsJudged() {
        put(DISTRICT, "2024", NONFOSSIL, 500, "a");
        put(DISTRICT, "2024", TOTAL, 100, "b");
        put(DISTRICT, "2024", "energy.gdp", 7, "c");
        assertThat(rules.check(state, Set.of(new ValueKey(DISTRICT, "energy.gdp", 2024)), units))
                .isEmpty();
        assertThat(rules.check(state, Set.of(new ValueKey(DISTRICT, NONFOSSIL, 2024)), units))
                .hasSize(1);
    }

    @Test
    void everyLevelOfTheRollUpIsChecked() {
        put(DISTRICT, "2024", TOTAL, 1000, "year");
        put(DISTRICT, "2024Q1", TOTAL, 15, "q1");
        put(DISTRICT, "2024-01", NONFOSSIL, 10, "jan");
        put(DISTRICT, "2024-02", NONFOSSIL, 10, "feb");
        List<CombinedStateRules.Violation> v =
                rules.check(state, Set.of(new ValueKey(DISTRICT, NONFOSSIL, 2024)), units);
        assertThat(v).singleElement().satisfies(x -> {
            assertThat(x.period()).hasToString("2024Q1");
            assertThat(x.part().value()).isEqualTo(20.0);
            assertThat(x.part().reportIds()).containsExactly("jan", "feb");
            assertThat(x.whole().reportIds()).containsExactly("q1");
        });
    }

    @Test
    void monthsAddUpAgainstTheYearsWhole() {
        put(DISTRICT, "2024", TOTAL, 120, "year");
        for (int m = 1; m <= 11; m++) {
            put(DISTRICT, String.format("2024-%02d", m), NONFOSSIL, 10, "m" + m);
        }
        put(DISTRICT, "2024-12", NONFOSSIL, 10, "m12");
        assertThat(rules.check(state, Set.of(new ValueKey(DISTRICT, NONFOSSIL, 2024)), units))
                .as("a part equal to its whole")
                .isEmpty();
        state.get(new UnitYear(DISTRICT, 2024))
                .get(NONFOSSIL)
                .removeIf(x -> x.reportId().equals("m12"));
        put(DISTRICT, "2024-12", NONFOSSIL, 10.5, "m12");
        assertThat(rules.check(state, Set.of(new ValueKey(DISTRICT, NONFOSSIL, 2024)), units))
                .singleElement()
                .satisfies(x -> {
                    assertThat(x.period()).isEqualTo(Period.year(2024));
                    assertThat(x.part().value()).isEqualTo(120.5);
                    assertThat(x.part().reportIds())
                            .hasSize(12)
                            .startsWith("m1")
                            .endsWith("m12");
                });
    }

    @Test
    void theEnterprisesOfADistrictStayWithinItsCompleteOwnTotal() {
        put(DISTRICT, "2024", TOTAL, 1000, "district");
        put(IN_PARK, "2024", TOTAL, 600, "e1");
        put(DIRECT, "2024", TOTAL, 400, "e2");
        Set<ValueKey> touched = Set.of(new ValueKey(DIRECT, TOTAL, 2024));
        // the district's own values and the touched enterprise's, not the district's other enterprises (issue 19)
        assertThat(rules.reads(touched, units))
                .containsExactlyInAnyOrder(new UnitYear(DISTRICT, 2024), new UnitYear(DIRECT, 2024));
        assertThat(rules.check(state, touched, units)).isEmpty();

        state.get(new UnitYear(DIRECT, 2024)).get(TOTAL).clear();
        put(DIRECT, "2024", TOTAL, 401, "e2");
        List<CombinedStateRules.Violation> v = rules.check(state, touched, units);
        assertThat(v).singleElement().satisfies(x -> {
            assertThat(x.rule()).isEqualTo(CombinedStateRules.ENTERPRISES_RULE);
            assertThat(x.part().value()).isEqualTo(1001.0);
            assertThat(x.part().orgUnits()).containsExactlyInAnyOrder(IN_PARK, DIRECT);
            assertThat(x.whole().reportIds()).containsExactly("district");
            assertThat(x.orgUnits()).contains(DISTRICT, IN_PARK, DIRECT);
        });

        // a district total of part of the year holds nothing yet
        state.clear();
        put(DISTRICT, "2025-01", TOTAL, 10, "january");
        put(IN_PARK, "2025", TOTAL, 600, "e1");
        assertThat(rules.check(state, Set.of(new ValueKey(IN_PARK, TOTAL, 2025)), units))
                .isEmpty();
    }

    /**
     * What the store-backed check asks for a district's enterprises: one sum per district, data element and year with a
     * complete own total, and their values only when that sum reaches the total (issue 19).
     */
    @Test
    void theEnterprisesAreAskedForTheirSumAndTheirValuesOnlyWhenItReachesTheTotal() {
        put(DISTRICT, "2024", TOTAL, 1000, "district");
        put(IN_PARK, "2024-01", TOTAL, 100, "e1-january");
        put(IN_PARK, "2024Q1", TOTAL, 300, "e1-q1");
        put(IN_PARK, "2024-04", TOTAL, 50, "e1-april");
        put(DIRECT, "2024", TOTAL, 400, "e2");
        Set<ValueKey> touched = Set.of(new ValueKey(DIRECT, TOTAL, 2024));
        Counting below = new Counting();
        assertThat(rules.check(state, touched, units, below)).isEmpty();
        assertThat(below.sums).containsExactly(Map.of(new ValueKey(DISTRICT, TOTAL, 2024), List.of(IN_PARK, DIRECT)));
        assertThat(below.valueQuestions).isZero();

        // the quarter covers January: 300 + 50 + 651 = 1001 > 1000, found from the sum and named from the values
        state.get(new UnitYear(DIRECT, 2024)).get(TOTAL).clear();
        put(DIRECT, "2024", TOTAL, 651, "e2");
        Counting above = new Counting();
        assertThat(rules.check(state, touched, units, above)).singleElement().satisfies(v -> {
            assertThat(v.part().value()).isEqualTo(1001.0);
            assertThat(v.part().reportIds()).containsExactly("e1-q1", "e1-april", "e2");
        });
        assertThat(above.valueQuestions).isOne();

        // a district without a complete own total is not asked about at all
        state.remove(new UnitYear(DISTRICT, 2024));
        put(DISTRICT, "2024-01", TOTAL, 10, "district-january");
        Counting partial = new Counting();
        assertThat(rules.check(state, touched, units, partial)).isEmpty();
        assertThat(partial.sums).isEmpty();
    }

    @Test
    void aSumWithinRoundingOfTheTotalIsJudgedOnTheValues() {
        assertThat(CombinedStateRules.mayExceed(1000.0000000001, 1000)).isTrue();
        assertThat(CombinedStateRules.mayExceed(999.9999999999, 1000)).isTrue();
        assertThat(CombinedStateRules.mayExceed(1000, 1000)).isTrue();
        assertThat(CombinedStateRules.mayExceed(999.99, 1000)).isFalse();
        assertThat(CombinedStateRules.mayExceed(0, 0)).isTrue();
        assertThat(CombinedStateRules.mayExceed(0, 1e-6)).isFalse();
    }

    /** The in-memory answers, counting the questions. */
    private final class Counting implements CombinedStateRules.EnterpriseValues {
        final List<Map<ValueKey, List<String>>> sums = new ArrayList<>();
        int valueQuestions;

        @Override
        public Map<ValueKey, Double> yearSums(
                Map<ValueKey, List<String>> orgUnits, Function<String, Aggregation> aggregation) {
            sums.add(Map.copyOf(orgUnits));
            return CombinedStateRules.inMemory(state).yearSums(orgUnits, aggregation);
        }

        @Override
        public Map<UnitYear, Map<String, List<PeriodValue>>> values(
                List<String> orgUnits, String dataElement, int year) {
            valueQuestions++;
            return state;
        }
    }
}
