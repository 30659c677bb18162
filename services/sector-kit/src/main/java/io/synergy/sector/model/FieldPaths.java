package io.synergy.sector.model;

import java.util.Map;

/**
 * The error path of a field of a report in its request, as a problem document's {@code errors[].field} names it:
 * {@code orgUnit} for a single JSON report, {@code [2].orgUnit} in a batch, {@code values[1].value} for a value, and
 * {@code line 5: district} in a CSV upload, which names its cells by the column headers the bureau sent ({@code row 5: district}
 * in a workbook).
 */
public final class FieldPaths {

    private static final Map<String, String> CSV_COLUMNS =
            Map.of("reportId", "report_id", "orgUnit", "district", "dataElement", "data_element");

    private FieldPaths() {}

    /**
     * The path of {@code field} under {@code path}.
     *
     * @param path where the report or value is in the request: empty, {@code [2]}, {@code values[1]} or {@code line 5}
     */
    public static String field(String path, String field) {
        if (path.isEmpty()) {
            return field;
        }
        if (path.startsWith("line") || path.startsWith("row ")) {
            return path + ": " + CSV_COLUMNS.getOrDefault(field, field);
        }
        return path + "." + field;
    }
}
