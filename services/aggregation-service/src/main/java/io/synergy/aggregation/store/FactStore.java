package io.synergy.aggregation.store;

import io.synergy.method.results.Fact;
import io.synergy.model.event.IndicatorEvent;
import io.synergy.model.orgunit.OrgUnits;
import io.synergy.platform.tracing.Traceparent;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.BiPredicate;

/** The facts table: idempotent upserts of indicator events, keyed (code, district, year), highest revision wins. */
@ApplicationScoped
public class FactStore {

    /**
     * One statement for the whole batch (arrays, unnest): the rows whose revision is higher than the stored one are
     * written, stamped with the facts' next {@link #version}, and their org units and years returned; a redelivered or
     * older event matches no row and returns nothing.
     */
    private static final String UPSERT = """
            INSERT INTO indicator_fact (code, org_unit, year, sector, kind, value, numerator, denominator, unit, complete, revision,
                                        event_id, report_id, computed_at, version)
            SELECT DISTINCT ON (code, org_unit, year) *, ?::bigint FROM unnest(?::text[], ?::text[], ?::int[], ?::text[], ?::text[], ?::float8[], ?::float8[],
                   ?::float8[], ?::text[], ?::bool[], ?::bigint[], ?::uuid[], ?::text[], ?::timestamptz[])
                AS e(code, org_unit, year, sector, kind, value, numerator, denominator, unit, complete, revision, event_id, report_id, computed_at)
             ORDER BY code, org_unit, year, revision DESC
            ON CONFLICT (code, org_unit, year) DO UPDATE
               SET sector = excluded.sector, kind = excluded.kind, value = excluded.value, numerator = excluded.numerator,
                   denominator = excluded.denominator, unit = excluded.unit, complete = excluded.complete, revision = excluded.revision,
                   event_id = excluded.event_id, report_id = excluded.report_id, computed_at = excluded.computed_at, received_at = now(),
                   version = excluded.version
             WHERE indicator_fact.revision < excluded.revision
            RETURNING org_unit, year""";

