package io.synergy.model.period;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Optional;

/**
 * A reporting period: a year {@code 2024}, a quarter {@code 2024Q3} or a month {@code 2024-07}.
 *
 * @param type  granularity
 * @param year  calendar year
 * @param index quarter 1–4 or month 1–12; 0 for a year
 */
public record Period(PeriodType type, int year, int index) implements Comparable<Period> {

    /** Years outside this range are typing errors, not statistics. */
    public static final int MIN_YEAR = 1990;

    public static final int MAX_YEAR = 2100;

    public Period {
        if (year < MIN_YEAR || year > MAX_YEAR) {
            throw new IllegalArgumentException("year " + year + " is outside " + MIN_YEAR + "–" + MAX_YEAR);
        }
        int max = switch (type) {
            case YEAR -> 0;
            case QUARTER -> 4;
            case MONTH -> 12;
        };
        if (type == PeriodType.YEAR ? index != 0 : index < 1 || index > max) {
            throw new IllegalArgumentException(
                    type.name().toLowerCase() + " " + index + " does not exist (1–" + max + ")");
        }
    }

    public static Period year(int year) {
        return new Period(PeriodType.YEAR, year, 0);
    }

    /**
     * Parses {@code 2024}, {@code 2024Q3} or {@code 2024-07}.
     *
     * @throws IllegalArgumentException with a message fit for an API error when the text is not a period
     */
    public static Period parse(String text) {
        if (text == null || text.isBlank()) {
            throw new IllegalArgumentException(
                    "a period is required: a year (2024), quarter (2024Q3) or month (2024-07)");
        }
        String t = text.strip();
        // by hand, not by regular expressions: every stored value's period is parsed when it is read back
        int n = t.length();
        int year = n >= 4 ? digits(t, 0, 4) : -1;
        if (year >= 0) {
            if (n == 4) {
                return year(year);
            }
            int index = n == 6 && t.charAt(4) == 'Q'
                    ? digits(t, 5, 6)
                    : n == 7 && t.charAt(4) == '-' ? digits(t, 5, 7) : -1;
            if (index >= 0) {
                return new Period(n == 6 ? PeriodType.QUARTER : PeriodType.MONTH, year, index);
            }
        }
        throw new IllegalArgumentException(
                "'" + abbreviate(t) + "' is not a period: use a year (2024), quarter (2024Q3) or month (2024-07)");
    }

    /** Like {@link #parse} but empty instead of an exception. */
    public static Optional<Period> tryParse(String text) {
        try {
            return Optional.of(parse(text));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** The number the ASCII digits {@code from}–{@code to} of {@code t} write; -1 if any is not one. */
    private static int digits(String t, int from, int to) {
        int v = 0;
        for (int i = from; i < to; i++) {
            char c = t.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            v = v * 10 + (c - '0');
        }
        return v;
    }

    private static String abbreviate(String s) {
        return s.length() <= 20 ? s : s.substring(0, 20) + "…";
    }

    public YearMonth firstMonth() {
        return YearMonth.of(
                year, type == PeriodType.YEAR ? 1 : type == PeriodType.QUARTER ? (index - 1) * 3 + 1 : index);
    }

    public YearMonth lastMonth() {
        return firstMonth().plusMonths(type.months() - 1L);
    }

    public LocalDate start() {
        return firstMonth().atDay(1);
    }

    public LocalDate end() {
        return lastMonth().atEndOfMonth();
    }

    /** A period is in the future when it has not begun on {@code today}: nothing can be reported for it yet. */
    public boolean isFuture(LocalDate today) {
        return start().isAfter(today);
    }

    /** The year this period rolls up to. */
    public Period toYear() {
        return year(year);
    }

    /**
     * The first month as a count of months since January of year 0: what {@link #firstMonth()} says, as an int — the roll-ups
     * compare and cover months per stored value, and a {@code YearMonth} per comparison was most of their garbage.
     */
    public int firstMonthOrdinal() {
        return year * 12 + (type == PeriodType.YEAR ? 0 : type == PeriodType.QUARTER ? (index - 1) * 3 : index - 1);
    }

    /** The last month as a count of months since January of year 0 ({@link #lastMonth()}). */
    public int lastMonthOrdinal() {
        return firstMonthOrdinal() + type.months() - 1;
    }

    /** {@code true} when every month of {@code other} lies in this period. */
    public boolean contains(Period other) {
        return other.firstMonthOrdinal() >= firstMonthOrdinal() && other.lastMonthOrdinal() <= lastMonthOrdinal();
    }

    @Override
    public int compareTo(Period o) {
        int c = Integer.compare(firstMonthOrdinal(), o.firstMonthOrdinal());
        return c != 0 ? c : Integer.compare(o.type.months(), type.months());
    }

    @Override
    public String toString() {
        return switch (type) {
            case YEAR -> Integer.toString(year);
            case QUARTER -> year + "Q" + index;
            // not String.format: a Formatter parses its pattern with regular expressions on every call, per stored
            // value
            case MONTH -> year + (index < 10 ? "-0" : "-") + index;
        };
    }
}
