package io.synergy.sector.store;

import io.agroal.api.AgroalDataSource;
import io.synergy.model.period.Period;
import io.synergy.platform.transaction.JdbcBatches;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The report revisions as received ({@code report}), the values flagged for review with them ({@code report_flag}),
 * and the advisory locks that serialise their writers. JDBC in batches, no ORM on the ingestion path
 * (docs/architecture.md). Inside a transaction every statement runs on the transaction's connection.
 */
@ApplicationScoped
public class ReportStore {

    private final AgroalDataSource dataSource;

    public ReportStore(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** A stored revision of a report, as the revision rules judge a new one against it. */
    public record StoredRevision(
            String reportId,
            int revision,
            String contentHash,
            String status,
            String orgUnit,
            String period,
            String result) {}

    /**
     * A report revision to insert.
     *
     * @param period the report's period as text ({@code 2024}, {@code 2024Q3}, {@code 2024-07})
     * @param sentBy the subject of the token that sent it
     * @param body   the report as stored (JSON as UTF-8, values in the catalogue's units)
     * @param result the answer it was given (JSON as UTF-8)
     */
    public record NewRevision(
            String reportId,
            int revision,
            String source,
            String orgUnit,
            String period,
            String contentHash,
            String status,
            String channel,
            String sentBy,
            byte[] body,
            byte[] result) {}

    /** A revision as the history shows it: the stored body and result are JSON. */
    public record RevisionRow(
            int revision,
            String status,
            String channel,
            String sentBy,
            Instant receivedAt,
            String source,
            String orgUnit,
            String period,
            String body,
            String result) {}

    /** A value accepted but flagged for review, stored with its report revision. */
    public record NewFlag(
            String reportId,
            int revision,
            String flag,
            String dataElement,
            String orgUnit,
            String period,
            int year,
            double value,
            String previousPeriod,
            double previousValue) {}

    /** A flagged value of a current revision, with who sent it and when: a row of the review list. */
    public record StoredFlag(
            long id,
            String reportId,
            int revision,
            String flag,
            String dataElement,
            String orgUnit,
            String period,
            double value,
            String previousPeriod,
            double previousValue,
            String channel,
            String sentBy,
            Instant receivedAt,
            Acknowledgement acknowledged) {}

    /** A reviewer's acknowledgement of a flagged value: who checked it, when, and what they found. */
    public record Acknowledgement(String by, Instant at, String comment) {}

    /** A flagged value as its acknowledgement needs it: where it is, whether its revision is current, and any acknowledgement. */
    public record FlagTarget(long id, String orgUnit, int year, boolean current, Acknowledgement acknowledged) {}

    /**
     * Serialises writers of the same keys for the rest of the transaction (advisory locks, taken in sorted order so
     * two transactions never wait on each other in a cycle).
     */
    public void lock(int lockClass, Collection<Integer> keys) {
        lock(lockClass, keys, List.of());
    }

    /**
     * Takes the keys of one class for the rest of the transaction, {@code exclusive} ones alone and {@code shared} ones
     * beside other sharers (a key in both is taken exclusive), all in one statement in key order: every transaction takes
     * its keys class by class, each class in ascending order, whatever their modes, so two never wait on each other in a
     * cycle. A shared key is never taken exclusive later in the same transaction (two sharers that both did would deadlock).
     */
    public void lock(int lockClass, Collection<Integer> exclusive, Collection<Integer> shared) {
        Map<Integer, Boolean> modes = new TreeMap<>();
        shared.forEach(k -> modes.put(k, false));
        exclusive.forEach(k -> modes.put(k, true));
        if (modes.isEmpty()) {
            return;
        }
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("""
                SELECT CASE WHEN x THEN pg_advisory_xact_lock(?, k) ELSE pg_advisory_xact_lock_shared(?, k) END
                  FROM unnest(?, ?) AS t(k, x) ORDER BY k""")) {
            ps.setInt(1, lockClass);
            ps.setInt(2, lockClass);
            ps.setArray(3, c.createArrayOf("integer", modes.keySet().toArray(Integer[]::new)));
            ps.setArray(4, c.createArrayOf("boolean", modes.values().toArray(Boolean[]::new)));
            ps.executeQuery().close();
        } catch (SQLException e) {
            throw new IllegalStateException("could not lock " + modes.size() + " key(s) of class " + lockClass, e);
        }
    }

