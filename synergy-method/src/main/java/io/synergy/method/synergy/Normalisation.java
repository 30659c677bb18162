package io.synergy.method.synergy;

/**
 * How indicator values are mapped to [0, 1] + ε before weighting (docs/method.md §3).
 *
 * <p>Why two modes: RANGE (极差标准化) is what the literature uses, but over a time series it scores the worst
 * year 0 and the best 1 by construction, and adding a year changes every earlier score. TARGET reads as "share of
 * the way from the base-year value to the plan's target" and a sample's normalised value does not depend on the
 * other samples.
 */
public enum Normalisation {
    /** x' = (x − lo)/(hi − lo) + ε (higher is better) or (hi − x)/(hi − lo) + ε (lower is better). */
    RANGE,
    /** x' = clamp((x − b)/(g − b), 0, 1) + ε with b the baseline and g the target. */
    TARGET
}
