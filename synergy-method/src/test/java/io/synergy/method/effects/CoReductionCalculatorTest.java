package io.synergy.method.effects;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CoReductionCalculatorTest {

    private static final double SIX_DP = 5e-7;

    @Test
    void specWorkedExampleNoxAndCo2From2023To2024() {
        CoReductionEffect e = CoReductionCalculator.effect("NOx", 46200, 44000, 58.1, 57.3);

        assertThat(e.deltaP()).isCloseTo(-0.047619, within(SIX_DP));
        assertThat(e.deltaC()).isCloseTo(-0.013769, within(SIX_DP));
        assertThat(e.elasticity()).isCloseTo(3.458333, within(SIX_DP));
        assertThat(e.quadrant()).isEqualTo(Quadrant.CO_REDUCTION);
        assertThat(e.quadrant().zh()).isEqualTo("协同减排");
    }

    @Test
    void researchVectorNoxAndCo2From2023To2024() {
        CoReductionEffect e = CoReductionCalculator.effect("NOx", 46500, 45100, 58.6, 57.9);

        assertThat(e.deltaP()).isCloseTo(-0.030108, within(SIX_DP));
        assertThat(e.deltaC()).isCloseTo(-0.011945, within(SIX_DP));
        assertThat(e.elasticity()).isCloseTo(2.520430, within(SIX_DP));
        assertThat(e.quadrant()).isEqualTo(Quadrant.CO_REDUCTION);
    }

    @ParameterizedTest(name = "P {0}→{1}, C {2}→{3}: {4}")
    @CsvSource({
        "100, 90,  100, 95,  CO_REDUCTION,             协同减排, co-reduction",
        "100, 90,  100, 100, POLLUTION_DOWN_CARBON_UP, 减污增碳, 'pollution down, carbon up'",
        "100, 90,  100, 105, POLLUTION_DOWN_CARBON_UP, 减污增碳, 'pollution down, carbon up'",
        "100, 100, 100, 95,  CARBON_DOWN_POLLUTION_UP, 降碳增污, 'carbon down, pollution up'",
        "100, 110, 100, 95,  CARBON_DOWN_POLLUTION_UP, 降碳增污, 'carbon down, pollution up'",
        "100, 100, 100, 100, CO_INCREASE,              协同增排, co-increase",
        "100, 110, 100, 105, CO_INCREASE,              协同增排, co-increase",
    })
    void quadrantsCountAZeroChangeWithTheIncreases(
            double p0, double p1, double c0, double c1, Quadrant quadrant, String zh, String en) {
        CoReductionEffect e = CoReductionCalculator.effect("SO2", p0, p1, c0, c1);
        assertThat(e.quadrant()).isEqualTo(quadrant);
        assertThat(quadrant.zh()).isEqualTo(zh);
        assertThat(quadrant.en()).isEqualTo(en);
    }

    @Test
    void elasticityIsUndefinedWhenCarbonDoesNotChange() {
        CoReductionEffect e = CoReductionCalculator.effect("PM", 10, 8, 57.3, 57.3);
        assertThat(e.deltaC()).isZero();
        assertThat(e.elasticity()).isNull();
        assertThat(e.deltaP()).isCloseTo(-0.2, within(1e-15));
    }

    @ParameterizedTest(name = "p0={0}, p1={1}, c0={2}, c1={3} is rejected")
    @CsvSource({"0, 1, 1, 1", "1, 1, 0, 1", "-5, 1, 1, 1", "1, -1, 1, 1", "1, 1, 1, NaN", "Infinity, 1, 1, 1"})
    void undefinedRelativeChangesAreRejected(double p0, double p1, double c0, double c1) {
        assertThatThrownBy(() -> CoReductionCalculator.effect("VOCs", p0, p1, c0, c1))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
