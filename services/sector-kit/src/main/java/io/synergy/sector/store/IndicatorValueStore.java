package io.synergy.sector.store;

import io.agroal.api.AgroalDataSource;
import io.synergy.platform.transaction.JdbcBatches;
import io.synergy.sector.model.UnitYear;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The annual values last published ({@code indicator_value}): per indicator or published data element, org unit and
 * year, with its per-key revision, which the events carry. JDBC in batches, inside the ingestion's transaction.
 */
@ApplicationScoped
public class IndicatorValueStore {

    /** Rows per statement: a thousand-report batch changes about two thousand. */
    static final int INDICATOR_ROWS = 2_000;

    private final AgroalDataSource dataSource;

    public IndicatorValueStore(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** Which output of which org unit and year. */
    public record Key(String code, String orgUnit, int year) {}

    /** The annual value last published for a key. */
    public record StoredIndicator(
            Key key, Double value, Double numerator, Double denominator, boolean complete, long revision) {}

    /** A new value of an output to store. */
    public record IndicatorRow(
            Key key,
            String kind,
            Double value,
            Double numerator,
            Double denominator,
            boolean complete,
            long revision,
            String reportId) {}

    /** The values last published for the org units and years. */
    public Map<Key, StoredIndicator> indicators(Collection<UnitYear> unitYears) {
        Map<Key, StoredIndicator> out = new HashMap<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("""
                SELECT i.code, i.org_unit, i.year, i.value, i.numerator, i.denominator, i.complete, i.revision
                  FROM indicator_value i JOIN unnest(?, ?) AS k(org_unit, year) ON i.org_unit = k.org_unit AND i.year = k.year""")) {
            ps.setArray(
                    1,
                    c.createArrayOf(
                            "text", unitYears.stream().map(UnitYear::orgUnit).toArray(String[]::new)));
            ps.setArray(
                    2,
                    c.createArrayOf(
                            "integer", unitYears.stream().map(UnitYear::year).toArray(Integer[]::new)));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Key key = new Key(rs.getString(1), rs.getString(2), rs.getInt(3));
                    out.put(
                            key,
                            new StoredIndicator(
                                    key,
                                    (Double) rs.getObject(4),
                                    (Double) rs.getObject(5),
                                    (Double) rs.getObject(6),
                                    rs.getBoolean(7),
                                    rs.getLong(8)));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException(
                    "could not read the indicators of " + unitYears.size() + " org unit-year(s)", e);
        }
        return out;
    }

    public void upsert(List<IndicatorRow> rows) {
        if (rows.isEmpty()) {
            return;
        }
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("""
                INSERT INTO indicator_value (code, org_unit, year, kind, value, numerator, denominator, complete, revision, report_id)
                SELECT * FROM unnest(?::text[], ?::text[], ?::int[], ?::text[], ?::float8[], ?::float8[], ?::float8[], ?::boolean[],
                                     ?::bigint[], ?::text[])
                ON CONFLICT (code, org_unit, year) DO UPDATE
                   SET value = excluded.value, numerator = excluded.numerator, denominator = excluded.denominator,
                       complete = excluded.complete, revision = excluded.revision, report_id = excluded.report_id, updated_at = now()""")) {
            JdbcBatches.executeArrays(ps, rows, INDICATOR_ROWS, (s, slice) -> {
                s.setArray(1, JdbcBatches.column(c, "text", slice, r -> r.key().code()));
                s.setArray(2, JdbcBatches.column(c, "text", slice, r -> r.key().orgUnit()));
                s.setArray(
                        3, JdbcBatches.column(c, "integer", slice, r -> r.key().year()));
                s.setArray(4, JdbcBatches.column(c, "text", slice, IndicatorRow::kind));
                s.setArray(5, JdbcBatches.column(c, "float8", slice, IndicatorRow::value));
                s.setArray(6, JdbcBatches.column(c, "float8", slice, IndicatorRow::numerator));
                s.setArray(7, JdbcBatches.column(c, "float8", slice, IndicatorRow::denominator));
                s.setArray(8, JdbcBatches.column(c, "boolean", slice, IndicatorRow::complete));
                s.setArray(9, JdbcBatches.column(c, "bigint", slice, IndicatorRow::revision));
                s.setArray(10, JdbcBatches.column(c, "text", slice, IndicatorRow::reportId));
            });
        } catch (SQLException e) {
            throw new IllegalStateException("could not store " + rows.size() + " indicator value(s)", e);
        }
    }
}
