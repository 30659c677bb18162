package io.synergy.results.view;

import static org.assertj.core.api.Assertions.assertThat;

import io.synergy.method.results.YearCoverage;
import io.synergy.method.results.YearState;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The dashboard's years: it opens on the latest complete or closed year, never on one that has just begun. */
class ResultYearsTest {

    static final YearCoverage CLOSED = new YearCoverage(YearState.CLOSED, 18, 19, 9, 10);

    @Test
    void theDefaultYearIsTheLatestSettledOne() {
        ResultYears y = ResultYears.of(
                "370200",
                List.of(2023, 2024, 2025),
                Map.of(2023, Documents.COMPLETE, 2024, CLOSED, 2025, Documents.PROVISIONAL));
        assertThat(y.defaultYear()).isEqualTo(2024);
        assertThat(y.states()).extracting(ResultYears.Year::provisional).containsExactly(false, false, true);
    }

    @Test
    void withoutASettledYearItIsTheLatestAndAYearNotYetAssessedIsProvisional() {
        ResultYears y = ResultYears.of("370200", List.of(2024, 2025), Map.of(2024, Documents.PROVISIONAL));
        assertThat(y.defaultYear()).isEqualTo(2025);
        assertThat(y.states().get(1).state()).isEqualTo(YearState.PROVISIONAL);
        assertThat(y.states().get(1).coverage()).isNull();
        assertThat(ResultYears.of("370200", List.of(), Map.of()).defaultYear()).isNull();
    }
}
