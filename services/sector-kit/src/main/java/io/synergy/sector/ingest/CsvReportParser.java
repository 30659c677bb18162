package io.synergy.sector.ingest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import io.synergy.platform.problem.FieldError;
import io.synergy.platform.tabular.TableReader;
import io.synergy.platform.tabular.TableRow;
import io.synergy.sector.model.ReportSheet;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Reads a CSV upload as a bureau exports it from a spreadsheet: a header row
 * {@code report_id,source,district,period,data_element,value[,unit][,revision]}, then one row per value. Rows with
 * the same report id and revision form one report; they must agree on source, district and period. The template's
 * informational columns ({@code district_name}, {@code data_element_name}) may stay and are ignored. An XLSX workbook in the same
 * layout is read by the tabular kit and then checked here alike ({@link #sheet}).
 */
public final class CsvReportParser {

    public static final List<String> REQUIRED =
            List.of("report_id", "source", "district", "period", "data_element", "value");
    public static final List<String> OPTIONAL = List.of("unit", "revision");

    /** A plain decimal number; no NaN, Infinity, hex or thousands separators. */
    private static final Pattern NUMBER = Pattern.compile("[+-]?(\\d+(\\.\\d*)?|\\.\\d+)([eE][+-]?\\d+)?");

    private static final Pattern INTEGER = Pattern.compile("\\d{1,9}");
    private static final CsvMapper CSV = new CsvMapper();

    private CsvReportParser() {}

    public static JsonReportParser.Result parse(String body) {
        List<FieldError> errors = new ArrayList<>();
        Layout layout = layout(body);
        if (layout.unclosedQuoteLine() > 0) {
            // the CSV reader would only notice at the end of the file: name the line where the quote opened
            return new JsonReportParser.Result(
                    List.of(),
                    true,
                    List.of(new FieldError(
                            "line " + layout.unclosedQuoteLine(),
                            "malformed CSV: a quoted cell opens on this line and is never closed")));
        }
        List<List<String>> rows = new ArrayList<>();
        try (MappingIterator<List<String>> it = CSV.readerForListOf(String.class)
                .with(CsvParser.Feature.WRAP_AS_ARRAY)
                .with(CsvParser.Feature.SKIP_EMPTY_LINES)
                .readValues(body)) {
            while (it.hasNextValue()) {
                rows.add(it.nextValue());
            }
        } catch (JsonProcessingException e) {
            int line = rows.size() < layout.recordLines().size()
                    ? layout.recordLines().get(rows.size())
                    : rows.size() + 1;
            return new JsonReportParser.Result(
                    List.of(),
                    true,
                    List.of(new FieldError("line " + line, "malformed CSV: " + e.getOriginalMessage())));
        } catch (IOException | RuntimeException e) {
            return new JsonReportParser.Result(
                    List.of(), true, List.of(new FieldError("body", "malformed CSV: " + e.getMessage())));
        }
        // the line each row starts on, as the bureau's editor shows it (empty lines and multi-line cells count)
        List<Integer> lines = new ArrayList<>();
        for (int r = 0; r < rows.size(); r++) {
            lines.add(r < layout.recordLines().size() ? layout.recordLines().get(r) : r + 1);
        }
        if (rows.isEmpty()) {
            return new JsonReportParser.Result(
                    List.of(), true, List.of(new FieldError("body", "the CSV is empty: a header row is required")));
        }
        List<String> header =
                rows.get(0).stream().map(h -> h.strip().toLowerCase()).toList();
        Map<String, Integer> column = new LinkedHashMap<>();
        for (int i = 0; i < header.size(); i++) {
            String h = header.get(i).replace("\uFEFF", "");
            if (!REQUIRED.contains(h) && !OPTIONAL.contains(h) && !ReportSheet.INFORMATIONAL.contains(h)) {
                errors.add(new FieldError(
                        "line " + lines.get(0), "unknown column '" + JsonReportParser.abbreviate(h) + "'"));
            } else if (column.putIfAbsent(h, i) != null) {
                errors.add(new FieldError("line " + lines.get(0), "column '" + h + "' appears twice"));
            }
        }
        List<String> missing =
                REQUIRED.stream().filter(c -> !column.containsKey(c)).toList();
        if (!missing.isEmpty()) {
            errors.add(new FieldError(
                    "line " + lines.get(0),
                    "missing column(s): " + String.join(", ", missing)
                            + " (header: report_id,source,district,period,data_element,value[,unit][,revision])"));
        }
        if (!errors.isEmpty()) {
            return new JsonReportParser.Result(List.of(), true, errors);
        }
        if (rows.size() == 1) {
            return new JsonReportParser.Result(
                    List.of(), true, List.of(new FieldError("body", "the CSV has a header but no rows")));
        }

        List<String> wheres = new ArrayList<>();
        for (int r = 1; r < rows.size(); r++) {
            wheres.add("line " + lines.get(r));
        }
        return group(column, rows.subList(1, rows.size()), wheres, header.size());
    }

    /**
     * Reads an XLSX workbook in the CSV's layout (the template's, {@link ReportSheet}) through the tabular kit, then checks and
     * groups its rows as a CSV's: the same rules and messages, each naming its place as {@code row 12: value}.
     *
     * @param maxBytes the largest workbook accepted
     */
    public static JsonReportParser.Result sheet(byte[] bytes, long maxBytes) {
        List<TableRow> read = new TableReader(
                        ReportSheet.AS_TEXT,
                        new TableReader.Limits(
                                maxBytes,
                                TableReader.Limits.DEFAULT.maxUncompressedBytes(),
                                TableReader.Limits.DEFAULT.maxRows()),
                        false)
                .xlsx(bytes, null);
        if (read.isEmpty()) {
            return new JsonReportParser.Result(
                    List.of(), true, List.of(new FieldError("body", "the workbook has a header but no rows")));
        }
        Map<String, Integer> column = new LinkedHashMap<>();
        ReportSheet.KEYS.forEach(k -> column.put(k, column.size()));
        List<List<String>> rows = read.stream()
                .map(r -> ReportSheet.KEYS.stream().map(r::text).toList())
                .toList();
        return group(column, rows, read.stream().map(TableRow::where).toList(), ReportSheet.KEYS.size());
    }

    /**
     * Checks the data rows and groups them into reports.
     *
     * @param column the cell index of each column by key
     * @param wheres where each row is ({@code line 5}, {@code row 5})
     * @param width  the header's number of cells
     */
    private static JsonReportParser.Result group(
            Map<String, Integer> column, List<List<String>> rows, List<String> wheres, int width) {
        List<FieldError> errors = new ArrayList<>();
        Map<String, Group> groups = new LinkedHashMap<>();
        for (int r = 0; r < rows.size(); r++) {
            List<String> row = rows.get(r);
            String line = wheres.get(r);
            if (row.size() > width) {
                errors.add(new FieldError(line, "has " + row.size() + " cells, the header has " + width));
                continue;
            }
            String reportId = cell(row, column.get("report_id"));
            String revisionText = column.containsKey("revision") ? cell(row, column.get("revision")) : null;
            Integer revision = null;
            if (revisionText != null) {
                if (INTEGER.matcher(revisionText).matches()) {
                    revision = Integer.parseInt(revisionText);
                } else {
                    errors.add(new FieldError(
                            line + ": revision",
                            "must be a whole number, not '" + JsonReportParser.abbreviate(revisionText) + "'"));
                    revision = -1;
                }
            }
            for (String c : REQUIRED) {
                if (cell(row, column.get(c)) == null) {
                    errors.add(new FieldError(line + ": " + c, "is required"));
                }
            }
            String valueText = cell(row, column.get("value"));
            Double value = null;
            if (valueText != null) {
                if (NUMBER.matcher(valueText).matches()) {
                    value = Double.parseDouble(valueText);
                } else {
                    errors.add(new FieldError(
                            line + ": value",
                            "must be a number, not '" + JsonReportParser.abbreviate(valueText) + "'"));
                }
            }
            String key = reportId + "\u0000" + revision;
            Group g = groups.computeIfAbsent(
                    key,
                    k -> new Group(
                            line,
                            reportId,
                            cell(row, column.get("source")),
                            cell(row, column.get("district")),
                            cell(row, column.get("period"))));
            if (!Objects.equals(g.source, cell(row, column.get("source")))
                    || !Objects.equals(g.district, cell(row, column.get("district")))
                    || !Objects.equals(g.period, cell(row, column.get("period")))) {
                errors.add(new FieldError(
                        line,
                        "report " + JsonReportParser.abbreviate(String.valueOf(reportId))
                                + " has a different source, district or period than on " + g.line));
            }
            g.revision = revision;
            g.values.add(new RawReport.RawValue(
                    line,
                    cell(row, column.get("data_element")),
                    value,
                    column.containsKey("unit") ? cell(row, column.get("unit")) : null));
        }
        List<RawReport> reports = groups.values().stream()
                .map(g -> new RawReport(g.line, g.reportId, g.source, g.district, g.period, g.revision, g.values))
                .toList();
        return new JsonReportParser.Result(reports, true, errors);
    }

    /**
     * Where the records of a CSV text start, and where a quoted cell opens that never closes (0 if none).
     *
     * @param recordLines the first line of each record that is not blank, in order (the rows the CSV reader returns)
     */
    record Layout(List<Integer> recordLines, int unclosedQuoteLine) {}

    /** Scans the text as RFC 4180 reads it: a quote opens a quoted cell only at the start of a cell; {@code ""} escapes. */
    static Layout layout(String body) {
        List<Integer> starts = new ArrayList<>();
        int line = 1;
        int recordStart = 1;
        boolean blank = true;
        boolean cellStart = true;
        boolean quoted = false;
        int quoteOpenedAt = 0;
        for (int i = 0; i < body.length(); i++) {
            char ch = body.charAt(i);
            if (quoted) {
                if (ch == '"') {
                    if (i + 1 < body.length() && body.charAt(i + 1) == '"') {
                        i++;
                    } else {
                        quoted = false;
                    }
                } else if (ch == '\n') {
                    line++;
                }
                continue;
            }
            switch (ch) {
                case '"' -> {
                    if (cellStart) {
                        quoted = true;
                        quoteOpenedAt = line;
                    }
                    cellStart = false;
                    blank = false;
                }
                case ',' -> {
                    cellStart = true;
                    blank = false;
                }
                case '\n' -> {
                    if (!blank) {
                        starts.add(recordStart);
                    }
                    line++;
                    recordStart = line;
                    blank = true;
                    cellStart = true;
                }
                case '\r' -> {
                    // part of a CRLF line end
                }
                default -> {
                    cellStart = false;
                    if (!Character.isWhitespace(ch)) {
                        blank = false;
                    }
                }
            }
        }
        if (!blank) {
            starts.add(recordStart);
        }
        return new Layout(starts, quoted ? quoteOpenedAt : 0);
    }

    private static String cell(List<String> row, Integer index) {
        if (index == null || index >= row.size()) {
            return null;
        }
        String v = row.get(index).strip();
        return v.isEmpty() ? null : v;
    }

    private static final class Group {
        final String line;
        final String reportId;
        final String source;
        final String district;
        final String period;
        Integer revision;
        final List<RawReport.RawValue> values = new ArrayList<>();

        Group(String line, String reportId, String source, String district, String period) {
            this.line = line;
            this.reportId = reportId;
            this.source = source;
            this.district = district;
            this.period = period;
        }
    }
}
