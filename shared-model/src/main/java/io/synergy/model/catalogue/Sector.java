package io.synergy.model.catalogue;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/** The five sectors of the plan, each with its own service. */
public enum Sector {
    ENERGY("能源", "energy"),
    TRANSPORT("交通", "transport"),
    BUILDING("建筑", "building"),
    AGRICULTURE("农业", "agriculture"),
    WASTE("固废", "waste");

    private final String zh;
    private final String en;

    Sector(String zh, String en) {
        this.zh = zh;
        this.en = en;
    }

    /** The lower-case code used in data-element codes, topic names and URLs. */
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    public String zh() {
        return zh;
    }

    public String en() {
        return en;
    }

    public static Optional<Sector> find(String code) {
        return Arrays.stream(values()).filter(s -> s.code().equals(code)).findFirst();
    }

    public static Sector of(String code) {
        return find(code).orElseThrow(() -> new IllegalArgumentException("unknown sector " + code));
    }
}
