package io.synergy.sector.store;

import io.synergy.sector.model.UnitYear;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Collection;

/**
 * Org units and years bound as two parallel typed arrays, for {@code unnest(?, ?) AS k(org_unit, year)}: typed, the driver
 * sends them in PostgreSQL's binary array form, not as a text literal the server parses back.
 */
final class UnitYearArrays {

    private UnitYearArrays() {}

    /** Binds the org units at {@code first} and the years at {@code first + 1}, in the collection's order. */
    static void bind(Connection c, PreparedStatement ps, int first, Collection<UnitYear> unitYears)
            throws SQLException {
        ps.setArray(
                first,
                c.createArrayOf(
                        "text", unitYears.stream().map(UnitYear::orgUnit).toArray(String[]::new)));
        ps.setArray(
                first + 1,
                c.createArrayOf(
                        "integer", unitYears.stream().map(UnitYear::year).toArray(Integer[]::new)));
    }
}
