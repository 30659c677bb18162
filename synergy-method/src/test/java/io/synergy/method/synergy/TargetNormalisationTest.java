package io.synergy.method.synergy;

import static io.synergy.model.catalogue.Direction.HIGHER;
import static io.synergy.model.catalogue.Direction.LOWER;
import static io.synergy.model.catalogue.Subsystem.CARBON;
import static io.synergy.model.catalogue.Subsystem.POLLUTION;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.synergy.model.catalogue.Direction;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Target-anchored normalisation (docs/method.md §3) and why both modes exist. */
class TargetNormalisationTest {

    private static final double EPS = 1e-4;
    private static final SynergyOptions TARGET = SynergyOptions.defaults().withNormalisation(Normalisation.TARGET);

    /** The worked example's series (docs/method.md §5) anchored at their 2020 value, with its targets (NOx: 44000). */
    private static List<IndicatorSeries> anchoredSpecSeries(int years) {
        Map<String, Double> targets =
                Map.of("A1", 97.0, "W1", 92.0, "EM-NOX", 44000.0, "E1", 15.0, "E2", 295.0, "T1", 70.0);
        return TestVectors.SPEC_SERIES.stream()
                .map(s -> new IndicatorSeries(
                        s.id(),
                        s.subsystem(),
                        s.direction(),
                        Arrays.copyOf(s.values(), years),
                        s.value(0),
                        targets.get(s.id())))
                .toList();
    }

    private static SynergyEvaluation evaluate(int years, SynergyOptions options) {
        return SynergyCalculator.evaluate(TestVectors.SPEC_YEARS.subList(0, years), anchoredSpecSeries(years), options);
    }

    @ParameterizedTest(name = "{0} b={1} g={2} x={3} → x'' = {4} + ε")
    @CsvSource({
        "HIGHER, 9.2,   15,    9.0,   0.0",
        "HIGHER, 9.2,   15,    12.1,  0.5",
        "HIGHER, 9.2,   15,    15.0,  1.0",
        "HIGHER, 9.2,   15,    16.0,  1.0",
        "LOWER,  52000, 44000, 53000, 0.0",
        "LOWER,  52000, 44000, 48000, 0.5",
        "LOWER,  52000, 44000, 43000, 1.0",
    })
    void shareOfTheWayToTheTargetClampedToZeroOnePlusEpsilon(String dir, double b, double g, double x, double share) {
        IndicatorSeries s = new IndicatorSeries("X", POLLUTION, Direction.valueOf(dir), new double[] {x}, b, g);
        assertThat(SynergyCalculator.normalise(s, TARGET)[0]).isCloseTo(share + EPS, within(1e-12));
    }

    @Test
    void targetEqualToBaselineIsReadAsCompliance() {
        // W2 零填埋: baseline 0, target 0 — (x − b)/(g − b) is 0/0; meeting the target scores 1 + ε, else ε.
        IndicatorSeries w2 = new IndicatorSeries("W2", POLLUTION, LOWER, new double[] {0, 1200, 0}, 0.0, 0.0);
        assertThat(SynergyCalculator.normalise(w2, TARGET)).containsExactly(1 + EPS, EPS, 1 + EPS);
    }

    @Test
    void indicatorWithoutBaselineOrTargetIsExcludedFromATargetEvaluationOnly() {
        List<IndicatorSeries> series = List.of(
                new IndicatorSeries("A1", POLLUTION, HIGHER, new double[] {92, 96.3}, 92.0, 97.0),
                new IndicatorSeries("W1", POLLUTION, HIGHER, new double[] {85, 91}, null, 92.0),
                new IndicatorSeries("E1", CARBON, HIGHER, new double[] {9.2, 13.7}, 9.2, 15.0),
                new IndicatorSeries("E2", CARBON, LOWER, new double[] {305, 297.2}, 305.0, null));
        List<String> years = List.of("2020", "2024");

        SynergyEvaluation target = SynergyCalculator.evaluate(years, series, TARGET);
        assertThat(target.excluded())
                .containsExactly(
                        new Excluded("W1", "no baseline for target normalisation"),
                        new Excluded("E2", "no target for target normalisation"));
        assertThat(target.normalisation()).isEqualTo(Normalisation.TARGET);

        SynergyEvaluation range = SynergyCalculator.evaluate(years, series, SynergyOptions.defaults());
        assertThat(range.excluded()).isEmpty();
    }

