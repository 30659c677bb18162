package io.synergy.results.view;

import static io.synergy.results.view.Documents.coupled;
import static io.synergy.results.view.Documents.json;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.synergy.method.results.UnitSynergyCalculator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Parks or enterprises ranked on the panel of their level. */
class UnitSynergyViewTest {

    static UnitSynergyCalculator.UnitRow unit(String code, String en, Double d) {
        if (d == null) {
            return new UnitSynergyCalculator.UnitRow(
                    code,
                    "企业" + code,
                    en,
                    "370214P09",
                    "C",
                    "26",
                    false,
                    "no value added in 2024",
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    false,
                    Map.of(),
                    null);
        }
        return new UnitSynergyCalculator.UnitRow(
                code,
                "企业" + code,
                en,
                "370214P09",
                "C",
                "26",
                true,
                null,
                0.7,
                0.8,
                0.75,
                coupled(0.9, d),
                coupled(0.88, d - 0.02),
                "SYNCHRONOUS",
                0.0002,
                0.15,
                true,
                Map.of("CI", 0.15),
                Map.of("CI", 0.9));
    }

    static final UnitSynergyCalculator.Evaluation EVALUATION = new UnitSynergyCalculator.Evaluation(
            2024,
            List.of("a/2024", "b/2024"),
            Map.of("CI", 1.0),
            Map.of("CARBON", "ENTROPY"),
            List.of(),
            true,
            null,
            List.of(unit("a", "A", 0.9), unit("b", null, 0.8), unit("c", "C", null)));

    static final UnitSynergyCalculator.NearZero THRESHOLDS = new UnitSynergyCalculator.NearZero(0.0005, 0.2);

    @Test
    void theComputableUnitsAreRankedAndScoredUnderTheCoupling() {
        UnitSynergyView v = UnitSynergyView.of(
                2024, "enterprise", null, Score.CORRECTED, false, Documents.COMPLETE, EVALUATION, THRESHOLDS);
        assertThat(v.level()).isEqualTo("ENTERPRISE");
        assertThat(v.method()).isEqualTo("range");
        assertThat(v.units()).extracting(UnitSynergyView.RankedUnit::rank).containsExactly(1, 2, null);
        assertThat(v.units().get(0).score().d()).isEqualTo(0.88);

        JsonNode j = json(v);
        assertThat(j.has("industry")).isTrue(); // null: every industry
        assertThat(j.has("reason")).isFalse();
        assertThat(j.has("nextCursor")).isFalse();
        assertThat(j.path("nearZeroThresholds").toString())
                .isEqualTo("{\"pollutionIntensityMax\":5.0E-4,\"carbonIntensityMax\":0.2}");
        JsonNode b = j.path("units").get(1);
        assertThat(b.path("name").toString())
                .isEqualTo("{\"zh\":\"企业b\",\"en\":null}"); // a unit without an English name
        assertThat(b.path("grade").toString())
                .isEqualTo("{\"zh\":\"中级协调\",\"en\":\"intermediate coordination\"}"); // corrected: 0.78
        JsonNode c = j.path("units").get(2);
        assertThat(c.has("rank")).isFalse();
        assertThat(c.has("d")).isFalse();
        assertThat(c.has("normalised")).isFalse();
        assertThat(c.path("reason").asText()).isEqualTo("no value added in 2024");
    }

    @Test
    void aPageKeepsTheRanksOfTheWholePanel() {
        UnitSynergyView all = UnitSynergyView.of(
                2024, "enterprise", "C", Score.STANDARD, false, Documents.COMPLETE, EVALUATION, THRESHOLDS);
        UnitSynergyView page = all.page(all.units().subList(1, 2), "Yw");
        assertThat(page.units()).extracting(UnitSynergyView.RankedUnit::rank).containsExactly(2);
        assertThat(page.nextCursor()).isEqualTo("Yw");
        assertThat(page.weights()).isEqualTo(all.weights());
    }

    @Test
    void theTableHasOneRowPerUnit() {
        UnitSynergyView v = UnitSynergyView.of(
                2024, "park", null, Score.STANDARD, true, Documents.PROVISIONAL, EVALUATION, THRESHOLDS);
        List<String> csv = Documents.csv(v.tabular().tables().get(0));
        assertThat(csv.get(0))
                .isEqualTo(
                        "rank,org_unit,name_zh,industry_section,industry_division,d,u1,u2,grade_zh,lag,pollution_intensity,"
                                + "carbon_intensity,near_zero,designations,reason,provisional");
        assertThat(csv.get(1)).isEqualTo("1,a,企业a,C,26,0.9,0.7,0.8,优质协调,SYNCHRONOUS,0.0002,0.15,true,,,true");
        assertThat(csv.get(3)).isEqualTo(",c,企业c,C,26,,,,,,,,false,,no value added in 2024,true");
        assertThat(v.tabular().filename()).isEqualTo("synergy-parks-2024");
    }
}
