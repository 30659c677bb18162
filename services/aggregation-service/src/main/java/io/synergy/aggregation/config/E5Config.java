package io.synergy.aggregation.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.synergy.method.results.KeyProjectReductions.E5Basis;

/**
 * Which figure is the official E5 (主要污染物重点工程减排量), the one attainment is judged by ({@code synergy.e5.*}); the
 * attainment row says which was used ({@code e5Basis}) and shows both. See docs/projects.md.
 */
@ConfigMapping(prefix = "synergy.e5")
public interface E5Config {

    /**
     * PROJECTS (default): the verified annual reductions of the key projects completed by the year, as the plan defines
     * E5; EMISSION_DIFFERENCE: base-year minus current emissions, the proxy the platform used before projects were
     * recorded.
     */
    @WithDefault("PROJECTS")
    E5Basis basis();
}
