package io.synergy.aggregation.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import io.synergy.method.results.UnitYearResult;
import io.synergy.results.view.ResultDocument;
import io.synergy.results.view.ResultSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The result table: one JSON document per org unit and year ({@link UnitYearResult}, as published on results.v1), read
 * back into the typed {@link ResultDocument} that every answer is built from.
 */
@ApplicationScoped
public class ResultStore implements ResultSource {

    private final AgroalDataSource dataSource;
    private final ObjectMapper json;

    ResultStore(AgroalDataSource dataSource, ObjectMapper json) {
        this.dataSource = dataSource;
        this.json = json;
    }

    /** What is stored of a result: its digest, version and attainment statuses (for alerts). */
    public record Stored(String orgUnit, int year, String digest, long version, String statuses) {}

    public static Map<String, Stored> index(Connection c) throws SQLException {
        Map<String, Stored> out = new HashMap<>();
        try (PreparedStatement ps =
                        c.prepareStatement("SELECT org_unit, year, digest, version, statuses::text FROM result");
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                Stored s = new Stored(rs.getString(1), rs.getInt(2), rs.getString(3), rs.getLong(4), rs.getString(5));
                out.put(s.orgUnit() + ":" + s.year(), s);
            }
        }
        return out;
    }

    /** A result to write; the body as the UTF-8 JSON the serialiser produced (PostgreSQL decodes it, not the JVM). */
    public record Row(
            String orgUnit, int year, byte[] body, String statuses, String digest, long version, Instant computedAt) {}

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

    /** The result of a unit and year. */
    @Override
    public Optional<ResultDocument> find(String orgUnit, int year) {
        List<ResultDocument> found = select("WHERE org_unit = ? AND year = ?", ps -> {
            ps.setString(1, orgUnit);
            ps.setInt(2, year);
        });
        return found.stream().findFirst();
    }

    /** Every result of a unit, ascending by year. */
    @Override
    public List<ResultDocument> ofUnit(String orgUnit) {
        return select("WHERE org_unit = ? ORDER BY year", ps -> ps.setString(1, orgUnit));
    }

    /** The results of these units in a year, by unit code. */
    @Override
    public List<ResultDocument> ofYear(int year, Collection<String> orgUnits) {
        return select("WHERE year = ? AND org_unit = ANY (?) ORDER BY org_unit", ps -> {
            ps.setInt(1, year);
            ps.setArray(2, ps.getConnection().createArrayOf("text", orgUnits.toArray()));
        });
    }

    /** The years a unit has a result for, ascending. */
    public List<Integer> years(String orgUnit) {
        List<Integer> years = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT year FROM result WHERE org_unit = ? ORDER BY year")) {
            ps.setString(1, orgUnit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    years.add(rs.getInt(1));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not read the result years of " + orgUnit, e);
        }
        return years;
    }

    @FunctionalInterface
    private interface Binder {
        void bind(PreparedStatement ps) throws SQLException;
    }

    /** The stored documents a condition selects, each read once into its typed record. */
    private List<ResultDocument> select(String condition, Binder binder) {
        List<ResultDocument> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps =
                        c.prepareStatement("SELECT body::text, version, computed_at FROM result " + condition)) {
            binder.bind(ps);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new ResultDocument(rs.getLong(2), rs.getTimestamp(3).toInstant(), read(rs.getString(1))));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not read results", e);
        }
        return out;
    }

    private UnitYearResult read(String body) {
        try {
            return json.readValue(body, UnitYearResult.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable result document: " + e.getOriginalMessage(), e);
        }
    }
}
