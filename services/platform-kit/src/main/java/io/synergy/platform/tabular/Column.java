package io.synergy.platform.tabular;

import java.time.LocalDate;
import java.util.Objects;
import java.util.function.Function;

/**
 * One column of a table, declared once for every format: its machine name ({@code key}, the CSV header), its Chinese
 * and English headers and unit (the workbook's header), its type and how a row gives its value. A reader takes the
 * same declaration to find the column in an upload by any of its names.
 *
 * @param key      the CSV header and the name problem details use ({@code credit_code})
 * @param zh       the Chinese header (统一社会信用代码)
 * @param en       the English header (Credit code)
 * @param unit     the unit of a number ({@code t}, {@code 10^4 tce}, {@code %}), or {@code null}
 * @param type     how the value is written and read
 * @param value    the cell of a row; {@code null} leaves the cell empty. The factories type it per {@link ColumnType}
 * @param optional for reading: an upload may leave the column out (its cells then read as empty)
 * @param <T>      the row type
 */
public record Column<T>(
        String key,
        String zh,
        String en,
        String unit,
        ColumnType type,
        Function<? super T, ?> value,
        boolean optional) {

    public Column {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(zh, "zh");
        Objects.requireNonNull(en, "en");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(value, "value");
        if (unit != null && unit.isBlank()) {
            unit = null;
        }
    }

    public static <T> Column<T> text(String key, String zh, String en, Function<? super T, String> value) {
        return new Column<>(key, zh, en, null, ColumnType.TEXT, value, false);
    }

    public static <T> Column<T> number(
            String key, String zh, String en, String unit, Function<? super T, ? extends Number> value) {
        return new Column<>(key, zh, en, unit, ColumnType.NUMBER, value, false);
    }

    public static <T> Column<T> integer(
            String key, String zh, String en, String unit, Function<? super T, ? extends Number> value) {
        return new Column<>(key, zh, en, unit, ColumnType.INTEGER, value, false);
    }

    public static <T> Column<T> date(String key, String zh, String en, Function<? super T, LocalDate> value) {
        return new Column<>(key, zh, en, null, ColumnType.DATE, value, false);
    }

    public static <T> Column<T> bool(String key, String zh, String en, Function<? super T, Boolean> value) {
        return new Column<>(key, zh, en, null, ColumnType.BOOLEAN, value, false);
    }

    /** The same column, which an upload may leave out. */
    public Column<T> asOptional() {
        return new Column<>(key, zh, en, unit, type, value, true);
    }

    /** The workbook's header: Chinese, English, and the unit in brackets ({@code 排放量 Emissions (t)}). */
    public String label() {
        return zh + " " + en + (unit == null ? "" : " (" + unit + ")");
    }

    /** The cell of a row. */
    Object valueOf(T row) {
        return value.apply(row);
    }
}
