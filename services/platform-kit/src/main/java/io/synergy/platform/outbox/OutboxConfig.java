package io.synergy.platform.outbox;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** Tuning of the {@link OutboxRelay}. */
@ConfigMapping(prefix = "synergy.outbox")
public interface OutboxConfig {

    /** Turn the relay off (a service that only reads, or a test that inspects the table). */
    @WithDefault("true")
    boolean relayEnabled();

    /** Rows claimed and published per transaction. */
    @WithDefault("500")
    int batchSize();

    /** Longest wait between two looks at the table when no commit woke the relay. */
    @WithDefault("1s")
    Duration pollInterval();

    /** How long a batch may wait for the broker's acknowledgements before it is rolled back and retried. */
    @WithDefault("20s")
    Duration sendTimeout();

    /** First wait after a failed batch; doubles up to {@link #maxBackoff()}. */
    @WithDefault("250ms")
    Duration initialBackoff();

    @WithDefault("15s")
    Duration maxBackoff();
}
