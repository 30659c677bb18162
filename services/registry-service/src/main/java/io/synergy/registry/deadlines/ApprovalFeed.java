package io.synergy.registry.deadlines;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.logging.Log;
import io.smallrye.common.annotation.Blocking;
import io.synergy.model.catalogue.Sector;
import io.synergy.model.event.ApprovalEvent;
import io.synergy.model.event.EventSchemas;
import io.synergy.model.event.Rejection;
import io.synergy.model.event.Topics;
import io.synergy.model.project.ProjectCatalogue;
import io.synergy.platform.deadletter.DeadLetter;
import io.synergy.platform.deadletter.DeadLetterWriter;
import io.synergy.platform.orgunits.OrgUnitRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
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

    /** The kinds of refusal beyond the schema's. */
    static final String SECTOR = "sector";

    static final String DISTRICT = "district";
    static final String YEAR = "year";
    static final String KEY = "key";

    private final DeadlineService service;
    private final OrgUnitRegistry registry;
    private final DeadLetterWriter deadLetters;
    private final ObjectMapper json;

    ApprovalFeed(DeadlineService service, OrgUnitRegistry registry, DeadLetterWriter deadLetters, ObjectMapper json) {
        this.service = service;
        this.registry = registry;
        this.deadLetters = deadLetters;
        this.json = json;
    }

    @Incoming("approvals")
    @Blocking
    public void consume(ConsumerRecord<String, byte[]> record) {
        if (record.value() == null) {
            return; // a tombstone: data sets are never deleted
        }
        Checked c;
        try {
            c = check(record);
        } catch (RuntimeException e) {
            // a fault of ours in the checks must not stop the stream either: the record is set aside with it
            Log.errorf(e, "approval record %s-%d@%d failed", record.topic(), record.partition(), record.offset());
            c = new Checked(
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

    /** A record checked: the event when it is sound, else why not. */
    private record Checked(ApprovalEvent event, Rejection rejection) {

        static Checked refused(String kind, String field, String message) {
            return new Checked(null, new Rejection(kind, field, message));
        }
    }

    /** The record's event if it is sound; otherwise its first fault. */
    private Checked check(ConsumerRecord<String, byte[]> record) {
        String text = new String(record.value(), StandardCharsets.UTF_8);
        if (text.isBlank()) {
            return Checked.refused(Rejection.EMPTY, null, "an empty record");
        }
        try {
            json.readTree(text);
        } catch (IOException ex) {
            return Checked.refused(Rejection.NOT_JSON, null, "not JSON");
        }
        Rejection schema = EventSchemas.shared().check(EventSchemas.APPROVAL_EVENT, text);
        if (schema != null) {
            return new Checked(null, schema);
        }
        ApprovalEvent e;
        try {
            e = json.readValue(text, ApprovalEvent.class);
        } catch (IOException ex) {
            return Checked.refused(Rejection.SCHEMA, null, "does not read as an ApprovalEvent");
        }
        if (Sector.find(e.sector()).isEmpty()) {
            return Checked.refused(SECTOR, "sector", "'" + e.sector() + "' is not a sector");
        }
        if (!registry.current().isDistrict(e.orgUnit())) {
            return Checked.refused(DISTRICT, "orgUnit", "'" + e.orgUnit() + "' is not a district of the registry");
        }
        int year = Integer.parseInt(e.period());
        if (year < ProjectCatalogue.FIRST_YEAR || year > ProjectCatalogue.LAST_YEAR) {
            return Checked.refused(
                    YEAR,
                    "period",
                    "'" + e.period() + "' is not a year from " + ProjectCatalogue.FIRST_YEAR + " to "
                            + ProjectCatalogue.LAST_YEAR);
        }
        if (!e.key().equals(record.key())) {
            return Checked.refused(KEY, null, "the record's key '" + record.key() + "' is not the event's, " + e.key());
        }
        return new Checked(e, null);
    }
}
