package io.synergy.console.dashboard;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * Where the dashboard links to the other services' pages ({@code synergy.links.*}): their base URLs as the officials'
 * browsers reach them (behind an ingress, its public URLs). A link is a navigation, not a connection of the page: the
 * console's Content-Security-Policy ({@code connect-src 'self'}) does not hold it back, and the dashboard's session
 * cookie (SameSite=Strict, the same site) signs the official in on a service of the same host.
 */
@ConfigMapping(prefix = "synergy.links")
public interface DashboardLinks {

    /** The aggregation service: the annual assessment report (/api/v1/assessment/report). */
    @WithDefault("http://127.0.0.1:8080")
    String aggregation();

    /** The registry service: key projects and pilots (/api/v1/projects/progress, /api/v1/pilots). */
    @WithDefault("http://127.0.0.1:8086")
    String registry();
}
