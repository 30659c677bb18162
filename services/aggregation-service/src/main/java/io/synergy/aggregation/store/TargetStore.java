package io.synergy.aggregation.store;

import io.synergy.method.results.TargetAllocations;
import io.synergy.model.event.TargetEvent;
import io.synergy.model.target.Allocation;
import io.synergy.platform.tracing.Traceparent;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.Date;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The targets allocated to org units, as targets.v1 carries them (tables {@code target_key} and {@code target_allocation}):
 * the latest version of each (indicator, org unit) replaces the allocations of the one before.
 */
@ApplicationScoped
public class TargetStore {

    /** Takes the key's version only if it is above the stored one; returns the row when it did. */
    private static final String TAKE_VERSION = """
            INSERT INTO target_key (indicator, org_unit, version, changed_at, changed_by) VALUES (?, ?, ?, ?, ?)
            ON CONFLICT (indicator, org_unit) DO UPDATE
               SET version = excluded.version, changed_at = excluded.changed_at, changed_by = excluded.changed_by, received_at = now()
             WHERE target_key.version < excluded.version
            RETURNING version""";

    /**
     * Stores the event's allocations (in the caller's transaction) if its version is above the stored one, and then
     * requests the recompute of its org unit from {@code changedFromYear} on. Returns whether it did: a redelivered or
     * older version changes nothing.
     */
    public boolean apply(Connection c, TargetEvent e) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(TAKE_VERSION)) {
            ps.setString(1, e.indicator());
            ps.setString(2, e.orgUnit());
            ps.setLong(3, e.version());
            ps.setTimestamp(4, Timestamp.from(e.changedAt()));
            ps.setString(5, e.changedBy());
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return false;
                }
            }
        }
        try (PreparedStatement ps =
                c.prepareStatement("DELETE FROM target_allocation WHERE indicator = ? AND org_unit = ?")) {
            ps.setString(1, e.indicator());
            ps.setString(2, e.orgUnit());
            ps.executeUpdate();
        }
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO target_allocation (indicator, org_unit, effective_from, value, target_year, "
                        + "document, set_by, set_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
            for (Allocation a : e.allocations()) {
                ps.setString(1, e.indicator());
                ps.setString(2, e.orgUnit());
                ps.setDate(3, Date.valueOf(a.effectiveFrom()));
                ps.setDouble(4, a.value());
                ps.setInt(5, a.targetYear());
                ps.setString(6, a.document());
                ps.setString(7, a.setBy());
                ps.setTimestamp(8, Timestamp.from(a.setAt()));
                ps.addBatch();
            }
            ps.executeBatch();
        }
        requestRecompute(c, e.orgUnit(), e.changedFromYear());
        return true;
    }

    /**
     * Records that the unit's results ({@code null}: every unit's) need recomputing from {@code fromYear} on: every year with facts from it, or the
     * year itself when none has any (a recompute covers the years with data only).
     */
    void requestRecompute(Connection c, String orgUnit, int fromYear) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO recompute_request (year, org_unit, traceparent) "
                + "SELECT coalesce(min(year), ?), ?, ? FROM indicator_fact WHERE year >= ?")) {
            ps.setInt(1, fromYear);
            ps.setString(2, orgUnit);
            ps.setString(3, Traceparent.current());
            ps.setInt(4, fromYear);
            ps.executeUpdate();
        }
    }

    /** Every allocation stored, for a computation. */
    public TargetAllocations all(Connection c) throws SQLException {
        Map<String, List<Allocation>> byKey = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement(
                        "SELECT indicator, org_unit, effective_from, value, target_year, document, set_by, set_at "
                                + "FROM target_allocation ORDER BY indicator, org_unit, effective_from");
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                byKey.computeIfAbsent(TargetEvent.key(rs.getString(1), rs.getString(2)), k -> new ArrayList<>())
                        .add(new Allocation(
                                rs.getDate(3).toLocalDate(),
                                rs.getDouble(4),
                                rs.getInt(5),
                                rs.getString(6),
                                rs.getString(7),
                                rs.getTimestamp(8).toInstant()));
            }
        }
        return new TargetAllocations(byKey);
    }
}
