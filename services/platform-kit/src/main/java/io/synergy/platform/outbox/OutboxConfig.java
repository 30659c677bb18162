package io.synergy.platform.outbox;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Map;

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

    /**
     * The largest record the relay's producer sends ({@code max.request.size}; Kafka's default, 1 MiB): {@link OutboxWriter}
     * refuses a client's event above it at intake (413 event-too-large or a dead letter), so this is the one place the event
     * size limit is set; every topic's {@code max.message.bytes} (broker default 1 MiB + 12) must not be lower (docs/events.md,
     * "Event size").
     */
    @WithDefault("1048576")
    int maxRecordBytes();

    /** How long the producer waits for more records to fill a request ({@code linger.ms}). */
    @WithDefault("5ms")
    Duration linger();

    /** The producer's buffer ({@code buffer.memory}), in the heap: 8 MiB hold several batches. */
    @WithDefault("8388608")
    long bufferBytes();

    /**
     * Further Kafka producer properties for the relay's producer, over the ones above and the cluster's {@code kafka.*}:
     * {@code synergy.outbox.producer."compression.type"=lz4}.
     */
    Map<String, String> producer();
}
