package io.synergy.method.synergy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.synergy.model.catalogue.Subsystem;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The independent vector of synergy-methods.md §6.2–§6.3 (10 dp where printed, else 6 dp). */
class ResearchVectorTest {

    private static final double TEN_DP = 1e-9;
    private static final double SIX_DP = 5e-7;
    private static SynergyEvaluation standard;
    private static SynergyEvaluation corrected;

    @BeforeAll
    static void evaluate() {
        standard = SynergyCalculator.evaluate(
                TestVectors.RESEARCH_YEARS, TestVectors.RESEARCH_SERIES, SynergyOptions.defaults());
        corrected = SynergyCalculator.evaluate(
                TestVectors.RESEARCH_YEARS,
                TestVectors.RESEARCH_SERIES,
                SynergyOptions.defaults().withCoupling(Coupling.CORRECTED));
    }

    @ParameterizedTest(name = "{0}: x'' = {1}, {2}, {3}")
    @CsvSource({
        "A1,  0.000100, 0.681918, 1.000100",
        "W1,  0.000100, 1.000100, 0.600100",
        "W3,  0.000100, 0.500100, 1.000100",
        "NOx, 0.000100, 0.517341, 1.000100",
        "E1,  0.000100, 0.551824, 1.000100",
        "E2,  0.000100, 0.675776, 1.000100",
        "T1,  1.000100, 0.000100, 0.625100",
        "B1,  0.000100, 0.520100, 1.000100",
    })
    void normalisedValuesIncludingNonMonotoneIndicators(String id, double x0, double x1, double x2) {
        assertThat(standard.normalised().get(id)).containsExactly(new double[] {x0, x1, x2}, within(SIX_DP));
    }

    @ParameterizedTest(name = "{0} {1}: w = {2}")
    @CsvSource({
        "POLLUTION, A1,  0.2379666125",
        "POLLUTION, W1,  0.2455903339",
        "POLLUTION, W3,  0.2596603936",
        "POLLUTION, NOx, 0.2567826600",
        "CARBON,    E1,  0.2543338197",
        "CARBON,    E2,  0.2410074101",
        "CARBON,    T1,  0.2455578694",
        "CARBON,    B1,  0.2591009008",
    })
    void entropyWeightsTo10Decimals(Subsystem subsystem, String id, double weight) {
        assertThat(standard.weightsOf(subsystem).orElseThrow().weights().get(id))
                .isCloseTo(weight, within(TEN_DP));
    }

    @ParameterizedTest(name = "{0}: U1={1} U2={2} C={3} T={4} D={5}")
    @CsvSource({
        "0, 0.0001000000, 0.2456578694, 0.0403355425, 0.1228789347, 0.0704016228, EXTREME_IMBALANCE,         POLLUTION_LAGGING",
        "1, 0.6705891110, 0.4379974205, 0.9777423411, 0.5542932657, 0.7361766060, INTERMEDIATE_COORDINATION, CARBON_LAGGING",
        "2, 0.9018638665, 0.9080157990, 0.9999942231, 0.9049398327, 0.9512805080, HIGH_QUALITY_COORDINATION, SYNCHRONOUS",
    })
    void standardCouplingTo10Decimals(
            int i, double u1, double u2, double c, double t, double d, Grade grade, LagType lag) {
        SampleScore s = standard.scores().get(i);
        assertThat(s.u1()).isCloseTo(u1, within(TEN_DP));
        assertThat(s.u2()).isCloseTo(u2, within(TEN_DP));
        assertThat(s.cStandard()).isCloseTo(c, within(TEN_DP));
        assertThat(s.t()).isCloseTo(t, within(TEN_DP));
        assertThat(s.d()).isCloseTo(d, within(TEN_DP));
        assertThat(s.grade()).isEqualTo(grade);
        assertThat(s.lag()).isEqualTo(lag);
    }

    @ParameterizedTest(name = "{0}: C_w={1} D_w={2} {3}")
    @CsvSource({
        "0, 0.017525, 0.046405, EXTREME_IMBALANCE",
        "1, 0.707980, 0.626441, PRIMARY_COORDINATION",
        "2, 0.993536, 0.948204, HIGH_QUALITY_COORDINATION",
    })
    void correctedCouplingOfWang2021(int i, double cw, double dw, Grade grade) {
        SampleScore s = corrected.scores().get(i);
        assertThat(s.cCorrected()).isCloseTo(cw, within(SIX_DP));
        assertThat(s.c()).isEqualTo(s.cCorrected());
        assertThat(s.d()).isCloseTo(dw, within(SIX_DP));
        assertThat(s.grade()).isEqualTo(grade);
        assertThat(corrected.coupling()).isEqualTo(Coupling.CORRECTED);
    }

    @Test
    void bothCouplingDegreesAreAlwaysReported() {
        for (int i = 0; i < 3; i++) {
            SampleScore a = standard.scores().get(i);
            SampleScore b = corrected.scores().get(i);
            assertThat(a.cStandard()).isEqualTo(b.cStandard());
            assertThat(a.cCorrected()).isEqualTo(b.cCorrected());
            assertThat(a.t()).isEqualTo(b.t());
        }
    }
}
