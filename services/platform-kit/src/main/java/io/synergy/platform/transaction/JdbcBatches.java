package io.synergy.platform.transaction;

import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;
import java.util.function.Function;

/**
 * Batched JDBC writes sent in slices of {@link #ROWS} rows. PgJDBC keeps every added row's parameters (as Java objects and
 * then as encoded bytes) until the batch is executed, so one batch of a request's 11,000 data values held them all at once
 * in a 64 MB heap (issue 19); slices keep that to a few hundred rows. Slices of one statement inside one transaction are
 * all-or-nothing with it, as the single batch was.
 *
 * <p>Large writes on the ingestion path go as arrays instead ({@link #executeArrays}): one statement per slice of rows,
 * {@code INSERT … SELECT … FROM unnest(?, ?, …)} with one array per column, which PostgreSQL parses, plans and executes
 * once, where a batch sends a multi-row {@code INSERT} of 128 rows with a parameter per value and waits for every slice
 * (issue 19: these writes run under the data sets' locks, so their time is every other writer's wait).
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

    /** Binds a slice of rows, as one array parameter per column ({@link #column}). */
    @FunctionalInterface
    public interface ArrayBinder<T> {
        void bind(PreparedStatement ps, List<T> slice) throws SQLException;
    }

    private JdbcBatches() {}

    /**
     * Executes the statement once per slice of at most {@code sliceRows} rows, the slice bound as arrays: a statement
     * that reads its rows from {@code unnest} of its array parameters.
     */
    public static <T> void executeArrays(PreparedStatement ps, List<T> rows, int sliceRows, ArrayBinder<T> binder)
            throws SQLException {
        for (int from = 0; from < rows.size(); from += sliceRows) {
            binder.bind(ps, rows.subList(from, Math.min(rows.size(), from + sliceRows)));
            ps.executeUpdate();
        }
    }

    /**
     * One column of the rows as an array of the SQL type ({@code text}, {@code integer}, {@code bigint}, {@code float8},
     * {@code boolean}, {@code bytea} …); a {@code null} value is a SQL NULL.
     */
    public static <T> Array column(Connection c, String type, List<T> rows, Function<? super T, ?> value)
            throws SQLException {
        Object[] values = typedArray(type, rows.size());
        for (int i = 0; i < values.length; i++) {
            values[i] = value.apply(rows.get(i));
        }
        return c.createArrayOf(type, values);
    }

    /**
     * An array for a column of the SQL type, typed so that the driver sends it in PostgreSQL's binary form. PgJDBC encodes
     * a {@code String[]}, {@code Integer[]}, {@code Long[]}, {@code Double[]}, {@code Boolean[]} or {@code byte[][]} as the
     * binary array of its type; an {@code Object[]} only as the text literal {@code {"…","…"}}, every element quoted and
     * escaped into one string, encoded once more as UTF-8, and parsed back element by element by the server (issue 19:
     * the ingestion's 11,000 values and 2,000 events per batch, written under the data sets' locks, spent more on building
     * and parsing those literals than on the rows). Other types ({@code uuid}) stay text.
     */
    static Object[] typedArray(String type, int size) {
        return switch (type) {
            case "text" -> new String[size];
            case "integer" -> new Integer[size];
            case "bigint" -> new Long[size];
            case "float8" -> new Double[size];
            case "boolean" -> new Boolean[size];
            case "bytea" -> new byte[size][];
            default -> new Object[size];
        };
    }

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
