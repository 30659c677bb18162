package io.synergy.platform.problem;

import io.synergy.platform.worker.WakeableLoop;
import java.sql.SQLException;
import java.sql.SQLTransientException;

/** Recognises failures that mean "the database is away or saturated for now" rather than a bug. */
public final class Unavailability {

    private Unavailability() {}

    /**
     * {@code true} for connection failures (SQLState class 08), an administrator shutting the server down (57P0x, as in
     * a restart), transient errors, and a connection pool that could not hand out a connection in time.
     */
    public static boolean ofDatabase(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLTransientException) {
                return true;
            }
            if (t instanceof SQLException sql) {
                String state = sql.getSQLState();
                if (state != null && (state.startsWith("08") || state.startsWith("57P"))) {
                    return true;
                }
                if (sql.getMessage() != null && sql.getMessage().contains("acquisition timeout")) {
                    return true;
                }
            }
        }
        return false;
    }

    public static String rootMessage(Throwable e) {
        return WakeableLoop.rootMessage(e);
    }
}
