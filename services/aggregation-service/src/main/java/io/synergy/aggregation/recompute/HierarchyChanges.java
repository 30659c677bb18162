package io.synergy.aggregation.recompute;

import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.synergy.aggregation.store.FactStore;
import io.synergy.platform.orgunits.OrgUnitRegistry;
import io.synergy.platform.worker.WakeableLoop;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Re-rolls the figures when the registry's hierarchy changes under them: an enterprise or park that moves to another
 * parent, closes or reopens (learnt from {@code org-units.v1}, the registry service's topic) changes the sums of every
 * year the aggregation has figures for, so every such year is requested for recompute. The registry's consumer only
 * raises a flag (it must not wait for the database); a worker records the request and retries until it is stored.
 * A replay of the topic at start sees a past move again and asks for one recompute more: harmless, and it is what
 * catches a move that happened while this service was down.
 */
@ApplicationScoped
public class HierarchyChanges {

    private final AgroalDataSource dataSource;
    private final Recomputer recomputer;
    private final AtomicBoolean pending = new AtomicBoolean();
    private volatile WakeableLoop loop;

    private final FactStore facts;

    HierarchyChanges(AgroalDataSource dataSource, Recomputer recomputer, FactStore facts) {
        this.facts = facts;
        this.dataSource = dataSource;
        this.recomputer = recomputer;
    }

    void applied(@Observes OrgUnitRegistry.Applied change) {
        if (change.changesRollUps()) {
            pending.set(true);
            WakeableLoop l = loop;
            if (l != null) {
                l.wakeUp();
            }
        }
    }

    void start(@Observes StartupEvent event) {
        // a change seen before this start is picked up by the loop's first run
        loop = new WakeableLoop(
                "hierarchy-changes",
                Duration.ofMinutes(1),
                Duration.ofMillis(250),
                Duration.ofSeconds(10),
                this::requestIfPending);
        loop.start();
    }

    void stop(@Observes @Priority(1) ShutdownEvent event) {
        WakeableLoop l = loop;
        if (l != null) {
            l.stop();
        }
    }

    /** One run of the worker: records the recompute of every year with figures if a change is pending. */
    boolean requestIfPending() {
        if (!pending.getAndSet(false)) {
            return false;
        }
        try {
            QuarkusTransaction.requiringNew().run(() -> {
                try (Connection c = dataSource.getConnection()) {
                    facts.requestRecompute(c, factYears(c));
                    recomputer.requestedInTransaction();
                } catch (SQLException e) {
                    throw new IllegalStateException("could not request the recompute after a registry change", e);
                }
            });
        } catch (RuntimeException e) {
            pending.set(true); // the loop retries with backoff
            throw e;
        }
        return false;
    }

    private static List<Integer> factYears(Connection c) throws SQLException {
        List<Integer> years = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT DISTINCT year FROM indicator_fact");
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                years.add(rs.getInt(1));
            }
        }
        return years;
    }
}
