package io.synergy.aggregation.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.synergy.method.results.MethodSettings;
import java.util.List;
import java.util.Map;

/** The method's configurable choices ({@code synergy.method.*}); see application.properties and docs/method.md. */
@ConfigMapping(prefix = "synergy.method")
public interface MethodConfig {

    @WithDefault("2020")
    int baseYear();

    @WithDefault("0.5")
    double alpha();

    @WithDefault("0.5")
    double beta();

    @WithDefault("0.1")
    double lagThreshold();

    List<String> pollutionIndicators();

    List<String> carbonIndicators();

    /** Provincial (or revised) target values by indicator id. */
    Map<String, Double> targets();

    /** Accepted shortfall by indicator id (T3 "about 50 %"). */
    Map<String, Double> tolerances();

    /** Fixed weights by indicator id; empty for entropy weights. */
    Map<String, Double> weights();

    default MethodSettings settings() {
        return new MethodSettings(
                baseYear(),
                alpha(),
                beta(),
                lagThreshold(),
                pollutionIndicators(),
                carbonIndicators(),
                targets(),
                tolerances(),
                weights());
    }
}
