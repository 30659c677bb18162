package io.synergy.results.view;

import static io.synergy.results.view.Documents.computable;
import static io.synergy.results.view.Documents.json;
import static io.synergy.results.view.Documents.notComputable;
import static io.synergy.results.view.Documents.result;
import static io.synergy.results.view.Documents.sample;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The districts of a year ranked by D on the district panel. */
class DistrictRankingTest {

    static DistrictRanking.District district(String code, String zh, String en, Double d, boolean provisional) {
        var panel = d == null
                ? notComputable("panel", "range", "no sample for this unit")
                : computable("panel", "range", List.of(sample(code + "/2024", 0.5, 0.6, d)));
        return new DistrictRanking.District(
                new ResultDocument(
                        3,
                        Instant.parse("2025-03-01T00:00:00Z"),
                        result(code, 2024, provisional, Map.of("panel.range", panel))),
                new Name(zh, en));
    }

    @Test
    void theComputableDistrictsAreRankedByDescendingDAndTheOthersFollowWithoutARank() {
        DistrictRanking r = DistrictRanking.of(
                2024,
                List.of(
                        district("370202", "市南区", "Shinan", 0.71, false),
                        district("370203", "市北区", "Shibei", null, false),
                        district("370211", "黄岛区", "Huangdao", 0.82, false)),
                "range",
                Score.STANDARD);
        assertThat(r.districts()).extracting(x -> x.synergy().orgUnit()).containsExactly("370211", "370202", "370203");
        assertThat(r.districts())
                .extracting(DistrictRanking.RankedDistrict::rank)
                .containsExactly(1, 2, null);
        assertThat(r.basis()).isEqualTo("panel");

        JsonNode j = json(r);
        JsonNode first = j.path("districts").get(0);
        assertThat(first.path("name").toString()).isEqualTo("{\"zh\":\"黄岛区\",\"en\":\"Huangdao\"}");
        assertThat(first.path("d").asDouble()).isEqualTo(0.82);
        assertThat(first.path("rank").asInt()).isEqualTo(1);
        assertThat(first.has("explanation")).isFalse();
        JsonNode last = j.path("districts").get(2);
        assertThat(last.has("rank")).isFalse();
        assertThat(last.path("reason").asText()).isEqualTo("no sample for this unit");
    }

    @Test
    void aProvisionalYearSaysSoOnTheRankingAndEveryRow() {
        DistrictRanking r = DistrictRanking.of(
                2025, List.of(district("370202", "市南区", "Shinan", 0.5, true)), "range", Score.STANDARD);
        assertThat(r.provisional()).isTrue();
        assertThat(r.coverage()).isEqualTo(Documents.PROVISIONAL);
        assertThat(r.districts().get(0).synergy().provisional()).isTrue();
    }

    @Test
    void theTableNamesEachDistrict() {
        List<String> csv = Documents.csv(DistrictRanking.of(
                        2024,
                        List.of(
                                district("370202", "市南区", "Shinan", 0.71, false),
                                district("370203", "市北区", "Shibei", null, false)),
                        "range",
                        Score.STANDARD)
                .tabular()
                .tables()
                .get(0));
        assertThat(csv)
                .containsExactly(
                        "rank,org_unit,name_zh,name_en,d,u1,u2,grade_zh,lag,provisional",
                        "1,370202,市南区,Shinan,0.71,0.5,0.6,中级协调,SYNCHRONOUS,false",
                        ",370203,市北区,Shibei,,,,,,false");
    }
}
