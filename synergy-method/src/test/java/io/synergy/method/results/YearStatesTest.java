package io.synergy.method.results;

import static io.synergy.method.results.CityFacts.CATALOGUE;
import static io.synergy.method.results.CityFacts.UNITS;
import static org.assertj.core.api.Assertions.assertThat;

import io.synergy.model.catalogue.Indicator;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The year-completeness function and the window rule (docs/method.md §3, "Complete years and the provisional year"). */
class YearStatesTest {

    private static final List<Indicator> SET =
            new ResultCalculator(CATALOGUE, UNITS, MethodSettings.defaults()).synergySet();

    private static YearStates assess(List<Fact> facts, Map<Integer, YearState> recorded) {
        return YearStates.assess(new IndicatorTable(facts, CATALOGUE, UNITS, 2020), SET, UNITS, recorded);
    }

    @Test
    void theWindowHoldsTheSettledYearsUpToTheYearAndTheYearItself() {
        Set<Integer> settled = Set.of(2020, 2021, 2022, 2024);
        assertThat(YearStates.window(2020, 2022, settled)).containsExactly(2020, 2021, 2022);
        // a provisional year between settled ones: scored against the settled years before it, in nobody else's window
        assertThat(YearStates.window(2020, 2023, settled)).containsExactly(2020, 2021, 2022, 2023);
        assertThat(YearStates.window(2020, 2024, settled)).containsExactly(2020, 2021, 2022, 2024);
        assertThat(YearStates.window(2020, 2025, settled)).containsExactly(2020, 2021, 2022, 2024, 2025);
        // a later settled year never reaches back into an earlier window
        assertThat(YearStates.window(2020, 2021, settled)).containsExactly(2020, 2021);
        // before the base year there is no window; a settled year before the base year is not a sample
        assertThat(YearStates.window(2020, 2019, settled)).isEmpty();
        assertThat(YearStates.window(2020, 2021, Set.of(2018, 2020))).containsExactly(2020, 2021);
        // nothing settled yet: the year alone (one sample, so not computable)
        assertThat(YearStates.window(2020, 2025, Set.of())).containsExactly(2025);
    }

    @Test
    void aYearWithEveryIndicatorCompleteForTheCityIsComplete() {
        YearStates states = assess(CityFacts.years(2020, 2021), Map.of());
        YearAssessment a = states.get(2021).orElseThrow();
        assertThat(a.coverage()).isEqualTo(new YearCoverage(YearState.COMPLETE, 19, 19, 10, 10));
        assertThat(a.missing()).isEmpty();
        assertThat(a.excluded()).isEmpty();
        assertThat(states.settled()).containsExactly(2020, 2021);
        assertThat(states.window(2021)).containsExactly(2020, 2021);
    }

    @Test
    void aDistrictMissingMakesTheYearProvisionalAndSaysWhat() {
        // 370285 has reported nothing of its transport in 2021
        List<Fact> facts = CityFacts.years(
                2020, 2021, f -> !(f.year() == 2021 && f.orgUnit().equals("370285") && isTransport(f.code())));
        YearAssessment a = assess(facts, Map.of()).get(2021).orElseThrow();
        assertThat(a.state()).isEqualTo(YearState.PROVISIONAL);
        assertThat(a.coverage().districtsIn()).isEqualTo(9);
        // T2, T3 and the emission totals (transport's emissions are in every EM-*) miss 370285; T1 is the central
        // area's
        List<String> incomplete =
                a.missing().stream().map(YearAssessment.Missing::indicator).toList();
        assertThat(incomplete).contains("T2", "T3", "EM-CO2", "EM-NOX").doesNotContain("T1", "E1", "A1");
        assertThat(a.coverage().indicatorsIn()).isEqualTo(19 - incomplete.size());
        assertThat(a.missing().stream()
                        .filter(m -> m.indicator().equals("T2"))
                        .findFirst()
                        .orElseThrow()
                        .missing())
                .containsExactly("370285");
        // every indicator still has a city value (nine districts), so a window containing 2021 leaves nothing out
        assertThat(a.excluded()).isEmpty();
    }

