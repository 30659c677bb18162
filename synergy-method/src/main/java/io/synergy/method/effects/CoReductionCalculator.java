package io.synergy.method.effects;

import java.util.Objects;

/**
 * Co-reduction effect (协同控制效应, docs/method.md §4): ΔP = (P_t1 − P_t0)/P_t0, ΔC = (C_t1 − C_t0)/C_t0,
 * elasticity ELs = ΔP/ΔC (undefined, {@code null}, when ΔC = 0) and the quadrant of (ΔP, ΔC).
 *
 * <p>Why the inputs are checked: a relative change needs a base; with P_t0 = 0 or C_t0 = 0 it is undefined, and
 * with a negative base (not an emission) its sign would be inverted and the quadrant wrong. So the base values
 * must be &gt; 0 and the later values ≥ 0, all finite; anything else is an {@link IllegalArgumentException}.
 */
public final class CoReductionCalculator {

    private CoReductionCalculator() {}

    /**
     * The effect for one pollutant.
     *
     * @throws IllegalArgumentException when p0 or c0 is not &gt; 0, or p1 or c1 is negative, or any is not finite
     */
    public static CoReductionEffect effect(String pollutant, double p0, double p1, double c0, double c1) {
        Objects.requireNonNull(pollutant, "pollutant");
        requireBase(pollutant + " p0", p0);
        requireBase("CO2 c0", c0);
        requireLater(pollutant + " p1", p1);
        requireLater("CO2 c1", c1);
        double deltaP = (p1 - p0) / p0;
        double deltaC = (c1 - c0) / c0;
        Double elasticity = deltaC == 0 ? null : deltaP / deltaC;
        return new CoReductionEffect(
                pollutant, p0, p1, c0, c1, deltaP, deltaC, elasticity, Quadrant.of(deltaP, deltaC));
    }

    private static void requireBase(String name, double v) {
        if (!Double.isFinite(v) || v <= 0) {
            throw new IllegalArgumentException(name + " must be > 0 (relative change undefined): " + v);
        }
    }

    private static void requireLater(String name, double v) {
        if (!Double.isFinite(v) || v < 0) {
            throw new IllegalArgumentException(name + " must be finite and >= 0: " + v);
        }
    }
}
