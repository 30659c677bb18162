package io.synergy.method.inventory;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * Global warming potentials: tonnes of CO2 equivalent per tonne of a greenhouse gas.
 *
 * @param values gas code → GWP (CO2 is 1 by definition)
 * @param source e.g. "IPCC AR5, 100-year"
 */
public record Gwp(Map<String, Double> values, String source) {

    public Gwp {
        values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
    }

    /** IPCC Fifth Assessment Report, 100-year horizon, without climate-carbon feedbacks: CH4 28, N2O 265. */
    public static Gwp ar5() {
        Map<String, Double> v = new LinkedHashMap<>();
        v.put("CO2", 1.0);
        v.put("CH4", 28.0);
        v.put("N2O", 265.0);
        return new Gwp(v, "IPCC AR5, 100-year");
    }

    public Optional<Double> of(String gas) {
        return Optional.ofNullable(values.get(gas));
    }
}
