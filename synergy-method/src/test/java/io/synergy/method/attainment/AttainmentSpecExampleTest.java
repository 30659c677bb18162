package io.synergy.method.attainment;

import static io.synergy.method.attainment.AttainmentFixtures.SIX_DP;
import static io.synergy.method.attainment.AttainmentFixtures.evaluate;
import static io.synergy.method.attainment.AttainmentFixtures.series;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.synergy.model.catalogue.Direction;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** docs/method.md §5 (the worked example): the attainment table in 2024. */
class AttainmentSpecExampleTest {
    // docs/method.md §5 (the worked example), attainment in 2024 (base 2020, target year 2025, τ = 0.8); values
    // 2020–2024.
    @ParameterizedTest(name = "{0}: r = {6}, {7}, projected {8} meets = {9}")
    @CsvSource({
        "E1, HIGHER, 9.2,  10.1,  11.8,  12.9, 13.7,  15,  0.775862, LAGGING,  15.0800,  true",
        "E2, LOWER,  305,  302.1, 300.4, 298,  297.2, 295, 0.780000, LAGGING,  294.6300, true",
        "T1, HIGHER, 60,   61.5,  63,    66.2, 67.5,  70,  0.750000, LAGGING,  69.5500,  false",
        "A1, HIGHER, 92,   93.5,  94.8,  95.6, 96.3,  97,  0.860000, ON_TRACK, 97.6500,  true",
        "W1, HIGHER, 85,   86.2,  88.9,  90.1, 91,    92,  0.857143, ON_TRACK, 93.0100,  true",
    })
    void reproducesTheAttainmentTable(
            String id,
            Direction dir,
            double v2020,
            double v2021,
            double v2022,
            double v2023,
            double v2024,
            double target,
            double completion,
            AttainmentStatus status,
            double projected,
            boolean meets) {
        Attainment a =
                evaluate(id, dir, new Target(target, 2025), series(2020, v2020, v2021, v2022, v2023, v2024), 2024);

        assertThat(a.baseline()).isEqualTo(v2020);
        assertThat(a.value()).isEqualTo(v2024);
        assertThat(a.timeProgress()).isCloseTo(0.8, within(1e-15));
        assertThat(a.completion()).isCloseTo(completion, within(SIX_DP));
        assertThat(a.status()).isEqualTo(status);
        assertThat(a.projection().year()).isEqualTo(2025);
        assertThat(a.projection().value()).isCloseTo(projected, within(SIX_DP));
        assertThat(a.projection().meetsTarget()).isEqualTo(meets);
        assertThat(a.trajectoryValue()).isCloseTo(v2020 + 0.8 * (target - v2020), within(1e-12));
        assertThat(a.gap()).isCloseTo(v2024 - a.trajectoryValue(), within(1e-12));
    }
}
