package io.synergy.method.synergy;

import static io.synergy.model.catalogue.Direction.HIGHER;
import static io.synergy.model.catalogue.Direction.LOWER;
import static io.synergy.model.catalogue.Subsystem.CARBON;
import static io.synergy.model.catalogue.Subsystem.POLLUTION;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import io.synergy.model.catalogue.Subsystem;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SynergyEdgeCasesTest {

    private static final SynergyOptions DEFAULTS = SynergyOptions.defaults();

    private static List<IndicatorSeries> specPlus(IndicatorSeries extra) {
        List<IndicatorSeries> series = new ArrayList<>(TestVectors.SPEC_SERIES);
        series.add(extra);
        return series;
    }

    @Test
    void constantIndicatorIsOneEverywhereWithWeightZeroAndTheOthersUnchanged() {
        SynergyEvaluation base = SynergyCalculator.evaluate(TestVectors.SPEC_YEARS, TestVectors.SPEC_SERIES, DEFAULTS);
        SynergyEvaluation withConstant = SynergyCalculator.evaluate(
                TestVectors.SPEC_YEARS, specPlus(new IndicatorSeries("W2", POLLUTION, LOWER, 0, 0, 0, 0, 0)), DEFAULTS);

        assertThat(withConstant.normalised().get("W2")).containsOnly(1.0);
        Map<String, Double> w = withConstant.weightsOf(POLLUTION).orElseThrow().weights();
        assertThat(w.get("W2")).isEqualTo(0.0);
        for (String id : List.of("A1", "W1", "EM-NOX")) {
            assertThat(w.get(id))
                    .isCloseTo(base.weightsOf(POLLUTION).orElseThrow().weights().get(id), within(1e-15));
        }
        for (int i = 0; i < 5; i++) {
            assertThat(withConstant.scores().get(i).d())
                    .isCloseTo(base.scores().get(i).d(), within(1e-15));
        }
    }

    @Test
    void missingValueExcludesTheIndicatorAndListsIt() {
        SynergyEvaluation e = SynergyCalculator.evaluate(
                TestVectors.SPEC_YEARS,
                specPlus(new IndicatorSeries("B1", CARBON, HIGHER, 5, 6, Double.NaN, 8, 9)),
                DEFAULTS);

        assertThat(e.computable()).isTrue();
        assertThat(e.excluded()).containsExactly(new Excluded("B1", "missing value for sample 2022"));
        assertThat(e.normalised()).doesNotContainKey("B1");
        assertThat(e.weightsOf(CARBON).orElseThrow().weights()).doesNotContainKey("B1");
        SynergyEvaluation base = SynergyCalculator.evaluate(TestVectors.SPEC_YEARS, TestVectors.SPEC_SERIES, DEFAULTS);
        assertThat(e.scores()).isEqualTo(base.scores());
    }

    @Test
    void fewerThanTwoSamplesIsNotComputableNeverZero() {
        SynergyEvaluation e = SynergyCalculator.evaluate(
                List.of("2024"),
                List.of(
                        new IndicatorSeries("A1", POLLUTION, HIGHER, 96.3),
                        new IndicatorSeries("E1", CARBON, HIGHER, 13.7)),
                DEFAULTS);

        assertThat(e.computable()).isFalse();
        assertThat(e.reason()).contains("fewer than 2 samples");
        assertThat(e.scores()).isEmpty();
        assertThat(e.weights()).isEmpty();
        assertThat(e.normalised()).isEmpty();
    }

    @Test
    void subsystemWithEveryIndicatorExcludedIsNotComputable() {
        List<String> years = List.of("2023", "2024");
        SynergyEvaluation e = SynergyCalculator.evaluate(
                years,
                List.of(
                        new IndicatorSeries("A1", POLLUTION, HIGHER, 95.6, 96.3),
                        new IndicatorSeries("E1", CARBON, HIGHER, Double.NaN, 13.7),
                        new IndicatorSeries("E2", CARBON, LOWER, 298, Double.NaN)),
                DEFAULTS);

        assertThat(e.computable()).isFalse();
        assertThat(e.reason()).isEqualTo("no indicator left in subsystem CARBON (降碳)");
        assertThat(e.excluded())
                .containsExactly(
                        new Excluded("E1", "missing value for sample 2023"),
                        new Excluded("E2", "missing value for sample 2024"));
        assertThat(e.scores()).isEmpty();
    }

    @Test
    void subsystemWithoutAnyIndicatorIsNotComputable() {
        SynergyEvaluation e = SynergyCalculator.evaluate(
                List.of("a", "b"), List.of(new IndicatorSeries("A1", POLLUTION, HIGHER, 1, 2)), DEFAULTS);
        assertThat(e.computable()).isFalse();
        assertThat(e.reason()).contains("CARBON");
    }

    @Test
    void equalWeightsWhenNothingInASubsystemVaries() {
        SynergyEvaluation e = SynergyCalculator.evaluate(
                List.of("2023", "2024"),
                List.of(
                        new IndicatorSeries("A1", POLLUTION, HIGHER, 95, 96),
                        new IndicatorSeries("E1", CARBON, HIGHER, 12, 12),
                        new IndicatorSeries("E2", CARBON, LOWER, 300, 300),
                        new IndicatorSeries("T1", CARBON, HIGHER, 66, 66),
                        new IndicatorSeries("B1", CARBON, HIGHER, 7, 7)),
                DEFAULTS);

        SubsystemWeights carbon = e.weightsOf(CARBON).orElseThrow();
        assertThat(carbon.method()).isEqualTo(WeightMethod.EQUAL);
        assertThat(carbon.weights().values()).containsOnly(0.25);
        assertThat(e.weightsOf(POLLUTION).orElseThrow().method()).isEqualTo(WeightMethod.ENTROPY);
        assertThat(e.scores()).extracting(SampleScore::u2).containsOnly(1.0);
    }

    @ParameterizedTest(name = "n = {0} samples")
    @CsvSource({"3", "5", "6", "7", "10", "12"})
    void constantIndicatorsGetExactlyZeroDespiteRounding(int n) {
        // 1 − (1/ln n)·Σ(1/n)·ln n is ±2.2e-16, not 0, for these n: without the explicit d = 0 for a constant
        // column, "nothing varies" would give weights that are ratios of rounding noise instead of 1/m.
        List<String> samples = new ArrayList<>();
        double[] varying = new double[n];
        double[] constant = new double[n];
        for (int i = 0; i < n; i++) {
            samples.add("s" + i);
            varying[i] = i * i;
            constant[i] = 7.5;
        }
        SynergyEvaluation e = SynergyCalculator.evaluate(
                samples,
                List.of(
                        new IndicatorSeries("P1", POLLUTION, HIGHER, varying),
                        new IndicatorSeries("P2", POLLUTION, HIGHER, constant),
                        new IndicatorSeries("C1", CARBON, HIGHER, constant),
                        new IndicatorSeries("C2", CARBON, LOWER, constant),
                        new IndicatorSeries("C3", CARBON, HIGHER, constant)),
                DEFAULTS);

        assertThat(e.weightsOf(POLLUTION).orElseThrow().weights())
                .containsExactly(Map.entry("P1", 1.0), Map.entry("P2", 0.0));
        SubsystemWeights carbon = e.weightsOf(CARBON).orElseThrow();
        assertThat(carbon.method()).isEqualTo(WeightMethod.EQUAL);
        assertThat(carbon.weights().values()).containsOnly(1.0 / 3);
    }

    @Test
    void fixedWeightsAreRenormalisedPerSubsystemOverIncludedIndicators() {
        List<IndicatorSeries> series = specPlus(new IndicatorSeries("B1", CARBON, HIGHER, 1, 2, Double.NaN, 4, 5));
        SynergyOptions fixed = DEFAULTS.withFixedWeights(
                Map.of("A1", 2.0, "W1", 1.0, "EM-NOX", 1.0, "E1", 1.0, "E2", 1.0, "T1", 2.0, "B1", 10.0));

        SynergyEvaluation e = SynergyCalculator.evaluate(TestVectors.SPEC_YEARS, series, fixed);

        assertThat(e.weights()).allSatisfy(w -> assertThat(w.method()).isEqualTo(WeightMethod.FIXED));
        assertThat(e.weightsOf(POLLUTION).orElseThrow().weights())
                .containsExactly(Map.entry("A1", 0.5), Map.entry("W1", 0.25), Map.entry("EM-NOX", 0.25));
        assertThat(e.weightsOf(CARBON).orElseThrow().weights())
                .containsExactly(Map.entry("E1", 0.25), Map.entry("E2", 0.25), Map.entry("T1", 0.5));
        double[] a1 = e.normalised().get("A1");
        double[] w1 = e.normalised().get("W1");
        double[] nox = e.normalised().get("EM-NOX");
        assertThat(e.scores().get(2).u1()).isCloseTo(0.5 * a1[2] + 0.25 * w1[2] + 0.25 * nox[2], within(1e-15));
    }

    @Test
    void fixedWeightsMissingForAnIncludedIndicatorAreRejectedByName() {
        SynergyOptions fixed = DEFAULTS.withFixedWeights(Map.of("A1", 1.0, "W1", 1.0, "E1", 1.0, "E2", 1.0, "T1", 1.0));
        assertThatThrownBy(() -> SynergyCalculator.evaluate(TestVectors.SPEC_YEARS, TestVectors.SPEC_SERIES, fixed))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("EM-NOX");
    }

    @ParameterizedTest(name = "alpha={0}, beta={1} is rejected")
    @CsvSource({"0.5, 0.6", "0.4, 0.4", "1.2, -0.2", "NaN, 0.5"})
    void alphaPlusBetaMustBeOne(double alpha, double beta) {
        assertThatThrownBy(() -> DEFAULTS.withAlphaBeta(alpha, beta)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void alphaPlusBetaAcceptsRoundingNoiseBelowOneBillionth() {
        // α and β typed or computed in decimal may miss 1 by a few ulps; 1e-9 accepts that, not a real error.
        SynergyOptions o = DEFAULTS.withAlphaBeta(0.4 + 1e-12, 0.6);
        assertThat(o.alpha() + o.beta()).isNotEqualTo(1.0);
        SynergyEvaluation e = SynergyCalculator.evaluate(TestVectors.SPEC_YEARS, TestVectors.SPEC_SERIES, o);
        SampleScore s = e.scores().get(2);
        assertThat(s.t()).isCloseTo(0.4 * s.u1() + 0.6 * s.u2(), within(1e-11));
        assertThatThrownBy(() -> DEFAULTS.withAlphaBeta(0.4 + 1e-8, 0.6)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void defaultsAreTheSpecDefaults() {
        assertThat(DEFAULTS)
                .isEqualTo(new SynergyOptions(Normalisation.RANGE, Coupling.STANDARD, 0.5, 0.5, 0.1, 0.0001, Map.of()));
    }

    @Test
    void lagThresholdIsConfigurable() {
        SynergyEvaluation wide = SynergyCalculator.evaluate(
                TestVectors.RESEARCH_YEARS, TestVectors.RESEARCH_SERIES, DEFAULTS.withLagThreshold(0.25));
        assertThat(wide.scores())
                .extracting(SampleScore::lag)
                .containsExactly(LagType.SYNCHRONOUS, LagType.SYNCHRONOUS, LagType.SYNCHRONOUS);
    }

    @Test
    void lagAtExactlyTheThresholdIsSynchronousDespiteRounding() {
        // 0.8 − 0.7 = 0.10000000000000009 in doubles, 0.1 in decimal: docs/method.md's "≤ 0.1" means synchronous.
        assertThat(0.8 - 0.7).isGreaterThan(0.1);
        assertThat(SynergyCalculator.score("s", 0.8, 0.7, DEFAULTS).lag()).isEqualTo(LagType.SYNCHRONOUS);
        assertThat(SynergyCalculator.score("s", 0.7, 0.8, DEFAULTS).lag()).isEqualTo(LagType.SYNCHRONOUS);
        assertThat(SynergyCalculator.score("s", 0.71, 0.6, DEFAULTS).lag()).isEqualTo(LagType.CARBON_LAGGING);
        assertThat(SynergyCalculator.score("s", 0.6, 0.71, DEFAULTS).lag()).isEqualTo(LagType.POLLUTION_LAGGING);
    }

    @Test
    void zeroSubsystemIndicesGiveZeroCouplingNotNaN() {
        SampleScore s = SynergyCalculator.score("s", 0, 0, DEFAULTS);
        assertThat(s.cStandard()).isZero();
        assertThat(s.cCorrected()).isZero();
        assertThat(s.d()).isZero();
        assertThat(s.grade()).isEqualTo(Grade.EXTREME_IMBALANCE);
    }

    @Test
    void districtPanelLabelsAreNotYears() {
        List<String> samples = List.of("370202/2023", "370203/2023", "370202/2024", "370203/2024");
        SynergyEvaluation e = SynergyCalculator.evaluate(
                samples,
                List.of(
                        new IndicatorSeries("W3", POLLUTION, HIGHER, 36, 33, 39, 35),
                        new IndicatorSeries("NOx", POLLUTION, LOWER, 5200, 6100, 5000, 5900),
                        new IndicatorSeries("E1", CARBON, HIGHER, 11, 9, 13, 10),
                        new IndicatorSeries("B1", CARBON, HIGHER, 6.5, 4.0, 7.8, 4.2)),
                DEFAULTS);

        assertThat(e.computable()).isTrue();
        assertThat(e.scores()).extracting(SampleScore::sample).containsExactlyElementsOf(samples);
        assertThat(e.scores().get(2).d()).isGreaterThan(e.scores().get(1).d());
    }

    @Test
    void invalidInputIsRejected() {
        List<IndicatorSeries> tooShort = List.of(new IndicatorSeries("A1", POLLUTION, HIGHER, 1, 2));
        assertThatThrownBy(() -> SynergyCalculator.evaluate(List.of("a", "b", "c"), tooShort, DEFAULTS))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("A1");
        assertThatThrownBy(() -> SynergyCalculator.evaluate(List.of("a", "a"), tooShort, DEFAULTS))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("duplicate sample");
        List<IndicatorSeries> duplicate = List.of(
                new IndicatorSeries("A1", POLLUTION, HIGHER, 1, 2), new IndicatorSeries("A1", CARBON, HIGHER, 1, 2));
        assertThatThrownBy(() -> SynergyCalculator.evaluate(List.of("a", "b"), duplicate, DEFAULTS))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("duplicate indicator");
    }

    @Test
    void seriesAndEvaluationAreImmutableValues() {
        double[] raw = {1, 2, 3};
        IndicatorSeries s = new IndicatorSeries("A1", Subsystem.POLLUTION, HIGHER, raw);
        raw[0] = 99;
        s.values()[1] = 99;
        assertThat(s.values()).containsExactly(1, 2, 3);
        assertThat(s)
                .isEqualTo(new IndicatorSeries("A1", Subsystem.POLLUTION, HIGHER, 1, 2, 3))
                .hasSameHashCodeAs(new IndicatorSeries("A1", Subsystem.POLLUTION, HIGHER, 1, 2, 3));
        assertThat(s.toString()).contains("[1.0, 2.0, 3.0]");

        SynergyEvaluation e = SynergyCalculator.evaluate(TestVectors.SPEC_YEARS, TestVectors.SPEC_SERIES, DEFAULTS);
        e.normalised().get("A1")[0] = 42;
        assertThat(e.normalised().get("A1")[0]).isNotEqualTo(42);
        assertThat(e).isEqualTo(SynergyCalculator.evaluate(TestVectors.SPEC_YEARS, TestVectors.SPEC_SERIES, DEFAULTS));
    }
}
