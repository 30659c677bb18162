package io.synergy.aggregation.ingest;

import io.quarkus.logging.Log;
import io.synergy.model.event.CheckedRecord;
import io.synergy.model.event.Rejection;
import io.synergy.platform.deadletter.DeadLetter;
import io.synergy.platform.deadletter.DeadLetterWriter;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * How the aggregation handles one record of a compacted topic whose records are few and kept in order — the registry's
 * {@code targets.v1}, {@code projects.v1}, {@code pilots.v1} and the sector services' {@code approvals.v1} — one at a time: the record is checked on its own; a refused one goes to the topic's dead letters
 * with the reason, keyed by its source partition and offset (a redelivered record's letter replaces the first), and the
 * next record follows at once; a valid one is stored (idempotently: the store applies a version above the stored one
 * only). A record that cannot be stored for a transient reason (the database away) is retried with backoff until it is;
 * one whose data the database refuses is set aside like an invalid one. The caller's offset moves on after this returns.
 */
@ApplicationScoped
public class OneRecordAtATime {

    static final Duration FIRST_BACKOFF = Duration.ofMillis(500);
    static final Duration MAX_BACKOFF = Duration.ofSeconds(15);

    private final DeadLetterWriter deadLetters;

    public OneRecordAtATime(DeadLetterWriter deadLetters) {
        this.deadLetters = deadLetters;
    }

    /**
     * Handles the record.
     *
     * @param deadLetterTopic where a refused record goes
     * @param check           checks it (a fault of the check itself refuses the record with it, kind {@code internal})
     * @param store           stores a valid event in a transaction of its own; answers whether it changed anything
     */
    public <E> void handle(
            ConsumerRecord<String, byte[]> r,
            String deadLetterTopic,
            Supplier<CheckedRecord<E>> check,
            Function<E, Boolean> store)
            throws InterruptedException {
        CheckedRecord<E> c = checked(r, check);
        Duration backoff = FIRST_BACKOFF;
        while (true) {
            try {
                if (c.valid()) {
                    boolean applied = store.apply(c.event());
                    Log.debugf("%s %s %s", r.topic(), r.key(), applied ? "applied" : "already applied");
                } else {
                    Log.warnf(
                            "record %s-%d@%d refused, to %s: %s",
                            r.topic(),
                            r.partition(),
                            r.offset(),
                            deadLetterTopic,
                            c.rejection().reason());
                    // acknowledged before the offset may move past the record
                    deadLetters.sendAndAwait(List.of(deadLetter(r, deadLetterTopic, c.rejection())));
                }
                return;
            } catch (RuntimeException e) {
                if (IndicatorConsumer.refusedData(e)) {
                    // the database refused what the checks let through: retrying won't help
                    c = CheckedRecord.refused(
                            new Rejection(IndicatorConsumer.STORAGE, null, ConsumerProgress.describe(e)));
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

    private static <E> CheckedRecord<E> checked(ConsumerRecord<String, byte[]> r, Supplier<CheckedRecord<E>> check) {
        try {
            return check.get();
        } catch (RuntimeException e) {
            // a fault of ours must not stop the topic either: the record is set aside with it
            Log.errorf(e, "record %s-%d@%d could not be checked", r.topic(), r.partition(), r.offset());
            return CheckedRecord.refused(
                    new Rejection(Rejection.INTERNAL, null, e.getClass().getSimpleName() + ": " + e.getMessage()));
        }
    }

    private static DeadLetter deadLetter(ConsumerRecord<String, byte[]> r, String topic, Rejection why) {
        byte[] key = (r.partition() + "/" + r.offset()).getBytes(StandardCharsets.UTF_8);
        return new DeadLetter(
                topic, key, r.value(), r.headers(), new DeadLetter.Source(r.topic(), r.partition(), r.offset()), why);
    }
}
