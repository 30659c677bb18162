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
 * It is kept at the latest version of the facts ({@link FactStore#version}, moved by every transaction that changed a
 * fact) and hierarchy of org units (the registry's snapshot: a park that moves changes the sums), brought up to date
 * when a reader first asks for it after either moved. A request reads one number to learn that its table is still
 * current.
 *
 * <p>Brought up to date, not rebuilt: the first table is built from every fact; after that only the facts written since
 * the version it holds are read ({@link FactStore#changedSince}: each fact carries the version that wrote it) and written
 * over it ({@link IndicatorTable#with}), which shares every other fact and the figures of every unit they do not reflect
 * on. At 5,000 enterprises a report of one enterprise reads its thirty facts instead of 1.5 million; a new hierarchy of
 * org units keeps the facts and computes the figures anew ({@link IndicatorTable#under}).
 *
 * <p>The official view ({@link ResultView#OFFICIAL}) has a table of its own, of the accepted data sets' facts only
 * ({@link FactStore#official}), brought up to date the same way while the acceptances do not change, and built anew when
 * they ({@link DataSetStore#officialVersion}) or the hierarchy do (which facts are official depends on both).
 *
 * <p>The table remembers every figure asked of it until the facts it reflects change: the memory the figures take stays
 * held between requests, in exchange for no request computing them again.
 */
@ApplicationScoped
public class IndicatorTables {

    private final AgroalDataSource dataSource;
    private final FactStore facts;
    private final OrgUnitRegistry registry;
    private final Latest latest;
    private final Latest official;
    private final DataSetStore dataSets;

    IndicatorTables(
            AgroalDataSource dataSource,
            FactStore facts,
            Catalogue catalogue,
            OrgUnitRegistry registry,
            MethodConfig method,
            DataSetStore dataSets) {
        this.dataSets = dataSets;
        this.dataSource = dataSource;
        this.facts = facts;
        this.registry = registry;
        int baseYear = method.baseYear();
        this.latest = new Latest((all, units) -> new IndicatorTable(all, catalogue, units, baseYear), false);
        this.official = new Latest((all, units) -> new IndicatorTable(all, catalogue, units, baseYear), true);
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
        return latest.get(new Stamp(facts.version(c), 0), units, new Loader() {
                    @Override
                    public void all(FactStore.Pages pages) throws SQLException {
                        facts.all(c, pages);
                    }

                    @Override
                    public List<Fact> since(long version) throws SQLException {
                        return facts.changedSince(c, version);
                    }
                })
                .table();
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
        DataSetStore.OfficialVersion version = dataSets.officialVersion(c);
        return official.get(new Stamp(version.facts(), version.acceptances()), units, new Loader() {
                    @Override
                    public void all(FactStore.Pages pages) throws SQLException {
                        IndicatorTables.this.facts.official(c, dataSets.accepted(c), units, pages);
                    }

                    @Override
                    public List<Fact> since(long version) throws SQLException {
                        return IndicatorTables.this.facts.officialChangedSince(c, version, dataSets.accepted(c), units);
                    }
                })
                .table();
    }

    /**
     * Drops the kept tables: the next reader builds them from every fact. Only for facts deleted outside the consumer (a
     * repair by hand): a table is brought up to date with the facts written since its version, and a deleted row is not
     * among them.
     */
    public void rebuild() {
        latest.drop();
        official.drop();
    }

    /** The version of the facts, and of the data sets' acceptance (0 for a table of every fact). */
    record Stamp(long facts, long dataSets) {}

    /**
     * Loads the facts; {@link #all} (a page at a time) at most once per table built, {@link #since} once per version
     * caught up with.
     */
    interface Loader {
        void all(FactStore.Pages pages) throws SQLException;

        List<Fact> since(long version) throws SQLException;
    }

    /** The latest table and what it was built from. */
    static final class Latest {

        record Built(Stamp stamp, OrgUnits units, IndicatorTable table) {}

        private final BiFunction<Collection<Fact>, OrgUnits, IndicatorTable> build;
        private final boolean hierarchyFilters;
        private volatile Built built;

        /**
         * @param hierarchyFilters whether which facts the table holds depends on the hierarchy (the official view's: a
         *                         data set is a district's), so that a new hierarchy builds it anew
         */
        Latest(BiFunction<Collection<Fact>, OrgUnits, IndicatorTable> build, boolean hierarchyFilters) {
            this.build = build;
            this.hierarchyFilters = hierarchyFilters;
        }

        /**
         * The table at {@code stamp} or a later version of the facts (facts at least as new as the caller asked for) under
         * {@code units}: the kept one, else the kept one with the facts written since its version, else (nothing kept,
         * another version of the acceptances, or a hierarchy that filters) one built from every fact, read after the
         * version was. Readers that find it stale at once wait for one of them to bring it up to date, and share it.
         */
        Built get(Stamp stamp, OrgUnits units, Loader facts) throws SQLException {
            Built b = built;
            if (current(b, stamp, units)) {
                return b;
            }
            synchronized (this) {
                b = built;
                if (current(b, stamp, units)) {
                    return b;
                }
                if (b == null || b.stamp().dataSets() != stamp.dataSets() || (hierarchyFilters && b.units() != units)) {
                    // page by page: only one page of fact objects is alive beside the columns
                    IndicatorTable[] table = {build.apply(List.of(), units)};
                    facts.all(page -> table[0] = table[0].with(page));
                    b = new Built(stamp, units, table[0]);
                } else {
                    IndicatorTable table = b.table().under(units);
                    if (stamp.facts() > b.stamp().facts()) {
                        table = table.with(facts.since(b.stamp().facts()));
                    }
                    b = new Built(
                            new Stamp(Math.max(stamp.facts(), b.stamp().facts()), stamp.dataSets()), units, table);
                }
                built = b;
                return b;
            }
        }

        synchronized void drop() {
            built = null;
        }

        private static boolean current(Built b, Stamp stamp, OrgUnits units) {
            return b != null
                    && b.stamp().facts() >= stamp.facts()
                    && b.stamp().dataSets() == stamp.dataSets()
                    && b.units() == units;
        }
    }
}
