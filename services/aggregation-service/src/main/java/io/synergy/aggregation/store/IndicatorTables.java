package io.synergy.aggregation.store;

import io.agroal.api.AgroalDataSource;
import io.synergy.aggregation.config.MethodConfig;
import io.synergy.method.results.Fact;
import io.synergy.method.results.IndicatorTable;
import io.synergy.model.catalogue.Catalogue;
import io.synergy.model.orgunit.OrgUnits;
import io.synergy.platform.orgunits.OrgUnitRegistry;
import io.synergy.results.view.ResultView;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Collection;
import java.util.List;
import java.util.function.BiFunction;

/**
 * The {@link IndicatorTable} of the current facts, shared by every reader — the recompute, effects, the synergy of parks
 * and enterprises, the inventory, closing a year — instead of each loading every fact and building a table of its own.
 * It is built once per version of the facts ({@link FactStore#version}, moved by every transaction that changed a fact)
 * and hierarchy of org units (the registry's snapshot: a park that moves changes the sums), when a reader first asks for
 * it after either moved. A request reads one number to learn that its table is still current.
 *
 * <p>The official view ({@link ResultView#OFFICIAL}) has a table of its own, of the accepted data sets' facts only
 * ({@link FactStore#official}), built once per version of the facts and of the data sets' acceptance
 * ({@link DataSetStore#officialVersion}).
 *
 * <p>The table remembers every figure asked of it until the next version replaces it: the memory the figures of one
 * version take (the recompute asks for all of them) stays held between requests, in exchange for no request computing
 * them again.
 */
@ApplicationScoped
public class IndicatorTables {

    private final AgroalDataSource dataSource;
    private final FactStore facts;
    private final OrgUnitRegistry registry;
    private final Latest latest;
    private final Latest official;

    IndicatorTables(
            AgroalDataSource dataSource,
            FactStore facts,
            Catalogue catalogue,
            OrgUnitRegistry registry,
            MethodConfig method) {
        this.dataSource = dataSource;
        this.facts = facts;
        this.registry = registry;
        int baseYear = method.baseYear();
        this.latest = new Latest((all, units) -> new IndicatorTable(all, catalogue, units, baseYear));
        this.official = new Latest((all, units) -> new IndicatorTable(all, catalogue, units, baseYear));
    }

    /** The table of the facts as now committed, under the registry's current hierarchy. */
    public IndicatorTable current() {
        return current(registry.current());
    }

    /** The table of the facts as now committed, under {@code units} (the snapshot of the hierarchy a request works with). */
    public IndicatorTable current(OrgUnits units) {
        try (Connection c = dataSource.getConnection()) {
            return current(c, units);
        } catch (SQLException e) {
            throw new IllegalStateException("could not read the facts", e);
        }
    }

    /**
     * The table of the facts as the caller's transaction sees them (at least), under {@code units} (a computation's
     * snapshot of the hierarchy).
     */
    public IndicatorTable current(Connection c, OrgUnits units) throws SQLException {
        return latest.get(FactStore.version(c), units, () -> facts.all(c));
    }

    /** The table of a view's facts as now committed, under {@code units}. */
    public IndicatorTable current(ResultView view, OrgUnits units) {
        try (Connection c = dataSource.getConnection()) {
            return current(c, units, view);
        } catch (SQLException e) {
            throw new IllegalStateException("could not read the facts", e);
        }
    }

    /** The table of a view's facts as the caller's transaction sees them (at least), under {@code units}. */
    public IndicatorTable current(Connection c, OrgUnits units, ResultView view) throws SQLException {
        if (view == ResultView.LATEST) {
            return current(c, units);
        }
        return official.get(
                DataSetStore.officialVersion(c), units, () -> facts.official(c, DataSetStore.accepted(c), units));
    }

    /** Loads every fact; called at most once per table built. */
    @FunctionalInterface
    interface FactLoader {
        List<Fact> load() throws SQLException;
    }

    /** The latest table and what it was built from. */
    static final class Latest {

        private record Built(long version, OrgUnits units, IndicatorTable table) {}

        private final BiFunction<Collection<Fact>, OrgUnits, IndicatorTable> build;
        private volatile Built built;

        Latest(BiFunction<Collection<Fact>, OrgUnits, IndicatorTable> build) {
            this.build = build;
        }

        /**
         * The table built for {@code units} at {@code version} or a later one (facts at least as new as the caller asked
         * for), else a new one from {@code facts}, read after the version was. Readers that find it stale at once wait for
         * one of them to build it, and share it.
         */
        IndicatorTable get(long version, OrgUnits units, FactLoader facts) throws SQLException {
            Built b = built;
            if (current(b, version, units)) {
                return b.table();
            }
            synchronized (this) {
                b = built;
                if (current(b, version, units)) {
                    return b.table();
                }
                IndicatorTable table = build.apply(facts.load(), units);
                built = new Built(version, units, table);
                return table;
            }
        }

        private static boolean current(Built b, long version, OrgUnits units) {
            return b != null && b.version() >= version && b.units() == units;
        }
    }
}
