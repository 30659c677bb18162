package io.synergy.method.synergy;

/** Which coupling degree C enters D = √(C·T) (docs/method.md §3). Both are always reported. */
public enum Coupling {
    /** C = 2√(U1·U2)/(U1 + U2); 0 when U1 + U2 = 0. */
    STANDARD,
    /** Wang Shujia et al. 2021: C' = √[(1 − |U1 − U2|)·Umin/Umax]; 0 when Umax = 0. */
    CORRECTED
}
