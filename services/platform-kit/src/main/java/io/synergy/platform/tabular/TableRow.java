package io.synergy.platform.tabular;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.Map;

/**
 * One data row of an upload, its cells converted to their columns' types ({@link TableReader}); a blank cell, or a
 * column the upload left out, is {@code null}.
 *
 * @param where  where the row is, as the sender's tool numbers it: {@code line 12} of a CSV, {@code row 12} of a sheet
 * @param cells  the values by column key
 */
public record TableRow(String where, Map<String, Object> cells) {

    /** The field a problem detail names for a column of this row: {@code line 12: credit_code}, {@code row 12: credit_code}. */
    public String field(String key) {
        return where + ": " + key;
    }

    public String text(String key) {
        return get(key, String.class);
    }

    public BigDecimal number(String key) {
        return get(key, BigDecimal.class);
    }

    public Long integer(String key) {
        return get(key, Long.class);
    }

    public LocalDate date(String key) {
        return get(key, LocalDate.class);
    }

    public Boolean bool(String key) {
        return get(key, Boolean.class);
    }

    private <V> V get(String key, Class<V> type) {
        if (!cells.containsKey(key)) {
            throw new IllegalArgumentException("no column " + key + " was read");
        }
        Object v = cells.get(key);
        if (v != null && !type.isInstance(v)) {
            throw new IllegalArgumentException(
                    "column " + key + " holds a " + v.getClass().getSimpleName() + ", not a " + type.getSimpleName());
        }
        return type.cast(v);
    }
}
