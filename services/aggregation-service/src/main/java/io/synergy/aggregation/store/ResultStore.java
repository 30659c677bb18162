package io.synergy.aggregation.store;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The result table: one JSON document per org unit and year. */
@ApplicationScoped
public class ResultStore {

    @Inject
    AgroalDataSource dataSource;

    /** What is stored of a result: its digest, version and attainment statuses (for alerts). */
    public record Stored(String orgUnit, int year, String digest, long version, String statuses) {
    }

    /** A result document as served. */
    public record Document(String orgUnit, int year, String body, long version, Instant computedAt) {
    }

    public static Map<String, Stored> index(Connection c) throws SQLException {
        Map<String, Stored> out = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT org_unit, year, digest, version, statuses::text FROM result");
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                Stored s = new Stored(rs.getString(1), rs.getInt(2), rs.getString(3), rs.getLong(4), rs.getString(5));
                out.put(s.orgUnit() + ":" + s.year(), s);
            }
        }
        return out;
    }

    /** A result to write; the body as the UTF-8 JSON the serialiser produced (PostgreSQL decodes it, not the JVM). */
    public record Row(String orgUnit, int year, byte[] body, String statuses, String digest, long version, Instant computedAt) {
    }

    public static void upsert(Connection c, List<Row> rows) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO result (org_unit, year, body, statuses, digest, version, computed_at) VALUES (?, ?, convert_from(?, 'UTF8'), ?, ?, ?, ?)
                ON CONFLICT (org_unit, year) DO UPDATE SET body = excluded.body, statuses = excluded.statuses, digest = excluded.digest,
                    version = excluded.version, computed_at = excluded.computed_at""")) {
            for (Row r : rows) {
                ps.setString(1, r.orgUnit());
                ps.setInt(2, r.year());
                ps.setBytes(3, r.body());
                ps.setString(4, r.statuses());
                ps.setString(5, r.digest());
                ps.setLong(6, r.version());
                ps.setTimestamp(7, Timestamp.from(r.computedAt()));
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    public Optional<Document> find(String orgUnit, int year) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT body::text, version, computed_at FROM result WHERE org_unit = ? AND year = ?")) {
            ps.setString(1, orgUnit);
            ps.setInt(2, year);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(new Document(orgUnit, year, rs.getString(1), rs.getLong(2), rs.getTimestamp(3).toInstant()))
                        : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not read the result of " + orgUnit + " " + year, e);
        }
    }

    /** Every stored result of a unit (by year), or of a year (by unit). */
    public List<Document> findAll(String orgUnit, Integer year) {
        List<Document> out = new ArrayList<>();
        String sql = "SELECT org_unit, year, body::text, version, computed_at FROM result WHERE (? IS NULL OR org_unit = ?) AND (?::int IS NULL OR year = ?)"
                + " ORDER BY org_unit, year";
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, orgUnit);
            ps.setString(2, orgUnit);
            ps.setObject(3, year);
            ps.setObject(4, year);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Document(rs.getString(1), rs.getInt(2), rs.getString(3), rs.getLong(4), rs.getTimestamp(5).toInstant()));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not read results", e);
        }
        return out;
    }
}
