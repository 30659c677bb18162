package io.synergy.registry.targets;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import com.fasterxml.jackson.dataformat.csv.CsvSchema;
import io.synergy.model.target.AppliedTarget;
import io.synergy.platform.problem.FieldError;
import io.synergy.platform.problem.ProblemException;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Request;
import jakarta.ws.rs.core.Variant;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;

/**
 * Targets as tables. An allocation (目标分解表): the columns of {@code POST /api/v1/targets/import}, one allocation a
 * row; a cell the table cannot read is a fault naming its line and column ({@code line 3: target_year}), and what the
 * cells say is then checked like a {@code PUT} ({@link TargetService#apply}), every fault of every row at once. The list
 * of {@code GET /api/v1/targets} as CSV ({@link #csv(List)}).
 */
final class TargetTable {

    static final String MEDIA_TYPE = "text/csv";

    /** The columns of the list's CSV: a row's fields, in its order. */
    static final List<String> LIST_COLUMNS = List.of("indicator", "org_unit", "year", "source", "value", "target_year", "kept_every_year",
            "document", "basis", "effective_from", "set_by", "set_at");

    /** The columns, in the order of the template; JSON's field names map onto them. */
    static final Map<String, String> COLUMNS = columns();

    /** Rows at most in one upload (the city, ten districts and a group, every targeted indicator, several documents each). */
    static final int MAX_ROWS = 10_000;

    private static final CsvMapper CSV = new CsvMapper();

    private TargetTable() {
    }

    private static Map<String, String> columns() {
        Map<String, String> c = new LinkedHashMap<>();
        c.put("indicator", "indicator");
        c.put("orgUnit", "org_unit");
        c.put("value", "value");
        c.put("targetYear", "target_year");
        c.put("document", "document");
        c.put("effectiveFrom", "effective_from");
        return c;
    }

    /** The rows of an upload, and the faults of cells that could not be read. */
    record Read(List<TargetService.Requested> rows, List<FieldError> faults) {
    }

    /** Reads a CSV with a header naming the columns (any order; other columns are ignored; a byte order mark is dropped). */
    static Read csv(String body) {
        List<TargetService.Requested> rows = new ArrayList<>();
        List<FieldError> faults = new ArrayList<>();
        try (MappingIterator<List<String>> it = CSV.readerForListOf(String.class).with(CsvParser.Feature.WRAP_AS_ARRAY)
                .with(CsvParser.Feature.SKIP_EMPTY_LINES).readValues(body == null ? "" : body.replace("\uFEFF", ""))) {
            List<String> header = it.hasNextValue() ? it.nextValue().stream().map(h -> h.strip().toLowerCase(Locale.ROOT)).toList() : List.of();
            List<String> missing = COLUMNS.values().stream().filter(c -> !header.contains(c)).toList();
            if (!missing.isEmpty()) {
                throw ProblemException.invalid("Missing columns", List.of(new FieldError("line 1", "missing column(s): " + String.join(", ", missing)
                        + " (the header is " + String.join(",", COLUMNS.values()) + ")")));
            }
            int line = 1;
            while (it.hasNextValue()) {
                List<String> cells = it.nextValue();
                line++;
                if (rows.size() == MAX_ROWS) {
                    throw ProblemException.invalid("Too many rows", List.of(new FieldError("body", "has more than " + MAX_ROWS + " rows")));
                }
                Map<String, String> row = new LinkedHashMap<>();
                for (int i = 0; i < header.size() && i < cells.size(); i++) {
                    String v = cells.get(i).strip();
                    row.putIfAbsent(header.get(i), v.isEmpty() ? null : v);
                }
                String where = "line " + line + ": ";
                // a plain decimal: no thousands separators, units or percent signs
                Double value = cell(row, "value", where, faults, v -> new BigDecimal(v).doubleValue(), "a number (write 45 or 16.5, without % or units)");
                Integer targetYear = cell(row, "target_year", where, faults, Integer::valueOf, "a year");
                LocalDate effectiveFrom = cell(row, "effective_from", where, faults, LocalDate::parse, "a date yyyy-mm-dd");
                rows.add(new TargetService.Requested(row.get("indicator"), row.get("org_unit"), value, targetYear, row.get("document"), effectiveFrom,
                        field -> where + COLUMNS.getOrDefault(field, field)));
            }
        } catch (ProblemException e) {
            throw e;
        } catch (Exception e) {
            throw ProblemException.invalid("Malformed CSV", List.of(new FieldError("body", "malformed CSV: " + e.getMessage())));
        }
        if (rows.isEmpty() && faults.isEmpty()) {
            throw ProblemException.invalid("No rows", List.of(new FieldError("body", "the CSV has a header but no rows")));
        }
        return new Read(rows, faults);
    }

    /** Whether content negotiation chose CSV ({@code Accept: text/csv}) over JSON, JSON's being the default. */
    static boolean wanted(Request request) {
        Variant v = request.selectVariant(Variant.mediaTypes(MediaType.APPLICATION_JSON_TYPE, MediaType.valueOf(MEDIA_TYPE)).build());
        return v != null && v.getMediaType().isCompatible(MediaType.valueOf(MEDIA_TYPE));
    }

    /**
     * The rows as RFC 4180 CSV, UTF-8 with a byte order mark (so that a spreadsheet shows the Chinese documents); a text
     * cell that a spreadsheet would take for a formula ({@code =}, {@code +}, {@code -}, {@code @}) is prefixed with
     * {@code '}.
     */
    static String csv(List<AppliedTarget> rows) {
        CsvSchema.Builder schema = CsvSchema.builder().setUseHeader(true).setLineSeparator("\r\n");
        LIST_COLUMNS.forEach(schema::addColumn);
        List<List<String>> lines = new ArrayList<>();
        for (AppliedTarget t : rows) {
            lines.add(Arrays.asList(t.indicator(), t.orgUnit(), cell(t.year()), t.source().name(), t.value() == null ? null : decimal(t.value()),
                    cell(t.targetYear()), cell(t.keptEveryYear()), t.document(), cell(t.basis()), cell(t.effectiveFrom()), text(t.setBy()),
                    cell(t.setAt())));
        }
        try {
            return "\uFEFF" + CSV.writer(schema.build()).writeValueAsString(lines);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String cell(Object o) {
        return o == null ? null : o.toString();
    }

    /** At most six decimals, without binary noise: 16.5, not 16.499999999999998; 70, not 70.0. */
    private static String decimal(double v) {
        return BigDecimal.valueOf(v).setScale(6, java.math.RoundingMode.HALF_UP).stripTrailingZeros().toPlainString();
    }

    private static String text(String s) {
        return s != null && !s.isEmpty() && "=+-@\t\r".indexOf(s.charAt(0)) >= 0 ? "'" + s : s;
    }

    /**
     * The cell of a column read by {@code parser}, {@code null} when blank or unreadable — then with a fault saying what it
     * should be.
     */
    private static <T> T cell(Map<String, String> row, String column, String where, List<FieldError> faults, Function<String, T> parser,
            String expected) {
        String v = row.get(column);
        if (v == null) {
            return null;
        }
        try {
            return parser.apply(v);
        } catch (RuntimeException e) {
            faults.add(new FieldError(where + column, "'" + v + "' is not " + expected));
            return null;
        }
    }
}
