package io.synergy.aggregation.inventory;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.synergy.method.inventory.Gwp;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** The integrated inventory's settings ({@code synergy.inventory.*}); see application.properties and docs/inventory.md. */
@ConfigMapping(prefix = "synergy.inventory")
public interface InventoryConfig {

    /** Global warming potentials by gas (t CO2e per t); CO2 is 1 whatever is configured. */
    Map<String, Double> gwp();

    @WithDefault("IPCC AR5, 100-year")
    String gwpSource();

    /**
     * A YAML or JSON file with the factor library to store as version 1 when the factor table is empty; absent: the
     * shipped {@code emission-factors.yaml}. Later versions are posted, never read from here.
     */
    Optional<String> initialLibrary();

    default Gwp gwpValues() {
        Map<String, Double> values = new LinkedHashMap<>();
        values.put("CO2", 1.0);
        gwp().forEach((gas, v) -> {
            if (!"CO2".equals(gas)) {
                values.put(gas, v);
            }
        });
        return new Gwp(values, gwpSource());
    }
}
