package io.synergy.platform.tabular;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;

/**
 * Writes tables as CSV or as an Excel workbook from the same {@link Column} declarations.
 *
 * <p>CSV: UTF-8 with a byte order mark (without it, Excel on a Chinese Windows reads UTF-8 as GBK and garbles every
 * Chinese name), the columns' keys as header, RFC 4180 quoting, CRLF line ends. A text cell that a spreadsheet would
 * take for a formula ({@code = + - @}, tab, CR) gets a leading {@code '} (OWASP, CSV injection); numbers, dates and
 * booleans are never text, so a negative number stays a number.
 *
 * <p>XLSX: one sheet per table; a frozen, bold header row with Chinese and English headers and the unit; numbers as
 * numbers, dates as dates, booleans as TRUE/FALSE. Text cells are stored as strings, which Excel never evaluates, so
 * they are written as they are. Rows are streamed out in chunks: a large table does not sit in memory twice.
 */
public final class TabularWriter {

    /** The byte order mark that tells Excel the CSV is UTF-8. */
    public static final char BOM = '\uFEFF';

    /** Decimals a number keeps (a gram of a tonne, a millionth of a share) — and no binary floating-point noise beyond. */
    public static final int SCALE = 6;

    /** Rows a sheet keeps in memory before they are written out. */
    static final int CHUNK = 1000;

    /** Width of a workbook column, in characters: at least this… */
    static final int MIN_WIDTH = 8;
    /** …and at most this (longer texts wrap in the cell when the user widens it). */
    static final int MAX_WIDTH = 60;

    private TabularWriter() {}

    /** The table as CSV on {@code out}, which is flushed, not closed. */
    public static void csv(Table<?> table, OutputStream out) throws IOException {
        Writer w = new BufferedWriter(new OutputStreamWriter(out, StandardCharsets.UTF_8));
        w.write(BOM);
        csvRows(table, w);
        w.flush();
    }

    private static <T> void csvRows(Table<T> table, Writer w) throws IOException {
        List<Column<T>> columns = table.columns();
        StringBuilder line = new StringBuilder();
        for (int c = 0; c < columns.size(); c++) {
            cell(line, c, neutralise(columns.get(c).key()));
        }
        w.write(line.append("\r\n").toString());
        for (T row : table.rows()) {
            line.setLength(0);
            for (int c = 0; c < columns.size(); c++) {
                Column<T> column = columns.get(c);
                cell(line, c, csvText(column.type(), column.valueOf(row)));
            }
            w.write(line.append("\r\n").toString());
        }
    }

    private static void cell(StringBuilder line, int index, String text) {
        if (index > 0) {
            line.append(',');
        }
        if (text.indexOf(',') >= 0 || text.indexOf('"') >= 0 || text.indexOf('\n') >= 0 || text.indexOf('\r') >= 0) {
            line.append('"').append(text.replace("\"", "\"\"")).append('"');
        } else {
            line.append(text);
        }
    }

    /** A value as its CSV cell says it, before quoting: empty for {@code null}. */
    static String csvText(ColumnType type, Object value) {
        if (value == null) {
            return "";
        }
        return switch (type) {
            case TEXT -> neutralise(value.toString());
            case NUMBER -> {
                BigDecimal d = decimal((Number) value);
                yield d == null ? "" : d.toPlainString();
            }
            case INTEGER -> Long.toString(whole((Number) value));
            case DATE -> ((LocalDate) value).toString();
            case BOOLEAN -> value.toString();
        };
    }

    /**
     * A text cell as a spreadsheet may safely open it: one that starts with {@code =}, {@code +}, {@code -}, {@code @},
     * a tab or a carriage return — after any apostrophes, so that {@link TableReader} can undo exactly one — gets a
     * leading {@code '}, which shows the text instead of evaluating it.
     */
    public static String neutralise(String text) {
        return isNeutralised(text, 0) ? "'" + text : text;
    }

    /** Whether the text from {@code from} on is apostrophes, then a character that starts a formula. */
    static boolean isNeutralised(String text, int from) {
        int i = from;
        while (i < text.length() && text.charAt(i) == '\'') {
            i++;
        }
        return i < text.length() && "=+-@\t\r".indexOf(text.charAt(i)) >= 0;
    }

