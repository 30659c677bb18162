package io.synergy.method.effects;

/**
 * Co-reduction effect of a pollutant and CO2 between two periods (docs/method.md §4).
 *
 * @param pollutant  pollutant name (SO2, NOx, PM, VOCs)
 * @param p0         pollutant emission in t0
 * @param p1         pollutant emission in t1
 * @param c0         CO2 emission in t0
 * @param c1         CO2 emission in t1
 * @param deltaP     ΔP = (P_t1 − P_t0)/P_t0
 * @param deltaC     ΔC = (C_t1 − C_t0)/C_t0
 * @param elasticity ELs = ΔP/ΔC; {@code null} when ΔC = 0. ELs &gt; 1: the pollutant falls faster than carbon
 * @param quadrant   quadrant of (ΔP, ΔC)
 */
public record CoReductionEffect(
        String pollutant,
        double p0,
        double p1,
        double c0,
        double c1,
        double deltaP,
        double deltaC,
        Double elasticity,
        Quadrant quadrant) {}
