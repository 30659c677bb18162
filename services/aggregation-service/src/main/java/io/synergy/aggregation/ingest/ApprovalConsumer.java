package io.synergy.aggregation.ingest;

import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.smallrye.reactive.messaging.annotations.Blocking;
import io.synergy.aggregation.recompute.Recomputer;
import io.synergy.aggregation.store.DataSetStore;
import io.synergy.model.event.ApprovalEvent;
import io.synergy.model.event.ApprovalEventValidator;
import io.synergy.model.event.CheckedRecord;
import io.synergy.model.event.Topics;
import io.synergy.platform.orgunits.OrgUnitRegistry;
import jakarta.enterprise.context.ApplicationScoped;
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
 * ({@link OneRecordAtATime}: a refused record's letter is keyed by its partition and offset; a record that cannot be
 * stored for a transient reason is retried with backoff until it is; one whose data the database refuses is set aside
 * like an invalid one).
 */
@ApplicationScoped
public class ApprovalConsumer {

    private final AgroalDataSource dataSource;
    private final Recomputer recomputer;
    private final OneRecordAtATime records;
    private final OrgUnitRegistry orgUnits;
    private final DataSetStore dataSets;

    public ApprovalConsumer(
            AgroalDataSource dataSource,
            Recomputer recomputer,
            OneRecordAtATime records,
            OrgUnitRegistry orgUnits,
            DataSetStore dataSets) {
        this.dataSets = dataSets;
        this.dataSource = dataSource;
        this.recomputer = recomputer;
        this.records = records;
        this.orgUnits = orgUnits;
    }

    @Incoming("approvals")
    @Blocking(ordered = true)
    public void consume(ConsumerRecord<String, byte[]> r) throws InterruptedException {
        if (r.value() == null) {
            return; // a tombstone: data sets are never deleted, and nothing says what one would mean
        }
        records.handle(r, Topics.APPROVALS_DEAD_LETTERS, () -> check(r), e -> store(e) != DataSetStore.Applied.ALREADY);
    }

    /** The record checked against the org units as this instance knows them now. */
    CheckedRecord<ApprovalEvent> check(ConsumerRecord<String, byte[]> r) {
        ApprovalEventValidator.Checked c = new ApprovalEventValidator(orgUnits.current()).check(r.key(), r.value());
        return new CheckedRecord<>(c.event(), c.rejection());
    }

    private DataSetStore.Applied store(ApprovalEvent e) {
        return QuarkusTransaction.requiringNew().call(() -> {
            try (Connection c = dataSource.getConnection()) {
                DataSetStore.Applied applied = dataSets.apply(c, e);
                if (applied == DataSetStore.Applied.ACCEPTANCE) {
                    recomputer.requestedInTransaction();
                }
                return applied;
            } catch (SQLException ex) {
                throw new IllegalStateException("could not store " + e.key() + " version " + e.version(), ex);
            }
        });
    }
}
