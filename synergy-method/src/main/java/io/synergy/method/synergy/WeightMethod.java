package io.synergy.method.synergy;

/** How the indicator weights of a subsystem were obtained (docs/method.md §3). */
public enum WeightMethod {
    /** Entropy weights w_j = d_j/Σd_j. */
    ENTROPY,
    /** 1/m: the entropy fallback when no indicator of the subsystem varies (Σd = 0). */
    EQUAL,
    /** Configured weights (expert or AHP), renormalised over the subsystem's included indicators. */
    FIXED
}