    /**
     * A number rounded to {@link #SCALE} decimals, without trailing zeros and without binary noise
     * ({@code 362205.393}, not {@code 362205.39300000004}); {@code null} for NaN and infinities.
     */
    public static BigDecimal decimal(Number value) {
        BigDecimal d;
        if (value instanceof BigDecimal b) {
            d = b;
        } else if (value instanceof Double || value instanceof Float) {
            double v = value.doubleValue();
            if (!Double.isFinite(v)) {
                return null;
            }
            d = BigDecimal.valueOf(v);
        } else if (value instanceof BigInteger i) {
            d = new BigDecimal(i);
        } else {
            d = BigDecimal.valueOf(value.longValue());
        }
        d = d.setScale(SCALE, RoundingMode.HALF_UP).stripTrailingZeros();
        // 1E+3 is a valid BigDecimal but no cell should say so
        return d.scale() < 0 ? d.setScale(0) : d;
    }

    /** A whole number; a fraction in an INTEGER column is a mistake of the table's declaration. */
    static long whole(Number value) {
        if (value instanceof Long || value instanceof Integer || value instanceof Short || value instanceof Byte) {
            return value.longValue();
        }
        BigDecimal d = value instanceof BigDecimal b ? b : new BigDecimal(value.toString());
        return d.setScale(0, RoundingMode.UNNECESSARY).longValueExact();
    }

    /** The tables as a workbook on {@code out}, one sheet each, in order; {@code out} is not closed. */
    public static void xlsx(List<Table<?>> tables, OutputStream out) throws IOException {
        Workbook workbook = new Workbook(out, "Synergy", "1.0");
        for (Table<?> table : tables) {
            sheet(workbook, table);
        }
        workbook.finish();
    }

    private static <T> void sheet(Workbook workbook, Table<T> table) throws IOException {
        Worksheet ws = workbook.newWorksheet(table.sheet());
        List<Column<T>> columns = table.columns();
        int[] widths = new int[columns.size()];
        for (int c = 0; c < columns.size(); c++) {
            ws.value(0, c, columns.get(c).label());
            widths[c] = width(columns.get(c).label());
        }
        ws.range(0, 0, 0, columns.size() - 1)
                .style()
                .bold()
                .fillColor("DDEBF7")
                .wrapText(true)
                .set();
        ws.freezePane(0, 1);
        int r = 1;
        boolean widthsSet = false;
        for (T row : table.rows()) {
            for (int c = 0; c < columns.size(); c++) {
                Column<T> column = columns.get(c);
                Object value = column.valueOf(row);
                if (value == null) {
                    continue;
                }
                switch (column.type()) {
                    case TEXT -> ws.value(r, c, value.toString());
                    case NUMBER -> {
                        BigDecimal d = decimal((Number) value);
                        if (d != null) {
                            ws.value(r, c, d.doubleValue());
                        }
                    }
                    case INTEGER -> ws.value(r, c, whole((Number) value));
                    case DATE -> {
                        ws.value(r, c, (LocalDate) value);
                        ws.style(r, c).format("yyyy-mm-dd").set();
                    }
                    case BOOLEAN -> ws.value(r, c, (Boolean) value);
                }
                if (!widthsSet) {
                    widths[c] = Math.max(widths[c], width(csvText(column.type(), value)));
                }
            }
            r++;
            if (r % CHUNK == 0) {
                if (!widthsSet) {
                    // a sheet's column widths precede its rows in the file: the first chunk decides them
                    widths(ws, widths);
                    widthsSet = true;
                }
                ws.flush();
            }
        }
        if (!widthsSet) {
            widths(ws, widths);
        }
        ws.setAutoFilter(0, 0, Math.max(r - 1, 0), columns.size() - 1);
        ws.finish();
    }

    private static void widths(Worksheet ws, int[] widths) {
        for (int c = 0; c < widths.length; c++) {
            ws.width(c, Math.min(MAX_WIDTH, Math.max(MIN_WIDTH, widths[c] + 2)));
        }
    }

    /** Display width of a text: a Chinese character takes two columns of a Latin one. */
    static int width(String text) {
        int w = 0;
        for (int i = 0; i < text.length(); i++) {
            w += text.charAt(i) < 0x1100 ? 1 : 2;
        }
        return w;
    }
}
