package io.synergy.method.attainment;

import static io.synergy.method.attainment.AttainmentFixtures.evaluate;
import static io.synergy.method.attainment.AttainmentFixtures.points;
import static io.synergy.method.attainment.AttainmentFixtures.series;
import static io.synergy.model.catalogue.Direction.HIGHER;
import static io.synergy.model.catalogue.Direction.LOWER;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** City summary: counts per status and share achieved or on track. */
class AttainmentSummaryTest {

    @Test
    void countsEveryStatusInEnumOrderAndSharesOverIndicatorsWithData() {
        List<Attainment> all = List.of(
                evaluate("T1", HIGHER, new Target(70, 2025), points(2020, 68, 2024, 70.4), 2024),
                evaluate("A1", HIGHER, new Target(97, 2025), points(2020, 93, 2024, 96.2), 2024),
                evaluate("E2", LOWER, new Target(295, 2025), points(2020, 305, 2024, 297.8), 2024),
                evaluate("W1", HIGHER, new Target(92, 2025), points(2020, 86, 2024, 85), 2024),
                evaluate("E9", HIGHER, new Target(1, 2025), series(2020, 0.5), 2024));

        AttainmentSummary s = AttainmentCalculator.summarise(all);

        assertThat(s.counts())
                .containsExactly(
                        Map.entry(AttainmentStatus.ACHIEVED, 1),
                        Map.entry(AttainmentStatus.ON_TRACK, 1),
                        Map.entry(AttainmentStatus.LAGGING, 1),
                        Map.entry(AttainmentStatus.OFF_TRACK, 1),
                        Map.entry(AttainmentStatus.NO_DATA, 1));
        assertThat(s.shareAchievedOrOnTrack()).isEqualTo(0.5);
    }

    @Test
    void emptyOrAllNoDataGivesZeroShareAndZeroCounts() {
        AttainmentSummary empty = AttainmentCalculator.summarise(List.of());
        assertThat(empty.counts()).hasSize(5).allSatisfy((k, v) -> assertThat(v).isZero());
        assertThat(empty.shareAchievedOrOnTrack()).isZero();

        AttainmentSummary noData = AttainmentCalculator.summarise(
                List.of(evaluate("E1", HIGHER, new Target(15, 2025), series(2020, 9.0), 2024)));
        assertThat(noData.count(AttainmentStatus.NO_DATA)).isEqualTo(1);
        assertThat(noData.shareAchievedOrOnTrack()).isZero();
    }
}
