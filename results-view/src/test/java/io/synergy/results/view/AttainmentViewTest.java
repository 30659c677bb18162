package io.synergy.results.view;

import static io.synergy.results.view.Documents.json;
import static io.synergy.results.view.Documents.result;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Attainment of one org unit and year, in the shape docs/api.md gives. */
class AttainmentViewTest {

    static final ResultDocument DOC =
            new ResultDocument(7, Instant.parse("2025-03-01T08:00:00Z"), result("370200", 2024, false, Map.of()));

    @Test
    void theAnswerHasTheContractsFieldsAndTheResultsVersion() {
        JsonNode j = json(AttainmentView.of(DOC, new Name("青岛市", "Qingdao")));
        assertThat(j.path("period").asText()).isEqualTo("2024");
        assertThat(j.path("orgUnit").asText()).isEqualTo("370200");
        assertThat(j.path("name").toString()).isEqualTo("{\"zh\":\"青岛市\",\"en\":\"Qingdao\"}");
        JsonNode e1 = j.path("indicators").get(0);
        assertThat(e1.path("indicator").asText()).isEqualTo("E1");
        assertThat(e1.path("completion").asDouble()).isEqualTo(0.775862);
        assertThat(e1.path("projection").toString()).isEqualTo("{\"year\":2025,\"value\":15.08,\"meetsTarget\":true}");
        assertThat(j.path("summary").toString())
                .isEqualTo("{\"ACHIEVED\":0,\"ON_TRACK\":0,\"LAGGING\":1,\"OFF_TRACK\":0,\"NO_DATA\":1}");
        assertThat(j.path("shareAchievedOrOnTrack").asDouble()).isZero();
        assertThat(j.path("version").asLong()).isEqualTo(7);
        assertThat(j.path("computedAt").asText()).isEqualTo("2025-03-01T08:00:00Z");
        assertThat(j.path("provisional").asBoolean()).isFalse();
        assertThat(j.path("coverage").path("state").asText()).isEqualTo("COMPLETE");
    }

    @Test
    void theTableHasOneRowPerIndicatorAndEmptyCellsForWhatIsMissing() {
        List<String> csv = Documents.csv(AttainmentView.of(DOC, new Name("青岛市", "Qingdao"))
                .tabular()
                .tables()
                .get(0));
        assertThat(csv.get(0))
                .isEqualTo(
                        "indicator,name_zh,name_en,org_unit,period,value,unit,baseline,baseline_year,target,target_year,target_source,target_document,completion,"
                                + "time_progress,status,trajectory_value,gap,projection_year,projection_value,projection_meets_target,complete,provisional");
        assertThat(csv.get(1))
                .isEqualTo(
                        "E1,非化石能源占比,non-fossil share,370200,2024,13.7,%,9.2,2020,15,2025,PLAN,青环发〔2024〕18号,0.775862,0.8,LAGGING,14.16,-0.46,2025,"
                                + "15.08,true,true,false");
        assertThat(csv.get(2))
                .isEqualTo(
                        "T1,绿色出行比例,green trips,370200,2024,,%,,2020,70,2025,PLAN,青环发〔2024〕18号,,0.8,NO_DATA,,,,,,false,false");
        assertThat(AttainmentView.of(DOC, new Name("青岛市", "Qingdao")).tabular().filename())
                .isEqualTo("attainment-370200-2024");
    }
}
