package io.synergy.method.synergy;

/**
 * The synergy scores of one sample (a year, or a district-year).
 *
 * @param sample     the sample label
 * @param u1         pollution-reduction index U1 = Σ w_j x'_ij over the pollution indicators
 * @param u2         carbon-reduction index U2 = Σ w_j x'_ij over the carbon indicators
 * @param cStandard  standard coupling degree 2√(U1U2)/(U1 + U2)
 * @param cCorrected corrected coupling degree √[(1 − |U1 − U2|)·Umin/Umax]
 * @param c          the coupling degree selected by {@link SynergyOptions#coupling()} (one of the two above)
 * @param t          comprehensive coordination index T = αU1 + βU2
 * @param d          coupling coordination degree (synergy degree) D = √(C·T)
 * @param grade      grade of D
 * @param lag        relative lag of the subsystems
 */
public record SampleScore(
        String sample,
        double u1,
        double u2,
        double cStandard,
        double cCorrected,
        double c,
        double t,
        double d,
        Grade grade,
        LagType lag) {}
