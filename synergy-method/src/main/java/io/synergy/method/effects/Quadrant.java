package io.synergy.method.effects;

/**
 * Quadrant of the co-control coordinate system (协同控制效应坐标系, docs/method.md §4), from the relative changes ΔP of a
 * pollutant and ΔC of CO2. A zero change counts with the increases (ΔP ≥ 0, ΔC ≥ 0).
 */
public enum Quadrant {
    /** ΔP &lt; 0 and ΔC &lt; 0. */
    CO_REDUCTION("协同减排", "co-reduction"),
    /** ΔP &lt; 0 and ΔC ≥ 0. */
    POLLUTION_DOWN_CARBON_UP("减污增碳", "pollution down, carbon up"),
    /** ΔP ≥ 0 and ΔC &lt; 0. */
    CARBON_DOWN_POLLUTION_UP("降碳增污", "carbon down, pollution up"),
    /** ΔP ≥ 0 and ΔC ≥ 0. */
    CO_INCREASE("协同增排", "co-increase");

    private final String zh;
    private final String en;

    Quadrant(String zh, String en) {
        this.zh = zh;
        this.en = en;
    }

    public String zh() {
        return zh;
    }

    public String en() {
        return en;
    }

    /** The quadrant of (ΔP, ΔC). */
    public static Quadrant of(double deltaP, double deltaC) {
        if (deltaP < 0) {
            return deltaC < 0 ? CO_REDUCTION : POLLUTION_DOWN_CARBON_UP;
        }
        return deltaC < 0 ? CARBON_DOWN_POLLUTION_UP : CO_INCREASE;
    }
}
