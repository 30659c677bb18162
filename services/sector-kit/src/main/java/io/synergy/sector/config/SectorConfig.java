package io.synergy.sector.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import io.synergy.model.catalogue.Sector;
import java.time.Duration;

/** What makes a sector service the energy, transport, building, agriculture or waste service. */
@ConfigMapping(prefix = "synergy.sector")
public interface SectorConfig {

    /** The sector this service accepts data for. */
    Sector code();

    /** The token group that may write this sector (and read it, besides {@code reader}). */
    @WithDefault("feed:${synergy.sector.code}")
    String feedRole();

    /**
     * The token group of a district's reviewer (审核): approves or returns the sector's submitted data sets of the districts
     * its {@code districts} claim lists, and acknowledges flagged values (docs/reporting-cycle.md).
     */
    @WithDefault("reviewer:${synergy.sector.code}")
    String reviewerRole();

    /** The token group of the city's sector bureau (审定): accepts approved data sets, and reopens them with a reason. */
    @WithDefault("approver:${synergy.sector.code}")
    String approverRole();

    /** Largest request body accepted (bytes); larger bodies get 413. */
    @WithDefault("8388608")
    long maxBodyBytes();

    /**
     * Bytes of request bodies being read and parsed at the same time; a request waits its turn (up to
     * {@link #ingestionWait()}) until its body fits. Weighing by size lets many small reports through at once (their commits
     * share the disk's flushes) while only two or three large bodies are parsed together.
     */
    @WithDefault("3145728")
    long maxBytesInFlight();

    /**
     * Values of parsed requests being validated and stored at the same time (every channel: REST, CSV, XLSX, the Kafka feed);
     * a request waits its turn, within {@link #ingestionWait()}, until its values fit, else 503 {@code busy} with nothing
     * stored. What a request holds while it is stored grows with its values: measured ~600 bytes of live heap per value at a
     * batch's peak (1,000 reports, 19,000 values: 11.4 MB, {@code GC.class_histogram}), against ~20 MB a 64 MB heap has
     * beside the service's own ~40 MB after collections. The default lets one batch of 1,000 enterprises' reports (11,000
     * energy values) and many small requests in at once, never two such batches (the scale run's {@code OutOfMemoryError}).
     * A request of more values (up to {@link #maxValues()}) gets in alone.
     */
    @WithDefault("20000")
    int maxValuesInFlight();

    /** How long a request waits for its turn (both steps together) before a 503 with Retry-After. */
    @WithDefault("30s")
    Duration ingestionWait();

    /** Most data-element values accepted in one request (a batch or a CSV file). */
    @WithDefault("50000")
    int maxValues();

    /**
     * How long a kept read answer — the figures, the completeness, a page of flagged values, the approval matrix — may be
     * served at most, whatever the data version says. It bounds the writes a version cannot see: a pod of the previous
     * release during a rolling upgrade raises none (platform-kit's {@code AnswerMemo}).
     */
    @WithDefault("5s")
    Duration answerMaxAge();

    /** When an accepted value is flagged for review as an implausible change. */
    Plausibility plausibility();

    /** The band around the previous year's value within which a value is plausible. */
    interface Plausibility {

        /**
         * A value more than this many times the same period's value a year earlier, or less than that value divided by
         * it, is accepted but flagged {@code IMPLAUSIBLE_CHANGE} (a unit mistake, a missing digit, a typing error). Must be
         * above 1.
         */
        @WithDefault("10")
        double maxRatio();
    }
}
