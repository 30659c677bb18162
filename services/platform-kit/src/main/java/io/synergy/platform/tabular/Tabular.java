package io.synergy.platform.tabular;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * An answer that a client may take as JSON, CSV or an Excel workbook. The resource method lists the three media types in
 * {@code @Produces}, returns this, and content negotiation picks the format: JSON is {@code body} as it is
 * ({@link JsonValue}); CSV is the first table; XLSX is every table, one sheet each ({@link TabularBodyWriter}). The
 * download is named {@code filename} with the format's extension. The resource's {@code @APIResponse} declares the JSON
 * schema of {@code body} and the CSV (an answer's type here is this wrapper, not the body's); {@link TabularOperations}
 * adds the workbook.
 *
 * @param body     the JSON answer
 * @param filename the download's name without extension (letters, digits, {@code .-_} only)
 * @param tables   the tables: the CSV is the first; none for an answer offered as JSON alone ({@link #json})
 * @param rendered where a kept answer keeps its renderings ({@link #kept()}); {@code null}: rendered for each response
 * @param <J>      the JSON answer's type
 */
public record Tabular<J>(J body, String filename, List<Table<?>> tables, Renderings rendered) {

    /** {@code text/csv}: UTF-8 with a byte order mark, RFC 4180. */
    public static final String CSV = "text/csv";

    /** An Excel workbook (.xlsx, Office Open XML). */
    public static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    private static final Pattern FILENAME = Pattern.compile("[A-Za-z0-9._-]{1,100}");

    public Tabular {
        Objects.requireNonNull(body, "body");
        if (filename == null || !FILENAME.matcher(filename).matches()) {
            // it goes into Content-Disposition unquoted by anything else: keep it to what needs no escaping
            throw new IllegalArgumentException("a filename of letters, digits and .-_ only: " + filename);
        }
        tables = List.copyOf(tables);
    }

    /** An answer rendered anew for each response (streamed). */
    public Tabular(J body, String filename, List<Table<?>> tables) {
        this(body, filename, tables, null);
    }

    /**
     * The same answer, for serving many times: each format is rendered once, at its first response, and the bytes are
     * served to every later one (the answer is immutable). What a memoised answer returns; the bytes live as long as it.
     */
    public Tabular<J> kept() {
        return rendered != null ? this : new Tabular<>(body, filename, tables, new Renderings());
    }

    /** The answer {@code body}, downloadable as {@code filename}.csv (the first table) or .xlsx (every table). */
    public static <J> Tabular<J> of(J body, String filename, Table<?> first, Table<?>... more) {
        List<Table<?>> tables = new ArrayList<>();
        tables.add(first);
        tables.addAll(List.of(more));
        return new Tabular<>(body, filename, tables);
    }

    /**
     * The answer {@code body} offered as JSON alone: its resource produces nothing else (content negotiation refuses a CSV
     * or a workbook before it is asked for one), so it has no table. What a list kept like the others, but without a
     * download, returns, to be {@link #kept()} and rendered once like them.
     */
    public static <J> Tabular<J> json(J body) {
        return new Tabular<>(body, "answer", List.of());
    }

    /** What JSON carries: the body alone. */
    @Override
    @JsonValue
    public J body() {
        return body;
    }
}
