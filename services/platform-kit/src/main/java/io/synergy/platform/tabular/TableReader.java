package io.synergy.platform.tabular;

import static io.synergy.platform.problem.ProblemMappers.abbreviate;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import io.synergy.platform.problem.FieldError;
import io.synergy.platform.problem.ProblemException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.dhatim.fastexcel.reader.Cell;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.Row;
import org.dhatim.fastexcel.reader.Sheet;

/**
 * Reads an uploaded table — CSV, or an Excel workbook in the same layout — into {@link TableRow}s typed by the same
 * {@link Column} declarations the writers use.
 *
 * <ul>
 * <li>The header is the first row that is not blank. A column is found by its key, its Chinese or English header,
 * both ({@code 中文名称 Chinese name}), each with or without its unit in brackets — so the CSV a client wrote by hand,
 * and the workbook {@link TabularWriter} made, both read. Case, spacing and a byte order mark do not matter.</li>
 * <li>Blank rows are skipped anywhere (a trailing empty row of a spreadsheet export included).</li>
 * <li>Types are strict: a NUMBER is a plain decimal (no thousands separators, NaN or units), an INTEGER a whole
 * number, a DATE {@code yyyy-mm-dd} (or an Excel date), a BOOLEAN {@code true}/{@code false} (or an Excel
 * TRUE/FALSE). A workbook's number in a TEXT column reads as its digits (Excel turns a typed {@code 370211} into a
 * number). Formulas and error values are refused: the sender pastes values.</li>
 * <li>Every fault is reported at once (up to {@value #MAX_ERRORS}), each naming its place as the sender's tool shows
 * it: {@code line 12: credit_code} in a CSV, {@code row 12: credit_code} in a sheet.</li>
 * <li>Limits: the upload's bytes, its rows, and for a workbook — a zip — the bytes it unpacks to and its parts
 * (a zip bomb is refused before any XML is parsed); a workbook part that declares a DTD is refused (XML external
 * entities; the parser has DTDs off as well). A workbook of several sheets is read only when the sheet is named.</li>
 * </ul>
 */
public final class TableReader {

    /**
     * What an upload may be.
     *
     * @param maxBytes             the upload itself (CSV text, or the compressed workbook)
     * @param maxUncompressedBytes a workbook's parts, unpacked, together
     * @param maxRows              data rows (the header not counted)
     */
    public record Limits(long maxBytes, long maxUncompressedBytes, int maxRows) {

        /** 10 MiB, unpacking to at most 100 MiB, 100,000 rows. */
        public static final Limits DEFAULT = new Limits(10L << 20, 100L << 20, 100_000);
    }

    /** Faults listed at most: the sender corrects these first. */
    static final int MAX_ERRORS = 1000;

    /** Parts of a workbook at most (Excel writes about ten). */
    static final int MAX_PARTS = 1000;

    private static final Pattern NUMBER = Pattern.compile("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d+)?");
    private static final Pattern INTEGER = Pattern.compile("[+-]?\\d{1,18}");
    private static final Pattern SPACES = Pattern.compile("\\s+");
    private static final MediaType CSV = MediaType.valueOf(Tabular.CSV);
    private static final MediaType XLSX = MediaType.valueOf(Tabular.XLSX);
    private static final CsvMapper CSV_MAPPER = new CsvMapper();
    /** Day 0 of Excel's 1900 date system, as Excel counts (it believes 1900 was a leap year; dates after February 1900 are right). */
    private static final LocalDate EXCEL_EPOCH_1900 = LocalDate.of(1899, 12, 30);

    private static final LocalDate EXCEL_EPOCH_1904 = LocalDate.of(1904, 1, 1);

    private final List<Column<?>> columns;
    private final Map<String, Column<?>> byName = new HashMap<>();
    private final Limits limits;
    private final boolean extraColumns;