    /**
     * Upserts the events (in the caller's transaction) and returns the years whose facts changed; when any did, requests
     * the recompute of the org units whose facts changed, from their years on, and moves the facts' {@link #version}. A
     * redelivered event, or one older than what is stored, changes nothing and returns nothing.
     *
     * <p>The facts' version row is locked first: writers of facts take their turns from there to their commit, so the
     * facts stamped with a version are all committed once that version is, and a reader of the facts changed since a
     * version ({@link #changedSince}) misses none. Without it, two writers could stamp the same version and the later
     * commit's facts would never be read by a table already at that version.
     */
    public Set<Integer> upsert(Connection c, List<IndicatorEvent> events) throws SQLException {
        Set<Integer> changed = new TreeSet<>();
        if (events.isEmpty()) {
            return changed;
        }
        long next;
        try (PreparedStatement ps = c.prepareStatement("SELECT version FROM fact_version FOR UPDATE");
                ResultSet rs = ps.executeQuery()) {
            next = rs.next() ? rs.getLong(1) + 1 : 1;
        }
        int n = events.size();
        Object[] code = new Object[n],
                unit = new Object[n],
                year = new Object[n],
                sector = new Object[n],
                kind = new Object[n],
                value = new Object[n],
                num = new Object[n],
                den = new Object[n],
                unitOf = new Object[n],
                complete = new Object[n],
                revision = new Object[n],
                eventId = new Object[n],
                reportId = new Object[n],
                computedAt = new Object[n];
        for (int i = 0; i < n; i++) {
            IndicatorEvent e = events.get(i);
            code[i] = e.code();
            unit[i] = e.orgUnit();
            year[i] = Integer.parseInt(e.period());
            sector[i] = e.sector();
            kind[i] = e.kind().name();
            value[i] = e.value();
            num[i] = e.numerator();
            den[i] = e.denominator();
            unitOf[i] = e.unit();
            complete[i] = e.complete();
            revision[i] = e.revision();
            eventId[i] = UUID.fromString(e.eventId());
            reportId[i] = e.reportId();
            computedAt[i] = Timestamp.from(e.computedAt());
        }
        Map<String, Integer> unitsFrom = new TreeMap<>();
        try (PreparedStatement ps = c.prepareStatement(UPSERT)) {
            ps.setLong(1, next);
            ps.setArray(2, c.createArrayOf("text", code));
            ps.setArray(3, c.createArrayOf("text", unit));
            ps.setArray(4, c.createArrayOf("integer", year));
            ps.setArray(5, c.createArrayOf("text", sector));
            ps.setArray(6, c.createArrayOf("text", kind));
            ps.setArray(7, c.createArrayOf("float8", value));
            ps.setArray(8, c.createArrayOf("float8", num));
            ps.setArray(9, c.createArrayOf("float8", den));
            ps.setArray(10, c.createArrayOf("text", unitOf));
            ps.setArray(11, c.createArrayOf("bool", complete));
            ps.setArray(12, c.createArrayOf("bigint", revision));
            ps.setArray(13, c.createArrayOf("uuid", eventId));
            ps.setArray(14, c.createArrayOf("text", reportId));
            ps.setArray(15, c.createArrayOf("timestamptz", computedAt));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    changed.add(rs.getInt(2));
                    unitsFrom.merge(rs.getString(1), rs.getInt(2), Math::min);
                }
            }
        }
        if (!changed.isEmpty()) {
            requestRecompute(c, unitsFrom);
            try (PreparedStatement ps = c.prepareStatement("UPDATE fact_version SET version = ?")) {
                ps.setLong(1, next);
                ps.executeUpdate();
            }
        }
        return changed;
    }

    /**
     * The version of the facts as committed (as the caller's transaction sees them): one more with every transaction that
     * changed one. Facts read after it are at least that version.
     */
    public long version(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT version FROM fact_version");
                ResultSet rs = ps.executeQuery()) {
            return rs.next() ? rs.getLong(1) : 0;
        }
    }

    /** Records that {@code years} need recomputing, with the trace of the work asking for it (the recompute links to it). */
    public void requestRecompute(Connection c, Collection<Integer> years) throws SQLException {
        try (PreparedStatement ps =
                c.prepareStatement("INSERT INTO recompute_request (year, traceparent) SELECT unnest(?), ?")) {
            ps.setArray(1, c.createArrayOf("integer", years.toArray()));
            ps.setString(2, Traceparent.current());
            ps.executeUpdate();
        }
    }

    /**
     * Records that the facts of these org units changed from these years on: the recompute computes them, the units their
     * figures are part of and the district panel, not every unit.
     */
    void requestRecompute(Connection c, Map<String, Integer> unitsFrom) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO recompute_request (org_unit, year, facts, traceparent) SELECT unnest(?), unnest(?), TRUE, ?")) {
            ps.setArray(1, c.createArrayOf("text", unitsFrom.keySet().toArray()));
            ps.setArray(2, c.createArrayOf("integer", unitsFrom.values().toArray()));
            ps.setString(3, Traceparent.current());
            ps.executeUpdate();
        }
    }

    /**
     * The facts written after {@code version} (as the caller's transaction sees them; facts of a later version may be
     * among them): what a table at {@code version} lacks.
     */
    public List<Fact> changedSince(Connection c, long version) throws SQLException {
        return changedSince(c, version, (sector, f) -> true);
    }

    /** The official view's facts changed since {@code version}: those of the accepted data sets only. */
    public List<Fact> officialChangedSince(Connection c, long version, DataSetStore.Accepted accepted, OrgUnits units)
            throws SQLException {
        return changedSince(c, version, (sector, f) -> accepted.official(units, sector, f.orgUnit(), f.year()));
    }

    private static List<Fact> changedSince(Connection c, long version, BiPredicate<String, Fact> keep)
            throws SQLException {
        List<Fact> facts = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT code, org_unit, year, value, numerator, denominator, complete, sector FROM indicator_fact "
                        + "WHERE version > ?")) {
            ps.setLong(1, version);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    add(rs, keep, facts);
                }
            }
        }
        return facts;
    }

    /** Takes the facts of a table being built, a page at a time. */
    @FunctionalInterface
    public interface Pages {
        void accept(List<Fact> page) throws SQLException;
    }

    /** How many facts one page holds: what is alive at once while a table is built from every fact. */
    static final int PAGE = 20_000;

    /**
     * Every fact, a page at a time in key order (the caller builds one table of them for every reader:
     * {@link IndicatorTables}). Pages, not one list: at 5,000 enterprises the 1.5 M facts as objects were ~375 MB, and
     * a statement's whole result would sit in the driver's buffers. Each page is one statement after the last key of the
     * one before (the primary key's index): a fact written meanwhile is read in its new state or after, by its version.
     */
    public void all(Connection c, Pages pages) throws SQLException {
        read(c, (sector, fact) -> true, pages);
    }

    /**
     * The facts of the accepted data sets only, the official view's ({@link DataSetStore.Accepted#official}), a page at a
     * time: a fact whose sector's figures of its district and year the city has not accepted is left out.
     */
    public void official(Connection c, DataSetStore.Accepted accepted, OrgUnits units, Pages pages)
            throws SQLException {
        read(c, (sector, f) -> accepted.official(units, sector, f.orgUnit(), f.year()), pages);
    }

    private static void read(Connection c, BiPredicate<String, Fact> keep, Pages pages) throws SQLException {
        Fact last = null;
        while (true) {
            List<Fact> page = new ArrayList<>();
            Fact lastRead = null;
            try (PreparedStatement ps = c.prepareStatement(
                    "SELECT code, org_unit, year, value, numerator, denominator, complete, sector FROM indicator_fact "
                            + (last == null ? "" : "WHERE (code, org_unit, year) > (?, ?, ?) ")
                            + "ORDER BY code, org_unit, year LIMIT " + PAGE)) {
                if (last != null) {
                    ps.setString(1, last.code());
                    ps.setString(2, last.orgUnit());
                    ps.setInt(3, last.year());
                }
                try (ResultSet rs = ps.executeQuery()) {
                    while (rs.next()) {
                        lastRead = add(rs, keep, page);
                    }
                }
            }
            if (!page.isEmpty()) {
                pages.accept(page);
            }
            if (lastRead == null) {
                return;
            }
            last = lastRead;
        }
    }

    /**
     * Reads the fact of a row (code, org unit, year, value, numerator, denominator, complete, sector), adds it to
     * {@code facts} if {@code keep} does, and returns it.
     */
    private static Fact add(ResultSet rs, BiPredicate<String, Fact> keep, List<Fact> facts) throws SQLException {
        Fact f = new Fact(
                rs.getString(1),
                rs.getString(2),
                rs.getInt(3),
                (Double) rs.getObject(4),
                (Double) rs.getObject(5),
                (Double) rs.getObject(6),
                rs.getBoolean(7));
        if (keep.test(rs.getString(8), f)) {
            facts.add(f);
        }
        return f;
    }
}
