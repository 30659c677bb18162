package io.synergy.aggregation.recompute;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Which units a recompute computes in which year: a unit whose targets changed alone from its year, every unit from theirs. */
class RecomputeClaimTest {

    @Test
    void aUnitAloneIsComputedFromItsYearUntilEveryUnitIs() {
        Recomputer.Claim claim = new Recomputer.Claim(7, 2024, Map.of("370283", 2022, "370202", 2023), List.of());
        assertThat(claim.earliestYear()).isEqualTo(2022);
        assertThat(claim.units(2021, 2024)).isEmpty();
        assertThat(claim.units(2022, 2024)).containsExactly("370283");
        assertThat(claim.units(2023, 2024)).containsExactly("370202", "370283");
        assertThat(claim.units(2024, 2024)).as("every unit").isNull();
    }

    @Test
    void withoutARequestForEveryUnitOnlyTheNamedOnesAreComputed() {
        Recomputer.Claim claim = new Recomputer.Claim(3, null, Map.of("370283", 2041), List.of());
        assertThat(claim.earliestYear()).isEqualTo(2041);
        assertThat(claim.units(2041, Integer.MAX_VALUE)).containsExactly("370283");
        assertThat(claim.units(2045, Integer.MAX_VALUE)).containsExactly("370283");
    }

    @Test
    void aUnitWhoseFactsChangedIsComputedWithTheUnitsItsFactsReachFromItsYear() {
        Recomputer.Claim claim = new Recomputer.Claim(9, null, Map.of("370283", 2022), Map.of("E-1", 2023), List.of());
        assertThat(claim.earliestYear()).isEqualTo(2022);
        assertThat(claim.units(2022, Integer.MAX_VALUE, changed -> Set.of("reached by " + changed)))
                .containsExactly("370283");
        assertThat(claim.units(2023, Integer.MAX_VALUE, changed -> Set.of("reached by " + changed)))
                .containsExactly("370283", "reached by [E-1]");
        assertThat(claim.units(2023, 2023, changed -> Set.of("reached by " + changed)))
                .as("every unit")
                .isNull();
    }
}
