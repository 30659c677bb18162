package io.synergy.aggregation.inventory;

import io.synergy.method.inventory.EmissionFactor;
import io.synergy.method.inventory.FactorLibrary;
import io.synergy.method.inventory.NetCalorificValue;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The versioned factor library in the database. Versions never change once stored, so each is read once and cached;
 * which version is current is asked of the database every time (another instance may have stored a newer one).
 */
@ApplicationScoped
public class FactorLibraryStore {

    /** Advisory lock class of factor revisions (sector services use 1 and 2, the recompute 3, the outbox relay 4). */
    static final int LOCK_CLASS = 21;

    /** A version's metadata, for listings. */
    public record VersionInfo(
            int version,
            String description,
            Integer previousVersion,
            Instant createdAt,
            String createdBy,
            int factors,
            boolean usesExampleFactors) {}

    private final Map<Integer, FactorLibrary> cache = new ConcurrentHashMap<>();

    /** Serialises factor revisions (and the first load) of this schema's library for the rest of the transaction. */
    public void lock(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT pg_advisory_xact_lock(?, hashtext(current_schema()))")) {
            ps.setInt(1, LOCK_CLASS);
            ps.executeQuery().close();
        }
    }

    public Optional<Integer> currentVersion(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT max(version) FROM inventory_factor_version");
                ResultSet rs = ps.executeQuery()) {
            rs.next();
            int v = rs.getInt(1);
            return rs.wasNull() ? Optional.empty() : Optional.of(v);
        }
    }

    public Optional<FactorLibrary> current(Connection c) throws SQLException {
        Optional<Integer> v = currentVersion(c);
        return v.isEmpty() ? Optional.empty() : version(c, v.get());
    }

    public Optional<FactorLibrary> version(Connection c, int version) throws SQLException {
        FactorLibrary cached = cache.get(version);
        if (cached != null) {
            return Optional.of(cached);
        }
        String description;
        Instant createdAt;
        String createdBy;
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT description, created_at, created_by FROM inventory_factor_version WHERE version = ?")) {
            ps.setInt(1, version);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                description = rs.getString(1);
                createdAt = rs.getTimestamp(2).toInstant();
                createdBy = rs.getString(3);
            }
        }
        List<NetCalorificValue> ncvs = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT fuel, value, unit, source, valid_from, valid_to FROM inventory_ncv WHERE version = ? ORDER BY row_no")) {
            ps.setInt(1, version);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ncvs.add(new NetCalorificValue(
                            rs.getString(1), rs.getDouble(2), rs.getString(3), rs.getString(4), rs.getInt(5), (Integer)
                                    rs.getObject(6)));
                }
            }
        }
        List<EmissionFactor> factors = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT gas, activity, sector, factor, unit, source, valid_from, valid_to, example
                  FROM inventory_factor WHERE version = ? ORDER BY row_no""")) {
            ps.setInt(1, version);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    factors.add(new EmissionFactor(
                            rs.getString(1),
                            rs.getString(2),
                            rs.getString(3),
                            rs.getDouble(4),
                            rs.getString(5),
                            rs.getString(6),
                            rs.getInt(7),
                            (Integer) rs.getObject(8),
                            rs.getBoolean(9)));
                }
            }
        }
        FactorLibrary library = new FactorLibrary(version, description, createdAt, createdBy, ncvs, factors);
        cache.put(version, library);
        return Optional.of(library);
    }

    public List<VersionInfo> versions(Connection c) throws SQLException {
        List<VersionInfo> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("""
                SELECT v.version, v.description, v.previous_version, v.created_at, v.created_by,
                       (SELECT count(*) FROM inventory_factor f WHERE f.version = v.version),
                       EXISTS (SELECT 1 FROM inventory_factor f WHERE f.version = v.version AND f.example)
                  FROM inventory_factor_version v ORDER BY v.version DESC""");
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(new VersionInfo(
                        rs.getInt(1),
                        rs.getString(2),
                        (Integer) rs.getObject(3),
                        rs.getTimestamp(4).toInstant(),
                        rs.getString(5),
                        rs.getInt(6),
                        rs.getBoolean(7)));
            }
        }
        return out;
    }

    /** The previous version of {@code version}, if any. */
    public Optional<Integer> previousOf(Connection c, int version) throws SQLException {
        try (PreparedStatement ps =
                c.prepareStatement("SELECT previous_version FROM inventory_factor_version WHERE version = ?")) {
            ps.setInt(1, version);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? Optional.ofNullable((Integer) rs.getObject(1)) : Optional.empty();
            }
        }
    }

    /** Stores a validated draft as the next version (in the caller's transaction, under {@link #lock}). */
    public FactorLibrary insert(Connection c, FactorLibrary draft, String createdBy) throws SQLException {
        Integer previous = currentVersion(c).orElse(null);
        int version = previous == null ? 1 : previous + 1;
        Instant createdAt;
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO inventory_factor_version (version, description, previous_version, created_by) VALUES (?, ?, ?, ?)
                RETURNING created_at""")) {
            ps.setInt(1, version);
            ps.setString(2, draft.description());
            if (previous == null) {
                ps.setNull(3, Types.INTEGER);
            } else {
                ps.setInt(3, previous);
            }
            ps.setString(4, createdBy);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                createdAt = rs.getTimestamp(1).toInstant();
            }
        }
        try (PreparedStatement ps = c.prepareStatement(
                "INSERT INTO inventory_ncv (version, row_no, fuel, value, unit, source, valid_from, valid_to) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
            int row = 0;
            for (NetCalorificValue n : draft.ncvs()) {
                ps.setInt(1, version);
                ps.setInt(2, row++);
                ps.setString(3, n.fuel());
                ps.setDouble(4, n.value());
                ps.setString(5, n.unit());
                ps.setString(6, n.source());
                ps.setInt(7, n.validFrom());
                ps.setObject(8, n.validTo(), Types.INTEGER);
                ps.addBatch();
            }
            ps.executeBatch();
        }
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO inventory_factor (version, row_no, gas, activity, sector, factor, unit, source, valid_from, valid_to, example)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""")) {
            int row = 0;
            for (EmissionFactor f : draft.factors()) {
                ps.setInt(1, version);
                ps.setInt(2, row++);
                ps.setString(3, f.gas());
                ps.setString(4, f.activity());
                ps.setString(5, f.sector());
                ps.setDouble(6, f.value());
                ps.setString(7, f.unit());
                ps.setString(8, f.source());
                ps.setInt(9, f.validFrom());
                ps.setObject(10, f.validTo(), Types.INTEGER);
                ps.setBoolean(11, f.example());
                ps.addBatch();
            }
            ps.executeBatch();
        }
        // not cached here: the transaction may still roll back; the first read after the commit caches it
        return draft.stored(version, createdAt, createdBy);
    }
}
