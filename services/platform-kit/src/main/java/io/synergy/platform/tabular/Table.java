package io.synergy.platform.tabular;

import java.util.List;
import java.util.Objects;

/**
 * A table to answer with: a CSV, or one sheet of a workbook.
 *
 * @param sheet   the sheet's name in a workbook (at most 31 characters, none of {@code []:*?/\})
 * @param columns the columns, in order
 * @param rows    the rows, in order
 * @param <T>     the row type
 */
public record Table<T>(String sheet, List<Column<T>> columns, List<T> rows) {

    public Table {
        Objects.requireNonNull(sheet, "sheet");
        if (sheet.isBlank() || sheet.length() > 31 || sheet.chars().anyMatch(c -> "[]:*?/\\".indexOf(c) >= 0)) {
            throw new IllegalArgumentException("a sheet name has 1 to 31 characters, none of []:*?/\\: " + sheet);
        }
        columns = List.copyOf(columns);
        rows = List.copyOf(rows);
        if (columns.isEmpty()) {
            throw new IllegalArgumentException("a table needs a column");
        }
    }
}