    /** Every stored revision of the reports, by report id, lowest revision first. */
    public Map<String, List<StoredRevision>> revisions(Collection<String> reportIds) {
        Map<String, List<StoredRevision>> out = new HashMap<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("""
                SELECT report_id, revision, content_hash, status, org_unit, period, result
                  FROM report WHERE report_id = ANY (?) ORDER BY report_id, revision""")) {
            ps.setArray(1, c.createArrayOf("text", reportIds.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    StoredRevision r = new StoredRevision(
                            rs.getString(1),
                            rs.getInt(2),
                            rs.getString(3),
                            rs.getString(4),
                            rs.getString(5),
                            rs.getString(6),
                            rs.getString(7));
                    out.computeIfAbsent(r.reportId(), k -> new ArrayList<>()).add(r);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not read the revisions of " + reportIds.size() + " report(s)", e);
        }
        return out;
    }

    /**
     * The current revisions of the reports become superseded (a higher revision is about to be inserted).
     *
     * @return the years of the revisions superseded: their flagged values leave the review list
     */
    public Set<Integer> markSuperseded(Collection<String> reportIds) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(
                        "UPDATE report SET status = 'SUPERSEDED' WHERE report_id = ANY (?) AND status = 'CURRENT' RETURNING period")) {
            ps.setArray(1, c.createArrayOf("text", reportIds.toArray()));
            Set<Integer> years = new HashSet<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    years.add(Period.parse(rs.getString(1)).year());
                }
            }
            return years;
        } catch (SQLException e) {
            throw new IllegalStateException("could not supersede " + reportIds.size() + " report(s)", e);
        }
    }

    /** Inserts the revisions, one statement for up to {@link JdbcBatches#ROWS} of them (their bodies and results are large). */
    public void insertRevisions(List<NewRevision> revisions) {
        if (revisions.isEmpty()) {
            return;
        }
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("""
                INSERT INTO report (report_id, revision, source, org_unit, period, content_hash, status, channel, sent_by, body, result)
                SELECT r, n, s, o, p, h, st, ch, sb, convert_from(b, 'UTF8'), convert_from(res, 'UTF8')
                  FROM unnest(?::text[], ?::int[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[],
                              ?::bytea[], ?::bytea[]) AS k(r, n, s, o, p, h, st, ch, sb, b, res)""")) {
            JdbcBatches.executeArrays(ps, revisions, JdbcBatches.ROWS, (s, slice) -> {
                s.setArray(1, JdbcBatches.column(c, "text", slice, NewRevision::reportId));
                s.setArray(2, JdbcBatches.column(c, "integer", slice, NewRevision::revision));
                s.setArray(3, JdbcBatches.column(c, "text", slice, NewRevision::source));
                s.setArray(4, JdbcBatches.column(c, "text", slice, NewRevision::orgUnit));
                s.setArray(5, JdbcBatches.column(c, "text", slice, NewRevision::period));
                s.setArray(6, JdbcBatches.column(c, "text", slice, NewRevision::contentHash));
                s.setArray(7, JdbcBatches.column(c, "text", slice, NewRevision::status));
                s.setArray(8, JdbcBatches.column(c, "text", slice, NewRevision::channel));
                s.setArray(9, JdbcBatches.column(c, "text", slice, NewRevision::sentBy));
                s.setArray(10, JdbcBatches.column(c, "bytea", slice, NewRevision::body));
                s.setArray(11, JdbcBatches.column(c, "bytea", slice, NewRevision::result));
            });
        } catch (SQLException e) {
            throw new IllegalStateException("could not store " + revisions.size() + " report revision(s)", e);
        }
    }

    /** A report's revisions, newest first; empty when there is no report with this id. */
    public List<RevisionRow> history(String reportId) {
        List<RevisionRow> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("""
                SELECT revision, status, channel, sent_by, received_at, source, org_unit, period, body, result
                  FROM report WHERE report_id = ? ORDER BY revision DESC""")) {
            ps.setString(1, reportId);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new RevisionRow(
                            rs.getInt(1),
                            rs.getString(2),
                            rs.getString(3),
                            rs.getString(4),
                            rs.getTimestamp(5).toInstant(),
                            rs.getString(6),
                            rs.getString(7),
                            rs.getString(8),
                            rs.getString(9),
                            rs.getString(10)));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not read the history of report " + reportId, e);
        }
        return out;
    }

    public void insertFlags(List<NewFlag> flags) {
        if (flags.isEmpty()) {
            return;
        }
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("""
                INSERT INTO report_flag (report_id, revision, flag, data_element, org_unit, period, year, value, previous_period, previous_value)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")) {
            JdbcBatches.execute(ps, flags, (s, f) -> {
                s.setString(1, f.reportId());
                s.setInt(2, f.revision());
                s.setString(3, f.flag());
                s.setString(4, f.dataElement());
                s.setString(5, f.orgUnit());
                s.setString(6, f.period());
                s.setInt(7, f.year());
                s.setDouble(8, f.value());
                s.setString(9, f.previousPeriod());
                s.setDouble(10, f.previousValue());
            });
        } catch (SQLException e) {
            throw new IllegalStateException("could not store " + flags.size() + " flag(s)", e);
        }
    }

    /**
     * Flagged values of current revisions, oldest flag first, after {@code afterId}.
     *
     * @param periods the report periods to list (a year, or a quarter and its months…); {@code null} for a whole year or all
     * @param year    the year to list, or {@code null} for every year
     */
    public List<StoredFlag> flags(String flag, Integer year, List<String> periods, long afterId, int limit) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("""
                SELECT f.id, f.report_id, f.revision, f.flag, f.data_element, f.org_unit, f.period, f.value, f.previous_period, f.previous_value,
                       r.channel, r.sent_by, r.received_at, f.acknowledged_by, f.acknowledged_at, f.acknowledgement
                  FROM report_flag f JOIN report r ON r.report_id = f.report_id AND r.revision = f.revision AND r.status = 'CURRENT'
                 WHERE f.flag = ? AND (?::int IS NULL OR f.year = ?) AND (?::text[] IS NULL OR f.period = ANY (?)) AND f.id > ?
                 ORDER BY f.id LIMIT ?""")) {
            ps.setString(1, flag);
            ps.setObject(2, year, Types.INTEGER);
            ps.setObject(3, year, Types.INTEGER);
            Array p = periods == null ? null : c.createArrayOf("text", periods.toArray());
            ps.setArray(4, p);
            ps.setArray(5, p);
            ps.setLong(6, afterId);
            ps.setInt(7, limit);
            List<StoredFlag> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new StoredFlag(
                            rs.getLong(1),
                            rs.getString(2),
                            rs.getInt(3),
                            rs.getString(4),
                            rs.getString(5),
                            rs.getString(6),
                            rs.getString(7),
                            rs.getDouble(8),
                            rs.getString(9),
                            rs.getDouble(10),
                            rs.getString(11),
                            rs.getString(12),
                            rs.getTimestamp(13).toInstant(),
                            acknowledgement(rs, 14)));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException("could not list the flagged values", e);
        }
    }

    /** A flagged value, to acknowledge it; empty when there is no flag with this id. */
    public Optional<FlagTarget> flag(long id) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("""
                SELECT f.id, f.org_unit, f.year, r.status = 'CURRENT', f.acknowledged_by, f.acknowledged_at, f.acknowledgement
                  FROM report_flag f JOIN report r ON r.report_id = f.report_id AND r.revision = f.revision WHERE f.id = ? FOR UPDATE OF f""")) {
            ps.setLong(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next()
                        ? Optional.of(new FlagTarget(
                                rs.getLong(1), rs.getString(2), rs.getInt(3), rs.getBoolean(4), acknowledgement(rs, 5)))
                        : Optional.empty();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not read flag " + id, e);
        }
    }

    /** Acknowledges a flagged value. */
    public void acknowledge(long id, Acknowledgement a) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(
                        "UPDATE report_flag SET acknowledged_by = ?, acknowledged_at = ?, acknowledgement = ? WHERE id = ?")) {
            ps.setString(1, a.by());
            ps.setTimestamp(2, Timestamp.from(a.at()));
            ps.setString(3, a.comment());
            ps.setLong(4, id);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("could not acknowledge flag " + id, e);
        }
    }

    /** The ids and org units of a year's flagged values of current revisions that no reviewer has acknowledged, by id. */
    public Map<Long, String> unacknowledgedFlags(int year) {
        Map<Long, String> out = new LinkedHashMap<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("""
                SELECT f.id, f.org_unit
                  FROM report_flag f JOIN report r ON r.report_id = f.report_id AND r.revision = f.revision AND r.status = 'CURRENT'
                 WHERE f.year = ? AND f.acknowledged_at IS NULL ORDER BY f.id""")) {
            ps.setInt(1, year);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(rs.getLong(1), rs.getString(2));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not read the unacknowledged flags of " + year, e);
        }
        return out;
    }

    private static Acknowledgement acknowledgement(ResultSet rs, int first) throws SQLException {
        Timestamp at = rs.getTimestamp(first + 1);
        return at == null ? null : new Acknowledgement(rs.getString(first), at.toInstant(), rs.getString(first + 2));
    }
}
