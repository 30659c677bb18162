package io.synergy.method.attainment;

import io.synergy.model.catalogue.Direction;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * One indicator's data for an attainment evaluation.
 *
 * @param indicator    indicator id (e.g. {@code E1})
 * @param direction    which way the indicator improves
 * @param baseYear     base year y0; the baseline b is the value at this year (it may be absent)
 * @param target       the plan target
 * @param annualValues the indicator's annual values, any years; {@code null} and non-finite values are dropped
 *                     (treated as missing). Stored as an unmodifiable copy.
 * @param year         the evaluated year y
 */
public record AttainmentInput(
        String indicator,
        Direction direction,
        int baseYear,
        Target target,
        SortedMap<Integer, Double> annualValues,
        int year) {

    public AttainmentInput {
        Objects.requireNonNull(indicator, "indicator");
        Objects.requireNonNull(direction, "direction");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(annualValues, "annualValues");
        if (!target.keptEveryYear() && target.targetYear() <= baseYear) {
            // τ = (y - y0)/(Y - y0) needs Y > y0; a kept-every-year target has no τ, so any Y is fine there.
            throw new IllegalArgumentException(
                    indicator + ": target year " + target.targetYear() + " must be after the base year " + baseYear);
        }
        TreeMap<Integer, Double> copy = new TreeMap<>();
        for (Map.Entry<Integer, Double> e : annualValues.entrySet()) {
            Double v = e.getValue();
            if (e.getKey() != null && v != null && Double.isFinite(v)) {
                copy.put(e.getKey(), v);
            }
        }
        annualValues = Collections.unmodifiableSortedMap(copy);
    }
}
