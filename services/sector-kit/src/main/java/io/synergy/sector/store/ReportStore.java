package io.synergy.sector.store;

import io.synergy.model.period.Period;
import io.synergy.sector.compute.PeriodRollUp;
import io.synergy.sector.ingest.ParsedReport;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** SQL of the sector services' tables (report, data_value, indicator_value), in batches; no ORM on the hot path. */
public final class ReportStore {

    private ReportStore() {
    }

    /** A stored revision of a report. */
    public record StoredRevision(String reportId, int revision, String contentHash, String status, String orgUnit, String period, String result) {
    }

    /** A district and year whose indicators must be recomputed. */
    public record UnitYear(String orgUnit, int year) implements Comparable<UnitYear> {
        @Override
        public int compareTo(UnitYear o) {
            int c = orgUnit.compareTo(o.orgUnit);
            return c != 0 ? c : Integer.compare(year, o.year);
        }
    }

    /** The annual value last published for (code, district, year). */
    public record StoredIndicator(String code, String orgUnit, int year, Double value, Double numerator, Double denominator,
            boolean complete, long revision) {
    }

    /**
     * Serialises writers of the same keys for the rest of the transaction (advisory locks, taken in sorted order so
     * two transactions never wait on each other in a cycle).
     */
    public static void lock(Connection c, int lockClass, Collection<Integer> keys) throws SQLException {
        if (keys.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement("SELECT pg_advisory_xact_lock(?, k) FROM unnest(?) AS k ORDER BY k")) {
            ps.setInt(1, lockClass);
            ps.setArray(2, c.createArrayOf("integer", keys.stream().distinct().sorted().toArray()));
            ps.executeQuery().close();
        }
    }

