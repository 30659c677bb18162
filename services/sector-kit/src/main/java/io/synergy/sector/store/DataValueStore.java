package io.synergy.sector.store;

import io.agroal.api.AgroalDataSource;
import io.synergy.model.catalogue.Aggregation;
import io.synergy.model.period.Period;
import io.synergy.sector.compute.PeriodRollUp.PeriodValue;
import io.synergy.sector.model.ParsedReport;
import io.synergy.sector.model.UnitYear;
import io.synergy.sector.model.ValueKey;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.IntStream;

/**
 * The current data values ({@code data_value}): one per data element, org unit and period, with the report revision
 * it came from. JDBC in batches; inside a transaction every statement runs on the transaction's connection.
 */
@ApplicationScoped
public class DataValueStore {

    /** Values per statement: a thousand-report batch's 11,000 in six, their arrays a few hundred KB each. */
    static final int VALUE_ROWS = 2_000;

    private final AgroalDataSource dataSource;

    public DataValueStore(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * The values of a request's applied reports, as the columns of the statement that writes them: built before the data
     * sets' locks are taken (they depend on the reports alone), so that under the locks only the statement runs (issue 19).
     * Two reports of one request may carry a data element of the same org unit and period: the later one wins, as if
     * they had been sent one after the other (one statement cannot update a row twice), and its value takes the later
     * report's place in the statement.
     */
    public static final class ValueRows {
        private final String[] dataElements;
        private final String[] orgUnits;
        private final String[] periods;
        private final Integer[] years;
        private final Double[] values;
        private final String[] reportIds;
        private final Integer[] revisions;
        private final int size;

        private ValueRows(int capacity) {
            dataElements = new String[capacity];
            orgUnits = new String[capacity];
            periods = new String[capacity];
            years = new Integer[capacity];
            values = new Double[capacity];
            reportIds = new String[capacity];
            revisions = new Integer[capacity];
            size = 0;
        }

        private ValueRows(ValueRows filled, int size) {
            dataElements = filled.dataElements;
            orgUnits = filled.orgUnits;
            periods = filled.periods;
            years = filled.years;
            values = filled.values;
            reportIds = filled.reportIds;
            revisions = filled.revisions;
            this.size = size;
        }

        /** The rows of the reports' values, in the reports' order and each report's values' order. */
        public static ValueRows of(List<ParsedReport> reports) {
            int capacity = 0;
            // the later report of an org unit and period holds the data elements it carries: by slot, the reports'
            // indexes
            Map<ValueSlot, Integer> lastOfSlot = new HashMap<>();
            boolean shared = false;
            for (int i = 0; i < reports.size(); i++) {
                ParsedReport r = reports.get(i);
                capacity += r.values().size();
                shared |= lastOfSlot.put(new ValueSlot(r.orgUnit(), r.period()), i) != null;
            }
            ValueRows rows = new ValueRows(capacity);
            int n = 0;
            for (int i = 0; i < reports.size(); i++) {
                ParsedReport r = reports.get(i);
                // one text and one box per report, not per value
                String period = r.period().toString();
                Integer year = r.period().year();
                Integer revision = r.revision();
                for (ParsedReport.Value v : r.values()) {
                    if (shared && carriedLater(reports, i, lastOfSlot, v.dataElement())) {
                        continue;
                    }
                    rows.dataElements[n] = v.dataElement();
                    rows.orgUnits[n] = r.orgUnit();
                    rows.periods[n] = period;
                    rows.years[n] = year;
                    rows.values[n] = v.value();
                    rows.reportIds[n] = r.reportId();
                    rows.revisions[n] = revision;
                    n++;
                }
            }
            return new ValueRows(rows, n);
        }

        /** Whether a report after the {@code i}-th, of the same org unit and period, carries the data element. */
        private static boolean carriedLater(
                List<ParsedReport> reports, int i, Map<ValueSlot, Integer> lastOfSlot, String dataElement) {
            ParsedReport r = reports.get(i);
            int last = lastOfSlot.get(new ValueSlot(r.orgUnit(), r.period()));
            for (int j = i + 1; j <= last; j++) {
                ParsedReport later = reports.get(j);
                if (later.orgUnit().equals(r.orgUnit())
                        && later.period().equals(r.period())
                        && later.values().stream().anyMatch(v -> v.dataElement().equals(dataElement))) {
                    return true;
                }
            }
            return false;
        }

        public int size() {
            return size;
        }

        /** The {@code i}-th row's columns, in the statement's order. */
        List<Object> row(int i) {
            return List.of(dataElements[i], orgUnits[i], periods[i], years[i], values[i], reportIds[i], revisions[i]);
        }
    }

    /** An org unit and period: where two reports' values may land on the same rows. */
    private record ValueSlot(String orgUnit, Period period) {}

    /** When a data element of an org unit was last received for a period, and from which report. */
    public record Receipt(String orgUnit, String dataElement, Period period, Instant receivedAt, String reportId) {}

    /**
     * Removes the values the reports contributed (before their new revisions' values are written).
     *
     * @return which data elements of which org units and years lost a value
     */
    public List<ValueKey> deleteValuesOf(Collection<String> reportIds) {
        List<ValueKey> removed = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(
                        "DELETE FROM data_value WHERE report_id = ANY (?) RETURNING org_unit, data_element, year")) {
            ps.setArray(1, c.createArrayOf("text", reportIds.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    removed.add(new ValueKey(rs.getString(1), rs.getString(2), rs.getInt(3)));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not remove the values of " + reportIds.size() + " report(s)", e);
        }
        return removed;
    }

    /** Writes the values ({@link ValueRows}): one statement per {@link #VALUE_ROWS} of them, each column one binary array. */
    public void upsert(ValueRows rows) {
        if (rows.size == 0) {
            return;
        }
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("""
                INSERT INTO data_value (data_element, org_unit, period, year, value, report_id, revision)
                SELECT * FROM unnest(?::text[], ?::text[], ?::text[], ?::int[], ?::float8[], ?::text[], ?::int[])
                ON CONFLICT (data_element, org_unit, period) DO UPDATE
                   SET value = excluded.value, report_id = excluded.report_id, revision = excluded.revision, updated_at = now()""")) {
            for (int from = 0; from < rows.size; from += VALUE_ROWS) {
                int to = Math.min(rows.size, from + VALUE_ROWS);
                ps.setArray(1, c.createArrayOf("text", Arrays.copyOfRange(rows.dataElements, from, to)));
                ps.setArray(2, c.createArrayOf("text", Arrays.copyOfRange(rows.orgUnits, from, to)));
                ps.setArray(3, c.createArrayOf("text", Arrays.copyOfRange(rows.periods, from, to)));
                ps.setArray(4, c.createArrayOf("integer", Arrays.copyOfRange(rows.years, from, to)));
                ps.setArray(5, c.createArrayOf("float8", Arrays.copyOfRange(rows.values, from, to)));
                ps.setArray(6, c.createArrayOf("text", Arrays.copyOfRange(rows.reportIds, from, to)));
                ps.setArray(7, c.createArrayOf("integer", Arrays.copyOfRange(rows.revisions, from, to)));
                ps.executeUpdate();
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not write " + rows.size + " value(s)", e);
        }
    }

    /** Stored values of the given org units and years: (org unit, year) → data element → values by period, with their reports. */
    public Map<UnitYear, Map<String, List<PeriodValue>>> values(Collection<UnitYear> unitYears) {
        Map<UnitYear, Map<String, List<PeriodValue>>> out = new HashMap<>();
        if (unitYears.isEmpty()) {
            return out;
        }
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("""
                SELECT v.org_unit, v.year, v.data_element, v.period, v.value, v.report_id
                  FROM data_value v JOIN unnest(?, ?) AS k(org_unit, year) ON v.org_unit = k.org_unit AND v.year = k.year""")) {
            UnitYearArrays.bind(c, ps, 1, unitYears);
            try (ResultSet rs = ps.executeQuery()) {
                Shared shared = new Shared();
                while (rs.next()) {
                    out.computeIfAbsent(new UnitYear(rs.getString(1), rs.getInt(2)), k -> new HashMap<>())
                            .computeIfAbsent(rs.getString(3), k -> new ArrayList<>())
                            .add(new PeriodValue(
                                    shared.period(rs.getString(4)), rs.getDouble(5), shared.text(rs.getString(6))));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(
                    "could not read the values of " + unitYears.size() + " org unit-year(s)", e);
        }
        return out;
    }

    /** Which of the org units and years have a stored value of any data element (one index probe each). */
    public Set<UnitYear> withValues(Collection<UnitYear> unitYears) {
        Set<UnitYear> out = new HashSet<>();
        if (unitYears.isEmpty()) {
            return out;
        }
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("""
                SELECT k.org_unit, k.year FROM unnest(?, ?) AS k(org_unit, year)
                 WHERE EXISTS (SELECT 1 FROM data_value v WHERE v.org_unit = k.org_unit AND v.year = k.year)""")) {
            UnitYearArrays.bind(c, ps, 1, unitYears);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new UnitYear(rs.getString(1), rs.getInt(2)));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not look up " + unitYears.size() + " org unit-year(s)", e);
        }
        return out;
    }

    /**
     * Each key's sum, over the org units given for it, of its data element's roll-up to its year — {@link
     * io.synergy.sector.compute.PeriodRollUp}'s rule in SQL: the year's own value if there is one, else its quarters and
     * the months of quarters not reported, added up (SUM) or the latest of them (LAST). One statement for every key: the
     * database reads the org units' rows of the data element and year through the primary key and answers one row per
     * key, so what comes back does not grow with the org units (a district's enterprises).
     *
     * @param aggregation each data element's aggregation
     * @return the sums of the keys any of whose org units has a value
     */
    public Map<ValueKey, Double> yearSums(
            Map<ValueKey, List<String>> orgUnits, Function<String, Aggregation> aggregation) {
        Map<ValueKey, Double> out = new HashMap<>();
        if (orgUnits.isEmpty()) {
            return out;
        }
        List<ValueKey> keys = List.copyOf(orgUnits.keySet());
        List<Integer> memberKey = new ArrayList<>();
        List<String> members = new ArrayList<>();
        for (int i = 0; i < keys.size(); i++) {
            for (String code : orgUnits.get(keys.get(i))) {
                memberKey.add(i);
                members.add(code);
            }
        }
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("""
                WITH k AS (SELECT * FROM unnest(?::int[], ?::text[], ?::int[], ?::boolean[]) AS k(id, data_element, year, last)),
                     m AS (SELECT * FROM unnest(?::int[], ?::text[]) AS m(id, org_unit)),
                     v AS (SELECT k.id, v.org_unit, v.value, k.last,
                                  strpos(v.period, 'Q') = 0 AND strpos(v.period, '-') = 0 AS is_year,
                                  strpos(v.period, 'Q') > 0 AS is_quarter,
                                  CASE WHEN strpos(v.period, 'Q') > 0 THEN split_part(v.period, 'Q', 2)::int
                                       WHEN strpos(v.period, '-') > 0 THEN (split_part(v.period, '-', 2)::int + 2) / 3
                                       ELSE 0 END AS quarter,
                                  CASE WHEN strpos(v.period, 'Q') > 0 THEN split_part(v.period, 'Q', 2)::int * 3
                                       WHEN strpos(v.period, '-') > 0 THEN split_part(v.period, '-', 2)::int
                                       ELSE 12 END AS last_month
                             FROM k JOIN m ON m.id = k.id
                             JOIN data_value v ON v.data_element = k.data_element AND v.org_unit = m.org_unit AND v.year = k.year),
                     marked AS (SELECT v.*, bool_or(is_year) OVER (PARTITION BY id, org_unit) AS unit_has_year,
                                       bool_or(is_quarter) OVER (PARTITION BY id, org_unit, quarter) AS quarter_reported
                                  FROM v),
                     unit_total AS (SELECT id, CASE WHEN bool_or(last) THEN (array_agg(value ORDER BY last_month DESC))[1]
                                                    ELSE sum(value) END AS total
                                      FROM marked
                                     WHERE is_year OR NOT unit_has_year AND (is_quarter OR NOT quarter_reported)
                                     GROUP BY id, org_unit)
                SELECT id, sum(total) FROM unit_total GROUP BY id""")) {
            ps.setArray(
                    1,
                    c.createArrayOf(
                            "integer", IntStream.range(0, keys.size()).boxed().toArray()));
            ps.setArray(
                    2,
                    c.createArrayOf(
                            "text", keys.stream().map(ValueKey::dataElement).toArray()));
            ps.setArray(
                    3,
                    c.createArrayOf("integer", keys.stream().map(ValueKey::year).toArray()));
            ps.setArray(
                    4,
                    c.createArrayOf(
                            "boolean",
                            keys.stream()
                                    .map(k -> aggregation.apply(k.dataElement()) == Aggregation.LAST)
                                    .toArray()));
            ps.setArray(5, c.createArrayOf("integer", memberKey.toArray()));
            ps.setArray(6, c.createArrayOf("text", members.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.put(keys.get(rs.getInt(1)), rs.getDouble(2));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not add up " + keys.size() + " data element(s) over org units", e);
        }
        return out;
    }

    /** Stored values of one data element in one year of these org units, shaped as {@link #values(Collection)}. */
    public Map<UnitYear, Map<String, List<PeriodValue>>> values(
            Collection<String> orgUnits, String dataElement, int year) {
        Map<UnitYear, Map<String, List<PeriodValue>>> out = new HashMap<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("""
                SELECT org_unit, period, value, report_id FROM data_value
                 WHERE data_element = ? AND org_unit = ANY (?) AND year = ?""")) {
            ps.setString(1, dataElement);
            ps.setArray(2, c.createArrayOf("text", orgUnits.toArray()));
            ps.setInt(3, year);
            try (ResultSet rs = ps.executeQuery()) {
                Shared shared = new Shared();
                while (rs.next()) {
                    out.computeIfAbsent(new UnitYear(rs.getString(1), year), k -> new HashMap<>())
                            .computeIfAbsent(dataElement, k -> new ArrayList<>())
                            .add(new PeriodValue(
                                    shared.period(rs.getString(2)), rs.getDouble(3), shared.text(rs.getString(4))));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(
                    "could not read " + dataElement + " of " + orgUnits.size() + " org unit(s) in " + year, e);
        }
        return out;
    }

    /** What was received for any period of a year, by org unit, data element and period. */
    public List<Receipt> receipts(int year) {
        List<Receipt> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("""
                SELECT org_unit, data_element, period, updated_at, report_id FROM data_value WHERE year = ? ORDER BY org_unit, data_element, period""")) {
            ps.setInt(1, year);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Receipt(
                            rs.getString(1),
                            rs.getString(2),
                            Period.parse(rs.getString(3)),
                            rs.getTimestamp(4).toInstant(),
                            rs.getString(5)));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not read what was received for " + year, e);
        }
        return out;
    }

    /**
     * One instance per distinct period and report id within a read: the driver makes new strings for every row, and a
     * request's state read back holds each value through its transaction — a batch of 1,000 reports read 19,000 values
     * of 1,000 report ids and a few dozen periods, ~2 MB of copies of them (GC.class_histogram, docs/performance.md).
     */
    private static final class Shared {
        private final Map<String, Period> periods = new HashMap<>();
        private final Map<String, String> texts = new HashMap<>();

        Period period(String text) {
            return periods.computeIfAbsent(text, Period::parse);
        }

        String text(String text) {
            return text == null ? null : texts.computeIfAbsent(text, t -> t);
        }
    }
}
