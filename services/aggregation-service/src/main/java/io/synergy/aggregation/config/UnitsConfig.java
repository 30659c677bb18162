package io.synergy.aggregation.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.List;

/** The synergy degree of parks and enterprises ({@code synergy.units.*}). */
@ConfigMapping(prefix = "synergy.units")
public interface UnitsConfig {

    /** The pollution subsystem of the unit panel: pollutant intensities (t per 10^4 CNY of value added). */
    @WithDefault("PI-SO2,PI-NOX,PI-PM,PI-VOCS")
    List<String> pollutionIndicators();

    /** The carbon subsystem of the unit panel: CO2 and energy intensities. */
    @WithDefault("CI,EI")
    List<String> carbonIndicators();

    NearZero nearZero();

    /** "双近零": near-zero pollution and near-zero carbon. */
    interface NearZero {

        /** Highest summed pollutant intensity (SO2 + NOx + PM + VOCs, t per 10^4 CNY) that counts as near zero. */
        @WithDefault("0.0005")
        double pollutionIntensityMax();

        /** Highest CO2 intensity (t per 10^4 CNY) that counts as near zero. */
        @WithDefault("0.2")
        double carbonIntensityMax();
    }
}
