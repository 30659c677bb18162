package io.synergy.aggregation.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import io.synergy.method.results.UnitYearResult;
import io.synergy.results.view.DataSets;
import io.synergy.results.view.ResultDocument;
import io.synergy.results.view.ResultSource;
import io.synergy.results.view.ResultView;
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
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The result table: one JSON document per org unit, year and view ({@link UnitYearResult}, as published on results.v1),
 * with the count of the unit's data sets accepted of those expected, read back into the typed {@link ResultDocument} that
 * every answer is built from.
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
    public record Stored(String orgUnit, int year, ResultView view, String digest, long version, String statuses) {}

    /**
     * The stored results of a year by {@link ResultView#key} (each view's key of the unit and year, as on results.v1): of
     * {@code units}, or of every unit ({@code null}). A recompute reads what it compares with, a year at a time: at 5,000
     * enterprises every stored digest of every year would be 100,000 rows held for a pass that changes a dozen.
     */
    public Map<String, Stored> index(Connection c, int year, Collection<String> units) throws SQLException {
        Map<String, Stored> out = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT org_unit, year, view, digest, version, statuses::text FROM result WHERE year = ?"
                        + (units == null ? "" : " AND org_unit = ANY(?)"))) {
            ps.setInt(1, year);
            if (units != null) {
                ps.setArray(2, c.createArrayOf("text", units.toArray()));
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Stored s = new Stored(
                            rs.getString(1),
                            rs.getInt(2),
                            view(rs.getString(3)),
                            rs.getString(4),
                            rs.getLong(5),
                            rs.getString(6));
                    out.put(s.view().key(s.orgUnit(), s.year()), s);
                }
            }
        }
        return out;
    }

    /** A result to write; the body as the UTF-8 JSON the serialiser produced (PostgreSQL decodes it, not the JVM). */
    public record Row(
            String orgUnit,
            int year,
            ResultView view,
            DataSets dataSets,
            byte[] body,
            String statuses,
            String digest,
            long version,
            Instant computedAt) {}

    public void upsert(Connection c, List<Row> rows) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO result (org_unit, year, view, data_sets_accepted, data_sets_expected, body, statuses, digest, version, computed_at)
                VALUES (?, ?, ?, ?, ?, convert_from(?, 'UTF8'), ?, ?, ?, ?)
                ON CONFLICT (org_unit, year, view) DO UPDATE SET data_sets_accepted = excluded.data_sets_accepted,
                    data_sets_expected = excluded.data_sets_expected, body = excluded.body, statuses = excluded.statuses,
                    digest = excluded.digest, version = excluded.version, computed_at = excluded.computed_at""")) {
            for (Row r : rows) {
                ps.setString(1, r.orgUnit());
                ps.setInt(2, r.year());
                ps.setString(3, r.view().code());
                ps.setInt(4, r.dataSets().accepted());
                ps.setInt(5, r.dataSets().expected());
                ps.setBytes(6, r.body());
                ps.setString(7, r.statuses());
                ps.setString(8, r.digest());
                ps.setLong(9, r.version());
                ps.setTimestamp(10, Timestamp.from(r.computedAt()));
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /** The result of a unit and year in a view. */
    @Override
    public Optional<ResultDocument> find(ResultView view, String orgUnit, int year) {
        List<ResultDocument> found = select("WHERE view = ? AND org_unit = ? AND year = ?", ps -> {
            ps.setString(1, view.code());
            ps.setString(2, orgUnit);
            ps.setInt(3, year);
        });
        return found.stream().findFirst();
    }

    /** Every result of a unit in a view, ascending by year. */
    @Override
    public List<ResultDocument> ofUnit(ResultView view, String orgUnit) {
        return select("WHERE view = ? AND org_unit = ? ORDER BY year", ps -> {
            ps.setString(1, view.code());
            ps.setString(2, orgUnit);
        });
    }

    /** The results of these units in a year in a view, by unit code. */
    @Override
    public List<ResultDocument> ofYear(ResultView view, int year, Collection<String> orgUnits) {
        return select("WHERE view = ? AND year = ? AND org_unit = ANY (?) ORDER BY org_unit", ps -> {
            ps.setString(1, view.code());
            ps.setInt(2, year);
            ps.setArray(3, ps.getConnection().createArrayOf("text", orgUnits.toArray()));
        });
    }

    /** The years a unit has a result for in a view, ascending. */
    public List<Integer> years(ResultView view, String orgUnit) {
        try (Connection c = dataSource.getConnection()) {
            return years(c, view, orgUnit);
        } catch (SQLException e) {
            throw new IllegalStateException("could not read the result years of " + orgUnit, e);
        }
    }

    /** The years a unit has a result for in a view, ascending, as the caller's transaction sees them. */
    public List<Integer> years(Connection c, ResultView view, String orgUnit) throws SQLException {
        List<Integer> years = new ArrayList<>();
        try (PreparedStatement ps =
                c.prepareStatement("SELECT year FROM result WHERE view = ? AND org_unit = ? ORDER BY year")) {
            ps.setString(1, view.code());
            ps.setString(2, orgUnit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    years.add(rs.getInt(1));
                }
            }
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
                        c.prepareStatement("SELECT body::text, version, computed_at, view, data_sets_accepted, "
                                + "data_sets_expected FROM result " + condition)) {
            binder.bind(ps);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Integer accepted = (Integer) rs.getObject(5);
                    out.add(new ResultDocument(
                            rs.getLong(2),
                            rs.getTimestamp(3).toInstant(),
                            view(rs.getString(4)),
                            accepted == null ? null : new DataSets(accepted, rs.getInt(6)),
                            read(rs.getString(1))));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not read results", e);
        }
        return out;
    }

    private static ResultView view(String code) {
        return ResultView.valueOf(code.toUpperCase(Locale.ROOT));
    }

    private UnitYearResult read(String body) {
        try {
            return json.readValue(body, UnitYearResult.class);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable result document: " + e.getOriginalMessage(), e);
        }
    }
}
