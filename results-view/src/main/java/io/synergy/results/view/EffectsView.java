package io.synergy.results.view;

import io.synergy.method.results.UnitYearResult;
import java.util.List;

/**
 * Co-reduction effects (协同控制效应) of one org unit between two years — {@code GET /api/v1/effects}: ΔP, ΔC, the
 * elasticity and the quadrant of each air pollutant against CO2, per sector and for all sectors.
 *
 * @param provisional      either year is neither complete nor closed (docs/method.md §3)
 * @param provisionalYears which of {@code from} and {@code to} are
 */
public record EffectsView(String orgUnit, String from, String to, boolean provisional, List<Integer> provisionalYears,
        List<UnitYearResult.EffectRow> effects) {

    public static EffectsView of(String orgUnit, int from, int to, List<Integer> provisionalYears, List<UnitYearResult.EffectRow> effects) {
        return new EffectsView(orgUnit, Integer.toString(from), Integer.toString(to), !provisionalYears.isEmpty(), List.copyOf(provisionalYears),
                effects);
    }
}