    /**
     * @param columns      the columns to read (those not {@link Column#optional()} must be in the header)
     * @param limits       what an upload may be
     * @param extraColumns whether the header may have columns besides these (ignored) or they are a fault
     */
    public TableReader(List<? extends Column<?>> columns, Limits limits, boolean extraColumns) {
        this.columns = List.copyOf(columns);
        this.limits = limits;
        this.extraColumns = extraColumns;
        for (Column<?> c : this.columns) {
            for (String name : names(c)) {
                Column<?> other = byName.putIfAbsent(name, c);
                if (other != null && other != c) {
                    throw new IllegalArgumentException(
                            "columns " + other.key() + " and " + c.key() + " are both called " + name);
                }
            }
        }
    }

    /** How a header may name a column. */
    private static List<String> names(Column<?> c) {
        List<String> bare = List.of(c.key(), c.zh(), c.en(), c.zh() + " " + c.en());
        List<String> names = new ArrayList<>();
        for (String b : bare) {
            names.add(normalise(b));
            if (c.unit() != null) {
                names.add(normalise(b + " (" + c.unit() + ")"));
                names.add(normalise(b + "(" + c.unit() + ")"));
                names.add(normalise(b + "（" + c.unit() + "）"));
            }
        }
        return names;
    }

    private static String normalise(String header) {
        return SPACES.matcher(header.replace("\uFEFF", "").strip())
                .replaceAll(" ")
                .toLowerCase(Locale.ROOT);
    }

    /**
     * Reads an upload as its {@code Content-Type} says: {@code text/csv} (UTF-8 unless a charset is declared; UTF-8
     * whatever is declared when the text starts with a UTF-8 byte order mark) or the XLSX media type; anything else is a 415.
     *
     * @param sheet the sheet to read of a workbook with several, or {@code null}
     */
    public List<TableRow> read(InputStream body, String contentType, String sheet) {
        MediaType type;
        try {
            type = contentType == null ? null : MediaType.valueOf(contentType);
        } catch (IllegalArgumentException e) {
            type = null;
        }
        if (type == null
                || !(type.isCompatible(CSV) || type.isCompatible(XLSX))
                || type.isWildcardType()
                || type.isWildcardSubtype()) {
            throw new ProblemException(
                    415,
                    "unsupported-media-type",
                    "Unsupported Media Type",
                    "A table is text/csv or an XLSX workbook (" + Tabular.XLSX + ")",
                    List.of(new FieldError(
                            HttpHeaders.CONTENT_TYPE,
                            contentType == null
                                    ? "is required"
                                    : "'" + abbreviate(contentType) + "' is neither text/csv nor " + Tabular.XLSX)));
        }
        byte[] bytes = readLimited(body);
        if (type.isCompatible(XLSX)) {
            return xlsx(bytes, sheet);
        }
        // a UTF-8 byte order mark outweighs the declared charset (as browsers decide): clients that append a default
        // charset (ISO-8859-1) to what Excel saved as "CSV UTF-8" would otherwise garble every Chinese name
        boolean bom =
                bytes.length >= 3 && bytes[0] == (byte) 0xEF && bytes[1] == (byte) 0xBB && bytes[2] == (byte) 0xBF;
        return csv(
                bom
                        ? decode(Arrays.copyOfRange(bytes, 3, bytes.length), StandardCharsets.UTF_8)
                        : decode(bytes, charset(type)));
    }

    private byte[] readLimited(InputStream body) {
        try {
            byte[] bytes = body == null
                    ? new byte[0]
                    : body.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, limits.maxBytes() + 1));
            if (bytes.length > limits.maxBytes()) {
                throw tooLarge(
                        "The upload exceeds " + limits.maxBytes() + " bytes",
                        "is larger than " + limits.maxBytes() + " bytes");
            }
            return bytes;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Charset charset(MediaType type) {
        String name = type.getParameters().get(MediaType.CHARSET_PARAMETER);
        if (name == null || name.isBlank()) {
            return StandardCharsets.UTF_8;
        }
        try {
            return Charset.forName(name.strip());
        } catch (IllegalArgumentException e) {
            throw new ProblemException(
                    415,
                    "unsupported-media-type",
                    "Unsupported Media Type",
                    "Unknown charset",
                    List.of(new FieldError(
                            HttpHeaders.CONTENT_TYPE, "charset '" + abbreviate(name) + "' is not known")));
        }
    }

