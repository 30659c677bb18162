package io.synergy.platform.transaction;

import java.sql.PreparedStatement;
import java.sql.SQLException;

/**
 * Batched JDBC writes sent in slices of {@link #ROWS} rows. PgJDBC keeps every added row's parameters (as Java objects and
 * then as encoded bytes) until the batch is executed, so one batch of a request's 11,000 data values held them all at once
 * in a 64 MB heap (issue 19); slices keep that to a few hundred rows. Slices of one statement inside one transaction are
 * all-or-nothing with it, as the single batch was.
 */
public final class JdbcBatches {

    /** Rows per slice: large enough for the driver's multi-row INSERTs (up to 128 rows each), small enough for the heap; a
     * thousand-report batch crosses several. */
    public static final int ROWS = 256;

    /** Binds one row's parameters. */
    @FunctionalInterface
    public interface Binder<T> {
        void bind(PreparedStatement ps, T row) throws SQLException;
    }

    private JdbcBatches() {}

    /** Adds every row to the statement's batch, executing it every {@link #ROWS} rows and at the end. */
    public static <T> void execute(PreparedStatement ps, Iterable<T> rows, Binder<? super T> binder)
            throws SQLException {
        int pending = 0;
        for (T row : rows) {
            binder.bind(ps, row);
            ps.addBatch();
            if (++pending == ROWS) {
                ps.executeBatch();
                pending = 0;
            }
        }
        if (pending > 0) {
            ps.executeBatch();
        }
    }
}
