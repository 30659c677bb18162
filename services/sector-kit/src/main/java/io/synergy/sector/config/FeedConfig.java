package io.synergy.sector.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** How the Kafka feed judges its messages' tokens ({@code synergy.feed.*}; docs/security.md). */
@ConfigMapping(prefix = "synergy.feed")
public interface FeedConfig {

    /**
     * The clock difference tolerated between the identity provider, which sets a token's {@code exp} and {@code nbf}, and
     * the clock the token is judged by (the broker's append time, or this service's): a token is valid for a record
     * written before {@code exp + clock-skew}. Small: clocks are synchronised; a backlog needs no skew, it is judged by
     * the time it was written.
     */
    @WithDefault("30s")
    Duration clockSkew();
}
