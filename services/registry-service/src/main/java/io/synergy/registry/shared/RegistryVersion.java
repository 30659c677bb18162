package io.synergy.registry.shared;

import io.agroal.api.AgroalDataSource;
import io.quarkus.hibernate.orm.panache.Panache;
import io.synergy.platform.read.SharedRead;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import org.hibernate.Session;

/**
 * The version of the registry's master data ({@code registry_version}): raised by every writer of org units, targets,
 * key projects, pilots and due-date rules in its own transaction ({@link RegistryLock#acquire}), and by the data sets'
 * states taken from {@code approvals.v1} ({@link #raise()}), so it commits with what it counts and every replica sees
 * it. The read answers kept by {@link KeptLists} are tagged with it; a read costs this one primary-key lookup while
 * nothing changes, shared by the readers that arrive while one is under way ({@link SharedRead}).
 */
@ApplicationScoped
public class RegistryVersion {

    private final AgroalDataSource dataSource;
    private final SharedRead<Long> committed = new SharedRead<>(this::read);

    RegistryVersion(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * The version as committed now (by a read begun after this call). Read before what the answer is computed from: an
     * answer is never tagged newer than it is.
     */
    public long current() {
        return committed.get();
    }

    private long read() {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT version FROM registry_version");
                ResultSet rs = ps.executeQuery()) {
            return rs.next() ? rs.getLong(1) : 0;
        } catch (SQLException e) {
            throw new IllegalStateException("could not read the registry's data version", e);
        }
    }

    /**
     * Moves the version in the current transaction without the registry's lock: for a writer that is not of master data
     * and need not wait for one (the data sets' states, which the deadlines show).
     */
    public static void raise() {
        Panache.getEntityManager().unwrap(Session.class).doWork(RegistryVersion::raise);
    }

    /** Moves the version in the caller's transaction (the row stays locked until it ends). */
    static void raise(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("UPDATE registry_version SET version = version + 1")) {
            ps.executeUpdate();
        }
    }
}
