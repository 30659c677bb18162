package io.synergy.aggregation.inventory;

import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Inventories as they stood before a factor revision changed them (table {@code inventory_history}). */
@ApplicationScoped
public class InventoryHistoryStore {

    /** One superseded inventory: computed with {@code factorVersion}, replaced by {@code supersededBy} at {@code supersededAt}. */
    public record Entry(
            String orgUnit, int year, int factorVersion, int supersededBy, Instant supersededAt, String body) {}

    public void insert(Connection c, List<Entry> entries) throws SQLException {
        if (entries.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO inventory_history (org_unit, year, factor_version, superseded_by, superseded_at, body)
                VALUES (?, ?, ?, ?, ?, ?::jsonb)""")) {
            for (Entry e : entries) {
                ps.setString(1, e.orgUnit());
                ps.setInt(2, e.year());
                ps.setInt(3, e.factorVersion());
                ps.setInt(4, e.supersededBy());
                ps.setTimestamp(5, Timestamp.from(e.supersededAt()));
                ps.setString(6, e.body());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /** Newest first. */
    public List<Entry> list(Connection c, String orgUnit, int year) throws SQLException {
        List<Entry> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT factor_version, superseded_by, superseded_at, body::text FROM inventory_history
                 WHERE org_unit = ? AND year = ? ORDER BY superseded_at DESC, factor_version DESC""")) {
            ps.setString(1, orgUnit);
            ps.setInt(2, year);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Entry(
                            orgUnit,
                            year,
                            rs.getInt(1),
                            rs.getInt(2),
                            rs.getTimestamp(3).toInstant(),
                            rs.getString(4)));
                }
            }
        }
        return out;
    }

    /** The last revision of a unit's year, without its body. */
    public Optional<Entry> latest(Connection c, String orgUnit, int year) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT factor_version, superseded_by, superseded_at FROM inventory_history
                 WHERE org_unit = ? AND year = ? ORDER BY superseded_at DESC, factor_version DESC LIMIT 1""")) {
            ps.setString(1, orgUnit);
            ps.setInt(2, year);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next()
                        ? Optional.of(new Entry(
                                orgUnit,
                                year,
                                rs.getInt(1),
                                rs.getInt(2),
                                rs.getTimestamp(3).toInstant(),
                                null))
                        : Optional.empty();
            }
        }
    }
}
