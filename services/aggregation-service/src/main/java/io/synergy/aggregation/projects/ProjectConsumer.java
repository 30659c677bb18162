package io.synergy.aggregation.projects;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.smallrye.reactive.messaging.annotations.Blocking;
import io.synergy.aggregation.ingest.OneRecordAtATime;
import io.synergy.aggregation.recompute.Recomputer;
import io.synergy.aggregation.store.AnswerVersion;
import io.synergy.aggregation.store.ProjectStore;
import io.synergy.model.event.CheckedRecord;
import io.synergy.model.event.PilotEvent;
import io.synergy.model.event.ProjectEvent;
import io.synergy.model.event.ProjectEventValidator;
import io.synergy.model.event.Topics;
import io.synergy.model.project.ProjectCatalogue;
import io.synergy.platform.orgunits.OrgUnitFeed;
import io.synergy.platform.orgunits.OrgUnitRegistry;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Consumes {@code projects.v1} and {@code pilots.v1}, the registry service's key projects (重点工程) and pilots (试点示范),
 * one record at a time like {@code targets.v1} ({@link OneRecordAtATime}): each checked on its own
 * ({@link ProjectEventValidator}), a refused one to {@code projects.v1.dlq} or {@code pilots.v1.dlq} with the reason, a
 * valid one stored if its version is above the stored one ({@link ProjectStore}). A project that changes what it delivers
 * requests, in the same transaction, the recompute of every unit from the first year whose E5 it changes; a pilot changes
 * no stored result (the unit synergy and the report read the pilots when asked).
 */
@ApplicationScoped
public class ProjectConsumer {

    private final AgroalDataSource dataSource;
    private final Recomputer recomputer;
    private final OneRecordAtATime records;
    private final ProjectCatalogue catalogue;
    private final OrgUnitRegistry orgUnits;
    private final OrgUnitFeed orgUnitFeed;
    private final ObjectMapper json;

    /** How long a record naming an unknown unit waits for this instance to read org-units.v1 up to its end. */
    static final Duration REGISTRY_WAIT = Duration.ofSeconds(10);

    private final AnswerVersion answerVersion;
    private final ProjectStore projectStore;

    public ProjectConsumer(
            AgroalDataSource dataSource,
            Recomputer recomputer,
            OneRecordAtATime records,
            ProjectCatalogue catalogue,
            OrgUnitRegistry orgUnits,
            OrgUnitFeed orgUnitFeed,
            ObjectMapper json,
            AnswerVersion answerVersion,
            ProjectStore projectStore) {
        this.projectStore = projectStore;
        this.answerVersion = answerVersion;
        this.dataSource = dataSource;
        this.recomputer = recomputer;
        this.records = records;
        this.catalogue = catalogue;
        this.orgUnits = orgUnits;
        this.orgUnitFeed = orgUnitFeed;
        this.json = json;
    }

    @Incoming("projects")
    @Blocking(ordered = true)
    public void project(ConsumerRecord<String, byte[]> r) throws InterruptedException {
        records.handle(r, Topics.PROJECTS_DEAD_LETTERS, () -> checked(v -> v.project(r.key(), r.value())), this::store);
    }

    @Incoming("pilots")
    @Blocking(ordered = true)
    public void pilot(ConsumerRecord<String, byte[]> r) throws InterruptedException {
        records.handle(r, Topics.PILOTS_DEAD_LETTERS, () -> checked(v -> v.pilot(r.key(), r.value())), this::store);
    }

    /**
     * The record judged by the org units as this instance knows them now — and, when it names a unit this instance does
     * not know, once more after it has read org-units.v1 up to its end: the registry published the unit before the project
     * or pilot that names it (a fresh instance reads both topics from their start at once).
     */
    private <E> CheckedRecord<E> checked(Function<ProjectEventValidator, CheckedRecord<E>> check) {
        CheckedRecord<E> c = check.apply(new ProjectEventValidator(catalogue, orgUnits.current()));
        if (!c.valid()
                && ProjectEventValidator.ORG_UNIT.equals(c.rejection().kind())
                && orgUnitFeed.awaitCurrent(REGISTRY_WAIT)) {
            c = check.apply(new ProjectEventValidator(catalogue, orgUnits.current()));
        }
        return c;
    }

    private boolean store(ProjectEvent e) {
        return inTransaction(e.code(), e.version(), c -> {
            boolean applied = projectStore.apply(c, e);
            if (applied) {
                recomputer.requestedInTransaction();
                answerVersion.raise(c);
            }
            return applied;
        });
    }

    /** A pilot changes no stored result, but the read answers that show designations: their version moves. */
    private boolean store(PilotEvent e) {
        return inTransaction(e.code(), e.version(), c -> {
            boolean applied = projectStore.apply(c, e);
            if (applied) {
                answerVersion.raise(c);
            }
            return applied;
        });
    }

    private interface Work {
        boolean apply(Connection c) throws SQLException;
    }

    private boolean inTransaction(String code, long version, Work work) {
        return QuarkusTransaction.requiringNew().call(() -> {
            try (Connection c = dataSource.getConnection()) {
                return work.apply(c);
            } catch (SQLException ex) {
                throw new IllegalStateException("could not store " + code + " version " + version, ex);
            }
        });
    }
}
