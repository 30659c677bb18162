package io.synergy.method.synergy;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Options of a synergy evaluation (docs/method.md §3).
 *
 * @param normalisation RANGE (default, the literature's) or TARGET (stable as years are added)
 * @param coupling      which coupling degree enters D: STANDARD (default) or CORRECTED
 * @param alpha         weight of U1 in T = αU1 + βU2 (default 0.5)
 * @param beta          weight of U2 (default 0.5); α + β must be 1 (±1e-9), both ≥ 0
 * @param lagThreshold  threshold on |U1 − U2| for the lag type (default 0.1), ≥ 0
 * @param epsilon       the shift ε added after normalisation so that ln p is defined (default 0.0001), ≥ 0
 * @param fixedWeights  indicator id → weight (expert/AHP); empty (default) → entropy weights. When non-empty,
 *                      every included indicator needs a weight; each subsystem's weights are renormalised over its
 *                      included indicators to sum to 1
 */
public record SynergyOptions(
        Normalisation normalisation,
        Coupling coupling,
        double alpha,
        double beta,
        double lagThreshold,
        double epsilon,
        Map<String, Double> fixedWeights) {

    /** Accepted rounding error in α + β = 1 (0.3 + 0.7 is not exactly 1.0 in doubles, e.g. 0.1 + 0.2). */
    static final double ALPHA_BETA_TOLERANCE = 1e-9;

    public SynergyOptions {
        Objects.requireNonNull(normalisation, "normalisation");
        Objects.requireNonNull(coupling, "coupling");
        if (!Double.isFinite(alpha)
                || !Double.isFinite(beta)
                || alpha < 0
                || beta < 0
                || Math.abs(alpha + beta - 1.0) > ALPHA_BETA_TOLERANCE) {
            throw new IllegalArgumentException(
                    "alpha and beta must be >= 0 with alpha + beta = 1, got alpha=" + alpha + ", beta=" + beta);
        }
        if (!Double.isFinite(lagThreshold) || lagThreshold < 0) {
            throw new IllegalArgumentException("lagThreshold must be finite and >= 0: " + lagThreshold);
        }
        if (!Double.isFinite(epsilon) || epsilon < 0) {
            throw new IllegalArgumentException("epsilon must be finite and >= 0: " + epsilon);
        }
        LinkedHashMap<String, Double> copy = new LinkedHashMap<>();
        if (fixedWeights != null) {
            for (Map.Entry<String, Double> e : fixedWeights.entrySet()) {
                Double w = e.getValue();
                if (e.getKey() == null || w == null || !Double.isFinite(w) || w < 0) {
                    throw new IllegalArgumentException("fixed weight must be finite and >= 0: " + e.getKey() + "=" + w);
                }
                copy.put(e.getKey(), w);
            }
        }
        fixedWeights = Collections.unmodifiableMap(copy);
    }

    /** RANGE, STANDARD, α = β = 0.5, lag threshold 0.1, ε = 0.0001, entropy weights. */
    public static SynergyOptions defaults() {
        return new SynergyOptions(Normalisation.RANGE, Coupling.STANDARD, 0.5, 0.5, 0.1, 0.0001, Map.of());
    }

    public SynergyOptions withNormalisation(Normalisation n) {
        return new SynergyOptions(n, coupling, alpha, beta, lagThreshold, epsilon, fixedWeights);
    }

    public SynergyOptions withCoupling(Coupling c) {
        return new SynergyOptions(normalisation, c, alpha, beta, lagThreshold, epsilon, fixedWeights);
    }

    public SynergyOptions withAlphaBeta(double a, double b) {
        return new SynergyOptions(normalisation, coupling, a, b, lagThreshold, epsilon, fixedWeights);
    }

    public SynergyOptions withLagThreshold(double threshold) {
        return new SynergyOptions(normalisation, coupling, alpha, beta, threshold, epsilon, fixedWeights);
    }

    public SynergyOptions withEpsilon(double eps) {
        return new SynergyOptions(normalisation, coupling, alpha, beta, lagThreshold, eps, fixedWeights);
    }

    public SynergyOptions withFixedWeights(Map<String, Double> weights) {
        return new SynergyOptions(normalisation, coupling, alpha, beta, lagThreshold, epsilon, weights);
    }
}
