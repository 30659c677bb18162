package io.synergy.aggregation.links;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.net.URI;

/** Where the APIs that moved out of this service live now ({@code synergy.links.*}), as their clients reach them. */
@ConfigMapping(prefix = "synergy.links")
public interface LinksConfig {

    /**
     * Base URL of the registry service (scheme, host, port, and a path prefix if a proxy adds one), e.g.
     * {@code https://synergy.qingdao.example}; the moved paths are appended to it as they were requested.
     */
    @WithDefault("http://127.0.0.1:8086")
    URI registry();

    /**
     * Base URL of the console service (the ops API and the dashboard), e.g. {@code https://synergy.qingdao.example}: the
     * aggregation's former ops and dashboard paths, and {@code /}, redirect there.
     */
    @WithDefault("http://127.0.0.1:8087")
    URI console();
}
