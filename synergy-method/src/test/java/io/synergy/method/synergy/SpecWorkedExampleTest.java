package io.synergy.method.synergy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.synergy.model.catalogue.Subsystem;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** docs/method.md §5 (the worked example), reproduced to 6 decimal places (|actual − printed| ≤ 5e-7). */
class SpecWorkedExampleTest {

    private static final double SIX_DP = 5e-7;
    private static SynergyEvaluation evaluation;

    @BeforeAll
    static void evaluate() {
        evaluation =
                SynergyCalculator.evaluate(TestVectors.SPEC_YEARS, TestVectors.SPEC_SERIES, SynergyOptions.defaults());
    }

    @Test
    void isComputableWithNothingExcluded() {
        assertThat(evaluation.computable()).isTrue();
        assertThat(evaluation.reason()).isNull();
        assertThat(evaluation.excluded()).isEmpty();
        assertThat(evaluation.normalisation()).isEqualTo(Normalisation.RANGE);
        assertThat(evaluation.coupling()).isEqualTo(Coupling.STANDARD);
        assertThat(evaluation.samples()).containsExactlyElementsOf(TestVectors.SPEC_YEARS);
    }

    @ParameterizedTest(name = "{0}: x'' = {1} {2} {3} {4} {5}, w = {6}")
    @CsvSource({
        "A1,     0.000100, 0.348937, 0.651263, 0.837309, 1.000100, 0.305348",
        "W1,     0.000100, 0.200100, 0.650100, 0.850100, 1.000100, 0.364966",
        "EM-NOX, 0.000100, 0.275100, 0.612600, 0.725100, 1.000100, 0.329686",
        "E1,     0.000100, 0.200100, 0.577878, 0.822322, 1.000100, 0.343535",
        "E2,     0.000100, 0.371895, 0.589844, 0.897536, 1.000100, 0.285086",
        "T1,     0.000100, 0.200100, 0.400100, 0.826767, 1.000100, 0.371380",
    })
    void normalisedValuesAndEntropyWeights(
            String id, double x2020, double x2021, double x2022, double x2023, double x2024, double weight) {
        double[] x = evaluation.normalised().get(id);
        double[] expected = {x2020, x2021, x2022, x2023, x2024};
        for (int i = 0; i < expected.length; i++) {
            assertThat(x[i]).as("%s %s", id, TestVectors.SPEC_YEARS.get(i)).isCloseTo(expected[i], within(SIX_DP));
        }
        Map<String, Double> all = new HashMap<>();
        evaluation.weights().forEach(w -> all.putAll(w.weights()));
        assertThat(all.get(id)).isCloseTo(weight, within(SIX_DP));
    }

    @Test
    void weightsAreEntropyWeightsInInputOrder() {
        assertThat(evaluation.weights())
                .extracting(SubsystemWeights::subsystem)
                .containsExactly(Subsystem.POLLUTION, Subsystem.CARBON);
        assertThat(evaluation.weights()).allSatisfy(w -> assertThat(w.method()).isEqualTo(WeightMethod.ENTROPY));
        assertThat(evaluation
                        .weightsOf(Subsystem.POLLUTION)
                        .orElseThrow()
                        .weights()
                        .keySet())
                .containsExactly("A1", "W1", "EM-NOX");
        assertThat(evaluation
                        .weightsOf(Subsystem.CARBON)
                        .orElseThrow()
                        .weights()
                        .keySet())
                .containsExactly("E1", "E2", "T1");
    }

    @ParameterizedTest(name = "{0}: U1={1} U2={2} C={3} T={4} D={5} {6}")
    @CsvSource({
        "0, 0.000100, 0.000100, 1.000000, 0.000100, 0.010000, EXTREME_IMBALANCE",
        "1, 0.270274, 0.249076, 0.999167, 0.259675, 0.509371, BARELY_COORDINATED",
        "2, 0.638092, 0.515266, 0.994313, 0.576679, 0.757232, INTERMEDIATE_COORDINATION",
        "3, 0.804984, 0.845415, 0.999700, 0.825199, 0.908269, HIGH_QUALITY_COORDINATION",
        "4, 1.000100, 1.000100, 1.000000, 1.000100, 1.000050, HIGH_QUALITY_COORDINATION",
    })
    void couplingCoordinationPerYear(int i, double u1, double u2, double c, double t, double d, Grade grade) {
        SampleScore s = evaluation.scores().get(i);
        assertThat(s.sample()).isEqualTo(TestVectors.SPEC_YEARS.get(i));
        assertThat(s.u1()).isCloseTo(u1, within(SIX_DP));
        assertThat(s.u2()).isCloseTo(u2, within(SIX_DP));
        assertThat(s.cStandard()).isCloseTo(c, within(SIX_DP));
        assertThat(s.c()).isEqualTo(s.cStandard());
        assertThat(s.t()).isCloseTo(t, within(SIX_DP));
        assertThat(s.d()).isCloseTo(d, within(SIX_DP));
        assertThat(s.grade()).isEqualTo(grade);
    }
}
