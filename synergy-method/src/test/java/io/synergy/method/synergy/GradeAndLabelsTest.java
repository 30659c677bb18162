package io.synergy.method.synergy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class GradeAndLabelsTest {

    @ParameterizedTest(name = "D = {0} → {1}")
    @CsvSource({
        "0.0,       EXTREME_IMBALANCE,         极度失调, extreme imbalance",
        "0.0999999, EXTREME_IMBALANCE,         极度失调, extreme imbalance",
        "0.1,       SEVERE_IMBALANCE,          严重失调, severe imbalance",
        "0.2,       MODERATE_IMBALANCE,        中度失调, moderate imbalance",
        "0.3,       MILD_IMBALANCE,            轻度失调, mild imbalance",
        "0.4,       VERGE_OF_IMBALANCE,        濒临失调, verge of imbalance",
        "0.5,       BARELY_COORDINATED,        勉强协调, barely coordinated",
        "0.6,       PRIMARY_COORDINATION,      初级协调, primary coordination",
        "0.7,       INTERMEDIATE_COORDINATION, 中级协调, intermediate coordination",
        "0.79999,   INTERMEDIATE_COORDINATION, 中级协调, intermediate coordination",
        "0.8,       GOOD_COORDINATION,         良好协调, good coordination",
        "0.9,       HIGH_QUALITY_COORDINATION, 优质协调, high-quality coordination",
        "1.00005,   HIGH_QUALITY_COORDINATION, 优质协调, high-quality coordination",
    })
    void tenBandsWithInclusiveLowerBounds(double d, Grade grade, String zh, String en) {
        assertThat(Grade.of(d)).isEqualTo(grade);
        assertThat(grade.zh()).isEqualTo(zh);
        assertThat(grade.en()).isEqualTo(en);
    }

    @Test
    void negativeOrNaNDegreeIsRejected() {
        assertThatThrownBy(() -> Grade.of(-0.01)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> Grade.of(Double.NaN)).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest(name = "{0} = {1} / {2}")
    @CsvSource({
        "SYNCHRONOUS,       同步,     synchronous",
        "CARBON_LAGGING,    降碳滞后, carbon reduction lagging",
        "POLLUTION_LAGGING, 减污滞后, pollution reduction lagging",
    })
    void lagTypeLabels(LagType lag, String zh, String en) {
        assertThat(lag.zh()).isEqualTo(zh);
        assertThat(lag.en()).isEqualTo(en);
    }
}
