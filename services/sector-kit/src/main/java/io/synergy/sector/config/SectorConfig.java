package io.synergy.sector.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.synergy.model.catalogue.Sector;

/** What makes a sector service the energy, transport, building, agriculture or waste service. */
@ConfigMapping(prefix = "synergy.sector")
public interface SectorConfig {

    /** The sector this service accepts data for. */
    Sector code();

    /** The token group that may write this sector (and read it, besides {@code reader}). */
    @WithDefault("feed:${synergy.sector.code}")
    String feedRole();

    /** Largest request body accepted (bytes); larger bodies get 413. */
    @WithDefault("8388608")
    long maxBodyBytes();

    /**
     * Requests stored at the same time; others wait their turn (up to {@link #ingestionWait()}). On two cores more
     * would not go faster, only hold more request bodies in memory and more database locks at once.
     */
    @WithDefault("2")
    int maxConcurrentIngestions();

    /** How long a request waits for its turn before a 503 with Retry-After. */
    @WithDefault("30s")
    java.time.Duration ingestionWait();

    /** Most data-element values accepted in one request (a batch or a CSV file). */
    @WithDefault("50000")
    int maxValues();
}
