package io.synergy.platform.outbox;

import java.util.List;
import org.apache.kafka.common.InvalidRecordException;
import org.apache.kafka.common.errors.InvalidTopicException;
import org.apache.kafka.common.errors.RecordBatchTooLargeException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.TopicAuthorizationException;

/**
 * Which send failures are Kafka refusing one record for good (or the relay unable to make a record of the row at all) — sending it again gives the same answer, however long the relay
 * waits — as opposed to failures that pass (the broker away, a timeout, a leader election), which must hold the outbox in order.
 * A list of the refusals, not "everything that is not a {@code RetriableException}": a failure of the whole producer (its
 * authentication, a fenced epoch) is not the record's fault, and parking every row for it would only empty the outbox into
 * {@code outbox_parked}; such a failure keeps blocking and retrying, as every failure did before.
 *
 * <p>A topic that does not exist is not on the list: the producer waits for its metadata and then times out, like an outage.
 */
final class KafkaRefusals {

    private static final List<Class<? extends Exception>> PERMANENT = List.of(
            RecordTooLargeException.class, // above max.request.size (producer) or max.message.bytes (topic)
            RecordBatchTooLargeException.class,
            InvalidRecordException.class,
            InvalidTopicException.class,
            TopicAuthorizationException.class, // this service's principal may not write the record's topic
            OutboxRelay.UnpublishableRowException.class); // no record can be made of the row: no send would do better

    private KafkaRefusals() {}

    /** Whether the failure (or one of its causes: the connector may wrap it) is a refusal of this one record. */
    static boolean isPermanent(Throwable failure) {
        return refusal(failure) != null;
    }

    /** The refusal as it will be kept with the parked row: its type and Kafka's message. */
    static String reason(Throwable failure) {
        Throwable refusal = refusal(failure);
        Throwable t = refusal != null ? refusal : failure;
        return t.getClass().getSimpleName() + ": " + t.getMessage();
    }

    private static Throwable refusal(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            for (Class<? extends Exception> type : PERMANENT) {
                if (type.isInstance(t)) {
                    return t;
                }
            }
        }
        return null;
    }
}