    /** The text, strictly: bytes that are not the charset's (a GBK file sent as UTF-8) are a fault, not replacement characters. */
    private static String decode(byte[] bytes, Charset charset) {
        try {
            return charset.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            throw invalid(
                    "The upload is not " + charset.name() + " text",
                    new FieldError(
                            "body",
                            "is not " + charset.name()
                                    + " text: save it as UTF-8, or declare its charset (text/csv; charset=GBK)"));
        }
    }

    /** A CSV text (RFC 4180; a leading byte order mark is ignored). */
    public List<TableRow> csv(String text) {
        List<RawRow> raw = new ArrayList<>();
        String body = text.startsWith("\uFEFF") ? text.substring(1) : text;
        int line = 1;
        try (CsvParser p = CSV_MAPPER.getFactory().createParser(body)) {
            List<Object> cells = null;
            JsonToken t;
            while ((t = p.nextToken()) != null) {
                if (t == JsonToken.START_ARRAY) {
                    cells = new ArrayList<>();
                } else if (t == JsonToken.VALUE_STRING && cells != null) {
                    if (cells.isEmpty()) {
                        // where the record's first cell starts (the array's own location is the end of the previous
                        // record)
                        line = p.currentTokenLocation().getLineNr();
                    }
                    cells.add(p.getText());
                } else if (t == JsonToken.END_ARRAY && cells != null) {
                    add(raw, new RawRow(line, cells));
                    cells = null;
                }
            }
        } catch (IOException e) {
            String reason = e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage();
            throw invalid(
                    "Malformed CSV",
                    new FieldError("line " + line, "malformed CSV: " + abbreviate(String.valueOf(reason))));
        }
        return rows(raw, "line", false);
    }

    /** An XLSX workbook: its only sheet, or the one named {@code sheet}. */
    public List<TableRow> xlsx(byte[] bytes, String sheet) {
        if (bytes.length < 8) {
            throw invalid("Not an XLSX workbook", new FieldError("body", "is not an XLSX workbook"));
        }
        if (ReadableWorkbook.isOLE2Header(bytes)) {
            throw invalid(
                    "Not an XLSX workbook",
                    new FieldError(
                            "body",
                            "is an Excel 97-2003 workbook (.xls) or a password-protected one: "
                                    + "save it as an .xlsx workbook without a password"));
        }
        if (!ReadableWorkbook.isOOXMLZipHeader(bytes)) {
            throw invalid("Not an XLSX workbook", new FieldError("body", "is not an XLSX workbook"));
        }
        ZipGuard.check(bytes, limits.maxUncompressedBytes(), MAX_PARTS);
        List<RawRow> raw = new ArrayList<>();
        boolean date1904;
        try (ReadableWorkbook workbook = new ReadableWorkbook(new ByteArrayInputStream(bytes))) {
            date1904 = workbook.isDate1904();
            try (Stream<Row> rows = choose(workbook, sheet).openStream()) {
                for (Iterator<Row> it = rows.iterator(); it.hasNext(); ) {
                    Row row = it.next();
                    List<Object> cells = new ArrayList<>(row.getCellCount());
                    for (int i = 0; i < row.getCellCount(); i++) {
                        cells.add(value(row.getCell(i)));
                    }
                    add(raw, new RawRow(row.getRowNum(), cells));
                }
            }
        } catch (ProblemException e) {
            throw e;
        } catch (IOException | RuntimeException e) {
            throw invalid(
                    "Not a readable XLSX workbook",
                    new FieldError(
                            "body", "is not a readable XLSX workbook: " + abbreviate(String.valueOf(e.getMessage()))));
        }
        return rows(raw, "row", date1904);
    }

