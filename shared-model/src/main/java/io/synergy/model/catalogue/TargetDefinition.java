package io.synergy.model.catalogue;

/**
 * A numeric target of the plan.
 *
 * @param value         the target value, in the indicator's unit
 * @param year          the target year (for "kept every year" targets: the first year it applies)
 * @param keptEveryYear true for targets to hold every year (T2 100 %, A2 ≥ 90 %, W2 零填埋): achieved or off track, no τ
 * @param provincial    true when Shandong assigns the value: the catalogue value is a default, configurable
 * @param tolerance     accepted shortfall for targets stated as "about" (T3 "50 % 左右"); 0 unless configured
 * @param scope         the org unit the city's value is taken from when the target is not city-wide (T1: central-urban)
 * @param document      provincial targets: the 文号 of the document the default comes from ({@code null} for the plan's own
 *                      targets, whose document is {@link Catalogue#planDocument()})
 * @param placeholder   provincial targets: {@code true} when no document gives the value — it stands in until the
 *                      province's assignment is configured or allocated (E5)
 */
public record TargetDefinition(
        double value,
        int year,
        boolean keptEveryYear,
        boolean provincial,
        double tolerance,
        String scope,
        String document,
        boolean placeholder) {}
