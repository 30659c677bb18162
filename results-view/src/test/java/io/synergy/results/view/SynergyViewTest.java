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

/** The synergy degree of one result under a basis, method and coupling, as GET /api/v1/synergy answers it. */
class SynergyViewTest {

    static final UnitYearResult RESULT = result(
            "370203",
            2024,
            false,
            Map.of(
                    "series.range",
                            computable(
                                    "series",
                                    "range",
                                    List.of(sample("2023", 0.5, 0.6, 0.7), sample("2024", 0.8, 0.7, 0.85))),
                    "series.target", notComputable("series", "target", "no target for W3"),
                    "panel.range", computable("panel", "range", List.of(sample("370203/2024", 0.6, 0.65, 0.75)))));

    @Test
    void aComputableResultGivesTheScoreUnderTheCouplingAskedForAndBothCs() {
        SynergyView standard = SynergyView.of(RESULT, "series", "range", Score.STANDARD);
        SynergyView corrected = SynergyView.of(RESULT, "series", "range", Score.CORRECTED);
        assertThat(standard.score().d()).isEqualTo(0.85);
        assertThat(corrected.score().d()).isEqualTo(0.84);
        assertThat(corrected.score().c()).isEqualTo(0.89);
        assertThat(corrected.dStandard()).isEqualTo(0.85);
        assertThat(corrected.dCorrected()).isEqualTo(0.84);
        assertThat(standard.score().grade().code()).isEqualTo("GOOD_COORDINATION");

        JsonNode j = json(standard);
        assertThat(j.path("period").asText()).isEqualTo("2024");
        assertThat(j.path("computable").asBoolean()).isTrue();
        assertThat(j.has("reason")).isFalse();
        // the score's figures are the answer's own fields, as the contract shows them
        assertThat(j.path("d").asDouble()).isEqualTo(0.85);
        assertThat(j.path("u1").asDouble()).isEqualTo(0.8);
        assertThat(j.path("grade").toString())
                .isEqualTo("{\"zh\":\"良好协调\",\"en\":\"good coordination\",\"code\":\"GOOD_COORDINATION\"}");
        assertThat(j.path("lag").asText()).isEqualTo("SYNCHRONOUS");
        assertThat(j.path("lagZh").asText()).isEqualTo("同步");
        assertThat(j.path("explanation").path("samples").toString()).isEqualTo("[\"2023\",\"2024\"]");
        assertThat(j.path("provisional").asBoolean()).isFalse();
        assertThat(j.path("coverage").path("state").asText()).isEqualTo("COMPLETE");
    }

    @Test
    void aResultThatIsNotComputableSaysWhyAndHasNoScore() {
        JsonNode j = json(SynergyView.of(RESULT, "series", "target", Score.STANDARD));
        assertThat(j.path("computable").asBoolean()).isFalse();
        assertThat(j.path("reason").asText()).isEqualTo("no target for W3");
        for (String absent : List.of("u1", "u2", "c", "t", "d", "grade", "lag", "lagZh", "cStandard", "dCorrected")) {
            assertThat(j.has(absent)).as(absent).isFalse();
        }
        assertThat(j.has("explanation")).isTrue();
    }

    @Test
    void anEvaluationTheDocumentDoesNotHaveIsNoResult() {
        SynergyView v = SynergyView.of(RESULT, "panel", "target", Score.STANDARD);
        assertThat(v.computable()).isFalse();
        assertThat(v.reason()).isEqualTo(SynergyView.NO_RESULT);
    }

    @Test
    void aProvisionalYearSaysSoWithItsCoverage() {
        UnitYearResult provisional = result(
                "370200",
                2025,
                true,
                Map.of(
                        "series.range",
                        computable(
                                "series",
                                "range",
                                List.of(sample("2024", 0.8, 0.7, 0.85), sample("2025", 0.3, 0.4, 0.5)))));
        JsonNode j = json(SynergyView.of(provisional, "series", "range", Score.STANDARD));
        assertThat(j.path("provisional").asBoolean()).isTrue();
        assertThat(j.path("coverage").toString())
                .isEqualTo(
                        "{\"state\":\"PROVISIONAL\",\"indicatorsIn\":3,\"indicatorsExpected\":19,\"districtsIn\":2,\"districtsExpected\":10}");
    }

    @Test
    void aDocumentReadsBackIntoTheTypedResultWithoutLoss() throws Exception {
        String written = Documents.JSON.writeValueAsString(RESULT);
        UnitYearResult read = Documents.JSON.readValue(written, UnitYearResult.class);
        assertThat(Documents.JSON.writeValueAsString(read)).isEqualTo(written);
    }
}
