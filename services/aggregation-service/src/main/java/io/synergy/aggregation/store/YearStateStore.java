package io.synergy.aggregation.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import io.synergy.method.results.YearAssessment;
import io.synergy.method.results.YearCoverage;
import io.synergy.method.results.YearState;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The state of each year (table {@code year_state}, docs/method.md §3): written by the recompute on every pass, settled
 * by it when a year is found complete and by an operator's close. A settled year never goes back to provisional.
 */
@ApplicationScoped
public class YearStateStore {

    /** Who settles a year found complete. */
    public static final String RECOMPUTE = "recompute";

    private static final TypeReference<List<YearAssessment.Missing>> MISSING = new TypeReference<>() {};

    private final AgroalDataSource dataSource;
    private final ObjectMapper json;

    public YearStateStore(AgroalDataSource dataSource, ObjectMapper json) {
        this.dataSource = dataSource;
        this.json = json;
    }

    /** Who settled a year, when and why, and which indicators had a city value then. */
    public record Settlement(Instant at, String by, String reason, List<String> indicators) {}

    /** A year as last assessed; {@code settled} is null while it is provisional. */
    public record Stored(
            int year,
            YearCoverage coverage,
            List<YearAssessment.Missing> missing,
            List<String> excluded,
            Instant assessedAt,
            Settlement settled) {}