    private static Sheet choose(ReadableWorkbook workbook, String name) {
        List<Sheet> sheets = workbook.getSheets().toList();
        String names = String.join(", ", sheets.stream().map(Sheet::getName).toList());
        if (name != null && !name.isBlank()) {
            return workbook.findSheet(name.strip())
                    .orElseThrow(() -> invalid(
                            "No such sheet",
                            new FieldError(
                                    "sheet",
                                    "the workbook has no sheet '" + abbreviate(name.strip()) + "'; its sheets: "
                                            + names)));
        }
        if (sheets.size() != 1) {
            throw invalid(
                    "Which sheet?",
                    new FieldError(
                            "sheet",
                            "the workbook has " + sheets.size() + " sheets (" + abbreviate(names)
                                    + "): keep only the table's sheet, or name the one to read"));
        }
        return sheets.get(0);
    }

    /** A workbook cell as the reader converts it: text, a number, a boolean, {@code null}, or why it cannot be read. */
    private static Object value(Cell cell) {
        if (cell == null) {
            return null;
        }
        return switch (cell.getType()) {
            case EMPTY -> null;
            case STRING -> cell.asString();
            case NUMBER -> cell.asNumber();
            case BOOLEAN -> cell.asBoolean();
            case FORMULA ->
                new Refused("is a formula (" + abbreviate(String.valueOf(cell.getFormula()))
                        + "): paste the values instead (粘贴为数值)");
            case ERROR -> new Refused("is an error value (" + abbreviate(String.valueOf(cell.getRawValue())) + ")");
        };
    }

    /** A row as read, before its cells are typed; blank rows are dropped, and the rows counted. */
    private void add(List<RawRow> raw, RawRow row) {
        if (row.cells().stream().allMatch(TableReader::blank)) {
            return;
        }
        if (raw.size() > limits.maxRows()) { // the header and maxRows rows are allowed
            throw tooLarge(
                    "The table has more than " + limits.maxRows() + " rows; split it",
                    "has more than " + limits.maxRows() + " rows");
        }
        raw.add(row);
    }

    private static boolean blank(Object cell) {
        return cell == null || cell instanceof String s && s.isBlank();
    }

    private List<TableRow> rows(List<RawRow> raw, String unit, boolean date1904) {
        if (raw.isEmpty()) {
            throw invalid("Empty table", new FieldError("body", "is empty: a header row is required"));
        }
        RawRow header = raw.get(0);
        String headerWhere = unit + " " + header.number();
        List<FieldError> errors = new ArrayList<>();
        Map<String, Integer> index = new LinkedHashMap<>();
        List<Boolean> named = new ArrayList<>();
        for (int i = 0; i < header.cells().size(); i++) {
            Object cell = header.cells().get(i);
            named.add(!blank(cell));
            if (blank(cell)) {
                continue;
            }
            String text = cell instanceof BigDecimal d ? d.toPlainString() : cell.toString();
            Column<?> column = byName.get(normalise(text));
            if (column == null) {
                if (!extraColumns) {
                    errors.add(new FieldError(headerWhere, "unknown column '" + abbreviate(text.strip()) + "'"));
                }
            } else if (index.putIfAbsent(column.key(), i) != null) {
                errors.add(new FieldError(headerWhere, "column '" + column.key() + "' appears twice"));
            }
        }
        List<String> missing = columns.stream()
                .filter(c -> !c.optional() && !index.containsKey(c.key()))
                .map(Column::key)
                .toList();
        if (!missing.isEmpty()) {
            errors.add(new FieldError(headerWhere, "missing column(s): " + String.join(", ", missing)));
        }
        if (!errors.isEmpty()) {
            throw invalid("The header is not this table's", errors);
        }
        if (raw.size() == 1) {
            throw invalid("No rows", new FieldError("body", "has a header but no rows"));
        }
        List<TableRow> rows = new ArrayList<>();
        for (RawRow row : raw.subList(1, raw.size())) {
            String where = unit + " " + row.number();
            for (int i = 0; i < row.cells().size(); i++) {
                if ((i >= named.size() || !named.get(i)) && !blank(row.cells().get(i))) {
                    errors.add(new FieldError(where, "cell " + (i + 1) + " has a value, but its column has no header"));
                    break;
                }
            }
            Map<String, Object> cells = new HashMap<>();
            for (Column<?> column : columns) {
                Integer i = index.get(column.key());
                Object cell = i == null || i >= row.cells().size()
                        ? null
                        : row.cells().get(i);
                cells.put(column.key(), convert(column, cell, where + ": " + column.key(), errors, date1904));
            }
            rows.add(new TableRow(where, Collections.unmodifiableMap(cells)));
            if (errors.size() >= MAX_ERRORS) {
                errors.add(new FieldError("body", "more faults follow: correct these first"));
                break;
            }
        }
        if (!errors.isEmpty()) {
            throw invalid(
                    errors.size() + (errors.size() == 1 ? " fault" : " faults") + " in the table; nothing was stored",
                    errors);
        }
        return rows;
    }

