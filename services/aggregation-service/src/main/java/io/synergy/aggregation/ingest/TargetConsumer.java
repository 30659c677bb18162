package io.synergy.aggregation.ingest;

import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.smallrye.reactive.messaging.annotations.Blocking;
import io.synergy.aggregation.recompute.Recomputer;
import io.synergy.aggregation.store.TargetStore;
import io.synergy.model.catalogue.Catalogue;
import io.synergy.model.event.CheckedRecord;
import io.synergy.model.event.TargetEvent;
import io.synergy.model.event.TargetEventValidator;
import io.synergy.model.event.Topics;
import io.synergy.model.target.TargetRules;
import io.synergy.platform.orgunits.OrgUnitRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Consumes {@code targets.v1}, the registry service's allocations of targets to org units (目标分解). Each record is
 * checked on its own ({@link TargetEventValidator}); a refused one goes to {@code targets.v1.dlq} with the reason
 * ({@link OneRecordAtATime}). A valid one is stored if its version is above the stored one for its key — a redelivery or
 * an older version changes nothing — and, in the same transaction, the recompute of its org unit is requested from its
 * {@code changedFromYear} on: that unit and those years only. The offset is committed after both, so a crash reads the
 * record again, harmlessly.
 *
 * <p>Records are few (a document a year per district and indicator) and one partition keeps their order: one at a time.
 */
@ApplicationScoped
public class TargetConsumer {

    private final AgroalDataSource dataSource;
    private final Recomputer recomputer;
    private final OneRecordAtATime records;
    private final Catalogue catalogue;
    private final OrgUnitRegistry orgUnits;
    private final TargetStore targets;

    public TargetConsumer(
            AgroalDataSource dataSource,
            Recomputer recomputer,
            OneRecordAtATime records,
            Catalogue catalogue,
            OrgUnitRegistry orgUnits,
            TargetStore targets) {
        this.targets = targets;
        this.dataSource = dataSource;
        this.recomputer = recomputer;
        this.records = records;
        this.catalogue = catalogue;
        this.orgUnits = orgUnits;
    }

    @Incoming("targets")
    @Blocking(ordered = true)
    public void consume(ConsumerRecord<String, byte[]> r) throws InterruptedException {
        records.handle(r, Topics.TARGETS_DEAD_LETTERS, () -> check(r), this::store);
    }

    /** The record checked against the catalogue and the org units as this instance knows them now. */
    CheckedRecord<TargetEvent> check(ConsumerRecord<String, byte[]> r) {
        TargetEventValidator.Checked c = new TargetEventValidator(
                        new TargetRules(catalogue, orgUnits.current(), Map.of()))
                .check(r.key(), r.value());
        return new CheckedRecord<>(c.event(), c.rejection());
    }

    private boolean store(TargetEvent e) {
        return QuarkusTransaction.requiringNew().call(() -> {
            try (Connection c = dataSource.getConnection()) {
                boolean applied = targets.apply(c, e);
                if (applied) {
                    recomputer.requestedInTransaction();
                }
                return applied;
            } catch (SQLException ex) {
                throw new IllegalStateException(
                        "could not store " + TargetEvent.key(e.indicator(), e.orgUnit()) + " version " + e.version(),
                        ex);
            }
        });
    }
}
