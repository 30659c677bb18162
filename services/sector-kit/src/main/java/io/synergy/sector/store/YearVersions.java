package io.synergy.sector.store;

import io.agroal.api.AgroalDataSource;
import io.synergy.platform.read.SharedRead;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/**
 * A counter per year in a table {@code (year INT PRIMARY KEY, version BIGINT)}, raised by the writers of what it counts in
 * their own transaction and read by the read side, whose kept answers are tagged with it: they are computed anew once it
 * moved — on every replica, as the counter commits with the change in the database they all read. A counter only grows,
 * so the sum of every year's is a version of everything it counts.
 */
final class YearVersions {

    private final AgroalDataSource dataSource;
    private final String table;
    // every year's counter in one read (a row per year), shared by the readers that arrive while one is under way:
    // under
    // many readers of kept answers this lookup was the read path's only database work, one pooled connection each
    private final SharedRead<Map<Integer, Long>> committed = new SharedRead<>(this::read);

    /** @param table the counters' table: a constant of the caller's, never a request's text */
    YearVersions(AgroalDataSource dataSource, String table) {
        this.dataSource = dataSource;
        this.table = table;
    }

    /**
     * Raises the years' counters. Call it as the transaction's last statement: the rows stay locked until the commit,
     * so concurrent writers of one year wait for each other only that long (in year order: no deadlock).
     */
    void raise(Collection<Integer> years) {
        if (years.isEmpty()) {
            return;
        }
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("INSERT INTO " + table
                        + " (year, version) SELECT y, 1 FROM unnest(?) AS y ORDER BY y"
                        + " ON CONFLICT (year) DO UPDATE SET version = " + table + ".version + 1")) {
            ps.setArray(
                    1,
                    c.createArrayOf(
                            "integer", years.stream().distinct().sorted().toArray()));
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("could not raise " + table + " of " + years.size() + " year(s)", e);
        }
    }

    /** The year's counter as committed now (by a read begun after this call); 0 before anything of the year was counted. */
    long version(int year) {
        return committed.get().getOrDefault(year, 0L);
    }

    /** Every year's counters together, as committed now: moves whenever any year's does. */
    long everyYear() {
        return committed.get().values().stream().mapToLong(Long::longValue).sum();
    }

    private Map<Integer, Long> read() {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT year, version FROM " + table);
                ResultSet rs = ps.executeQuery()) {
            Map<Integer, Long> versions = new HashMap<>();
            while (rs.next()) {
                versions.put(rs.getInt(1), rs.getLong(2));
            }
            return Map.copyOf(versions);
        } catch (SQLException e) {
            throw new IllegalStateException("could not read " + table, e);
        }
    }
}
