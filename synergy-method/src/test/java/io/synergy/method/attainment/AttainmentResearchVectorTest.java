package io.synergy.method.attainment;

import static io.synergy.method.attainment.AttainmentFixtures.SIX_DP;
import static io.synergy.method.attainment.AttainmentFixtures.evaluate;
import static io.synergy.method.attainment.AttainmentFixtures.points;
import static io.synergy.method.attainment.AttainmentFixtures.series;
import static io.synergy.model.catalogue.Direction.HIGHER;
import static io.synergy.model.catalogue.Direction.LOWER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.synergy.model.catalogue.Direction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** synergy-methods.md §6.4: statuses incl. the floating-point boundary and the zero target. */
class AttainmentResearchVectorTest {
    // synergy-methods.md §6.4: base 2020, target year 2025, evaluated 2024 (τ = 0.8).
    @ParameterizedTest(name = "{0}: b={2} g={3} v={4} → {6}")
    @CsvSource({
        "E1,  HIGHER, 9.5,   15,    13.9,  0.8,       ON_TRACK",
        "E2,  LOWER,  305.0, 295,   297.8, 0.72,      LAGGING",
        "T1,  HIGHER, 68.0,  70,    70.4,  1.2,       ACHIEVED",
        "W3,  HIGHER, 33.0,  40,    39.0,  0.857143,  ON_TRACK",
        "A1,  HIGHER, 93.0,  97,    96.2,  0.8,       ON_TRACK",
        "NOx, LOWER,  52000, 44000, 45100, 0.8625,    ON_TRACK",
        "W1,  HIGHER, 86.0,  92,    85.0,  -0.166667, OFF_TRACK",
    })
    void reproducesTheStatusTable(
            String id, Direction dir, double b, double g, double v, double r, AttainmentStatus status) {
        Attainment a = evaluate(id, dir, new Target(g, 2025), points(2020, b, 2024, v), 2024);

        assertThat(a.completion()).isCloseTo(r, within(SIX_DP));
        assertThat(a.status()).isEqualTo(status);
    }

    @Test
    void a1SitsOnTheTrajectoryDespiteFloatingPointNoise() {
        // (96.2 − 93)/(97 − 93) is 0.8000000000000007 in doubles; without the 1e-9 slack a value computed as
        // a few ulps below τ would flip to LAGGING. Both sides of the boundary are checked.
        assertThat((96.2 - 93.0) / (97 - 93.0)).isEqualTo(0.8000000000000007);
        Attainment a = evaluate("A1", HIGHER, new Target(97, 2025), points(2020, 93.0, 2024, 96.2), 2024);
        assertThat(a.completion()).isEqualTo(0.8000000000000007);
        assertThat(a.status()).isEqualTo(AttainmentStatus.ON_TRACK);
    }

    @Test
    void e1WithCompletionExactlyTauIsOnTrackButNotProjectedToMeet() {
        Attainment a = evaluate("E1", HIGHER, new Target(15, 2025), series(2020, 9.5, 10.2, 11.0, 12.6, 13.9), 2024);

        assertThat(a.completion()).isEqualTo(0.8);
        assertThat(a.status()).isEqualTo(AttainmentStatus.ON_TRACK);
        assertThat(a.projection().value()).isCloseTo(14.8, within(1e-9));
        assertThat(a.projection().meetsTarget()).isFalse();
        assertThat(a.gap()).isCloseTo(0.0, within(1e-9));
    }

    @ParameterizedTest(name = "W2 zero landfill target, v = {0} → {1}")
    @CsvSource({"0, ACHIEVED", "1200, OFF_TRACK"})
    void zeroTargetIsMetOnlyAtZero(double v, AttainmentStatus status) {
        Attainment a = evaluate("W2", LOWER, Target.keptEveryYear(0, 2025), points(2020, 0, 2024, v), 2024);

        assertThat(a.status()).isEqualTo(status);
        assertThat(a.completion()).as("undefined: b = g = 0").isNull();
        assertThat(a.timeProgress()).as("kept every year: no τ").isNull();
        assertThat(a.trajectoryValue()).isEqualTo(0.0);
        assertThat(a.gap()).isEqualTo(v);
    }
}