    @Test
    void nothingMovedYetGivesEqualWeights() {
        // In the base year every anchored indicator is at 0 + ε: no variation, Σd = 0 → equal weights.
        SynergyEvaluation e = SynergyCalculator.evaluate(
                List.of("2020a", "2020b"),
                List.of(
                        new IndicatorSeries("A1", POLLUTION, HIGHER, new double[] {92, 92}, 92.0, 97.0),
                        new IndicatorSeries("W1", POLLUTION, HIGHER, new double[] {85, 84}, 85.0, 92.0),
                        new IndicatorSeries("E1", CARBON, HIGHER, new double[] {9.2, 13.7}, 9.2, 15.0)),
                TARGET);
        assertThat(e.weightsOf(POLLUTION).orElseThrow().method()).isEqualTo(WeightMethod.EQUAL);
        assertThat(e.weightsOf(POLLUTION).orElseThrow().weights().values()).containsOnly(0.5);
    }

    @Test
    void targetModeScoresOfEarlierYearsDoNotChangeWhenAYearIsAdded() {
        SynergyOptions fixed =
                TARGET.withFixedWeights(Map.of("A1", 1.0, "W1", 1.0, "EM-NOX", 1.0, "E1", 1.0, "E2", 1.0, "T1", 1.0));
        SynergyEvaluation fourYears = evaluate(4, fixed);
        SynergyEvaluation fiveYears = evaluate(5, fixed);

        assertThat(fiveYears.scores().subList(0, 4)).isEqualTo(fourYears.scores());
    }

    @Test
    void targetModeNormalisedValuesAreStableEvenWithEntropyWeights() {
        // x' depends only on the sample itself; entropy weights, however, are computed over all samples and so
        // move when a year is added — full stability of U/D needs fixed weights (see the test above).
        SynergyEvaluation fourYears = evaluate(4, TARGET);
        SynergyEvaluation fiveYears = evaluate(5, TARGET);

        fourYears
                .normalised()
                .forEach((id, x) -> assertThat(
                                Arrays.copyOf(fiveYears.normalised().get(id), 4))
                        .containsExactly(x));
        assertThat(fiveYears.weightsOf(CARBON).orElseThrow().weights())
                .isNotEqualTo(fourYears.weightsOf(CARBON).orElseThrow().weights());
    }

    @Test
    void rangeModeScoresOfEarlierYearsChangeWhenAYearIsAdded() {
        // Why the target mode exists: range normalisation rescales every year against the window's min and max,
        // so adding 2024 (the new best year) lowers 2023's scores even with fixed weights.
        SynergyOptions fixed = SynergyOptions.defaults()
                .withFixedWeights(Map.of("A1", 1.0, "W1", 1.0, "EM-NOX", 1.0, "E1", 1.0, "E2", 1.0, "T1", 1.0));
        SynergyEvaluation fourYears = evaluate(4, fixed);
        SynergyEvaluation fiveYears = evaluate(5, fixed);

        assertThat(fourYears.scores().get(3).d())
                .as("2023 is the best year of 2020–2023")
                .isCloseTo(Math.sqrt(1 + EPS), within(1e-12));
        assertThat(fiveYears.scores().get(3).d())
                .isLessThan(fourYears.scores().get(3).d() - 0.05);
    }

    @Test
    void targetModeReadsAsShareOfTheWayToThePlanTarget() {
        SynergyOptions equalFixed =
                TARGET.withFixedWeights(Map.of("A1", 1.0, "W1", 1.0, "EM-NOX", 1.0, "E1", 1.0, "E2", 1.0, "T1", 1.0));
        SampleScore y2024 = evaluate(5, equalFixed).scores().get(4);
        // 2024 completions: A1 0.86, W1 0.857143, NOx 1 (at target) | E1 0.775862, E2 0.78, T1 0.75.
        assertThat(y2024.u1()).isCloseTo((0.86 + 6.0 / 7 + 1.0) / 3 + EPS, within(1e-9));
        assertThat(y2024.u2()).isCloseTo((4.5 / 5.8 + 0.78 + 0.75) / 3 + EPS, within(1e-9));
    }
}
