package io.synergy.model.project;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;

/**
 * What a key project (重点工程) reduces, in tonnes a year (t/a): the pollutants of the plan and CO2. {@link #mainPollutant()}
 * marks the four main pollutants (主要污染物) whose key-project reductions the plan counts as E5 (主要污染物重点工程减排量):
 * NOx and VOCs for air, COD and NH3-N for water.
 */
public enum Substance {
    NOX("氮氧化物", "NOx", true),
    VOCS("挥发性有机物", "VOCs", true),
    SO2("二氧化硫", "SO2", false),
    PM("颗粒物", "PM", false),
    COD("化学需氧量", "COD", true),
    NH3N("氨氮", "NH3-N", true),
    CO2("二氧化碳", "CO2", false);

    /** The unit of every reduction: tonnes a year. */
    public static final String UNIT = "t/a";

    private final String zh;
    private final String en;
    private final boolean mainPollutant;

    Substance(String zh, String en, boolean mainPollutant) {
        this.zh = zh;
        this.en = en;
        this.mainPollutant = mainPollutant;
    }

    public String zh() {
        return zh;
    }

    public String en() {
        return en;
    }

    /** One of the main pollutants (主要污染物) whose key-project reductions are E5. */
    public boolean mainPollutant() {
        return mainPollutant;
    }

    /** The lower-case key of table columns ({@code planned_nox}, {@code verified_nh3n}). */
    public String key() {
        return name().toLowerCase(Locale.ROOT);
    }

    public static Optional<Substance> find(String name) {
        return Arrays.stream(values()).filter(s -> s.name().equals(name)).findFirst();
    }
}
