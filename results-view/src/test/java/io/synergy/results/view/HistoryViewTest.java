package io.synergy.results.view;

import static io.synergy.results.view.Documents.computable;
import static io.synergy.results.view.Documents.json;
import static io.synergy.results.view.Documents.notComputable;
import static io.synergy.results.view.Documents.result;
import static io.synergy.results.view.Documents.sample;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.synergy.method.results.UnitYearResult;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** A unit's synergy degree year by year: the settled years in one evaluation, then each provisional year on its own window. */
class HistoryViewTest {

    /** 2022 and 2023 complete; each year's own window scores it differently from the latest settled year's window. */
    static final UnitYearResult Y2022 = result(
            "370200",
            2022,
            false,
            Map.of("series.range", computable("series", "range", List.of(sample("2022", 0.5, 0.5, 0.60)))));

    static final UnitYearResult Y2023 = result(
            "370200",
            2023,
            false,
            Map.of(
                    "series.range",
                    computable(
                            "series",
                            "range",
                            List.of(sample("2022", 0.4, 0.5, 0.55), sample("2023", 0.7, 0.6, 0.80)))));
    static final UnitYearResult Y2024 = result(
            "370200",
            2024,
            true,
            Map.of(
                    "series.range",
                    computable(
                            "series",
                            "range",
                            List.of(
                                    sample("2022", 0.4, 0.5, 0.54),
                                    sample("2023", 0.7, 0.6, 0.79),
                                    sample("2024", 0.9, 0.8, 0.9)))));
    static final UnitYearResult Y2025 = result(
            "370200",
            2025,
            true,
            Map.of("series.range", notComputable("series", "range", "no indicator left in subsystem POLLUTION (减污)")));

    @Test
    void theSettledYearsAreScoredInTheWindowOfTheLatestAndTheProvisionalOnesOnTheirOwn() {
        HistoryView h =
                HistoryView.of("370200", List.of(Y2022, Y2023, Y2024, Y2025), "series", "range", Score.STANDARD);
        assertThat(h.evaluatedYear()).isEqualTo(2023);
        assertThat(h.computable()).isTrue();
        assertThat(h.years())
                .extracting(HistoryView.HistoryYear::period)
                .containsExactly("2022", "2023", "2024", "2025");
        HistoryView.HistoryYear y2022 = h.years().get(0);
        // 2022 as 2023's window scores it, and its own result beside it
        assertThat(y2022.score().d()).isEqualTo(0.55);
        assertThat(y2022.dOwnWindow()).isEqualTo(0.60);
        assertThat(y2022.provisional()).isFalse();
        HistoryView.HistoryYear y2024 = h.years().get(2);
        assertThat(y2024.provisional()).isTrue();
        assertThat(y2024.score().d()).isEqualTo(0.9).isEqualTo(y2024.dOwnWindow());
        assertThat(y2024.coverage().indicatorsIn()).isEqualTo(3);

        JsonNode j = json(h);
        assertThat(j.has("reason")).isFalse();
        JsonNode y2025 = j.path("years").get(3);
        assertThat(y2025.path("computable").asBoolean()).isFalse();
        assertThat(y2025.path("reason").asText()).startsWith("no indicator left in subsystem POLLUTION");
        assertThat(y2025.has("d")).isFalse();
        assertThat(y2025.has("grade")).isFalse();
        assertThat(y2025.has("dOwnWindow")).isTrue();
        assertThat(y2025.path("dOwnWindow").isNull()).isTrue();
        assertThat(j.path("years").get(1).path("grade").has("code")).isFalse();
    }

    @Test
    void theCorrectedCouplingScoresEveryYearWithItsD() {
        HistoryView h = HistoryView.of("370200", List.of(Y2022, Y2023), "series", "range", Score.CORRECTED);
        assertThat(h.years().get(1).score().d()).isEqualTo(0.79);
        assertThat(h.years().get(0).dOwnWindow()).isEqualTo(0.59);
    }

    @Test
    void withoutASettledYearTheProvisionalYearsStandAlone() {
        HistoryView h = HistoryView.of("370200", List.of(Y2024, Y2025), "series", "range", Score.STANDARD);
        assertThat(h.computable()).isFalse();
        assertThat(h.reason()).isEqualTo(HistoryView.NO_SETTLED_YEAR);
        assertThat(h.years()).extracting(HistoryView.HistoryYear::period).containsExactly("2024", "2025");
        JsonNode j = json(h);
        assertThat(j.has("evaluatedYear")).isTrue();
        assertThat(j.path("evaluatedYear").isNull()).isTrue();
    }

    @Test
    void theDistrictPanelsSamplesAreNamedByDistrictAndYear() {
        UnitYearResult d2023 = result(
                "370203",
                2023,
                false,
                Map.of(
                        "panel.range",
                        computable(
                                "panel",
                                "range",
                                List.of(sample("370203/2022", 0.4, 0.5, 0.5), sample("370203/2023", 0.6, 0.6, 0.7)))));
        HistoryView h = HistoryView.of("370203", List.of(d2023), "panel", "range", Score.STANDARD);
        assertThat(h.years()).extracting(HistoryView.HistoryYear::period).containsExactly("2022", "2023");
        assertThat(h.years().get(0).provisional()).isFalse();
        assertThat(h.years().get(0).coverage()).isNull(); // no document of 2022 was given
    }

    @Test
    void theTableHasOneRowPerYearWithEmptyCellsWhereThereIsNoScore() {
        List<String> csv = Documents.csv(
                HistoryView.of("370200", List.of(Y2022, Y2023, Y2024, Y2025), "series", "range", Score.STANDARD)
                        .tabular()
                        .tables()
                        .get(0));
        assertThat(csv.get(0)).isEqualTo("year,d,u1,u2,c,t,grade_zh,grade_en,lag,d_own_window,provisional");
        assertThat(csv.get(1)).isEqualTo("2022,0.55,0.4,0.5,0.9,0.45,勉强协调,barely coordinated,SYNCHRONOUS,0.6,false");
        assertThat(csv.get(4)).isEqualTo("2025,,,,,,,,,,true");
    }
}
