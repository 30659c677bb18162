package io.synergy.sector.store;

import io.agroal.api.AgroalDataSource;
import io.synergy.model.period.Period;
import io.synergy.sector.compute.PeriodRollUp.PeriodValue;
import io.synergy.sector.model.UnitYear;
import io.synergy.sector.model.ValueKey;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The current data values ({@code data_value}): one per data element, org unit and period, with the report revision
 * it came from. JDBC in batches; inside a transaction every statement runs on the transaction's connection.
 */
@ApplicationScoped
public class DataValueStore {

    private final AgroalDataSource dataSource;

    public DataValueStore(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** A value to write: a data element of an org unit for a period, as a report revision states it. */
    public record NewValue(
            String dataElement, String orgUnit, Period period, double value, String reportId, int revision) {}

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

    /**
     * Writes the values. Two of them may be for the same data element, org unit and period (two reports of one request):
     * the later one wins, as if they had been sent one after the other (one statement cannot update a row twice).
     */
    public void upsert(List<NewValue> values) {
        Map<String, NewValue> last = new LinkedHashMap<>();
        for (NewValue v : values) {
            String key = v.dataElement() + "|" + v.orgUnit() + "|" + v.period();
            last.remove(key);
            last.put(key, v);
        }
        if (last.isEmpty()) {
            return;
        }
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("""
                INSERT INTO data_value (data_element, org_unit, period, year, value, report_id, revision)
                VALUES (?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (data_element, org_unit, period) DO UPDATE
                   SET value = excluded.value, report_id = excluded.report_id, revision = excluded.revision, updated_at = now()""")) {
            for (NewValue v : last.values()) {
                ps.setString(1, v.dataElement());
                ps.setString(2, v.orgUnit());
                ps.setString(3, v.period().toString());
                ps.setInt(4, v.period().year());
                ps.setDouble(5, v.value());
                ps.setString(6, v.reportId());
                ps.setInt(7, v.revision());
                ps.addBatch();
            }
            ps.executeBatch();
        } catch (SQLException e) {
            throw new IllegalStateException("could not write " + last.size() + " value(s)", e);
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
            ps.setArray(
                    1,
                    c.createArrayOf(
                            "text", unitYears.stream().map(UnitYear::orgUnit).toArray()));
            ps.setArray(
                    2,
                    c.createArrayOf(
                            "integer", unitYears.stream().map(UnitYear::year).toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.computeIfAbsent(new UnitYear(rs.getString(1), rs.getInt(2)), k -> new HashMap<>())
                            .computeIfAbsent(rs.getString(3), k -> new ArrayList<>())
                            .add(new PeriodValue(Period.parse(rs.getString(4)), rs.getDouble(5), rs.getString(6)));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(
                    "could not read the values of " + unitYears.size() + " org unit-year(s)", e);
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
}