    @Test
    void theCentralUrbanScopeDecidesT1() {
        // a district outside the central urban area without T1: the city's T1 (over central-urban) is still complete
        List<Fact> facts = CityFacts.years(
                2020, 2020, f -> !(f.code().equals("T1") && f.orgUnit().equals("370285")));
        YearAssessment a = assess(facts, Map.of()).get(2020).orElseThrow();
        assertThat(a.state()).isEqualTo(YearState.COMPLETE);
        assertThat(a.coverage().districtsIn()).isEqualTo(10);
        // one of the central urban area without it: not complete
        facts = CityFacts.years(
                2020, 2020, f -> !(f.code().equals("T1") && f.orgUnit().equals("370202")));
        a = assess(facts, Map.of()).get(2020).orElseThrow();
        assertThat(a.state()).isEqualTo(YearState.PROVISIONAL);
        assertThat(a.missing()).containsExactly(new YearAssessment.Missing("T1", List.of("370202")));
        assertThat(a.coverage().districtsIn()).isEqualTo(9);
    }

    @Test
    void aPartialYearListsWhatItsWindowsWillLeaveOut() {
        // two districts have reported some 2025 energy data, nothing else
        List<Fact> facts = new ArrayList<>(CityFacts.years(2020, 2024));
        CityFacts.year(2025).stream()
                .filter(f -> Set.of("370202", "370211").contains(f.orgUnit())
                        && f.code().startsWith("E"))
                .forEach(facts::add);
        YearStates states = assess(facts, Map.of());
        YearAssessment a = states.get(2025).orElseThrow();
        assertThat(a.coverage()).isEqualTo(new YearCoverage(YearState.PROVISIONAL, 0, 19, 0, 10));
        assertThat(a.excluded()).contains("A1", "W1", "T1", "EM-CO2").doesNotContain("E1", "E2");
        assertThat(states.settled()).containsExactly(2020, 2021, 2022, 2023, 2024);
        assertThat(states.latestSettled()).contains(2024);
        assertThat(states.window(2024)).containsExactly(2020, 2021, 2022, 2023, 2024);
        assertThat(states.window(2025)).containsExactly(2020, 2021, 2022, 2023, 2024, 2025);
    }

    @Test
    void recordedStatesStay() {
        // 2021 was recorded complete; a later revision marks a district's figure as part of the year: still complete
        List<Fact> facts = new ArrayList<>(CityFacts.years(
                2020,
                2021,
                f -> !(f.year() == 2021 && f.code().equals("A1") && f.orgUnit().equals("370211"))));
        Fact a1 = CityFacts.year(2021).stream()
                .filter(f -> f.code().equals("A1") && f.orgUnit().equals("370211"))
                .findFirst()
                .orElseThrow();
        facts.add(new Fact(a1.code(), a1.orgUnit(), a1.year(), a1.value(), a1.numerator(), a1.denominator(), false));
        assertThat(assess(facts, Map.of()).get(2021).orElseThrow().state()).isEqualTo(YearState.PROVISIONAL);
        YearAssessment recorded =
                assess(facts, Map.of(2021, YearState.COMPLETE)).get(2021).orElseThrow();
        assertThat(recorded.state()).isEqualTo(YearState.COMPLETE);
        // the counts still tell the truth of today
        assertThat(recorded.coverage().indicatorsIn()).isEqualTo(18);
        assertThat(recorded.missing())
                .containsExactly(new YearAssessment.Missing("A1", List.of("370211 (part of the year)")));

        // a closed year is settled with what it has
        List<Fact> partial = new ArrayList<>(CityFacts.years(2020, 2020));
        CityFacts.year(2021).stream().filter(f -> f.orgUnit().equals("370202")).forEach(partial::add);
        YearStates closed = assess(partial, Map.of(2021, YearState.CLOSED));
        assertThat(closed.get(2021).orElseThrow().state()).isEqualTo(YearState.CLOSED);
        assertThat(closed.settled()).containsExactly(2020, 2021);
        // PROVISIONAL is not a durable state: such a record is judged on the data
        assertThat(assess(partial, Map.of(2021, YearState.PROVISIONAL))
                        .get(2021)
                        .orElseThrow()
                        .state())
                .isEqualTo(YearState.PROVISIONAL);
    }

    private static boolean isTransport(String code) {
        return code.startsWith("T") || code.startsWith("transport.");
    }
}
