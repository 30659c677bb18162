package io.synergy.console.entry;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.net.URI;
import java.time.Duration;
import java.util.Map;

/**
 * Where the console reaches the sector services its staff pages forward to ({@code synergy.console.sectors.*};
 * docs/architecture.md, "the staff pages"): each sector's base URL, by sector code. The local run and the end-to-end tests use
 * the contract's ports 8081–8085; the Helm chart and the compose file set the in-cluster addresses.
 */
@ConfigMapping(prefix = "synergy.console.sectors")
public interface SectorServices {

    /** The base URL of each sector's service, by sector code ({@code energy}, {@code transport}…): every sector needs one. */
    Map<String, URI> url();

    /** How long one forwarded call may take before the page is told the sector service is unavailable. */
    @WithDefault("20s")
    Duration timeout();
}
