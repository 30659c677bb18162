package io.synergy.sector.ingest;

import io.synergy.sector.model.FieldPaths;
import java.util.List;

/**
 * A report as read from JSON or CSV, before its meaning is checked: the parsers fill what they could read and have
 * already reported type errors; {@link ReportValidator} checks the rest.
 *
 * @param path     where it came from, as error paths begin ({@code [2]} in a batch, {@code line 5} in CSV, or empty)
 * @param revision {@code null} when absent (defaults to 1)
 */
public record RawReport(
        String path,
        String reportId,
        String source,
        String orgUnit,
        String period,
        Integer revision,
        List<RawValue> values) {

    /**
     * @param path   error path of this value ({@code values[1]}, {@code line 7})
     * @param value  {@code null} when it was missing or not a number (the parser reported it)
     */
    public record RawValue(String path, String dataElement, Double value, String unit) {}

    /** The error path of one of this report's fields: {@code orgUnit}, {@code [2].orgUnit}, or {@code line 5: district} in a CSV. */
    String at(String field) {
        return FieldPaths.field(path, field);
    }
}
