package io.synergy.aggregation.ingest;

import io.quarkus.logging.Log;
import io.synergy.model.event.Rejection;
import io.synergy.platform.deadletter.DeadLetter;
import io.synergy.platform.deadletter.DeadLetterWriter;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * How the aggregation's one-record-at-a-time consumers (targets.v1, approvals.v1) finish a record they checked: a valid
 * event is stored, and a store that fails for a transient reason (the database away) is retried with backoff until it
 * succeeds; a refused record — or one whose data the database refuses, which no retry helps — goes to its dead-letter
 * topic, acknowledged by the broker before the offset may move past the record. Returns only once the record is done.
 */
final class OneRecordAtATime {

    static final Duration FIRST_BACKOFF = Duration.ofMillis(500);
    static final Duration MAX_BACKOFF = Duration.ofSeconds(15);

    private OneRecordAtATime() {}

    /**
     * @param event     the checked event, or {@code null} when the record was refused
     * @param rejection why it was refused ({@code null} when valid)
     * @param store     stores the event in a transaction of its own; returns what it did, for the log
     * @param letter    the record's dead letter with a reason
     */
    static <E> void finish(
            ConsumerRecord<String, byte[]> r,
            E event,
            Rejection rejection,
            Function<E, Object> store,
            DeadLetterWriter deadLetters,
            Function<Rejection, DeadLetter> letter)
            throws InterruptedException {
        Duration backoff = FIRST_BACKOFF;
        Rejection why = rejection;
        while (true) {
            try {
                if (why == null) {
                    Object done = store.apply(event);
                    Log.debugf("%s %s: %s", r.topic(), r.key(), done);
                } else {
                    DeadLetter l = letter.apply(why);
                    Log.warnf(
                            "record %s-%d@%d refused, to %s: %s",
                            r.topic(), r.partition(), r.offset(), l.topic(), why.reason());
                    deadLetters.sendAndAwait(List.of(l));
                }
                return;
            } catch (RuntimeException e) {
                if (why == null && IndicatorConsumer.refusedData(e)) {
                    // the database refused what the checks let through: retrying won't help
                    why = new Rejection(IndicatorConsumer.STORAGE, null, ConsumerProgress.describe(e));
                    continue;
                }
                Log.warnf(
                        "record %s-%d@%d not yet handled, retrying in %s: %s",
                        r.topic(), r.partition(), r.offset(), backoff, ConsumerProgress.describe(e));
                Thread.sleep(backoff.toMillis());
                backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
            }
        }
    }
}
