package io.synergy.aggregation.ingest;

import io.agroal.api.AgroalDataSource;
import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.smallrye.reactive.messaging.annotations.Blocking;
import io.synergy.aggregation.recompute.Recomputer;
import io.synergy.aggregation.store.DataSetStore;
import io.synergy.model.event.ApprovalEvent;
import io.synergy.model.event.ApprovalEventValidator;
import io.synergy.model.event.Rejection;
import io.synergy.model.event.Topics;
import io.synergy.platform.deadletter.DeadLetter;
import io.synergy.platform.deadletter.DeadLetterWriter;
import io.synergy.platform.orgunits.OrgUnitRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Consumes {@code approvals.v1}, the sector services' transitions of their data sets, for the official view (issue 15).
 * Each record is checked on its own ({@link ApprovalEventValidator}, the registry's check too); a refused one goes to
 * {@code approvals.v1.dlq} with the reason and the next is read at once. A valid one is stored if its version is above the
 * stored one for its data set — a redelivery or an older version changes nothing — and when the data set became accepted
 * or stopped being so (ACCEPT, REOPEN), the recompute of its year and the later ones is requested in the same transaction
 * ({@link DataSetStore#apply}). The offset is committed after both, so a crash reads the record again, harmlessly.
 *
 * <p>Records are few (a handful of transitions per data set and year) and one partition keeps their order: one at a time
 * ({@link OneRecordAtATime}: a record that cannot be stored for a transient reason is retried with backoff until it is;
 * one whose data the database refuses is set aside like an invalid one).
 */
@ApplicationScoped
public class ApprovalConsumer {

    private final AgroalDataSource dataSource;
    private final Recomputer recomputer;
    private final DeadLetterWriter deadLetters;
    private final OrgUnitRegistry orgUnits;

    public ApprovalConsumer(
            AgroalDataSource dataSource,
            Recomputer recomputer,
            DeadLetterWriter deadLetters,
            OrgUnitRegistry orgUnits) {
        this.dataSource = dataSource;
        this.recomputer = recomputer;
        this.deadLetters = deadLetters;
        this.orgUnits = orgUnits;
    }

    @Incoming("approvals")
    @Blocking(ordered = true)
    public void consume(ConsumerRecord<String, byte[]> r) throws InterruptedException {
        if (r.value() == null) {
            return; // a tombstone: data sets are never deleted, and nothing says what one would mean
        }
        ApprovalEventValidator.Checked c = check(r);
        OneRecordAtATime.finish(r, c.event(), c.rejection(), this::store, deadLetters, why -> deadLetter(r, why));
    }

    /** The record checked against the org units as this instance knows them now. */
    ApprovalEventValidator.Checked check(ConsumerRecord<String, byte[]> r) {
        try {
            return new ApprovalEventValidator(orgUnits.current()).check(r.key(), r.value());
        } catch (RuntimeException e) {
            // a fault of ours must not stop the topic either: the record is set aside with it
            Log.errorf(e, "approval record %s-%d@%d could not be checked", r.topic(), r.partition(), r.offset());
            return new ApprovalEventValidator.Checked(
                    null,
                    new Rejection(Rejection.INTERNAL, null, e.getClass().getSimpleName() + ": " + e.getMessage()));
        }
    }

    private DataSetStore.Applied store(ApprovalEvent e) {
        return QuarkusTransaction.requiringNew().call(() -> {
            try (Connection c = dataSource.getConnection()) {
                DataSetStore.Applied applied = DataSetStore.apply(c, e);
                if (applied == DataSetStore.Applied.ACCEPTANCE) {
                    recomputer.requestedInTransaction();
                }
                return applied;
            } catch (SQLException ex) {
                throw new IllegalStateException("could not store " + e.key() + " version " + e.version(), ex);
            }
        });
    }

    private static DeadLetter deadLetter(ConsumerRecord<String, byte[]> r, Rejection why) {
        byte[] key = r.key() == null ? null : r.key().getBytes(StandardCharsets.UTF_8);
        return new DeadLetter(
                Topics.APPROVALS_DEAD_LETTERS,
                key,
                r.value(),
                r.headers(),
                new DeadLetter.Source(r.topic(), r.partition(), r.offset()),
                why);
    }
}
