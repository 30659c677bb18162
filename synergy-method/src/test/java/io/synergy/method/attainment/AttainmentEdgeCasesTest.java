package io.synergy.method.attainment;

import static io.synergy.method.attainment.AttainmentFixtures.evaluate;
import static io.synergy.method.attainment.AttainmentFixtures.points;
import static io.synergy.method.attainment.AttainmentFixtures.series;
import static io.synergy.model.catalogue.Direction.HIGHER;
import static io.synergy.model.catalogue.Direction.LOWER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.util.SortedMap;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Attainment edge cases: missing data, no baseline, g = b, kept targets, tolerance, τ clipping, projection. */
class AttainmentEdgeCasesTest {

    @Test
    void noValueInTheYearIsNoDataWithNulls() {
        Attainment a = evaluate("E1", HIGHER, new Target(15, 2025), series(2020, 9.2, 10.1, 11.8), 2024);

        assertThat(a.status()).isEqualTo(AttainmentStatus.NO_DATA);
        assertThat(a.value()).isNull();
        assertThat(a.completion()).isNull();
        assertThat(a.gap()).isNull();
        assertThat(a.projection()).isNull();
        assertThat(a.baseline()).isEqualTo(9.2);
    }

    @Test
    void nanIsTreatedAsMissing() {
        SortedMap<Integer, Double> values = series(2020, 9.2, Double.NaN);
        Attainment a = evaluate("E1", HIGHER, new Target(15, 2025), values, 2021);
        assertThat(a.status()).isEqualTo(AttainmentStatus.NO_DATA);
    }

    @Test
    void withoutBaselineAnUnmetTargetIsLaggingWithUnknownProgress() {
        SortedMap<Integer, Double> values = new TreeMap<>();
        values.put(2023, 12.0);
        values.put(2024, 13.0);
        Attainment a = evaluate("E1", HIGHER, new Target(15, 2025), values, 2024);

        assertThat(a.status()).isEqualTo(AttainmentStatus.LAGGING);
        assertThat(a.baseline()).isNull();
        assertThat(a.completion()).isNull();
        assertThat(a.trajectoryValue()).isNull();
        assertThat(a.gap()).isNull();
        assertThat(a.projection()).as("two values in [2020, 2024]").isNotNull();
    }

    @Test
    void withoutBaselineAMetTargetIsStillAchieved() {
        Attainment a = evaluate("E1", HIGHER, new Target(15, 2025), series(2024, 15.2), 2024);
        assertThat(a.status()).isEqualTo(AttainmentStatus.ACHIEVED);
    }

    @Test
    void reachTargetEqualToBaselineNotMetIsOffTrack() {
        Attainment a = evaluate("X", LOWER, new Target(10, 2025), points(2020, 10, 2024, 11), 2024);
        assertThat(a.completion()).isNull();
        assertThat(a.status()).isEqualTo(AttainmentStatus.OFF_TRACK);
    }

    @ParameterizedTest(name = "kept ≥ 90 %, v = {0} → {1}")
    @CsvSource({"90, ACHIEVED", "93, ACHIEVED", "89.9, OFF_TRACK"})
    void keptEveryYearTargetsAreBinary(double v, AttainmentStatus status) {
        Attainment a = evaluate("A2", HIGHER, Target.keptEveryYear(90, 2025), points(2020, 91, 2022, v), 2022);
        assertThat(a.status()).isEqualTo(status);
        assertThat(a.timeProgress()).isNull();
    }

    @ParameterizedTest(name = "T3 about 50 % ± {1}, v = {0} → {2}")
    @CsvSource({"49.5, 0, ON_TRACK", "49.5, 1.0, ACHIEVED", "48.9, 1.0, ON_TRACK", "43.0, 0, LAGGING"})
    void toleranceWidensTheTarget(double v, double tolerance, AttainmentStatus status) {
        Target t3 = new Target(50, 2030).withTolerance(tolerance);
        Attainment a = evaluate("T3", HIGHER, t3, points(2020, 40, 2024, v), 2024);
        assertThat(a.timeProgress()).isCloseTo(0.4, within(1e-15));
        assertThat(a.status()).isEqualTo(status);
    }

    @ParameterizedTest(name = "lower is better, target 30 ± {1}, v = {0} → met {2}")
    @CsvSource({"30.0, 0, true", "30.5, 0, false", "30.5, 0.5, true", "30.6, 0.5, false"})
    void toleranceForLowerIsBetterAddsToTheTarget(double v, double tolerance, boolean met) {
        assertThat(new Target(30, 2025).withTolerance(tolerance).isMetBy(v, LOWER))
                .isEqualTo(met);
    }

    @ParameterizedTest(name = "year {0} → τ = {1}")
    @CsvSource({"2019, 0", "2020, 0", "2022, 0.4", "2025, 1", "2027, 1"})
    void timeProgressIsClippedToZeroOne(int year, double tau) {
        Attainment a = evaluate("E1", HIGHER, new Target(15, 2025), points(2020, 9, year, 10), year);
        assertThat(a.timeProgress()).isCloseTo(tau, within(1e-15));
    }

    @Test
    void afterTheTargetYearAnUnmetTargetIsLagging() {
        Attainment a = evaluate("E1", HIGHER, new Target(15, 2025), points(2020, 9, 2026, 14.9), 2026);
        assertThat(a.timeProgress()).isEqualTo(1.0);
        assertThat(a.status()).isEqualTo(AttainmentStatus.LAGGING);
    }

    @Test
    void movingAwayFromTheTargetIsOffTrackForLowerIsBetter() {
        Attainment a = evaluate("NOx", LOWER, new Target(44000, 2025), points(2020, 52000, 2024, 52500), 2024);
        assertThat(a.completion()).isNegative();
        assertThat(a.status()).isEqualTo(AttainmentStatus.OFF_TRACK);
    }

    @Test
    void projectionNeedsTwoValuesBetweenBaseYearAndYear() {
        SortedMap<Integer, Double> values = new TreeMap<>();
        values.put(2019, 8.0);
        values.put(2024, 13.0);
        Attainment a = evaluate("E1", HIGHER, new Target(15, 2025), values, 2024);
        assertThat(a.projection()).isNull();
    }

    @Test
    void projectionIgnoresValuesAfterTheEvaluatedYear() {
        SortedMap<Integer, Double> values = series(2020, 10, 11, 12, 100);
        Attainment a = evaluate("E1", HIGHER, new Target(15, 2025), values, 2022);
        assertThat(a.projection().value()).isCloseTo(15.0, within(1e-12));
        assertThat(a.projection().meetsTarget()).isTrue();
    }

    @Test
    void targetYearMustFollowTheBaseYear() {
        assertThatThrownBy(() -> new AttainmentInput("E1", HIGHER, 2020, new Target(15, 2020), series(2020, 1.0), 2020))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void negativeToleranceIsRejected() {
        assertThatThrownBy(() -> new Target(1, 2025, false, -0.1)).isInstanceOf(IllegalArgumentException.class);
    }
}
