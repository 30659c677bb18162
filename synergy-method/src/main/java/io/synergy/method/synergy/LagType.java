package io.synergy.method.synergy;

/**
 * Relative lag of the two subsystems (docs/method.md §3): |U1 − U2| ≤ threshold → synchronous; U1 − U2 &gt; threshold →
 * carbon reduction lagging; U2 − U1 &gt; threshold → pollution reduction lagging.
 */
public enum LagType {
    SYNCHRONOUS("同步", "synchronous"),
    CARBON_LAGGING("降碳滞后", "carbon reduction lagging"),
    POLLUTION_LAGGING("减污滞后", "pollution reduction lagging");

    private final String zh;
    private final String en;

    LagType(String zh, String en) {
        this.zh = zh;
        this.en = en;
    }

    public String zh() {
        return zh;
    }

    public String en() {
        return en;
    }
}