    public static Map<String, List<StoredRevision>> revisions(Connection c, Collection<String> reportIds) throws SQLException {
        Map<String, List<StoredRevision>> out = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT report_id, revision, content_hash, status, org_unit, period, result
                  FROM report WHERE report_id = ANY (?) ORDER BY report_id, revision""")) {
            ps.setArray(1, c.createArrayOf("text", reportIds.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    StoredRevision r = new StoredRevision(rs.getString(1), rs.getInt(2), rs.getString(3), rs.getString(4), rs.getString(5),
                            rs.getString(6), rs.getString(7));
                    out.computeIfAbsent(r.reportId(), k -> new ArrayList<>()).add(r);
                }
            }
        }
        return out;
    }

    public static void markSuperseded(Connection c, Collection<String> reportIds) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE report SET status = 'SUPERSEDED' WHERE report_id = ANY (?) AND status = 'CURRENT'")) {
            ps.setArray(1, c.createArrayOf("text", reportIds.toArray()));
            ps.executeUpdate();
        }
    }

    /** A data element of an org unit in a year: what a request changed, and what the combined-state rules look at. */
    public record ValueKey(String orgUnit, String dataElement, int year) {
    }

    /**
     * Removes the values a report contributed (before its new revision's values are written).
     *
     * @return which data elements of which org units and years lost a value
     */
    public static List<ValueKey> deleteValuesOf(Connection c, Collection<String> reportIds) throws SQLException {
        List<ValueKey> removed = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM data_value WHERE report_id = ANY (?) RETURNING org_unit, data_element, year")) {
            ps.setArray(1, c.createArrayOf("text", reportIds.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    removed.add(new ValueKey(rs.getString(1), rs.getString(2), rs.getInt(3)));
                }
            }
        }
        return removed;
    }

    /**
     * A report revision to insert.
     *
     * @param sentBy the subject of the token that sent it
     */
    public record NewRevision(ParsedReport report, String status, String channel, String sentBy, String body, String result) {
    }

    public static void insertRevisions(Connection c, List<NewRevision> revisions) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO report (report_id, revision, source, org_unit, period, content_hash, status, channel, sent_by, body, result)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")) {
            for (NewRevision n : revisions) {
                ParsedReport r = n.report();
                ps.setString(1, r.reportId());
                ps.setInt(2, r.revision());
                ps.setString(3, r.source());
                ps.setString(4, r.orgUnit());
                ps.setString(5, r.period().toString());
                ps.setString(6, r.contentHash());
                ps.setString(7, n.status());
                ps.setString(8, n.channel());
                ps.setString(9, n.sentBy());
                ps.setString(10, n.body());
                ps.setString(11, n.result());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /**
     * Writes the reports' values. Two reports of one request for the same org unit and period may carry the same data
     * element: the later one in the request wins, as if they had been sent one after the other (one statement cannot
     * update a row twice).
     */
    public static void upsertValues(Connection c, List<ParsedReport> reports) throws SQLException {
        Map<String, ParsedReport> writerOf = new java.util.LinkedHashMap<>();
        for (ParsedReport r : reports) {
            for (ParsedReport.Value v : r.values()) {
                String key = v.dataElement() + "|" + r.orgUnit() + "|" + r.period();
                writerOf.put(key, r);
            }
        }
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO data_value (data_element, org_unit, period, year, value, report_id, revision)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (data_element, org_unit, period) DO UPDATE
                   SET value = excluded.value, report_id = excluded.report_id, revision = excluded.revision, updated_at = now()""")) {
            for (ParsedReport r : reports) {
                for (ParsedReport.Value v : r.values()) {
                    if (writerOf.get(v.dataElement() + "|" + r.orgUnit() + "|" + r.period()) != r) {
                        continue;
                    }
                    ps.setString(1, v.dataElement());
                    ps.setString(2, r.orgUnit());
                    ps.setString(3, r.period().toString());
                    ps.setInt(4, r.period().year());
                    ps.setDouble(5, v.value());
                    ps.setString(6, r.reportId());
                    ps.setInt(7, r.revision());
                    ps.addBatch();
                }
            }
            ps.executeBatch();
        }
    }

    /** Stored values of the given org units and years: (org unit, year) → data element → values by period, with their reports. */
    public static Map<UnitYear, Map<String, List<PeriodRollUp.PeriodValue>>> values(Connection c, Collection<UnitYear> unitYears) throws SQLException {
        Map<UnitYear, Map<String, List<PeriodRollUp.PeriodValue>>> out = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT v.org_unit, v.year, v.data_element, v.period, v.value, v.report_id
                  FROM data_value v JOIN unnest(?, ?) AS k(org_unit, year) ON v.org_unit = k.org_unit AND v.year = k.year""")) {
            ps.setArray(1, c.createArrayOf("text", unitYears.stream().map(UnitYear::orgUnit).toArray()));
            ps.setArray(2, c.createArrayOf("integer", unitYears.stream().map(UnitYear::year).toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.computeIfAbsent(new UnitYear(rs.getString(1), rs.getInt(2)), k -> new HashMap<>())
                            .computeIfAbsent(rs.getString(3), k -> new ArrayList<>())
                            .add(new PeriodRollUp.PeriodValue(Period.parse(rs.getString(4)), rs.getDouble(5), rs.getString(6)));
                }
            }
        }
        return out;
    }

    public static Map<String, StoredIndicator> indicators(Connection c, Collection<UnitYear> unitYears) throws SQLException {
        Map<String, StoredIndicator> out = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT i.code, i.org_unit, i.year, i.value, i.numerator, i.denominator, i.complete, i.revision
                  FROM indicator_value i JOIN unnest(?, ?) AS k(org_unit, year) ON i.org_unit = k.org_unit AND i.year = k.year""")) {
            ps.setArray(1, c.createArrayOf("text", unitYears.stream().map(UnitYear::orgUnit).toArray()));
            ps.setArray(2, c.createArrayOf("integer", unitYears.stream().map(UnitYear::year).toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    StoredIndicator s = new StoredIndicator(rs.getString(1), rs.getString(2), rs.getInt(3), (Double) rs.getObject(4),
                            (Double) rs.getObject(5), (Double) rs.getObject(6), rs.getBoolean(7), rs.getLong(8));
                    out.put(key(s.code(), s.orgUnit(), s.year()), s);
                }
            }
        }
        return out;
    }

    /** A value accepted but flagged for review, as stored with its report revision. */
    public record NewFlag(String reportId, int revision, String flag, String dataElement, String orgUnit, Period period, double value,
            Period previousPeriod, double previousValue) {
    }

    public static void insertFlags(Connection c, List<NewFlag> flags) throws SQLException {
        if (flags.isEmpty()) {
            return;
        }
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO report_flag (report_id, revision, flag, data_element, org_unit, period, year, value, previous_period, previous_value)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")) {
            for (NewFlag f : flags) {
                ps.setString(1, f.reportId());
                ps.setInt(2, f.revision());
                ps.setString(3, f.flag());
                ps.setString(4, f.dataElement());
                ps.setString(5, f.orgUnit());
                ps.setString(6, f.period().toString());
                ps.setInt(7, f.period().year());
                ps.setDouble(8, f.value());
                ps.setString(9, f.previousPeriod().toString());
                ps.setDouble(10, f.previousValue());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    /** A flagged value of a current revision, with who sent it and when: a row of the review list. */
    public record StoredFlag(long id, String reportId, int revision, String flag, String dataElement, String orgUnit, String period,
            double value, String previousPeriod, double previousValue, String channel, String sentBy, java.time.Instant receivedAt) {
    }

    /**
     * Flagged values of current revisions, oldest flag first, after {@code afterId}.
     *
     * @param periods the report periods to list (a year, or a quarter and its months…); {@code null} for a whole year or all
     * @param year    the year to list, or {@code null} for every year
     */
    public static List<StoredFlag> flags(Connection c, String flag, Integer year, List<String> periods, long afterId, int limit) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT f.id, f.report_id, f.revision, f.flag, f.data_element, f.org_unit, f.period, f.value, f.previous_period, f.previous_value,
                       r.channel, r.sent_by, r.received_at
                  FROM report_flag f JOIN report r ON r.report_id = f.report_id AND r.revision = f.revision AND r.status = 'CURRENT'
                 WHERE f.flag = ? AND (?::int IS NULL OR f.year = ?) AND (?::text[] IS NULL OR f.period = ANY (?)) AND f.id > ?
                 ORDER BY f.id LIMIT ?""")) {
            ps.setString(1, flag);
            ps.setObject(2, year, Types.INTEGER);
            ps.setObject(3, year, Types.INTEGER);
            java.sql.Array p = periods == null ? null : c.createArrayOf("text", periods.toArray());
            ps.setArray(4, p);
            ps.setArray(5, p);
            ps.setLong(6, afterId);
            ps.setInt(7, limit);
            List<StoredFlag> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new StoredFlag(rs.getLong(1), rs.getString(2), rs.getInt(3), rs.getString(4), rs.getString(5), rs.getString(6),
                            rs.getString(7), rs.getDouble(8), rs.getString(9), rs.getDouble(10), rs.getString(11), rs.getString(12),
                            rs.getTimestamp(13).toInstant()));
                }
            }
            return out;
        }
    }

    public static String key(String code, String orgUnit, int year) {
        return code + "|" + orgUnit + "|" + year;
    }

    /** A new value of an indicator to store. */
    public record IndicatorRow(String code, String orgUnit, int year, String kind, Double value, Double numerator, Double denominator,
            boolean complete, long revision, String reportId) {
    }

    public static void upsertIndicators(Connection c, List<IndicatorRow> rows) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO indicator_value (code, org_unit, year, kind, value, numerator, denominator, complete, revision, report_id)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (code, org_unit, year) DO UPDATE
                   SET value = excluded.value, numerator = excluded.numerator, denominator = excluded.denominator,
                       complete = excluded.complete, revision = excluded.revision, report_id = excluded.report_id, updated_at = now()""")) {
            for (IndicatorRow r : rows) {
                ps.setString(1, r.code());
                ps.setString(2, r.orgUnit());
                ps.setInt(3, r.year());
                ps.setString(4, r.kind());
                setDouble(ps, 5, r.value());
                setDouble(ps, 6, r.numerator());
                setDouble(ps, 7, r.denominator());
                ps.setBoolean(8, r.complete());
                ps.setLong(9, r.revision());
                ps.setString(10, r.reportId());
                ps.addBatch();
            }
            ps.executeBatch();
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
