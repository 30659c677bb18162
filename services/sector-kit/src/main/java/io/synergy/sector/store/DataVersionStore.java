package io.synergy.sector.store;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;

/**
 * A counter per year ({@code data_version}) that every ingest transaction changing a data value of the year raises:
 * what the read side's computed answers are tagged with, so that they are recomputed once the data changed — on every
 * replica, as the counter commits with the values in the database they all read.
 */
@ApplicationScoped
public class DataVersionStore {

    private final AgroalDataSource dataSource;

    public DataVersionStore(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Raises the years' counters. Call it as the transaction's last statement: the rows stay locked until the commit,
     * so concurrent writers of one year wait for each other only that long (in year order: no deadlock).
     */
    public void raise(Collection<Integer> years) {
        if (years.isEmpty()) {
            return;
        }
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("""
                INSERT INTO data_version (year, version) SELECT y, 1 FROM unnest(?) AS y ORDER BY y
                ON CONFLICT (year) DO UPDATE SET version = data_version.version + 1""")) {
            ps.setArray(
                    1,
                    c.createArrayOf(
                            "integer", years.stream().distinct().sorted().toArray()));
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("could not raise the data version of " + years.size() + " year(s)", e);
        }
    }

    /** The year's counter as committed now; 0 before any value of the year was written. */
    public long version(int year) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT version FROM data_version WHERE year = ?")) {
            ps.setInt(1, year);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getLong(1) : 0;
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not read the data version of " + year, e);
        }
    }
}