    /** A cell as its column's type, or {@code null} with the fault recorded. */
    private static Object convert(
            Column<?> column, Object cell, String field, List<FieldError> errors, boolean date1904) {
        if (cell instanceof Refused r) {
            errors.add(new FieldError(field, r.reason()));
            return null;
        }
        if (blank(cell)) {
            return null;
        }
        Object v = cell instanceof String s ? s.strip() : cell;
        String fault = switch (column.type()) {
            case TEXT -> null;
            case NUMBER ->
                v instanceof BigDecimal
                                || v instanceof String s && NUMBER.matcher(s).matches()
                        ? null
                        : "must be a number";
            case INTEGER ->
                v instanceof BigDecimal d
                                        && d.stripTrailingZeros().scale() <= 0
                                        && d.abs().compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) <= 0
                                || v instanceof String s && INTEGER.matcher(s).matches()
                        ? null
                        : "must be a whole number";
            case DATE ->
                v instanceof BigDecimal d
                                        && d.stripTrailingZeros().scale() <= 0
                                        && d.signum() >= 0
                                        && d.compareTo(BigDecimal.valueOf(2_958_465)) <= 0
                                || v instanceof String s && isoDate(s)
                        ? null
                        : "must be a date (yyyy-mm-dd)";
            case BOOLEAN ->
                v instanceof Boolean
                                || v instanceof String s && (s.equalsIgnoreCase("true") || s.equalsIgnoreCase("false"))
                        ? null
                        : "must be true or false";
        };
        if (fault != null) {
            errors.add(new FieldError(field, fault + ", not '" + abbreviate(shown(v)) + "'"));
            return null;
        }
        return switch (column.type()) {
            case TEXT -> v instanceof String s ? unneutralise(s) : shown(v);
            case NUMBER -> v instanceof BigDecimal d ? d : new BigDecimal((String) v);
            case INTEGER -> v instanceof BigDecimal d ? d.longValueExact() : Long.parseLong((String) v);
            case DATE ->
                v instanceof BigDecimal d
                        ? (date1904 ? EXCEL_EPOCH_1904 : EXCEL_EPOCH_1900).plusDays(d.longValueExact())
                        : LocalDate.parse((String) v);
            case BOOLEAN -> v instanceof Boolean b ? b : Boolean.valueOf(((String) v).toLowerCase(Locale.ROOT));
        };
    }

    /** A cell as the sender sees it. */
    private static String shown(Object v) {
        return v instanceof BigDecimal d ? d.stripTrailingZeros().toPlainString() : v.toString();
    }

    private static boolean isoDate(String s) {
        try {
            LocalDate.parse(s);
            return true;
        } catch (DateTimeParseException e) {
            return false;
        }
    }

    /** Undoes {@link TabularWriter#neutralise}: our own export reads back as it was. */
    static String unneutralise(String text) {
        return text.startsWith("'") && TabularWriter.isNeutralised(text, 1) ? text.substring(1) : text;
    }

    private static ProblemException invalid(String detail, FieldError error) {
        return invalid(detail, List.of(error));
    }

    private static ProblemException invalid(String detail, List<FieldError> errors) {
        return ProblemException.invalid(detail, errors);
    }

    static ProblemException tooLarge(String detail, String message) {
        return new ProblemException(
                413, "payload-too-large", "Payload too large", detail, List.of(new FieldError("body", message)));
    }

    /** A row as read: where it is (its line or row number) and its cells. */
    private record RawRow(int number, List<Object> cells) {}

    /** A cell that cannot be read, and why. */
    private record Refused(String reason) {}
}
