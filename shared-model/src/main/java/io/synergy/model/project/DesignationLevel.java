package io.synergy.model.project;

/** Who designated a pilot (试点示范): the state, the province or the city. */
public enum DesignationLevel {
    NATIONAL("国家级", "national"),
    PROVINCIAL("省级", "provincial"),
    CITY("市级", "city");

    private final String zh;
    private final String en;

    DesignationLevel(String zh, String en) {
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
