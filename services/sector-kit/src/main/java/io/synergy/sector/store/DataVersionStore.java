package io.synergy.sector.store;

import io.agroal.api.AgroalDataSource;
import io.synergy.platform.read.SharedRead;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;

/**
 * A counter per year ({@code data_version}) that every ingest transaction changing a data value of the year raises:
 * what the read side's computed answers are tagged with, so that they are recomputed once the data changed — on every
 * replica, as the counter commits with the values in the database they all read. A year's counter is the sum of its
 * slots (V1_4_6): a writer raises a slot no other transaction holds, so writers of one year never wait for each other's
 * commit, and every commit still raises the sum by at least one, in whatever order they commit.
 */
@ApplicationScoped
public class DataVersionStore {

    private final AgroalDataSource dataSource;
    // every year's counter in one read (a row per year with data), shared by the readers that arrive while one is under
    // way: under many readers of kept answers this lookup was the read path's only database work, one pooled connection
    // each
    private final SharedRead<Map<Integer, Long>> committed = new SharedRead<>(this::read);

    public DataVersionStore(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * Raises the years' counters without waiting: for each year the first slot no other transaction holds ({@code SKIP
     * LOCKED}), or a new slot when all are held. Call it as the transaction's last statement: the slot stays locked until
     * the commit (the slots of a year grow to the most writers of it at once, not with time).
     */
    public void raise(Collection<Integer> years) {
        if (years.isEmpty()) {
            return;
        }
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("""
                WITH years AS (SELECT DISTINCT y FROM unnest(?) AS y),
                     free AS MATERIALIZED (
                       SELECT f.slot FROM years CROSS JOIN LATERAL (
                         SELECT slot FROM data_version WHERE year = years.y ORDER BY slot LIMIT 1 FOR UPDATE SKIP LOCKED) f),
                     raised AS (
                       UPDATE data_version d SET version = d.version + 1 FROM free WHERE d.slot = free.slot RETURNING d.year)
                INSERT INTO data_version (year, version) SELECT y, 1 FROM years WHERE y NOT IN (SELECT year FROM raised)""")) {
            ps.setArray(
                    1,
                    c.createArrayOf(
                            "integer", years.stream().distinct().sorted().toArray()));
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("could not raise the data version of " + years.size() + " year(s)", e);
        }
    }

    /** The year's counter as committed now (by a read begun after this call); 0 before any value of the year was written. */
    public long version(int year) {
        return committed.get().getOrDefault(year, 0L);
    }

    private Map<Integer, Long> read() {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT year, sum(version) FROM data_version GROUP BY year");
                ResultSet rs = ps.executeQuery()) {
            Map<Integer, Long> versions = new HashMap<>();
            while (rs.next()) {
                versions.put(rs.getInt(1), rs.getLong(2));
            }
            return Map.copyOf(versions);
        } catch (SQLException e) {
            throw new IllegalStateException("could not read the data versions", e);
        }
    }
}
