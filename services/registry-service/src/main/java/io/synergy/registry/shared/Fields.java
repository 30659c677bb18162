package io.synergy.registry.shared;

import io.synergy.platform.tabular.TableRow;
import java.util.Map;

/**
 * How a validation names a field in its problem: by its JSON path in a body ({@code completionYear},
 * {@code reductions[1].verified}), by its column in a row of an uploaded table ({@code line 4: completion_year}, as the
 * table kit names its own faults).
 *
 * @param row     the row of an upload, or {@code null} for a JSON body
 * @param columns a JSON field's column where the names differ ({@code zh} → {@code name_zh})
 */
public record Fields(TableRow row, Map<String, String> columns) {

    /** The fields of a JSON body. */
    public static Fields json() {
        return new Fields(null, Map.of());
    }

    /** The fields of a table's row. */
    public static Fields of(TableRow row, Map<String, String> columns) {
        return new Fields(row, columns);
    }

    /** A field: its JSON path, or in a row its column. */
    public String name(String json) {
        return row == null ? json : row.field(columns.getOrDefault(json, json));
    }

    /** A field whose column is not a plain rename of its JSON path (one of a list's items). */
    public String name(String json, String column) {
        return row == null ? json : row.field(column);
    }
}
