package io.synergy.registry.deadlines;

import io.quarkus.logging.Log;
import io.smallrye.common.annotation.Blocking;
import io.synergy.model.event.ApprovalEventValidator;
import io.synergy.model.event.Rejection;
import io.synergy.model.event.Topics;
import io.synergy.platform.deadletter.DeadLetter;
import io.synergy.platform.deadletter.DeadLetterWriter;
import io.synergy.platform.orgunits.OrgUnitRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Keeps the data sets' states ({@code data_set_state}) from {@code approvals.v1}, the sector services' transitions. Every
 * record is checked on its own — the schema, a known sector, a district of the registry, a year of the plan, the key that
 * names it — and a refused one goes to {@code approvals.v1.dlq} with the reason (as the org-units consumer does) while the
 * next is applied. The consumer group commits its offsets only after a record is stored or dead-lettered; a record read
 * again changes nothing (the event's version decides, {@link DeadlineService#apply}).
 */
@ApplicationScoped
public class ApprovalFeed {

    private final DeadlineService service;
    private final OrgUnitRegistry registry;
    private final DeadLetterWriter deadLetters;

    ApprovalFeed(DeadlineService service, OrgUnitRegistry registry, DeadLetterWriter deadLetters) {
        this.service = service;
        this.registry = registry;
        this.deadLetters = deadLetters;
    }

    @Incoming("approvals")
    @Blocking
    public void consume(ConsumerRecord<String, byte[]> record) {
        if (record.value() == null) {
            return; // a tombstone: data sets are never deleted
        }
        ApprovalEventValidator.Checked c;
        try {
            c = check(record);
        } catch (RuntimeException e) {
            // a fault of ours in the checks must not stop the stream either: the record is set aside with it
            Log.errorf(e, "approval record %s-%d@%d failed", record.topic(), record.partition(), record.offset());
            c = new ApprovalEventValidator.Checked(
                    null,
                    new Rejection(Rejection.INTERNAL, null, e.getClass().getSimpleName() + ": " + e.getMessage()));
        }
        if (c.event() != null) {
            // a sound record is stored; a database that fails here fails the stream (its health says so) rather than
            // dead-lettering a sound record: the record is read again from the committed offset once the service
            // restarts
            service.apply(c.event());
            return;
        }
        Rejection why = c.rejection();
        Log.warnf(
                "approval record %s-%d@%d refused: %s",
                record.topic(), record.partition(), record.offset(), why.reason());
        byte[] key = record.key() == null ? null : record.key().getBytes(StandardCharsets.UTF_8);
        // waits for the broker: the offset moves past the record only once its dead letter is written
        deadLetters.sendAndAwait(List.of(new DeadLetter(
                Topics.APPROVALS_DEAD_LETTERS,
                key,
                record.value(),
                record.headers(),
                new DeadLetter.Source(record.topic(), record.partition(), record.offset()),
                why)));
    }

    /** The record's event if it is sound; otherwise its first fault (the check the aggregation makes too). */
    private ApprovalEventValidator.Checked check(ConsumerRecord<String, byte[]> record) {
        return new ApprovalEventValidator(registry.current()).check(record.key(), record.value());
    }
}