    /** Every stored year's state, by year (the settled ones are the durable states an assessment starts from). */
    public Map<Integer, YearState> states(Connection c) throws SQLException {
        Map<Integer, YearState> out = new TreeMap<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT year, state FROM year_state");
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.put(rs.getInt(1), YearState.valueOf(rs.getString(2)));
            }
        }
        return out;
    }

    /**
     * Every stored year's coverage as last assessed, by year: a result carries its year's coverage (how many indicators
     * and districts are in), so a year whose coverage moved has every unit's result of that year to compute again.
     */
    public Map<Integer, YearCoverage> coverages(Connection c) throws SQLException {
        Map<Integer, YearCoverage> out = new TreeMap<>();
        try (PreparedStatement ps = c.prepareStatement(
                        "SELECT year, state, indicators_in, indicators_expected, districts_in, districts_expected FROM year_state");
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.put(rs.getInt(1), coverage(rs));
            }
        }
        return out;
    }

    /**
     * Writes every year's assessment. A year assessed complete is settled by the recompute with the indicators it has;
     * a year stored as settled keeps its state and settlement, only its counts move.
     *
     * @param synergySet the ids of the synergy set's indicators (what "the indicators it has" are taken from)
     */
    public void write(Connection c, Collection<YearAssessment> years, List<String> synergySet, Instant now)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO year_state (year, state, indicators_in, indicators_expected, districts_in, districts_expected, missing,
                                        excluded_indicators, assessed_at, settled_at, settled_by, settled_indicators)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (year) DO UPDATE
                   SET state = CASE WHEN year_state.state = 'PROVISIONAL' THEN excluded.state ELSE year_state.state END,
                       indicators_in = excluded.indicators_in, indicators_expected = excluded.indicators_expected,
                       districts_in = excluded.districts_in, districts_expected = excluded.districts_expected, missing = excluded.missing,
                       excluded_indicators = excluded.excluded_indicators, assessed_at = excluded.assessed_at,
                       settled_at = coalesce(year_state.settled_at, excluded.settled_at),
                       settled_by = coalesce(year_state.settled_by, excluded.settled_by),
                       settled_indicators = coalesce(year_state.settled_indicators, excluded.settled_indicators)""")) {
            for (YearAssessment a : years) {
                bindAssessment(c, ps, a, now);
                // a year stored as settled keeps its settlement (coalesce); one found complete now is settled by the
                // recompute
                boolean settled = a.state().settled();
                ps.setTimestamp(10, settled ? Timestamp.from(now) : null);
                ps.setString(11, settled ? RECOMPUTE : null);
                ps.setArray(
                        12,
                        settled
                                ? c.createArrayOf(
                                        "text", withValue(a, synergySet).toArray())
                                : null);
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /**
     * Settles a provisional year: {@code CLOSED} by an operator, or {@code COMPLETE} by another way of finding it
     * complete. Returns the settlement, or nothing (changing nothing) when the year is settled already. The caller requests
     * the recompute of the year and the later ones in the same transaction.
     */
    public Optional<Settlement> settle(
            Connection c,
            YearAssessment a,
            YearState state,
            List<String> synergySet,
            String by,
            String reason,
            Instant now)
            throws SQLException {
        if (!state.settled()) {
            throw new IllegalArgumentException(state + " does not settle a year");
        }
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO year_state (year, state, indicators_in, indicators_expected, districts_in, districts_expected, missing,
                                        excluded_indicators, assessed_at, settled_at, settled_by, settled_indicators, reason)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (year) DO UPDATE
                   SET state = excluded.state, indicators_in = excluded.indicators_in, indicators_expected = excluded.indicators_expected,
                       districts_in = excluded.districts_in, districts_expected = excluded.districts_expected, missing = excluded.missing,
                       excluded_indicators = excluded.excluded_indicators, assessed_at = excluded.assessed_at, settled_at = excluded.settled_at,
                       settled_by = excluded.settled_by, settled_indicators = excluded.settled_indicators, reason = excluded.reason
                 WHERE year_state.state = 'PROVISIONAL'
                RETURNING year""")) {
            List<String> indicators = withValue(a, synergySet);
            bindAssessment(c, ps, a, now);
            ps.setString(2, state.name());
            ps.setTimestamp(10, Timestamp.from(now));
            ps.setString(11, by);
            ps.setArray(12, c.createArrayOf("text", indicators.toArray()));
            ps.setString(13, reason);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.of(new Settlement(now, by, reason, indicators)) : Optional.empty();
            }
        }
    }

    private void bindAssessment(Connection c, PreparedStatement ps, YearAssessment a, Instant now) throws SQLException {
        YearCoverage v = a.coverage();
        ps.setInt(1, a.year());
        ps.setString(2, v.state().name());
        ps.setInt(3, v.indicatorsIn());
        ps.setInt(4, v.indicatorsExpected());
        ps.setInt(5, v.districtsIn());
        ps.setInt(6, v.districtsExpected());
        ps.setString(7, write(a.missing()));
        ps.setArray(8, c.createArrayOf("text", a.excluded().toArray()));
        ps.setTimestamp(9, Timestamp.from(now));
    }

    private static List<String> withValue(YearAssessment a, List<String> synergySet) {
        return synergySet.stream().filter(id -> !a.excluded().contains(id)).toList();
    }

    /** Every stored year's state, by year. */
    public Map<Integer, YearState> states() {
        try (Connection c = dataSource.getConnection()) {
            return states(c);
        } catch (SQLException e) {
            throw new IllegalStateException("could not read the year states", e);
        }
    }

    /** Every stored year, ascending. */
    public List<Stored> all() {
        List<Stored> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("""
                        SELECT year, state, indicators_in, indicators_expected, districts_in, districts_expected, missing, excluded_indicators,
                               assessed_at, settled_at, settled_by, reason, settled_indicators
                          FROM year_state ORDER BY year""");
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                Timestamp settledAt = rs.getTimestamp(10);
                Settlement settled = settledAt == null
                        ? null
                        : new Settlement(
                                settledAt.toInstant(), rs.getString(11), rs.getString(12), strings(rs.getArray(13)));
                out.add(new Stored(
                        rs.getInt(1),
                        coverage(rs),
                        read(rs.getString(7)),
                        strings(rs.getArray(8)),
                        rs.getTimestamp(9).toInstant(),
                        settled));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not read the year states", e);
        }
        return out;
    }

    /** The coverage of a row whose columns 2–6 are state, indicators in and expected, districts in and expected. */
    private static YearCoverage coverage(ResultSet rs) throws SQLException {
        return new YearCoverage(
                YearState.valueOf(rs.getString(2)), rs.getInt(3), rs.getInt(4), rs.getInt(5), rs.getInt(6));
    }

    private static List<String> strings(Array a) throws SQLException {
        return a == null ? List.of() : Arrays.asList((String[]) a.getArray());
    }

    private String write(List<YearAssessment.Missing> missing) {
        try {
            return json.writeValueAsString(missing);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private List<YearAssessment.Missing> read(String text) {
        try {
            return json.readValue(text, MISSING);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("unreadable missing list in year_state: " + e.getMessage(), e);
        }
    }
}
