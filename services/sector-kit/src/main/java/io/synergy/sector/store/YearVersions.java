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
 * A counter per year in a table {@code (slot BIGINT PRIMARY KEY, year INT, version BIGINT)}, raised by the writers of what
 * it counts in their own transaction and read by the read side, whose kept answers are tagged with it: they are computed
 * anew once it moved — on every replica, as the counter commits with the change in the database they all read. A counter
 * only grows, so the sum of every year's is a version of everything it counts.
 *
 * <p>A year's counter is the sum of its slots (sector V1_4_5, V1_4_6, V1_4_7). With one row per year, every writer of the year
 * held that row from its last statement to its commit, and at city scale (1,000 reports/s, each request touching several
 * years) every request waited for every other's commit flush. A writer now raises a slot of the year no other
 * transaction holds ({@code FOR UPDATE SKIP LOCKED}) or adds one, and never waits; every commit raises the sum by one,
 * whatever the order of the commits, so a reader that saw a sum before a write sees a larger one after it. The slots of
 * a year grow to the most writers of it that were ever in flight at once (at most the pool's connections), not with
 * time.
 */
final class YearVersions {

    private final AgroalDataSource dataSource;
    private final String table;
    // every year's counter in one read, shared by the readers that arrive while one is under way: under many readers of
    // kept answers this lookup was the read path's only database work, one pooled connection each
    private final SharedRead<Map<Integer, Long>> committed = new SharedRead<>(this::read);

    /** @param table the counters' table: a constant of the caller's, never a request's text */
    YearVersions(AgroalDataSource dataSource, String table) {
        this.dataSource = dataSource;
        this.table = table;
    }

    /**
     * Raises the years' counters without waiting: for each year the first slot no other transaction holds, or a new slot
     * when all are held. Call it as the transaction's last statement: the slot stays locked until the commit.
     */
    void raise(Collection<Integer> years) {
        if (years.isEmpty()) {
            return;
        }
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("WITH years AS (SELECT DISTINCT y FROM unnest(?) AS y),"
                        + " free AS MATERIALIZED (SELECT f.slot FROM years CROSS JOIN LATERAL ("
                        + "SELECT slot FROM " + table
                        + " WHERE year = years.y ORDER BY slot LIMIT 1 FOR UPDATE SKIP LOCKED) f),"
                        + " raised AS (UPDATE " + table + " t SET version = t.version + 1 FROM free"
                        + " WHERE t.slot = free.slot RETURNING t.year)"
                        + " INSERT INTO " + table + " (year, version) SELECT y, 1 FROM years"
                        + " WHERE y NOT IN (SELECT year FROM raised)")) {
            ps.setArray(
                    1,
                    c.createArrayOf(
                            "integer", years.stream().distinct().sorted().toArray(Integer[]::new)));
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
                PreparedStatement ps =
                        c.prepareStatement("SELECT year, sum(version) FROM " + table + " GROUP BY year");
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
