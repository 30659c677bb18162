package io.synergy.platform.deadletter;

import io.synergy.model.event.FeedDeadLetter;
import io.synergy.model.event.Rejection;
import org.apache.kafka.common.header.Headers;

/**
 * A record a consumer refused, on its way to a dead-letter topic: the original key, value and headers, where it came
 * from and why it was refused.
 *
 * @param topic     the dead-letter topic
 * @param key       the dead letter's key: the original key, or on a compacted dead-letter topic one that identifies the source record
 * @param value     the original value, byte for byte ({@code null} for a record without one)
 * @param headers   the original headers, kept
 * @param source    topic, partition and offset of the refused record
 * @param rejection why it was refused
 */
public record DeadLetter(String topic, byte[] key, byte[] value, Headers headers, Source source, Rejection rejection) {

    /** Where a refused record was read. */
    public record Source(String topic, int partition, long offset) {

        @Override
        public String toString() {
            return topic + "/" + partition + "/" + offset;
        }
    }

    /** The reason header: what the dead-letter listings show (the names every dead letter of the platform shares: shared-model's FeedDeadLetter). */
    public static final String REASON = FeedDeadLetter.REASON;
    /** The kind of fault ({@link Rejection#kind()}): what the metric is tagged with. */
    public static final String KIND = "dead-letter-kind";
    /** The field at fault, when one is. */
    public static final String FIELD = "dead-letter-field";

    public static final String TOPIC = FeedDeadLetter.TOPIC;
    public static final String PARTITION = FeedDeadLetter.PARTITION;
    public static final String OFFSET = FeedDeadLetter.OFFSET;
    /** The service ({@code quarkus.application.name}) that refused it. */
    public static final String SERVICE = "dead-letter-service";
    /** Set when the value was cut to {@code synergy.dead-letters.max-value-bytes}: the original size in bytes. */
    public static final String VALUE_BYTES = "dead-letter-value-bytes";
}
