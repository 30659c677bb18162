package io.synergy.model.target;

/**
 * The plan's own target of an indicator: the catalogue's, or for a provincial target the configured assignment.
 *
 * @param indicator     the indicator id
 * @param value         the target, in the indicator's unit
 * @param targetYear    the year to reach it by; for a target kept every year, the first year it is to hold
 * @param keptEveryYear T2, A2, W2: to hold every year from {@code targetYear} on
 * @param document      the 文号 it comes from: the plan's, or the province's
 * @param basis         whether the value is the document's own, a default or a placeholder
 */
public record PlanTarget(
        String indicator, double value, int targetYear, boolean keptEveryYear, String document, TargetBasis basis) {}
