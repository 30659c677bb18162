package io.synergy.aggregation.store;

import io.agroal.api.AgroalDataSource;
import io.synergy.method.results.Fact;
import io.synergy.model.event.IndicatorEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;

/** The facts table: idempotent upserts of indicator events, keyed (code, district, year), highest revision wins. */
@ApplicationScoped
public class FactStore {

    private static final String UPSERT = """
            INSERT INTO indicator_fact (code, org_unit, year, sector, kind, value, numerator, denominator, unit, complete, revision,
                                        event_id, report_id, computed_at)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
            ON CONFLICT (code, org_unit, year) DO UPDATE
               SET sector = excluded.sector, kind = excluded.kind, value = excluded.value, numerator = excluded.numerator,
                   denominator = excluded.denominator, unit = excluded.unit, complete = excluded.complete, revision = excluded.revision,
                   event_id = excluded.event_id, report_id = excluded.report_id, computed_at = excluded.computed_at, received_at = now()
             WHERE indicator_fact.revision < excluded.revision""";

    @Inject
    AgroalDataSource dataSource;

    /**
     * Upserts the events (in the caller's transaction) and returns the years whose facts changed. A redelivered
     * event, or one older than what is stored, changes nothing and returns nothing.
     */
    public Set<Integer> upsert(Connection c, List<IndicatorEvent> events) throws SQLException {
        Set<Integer> changed = new TreeSet<>();
        if (events.isEmpty()) {
            return changed;
        }
        try (PreparedStatement ps = c.prepareStatement(UPSERT)) {
            for (IndicatorEvent e : events) {
                ps.setString(1, e.code());
                ps.setString(2, e.orgUnit());
                ps.setInt(3, Integer.parseInt(e.period()));
                ps.setString(4, e.sector());
                ps.setString(5, e.kind().name());
                setDouble(ps, 6, e.value());
                setDouble(ps, 7, e.numerator());
                setDouble(ps, 8, e.denominator());
                ps.setString(9, e.unit());
                ps.setBoolean(10, e.complete());
                ps.setLong(11, e.revision());
                ps.setObject(12, UUID.fromString(e.eventId()));
                ps.setString(13, e.reportId());
                ps.setTimestamp(14, Timestamp.from(e.computedAt()));
                ps.addBatch();
            }
            int[] counts = ps.executeBatch();
            for (int i = 0; i < counts.length; i++) {
                if (counts[i] != 0) {
                    changed.add(Integer.parseInt(events.get(i).period()));
                }
            }
        }
        if (!changed.isEmpty()) {
            requestRecompute(c, changed);
        }
        return changed;
    }

    public static void requestRecompute(Connection c, Collection<Integer> years) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO recompute_request (year) SELECT unnest(?) ON CONFLICT DO NOTHING")) {
            ps.setArray(1, c.createArrayOf("integer", years.toArray()));
            ps.executeUpdate();
        }
    }

    public List<Fact> all(Connection c) throws SQLException {
        List<Fact> facts = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT code, org_unit, year, value, numerator, denominator, complete FROM indicator_fact");
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                facts.add(new Fact(rs.getString(1), rs.getString(2), rs.getInt(3), (Double) rs.getObject(4), (Double) rs.getObject(5),
                        (Double) rs.getObject(6), rs.getBoolean(7)));
            }
        }
        return facts;
    }

    public List<Fact> all() {
        try (Connection c = dataSource.getConnection()) {
            return all(c);
        } catch (SQLException e) {
            throw new IllegalStateException("could not read the facts", e);
        }
    }

    private static void setDouble(PreparedStatement ps, int i, Double v) throws SQLException {
        if (v == null) {
            ps.setNull(i, Types.DOUBLE);
        } else {
            ps.setDouble(i, v);
        }
    }
}
