package io.synergy.platform.tabular;

/**
 * What a column holds: how the writers put it (a CSV cell, an Excel cell type) and what the reader accepts.
 *
 * <ul>
 * <li>{@code TEXT}: a string; in CSV neutralised against formula injection ({@link TabularWriter#neutralise}).</li>
 * <li>{@code NUMBER}: a decimal, at most six decimals; an Excel number, never text.</li>
 * <li>{@code INTEGER}: a whole number; an Excel number shown without decimals.</li>
 * <li>{@code DATE}: a calendar day, ISO 8601 ({@code 2024-12-31}) in CSV; an Excel date.</li>
 * <li>{@code BOOLEAN}: {@code true} or {@code false}; an Excel TRUE/FALSE.</li>
 * </ul>
 */
public enum ColumnType {
    TEXT,
    NUMBER,
    INTEGER,
    DATE,
    BOOLEAN
}
