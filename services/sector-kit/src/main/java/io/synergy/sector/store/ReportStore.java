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

    /** Removes the values a report contributed (before its new revision's values are written). */
    public static void deleteValuesOf(Connection c, Collection<String> reportIds) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("DELETE FROM data_value WHERE report_id = ANY (?)")) {
            ps.setArray(1, c.createArrayOf("text", reportIds.toArray()));
            ps.executeUpdate();
        }
    }

    /** A report revision to insert. */
    public record NewRevision(ParsedReport report, String status, String channel, String body, String result) {
    }

    public static void insertRevisions(Connection c, List<NewRevision> revisions) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO report (report_id, revision, source, org_unit, period, content_hash, status, channel, body, result)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")) {
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
                ps.setString(9, n.body());
                ps.setString(10, n.result());
                ps.addBatch();
            }
            ps.executeBatch();
        }
    }

    public static void upsertValues(Connection c, List<ParsedReport> reports) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO data_value (data_element, org_unit, period, year, value, report_id, revision)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (data_element, org_unit, period) DO UPDATE
                   SET value = excluded.value, report_id = excluded.report_id, revision = excluded.revision, updated_at = now()""")) {
            for (ParsedReport r : reports) {
                for (ParsedReport.Value v : r.values()) {
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

    /** Stored values of the given districts and years: district → year → data element → values by period. */
    public static Map<UnitYear, Map<String, List<PeriodRollUp.PeriodValue>>> values(Connection c, Collection<UnitYear> unitYears) throws SQLException {
        Map<UnitYear, Map<String, List<PeriodRollUp.PeriodValue>>> out = new HashMap<>();
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT v.org_unit, v.year, v.data_element, v.period, v.value
                  FROM data_value v JOIN unnest(?, ?) AS k(org_unit, year) ON v.org_unit = k.org_unit AND v.year = k.year""")) {
            ps.setArray(1, c.createArrayOf("text", unitYears.stream().map(UnitYear::orgUnit).toArray()));
            ps.setArray(2, c.createArrayOf("integer", unitYears.stream().map(UnitYear::year).toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.computeIfAbsent(new UnitYear(rs.getString(1), rs.getInt(2)), k -> new HashMap<>())
                            .computeIfAbsent(rs.getString(3), k -> new ArrayList<>())
                            .add(new PeriodRollUp.PeriodValue(Period.parse(rs.getString(4)), rs.getDouble(5)));
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
