package io.synergy.platform.deadletter;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** How refused records are written to their dead-letter topics ({@code synergy.dead-letters.*}). */
@ConfigMapping(prefix = "synergy.dead-letters")
public interface DeadLetterConfig {

    /** How long a dead letter may wait for the broker's acknowledgement; the consumer retries its batch after that. */
    @WithDefault("10s")
    Duration sendTimeout();

    /**
     * A value longer than this is cut (the original size goes into {@code dead-letter-value-bytes}): the dead letter must fit
     * into a record beside the headers it gains, or it could never be written and would stall the consumer itself.
     */
    @WithDefault("262144")
    int maxValueBytes();
}
