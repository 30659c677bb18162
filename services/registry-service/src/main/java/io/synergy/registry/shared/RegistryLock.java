package io.synergy.registry.shared;

import io.quarkus.hibernate.orm.panache.Panache;
import java.sql.PreparedStatement;
import org.hibernate.Session;

/**
 * Serialises the registry's writers — of parks and enterprises, of targets, of key projects and pilots — on every
 * instance, for the rest of the transaction: a change is validated against the state it will be written over. Taking it
 * also raises the {@link RegistryVersion} in the same transaction: every writer of master data takes the lock, so the
 * answers kept of the old data are computed anew once the change commits (a write that changes nothing costs one
 * recomputation, no more).
 */
public final class RegistryLock {

    /** Advisory lock class of registry changes (sector services use 1 and 2, the recompute 3, the outbox relay 4). */
    static final int LOCK_CLASS = 5;

    private RegistryLock() {}

    /** Takes the lock in the current transaction (released when it ends) and raises the data version in it. */
    public static void acquire() {
        Panache.getEntityManager().unwrap(Session.class).doWork(c -> {
            try (PreparedStatement ps =
                    c.prepareStatement("SELECT pg_advisory_xact_lock(?, hashtext(current_schema()))")) {
                ps.setInt(1, LOCK_CLASS);
                ps.executeQuery().close();
            }
            RegistryVersion.raise(c);
        });
    }
}
