package io.synergy.results.view;

import static org.assertj.core.api.Assertions.assertThat;

import io.synergy.method.results.UnitYearResult;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Co-reduction effects between two years. */
class EffectsViewTest {

    static final List<UnitYearResult.EffectRow> ROWS = List.of(
            new UnitYearResult.EffectRow(
                    "all",
                    "NOX",
                    2023,
                    2024,
                    46200.0,
                    44000.0,
                    5.81e7,
                    5.73e7,
                    -0.047619,
                    -0.013769,
                    3.458333,
                    "CO_REDUCTION",
                    "协同减排",
                    null),
            new UnitYearResult.EffectRow(
                    "waste",
                    "SO2",
                    2023,
                    2024,
                    null,
                    10.0,
                    1e5,
                    1e5,
                    null,
                    null,
                    null,
                    null,
                    null,
                    "emissions of 2023 and 2024 are not all reported"));

    @Test
    void aProvisionalYearMakesTheAnswerProvisionalAndIsNamed() {
        EffectsView v = EffectsView.of("370200", 2024, 2025, List.of(2025), ROWS);
        assertThat(v.provisional()).isTrue();
        assertThat(v.provisionalYears()).containsExactly(2025);
        assertThat(v.from()).isEqualTo("2024");
        assertThat(EffectsView.of("370200", 2023, 2024, List.of(), ROWS).provisional())
                .isFalse();
    }

    @Test
    void theTableHasOneRowPerSectorAndPollutantWithNumbersAsNumbers() {
        List<String> csv = Documents.csv(EffectsView.of("370200", 2023, 2024, List.of(), ROWS)
                .tabular()
                .tables()
                .get(0));
        assertThat(csv)
                .containsExactly(
                        "sector,pollutant,from,to,p0,p1,co2_0,co2_1,delta_p,delta_c,elasticity,quadrant,quadrant_zh,reason,provisional",
                        "all,NOX,2023,2024,46200,44000,58100000,57300000,-0.047619,-0.013769,3.458333,CO_REDUCTION,协同减排,,false",
                        "waste,SO2,2023,2024,,10,100000,100000,,,,,,emissions of 2023 and 2024 are not all reported,false");
    }
}
