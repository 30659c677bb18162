package io.synergy.method.attainment;

import io.synergy.model.catalogue.Direction;

/**
 * A plan target: value {@code g} to reach by {@code targetYear} (or to keep every year).
 *
 * @param value         the target value g
 * @param targetYear    the target year Y
 * @param keptEveryYear {@code true} for targets that must hold every year (T2, A2, W2): they are scored
 *                      ACHIEVED or OFF_TRACK each year, without time progress
 * @param tolerance     a non-negative slack for targets such as T3's "about 50 %" (左右): the target counts as
 *                      met when {@code v >= g - tolerance} (higher is better) or {@code v <= g + tolerance}
 *                      (lower is better); 0 by default
 */
public record Target(double value, int targetYear, boolean keptEveryYear, double tolerance) {

    public Target {
        if (!Double.isFinite(value)) {
            throw new IllegalArgumentException("target value must be finite: " + value);
        }
        if (!Double.isFinite(tolerance) || tolerance < 0) {
            throw new IllegalArgumentException("tolerance must be finite and >= 0: " + tolerance);
        }
    }

    /** A target to reach by {@code targetYear}, no tolerance. */
    public Target(double value, int targetYear) {
        this(value, targetYear, false, 0);
    }

    /** A target to keep every year (ACHIEVED or OFF_TRACK each year), no tolerance. */
    public static Target keptEveryYear(double value, int targetYear) {
        return new Target(value, targetYear, true, 0);
    }

    /** This target with the given tolerance. */
    public Target withTolerance(double newTolerance) {
        return new Target(value, targetYear, keptEveryYear, newTolerance);
    }

    /**
     * Whether {@code v} meets this target in {@code direction}, tolerance included. A zero target of a
     * lower-is-better indicator (W2 "零填埋") is therefore met only at {@code v <= 0 + tolerance}.
     */
    public boolean isMetBy(double v, Direction direction) {
        double reference = direction == Direction.HIGHER ? value - tolerance : value + tolerance;
        return direction.meets(v, reference);
    }
}
