package io.synergy.registry.deadlines;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.logging.Log;
import io.smallrye.common.annotation.Blocking;
import io.synergy.model.catalogue.Sector;
import io.synergy.model.event.ApprovalEvent;
import io.synergy.model.event.EventSchemas;
import io.synergy.model.event.Rejection;
import io.synergy.model.event.Topics;
import io.synergy.platform.deadletter.DeadLetter;
import io.synergy.platform.deadletter.DeadLetterWriter;
import io.synergy.platform.orgunits.OrgUnitRegistry;
import io.synergy.registry.shared.Checks;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
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
        Rejection why;
        try {
            why = check(record);
        } catch (RuntimeException e) {
            // a fault of ours must not stop the stream either: the record is set aside with it
            Log.errorf(e, "approval record %s-%d@%d failed", record.topic(), record.partition(), record.offset());
            why = new Rejection(Rejection.INTERNAL, null, e.getClass().getSimpleName() + ": " + e.getMessage());
        }
        if (why != null) {
            Log.warnf("approval record %s-%d@%d refused: %s", record.topic(), record.partition(), record.offset(), why.reason());
            byte[] key = record.key() == null ? null : record.key().getBytes(StandardCharsets.UTF_8);
            // waits for the broker: the offset moves past the record only once its dead letter is written
            deadLetters.sendAndAwait(List.of(new DeadLetter(Topics.APPROVALS_DEAD_LETTERS, key, record.value(), record.headers(),
                    new DeadLetter.Source(record.topic(), record.partition(), record.offset()), why)));
        }
    }

    /** Applies the record if it is sound; otherwise why not (its first fault). */
    private Rejection check(ConsumerRecord<String, byte[]> record) {
        String text = new String(record.value(), StandardCharsets.UTF_8);
        if (text.isBlank()) {
            return new Rejection(Rejection.EMPTY, null, "an empty record");
        }
        try {
            json.readTree(text);
        } catch (IOException ex) {
            return new Rejection(Rejection.NOT_JSON, null, "not JSON");
        }
        Rejection schema = EventSchemas.shared().check(EventSchemas.APPROVAL_EVENT, text);
        if (schema != null) {
            return schema;
        }
        ApprovalEvent e;
        try {
            e = json.readValue(text, ApprovalEvent.class);
        } catch (IOException ex) {
            return new Rejection(Rejection.SCHEMA, null, "does not read as an ApprovalEvent");
        }
        if (Sector.find(e.sector()).isEmpty()) {
            return new Rejection(SECTOR, "sector", "'" + e.sector() + "' is not a sector");
        }
        if (!registry.current().isDistrict(e.orgUnit())) {
            return new Rejection(DISTRICT, "orgUnit", "'" + e.orgUnit() + "' is not a district of the registry");
        }
        if (!Checks.year(Integer.parseInt(e.period()), "period", new ArrayList<>())) {
            return new Rejection(YEAR, "period", "'" + e.period() + "' is not a year of the plan");
        }
        if (!e.key().equals(record.key())) {
            return new Rejection(KEY, null, "the record's key '" + record.key() + "' is not the event's, " + e.key());
        }
        service.apply(e);
        return null;
    }
}
