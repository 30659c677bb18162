package io.synergy.model.catalogue;

/** The two subsystems of the synergy degree (协同度). */
public enum Subsystem {
    /** 减污: pollution reduction, index U1. */
    POLLUTION("减污", "pollution reduction"),
    /** 降碳: carbon reduction, index U2. */
    CARBON("降碳", "carbon reduction");

    private final String zh;
    private final String en;

    Subsystem(String zh, String en) {
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
