package io.synergy.console.ops.freshness;

import java.time.LocalDate;
import java.time.MonthDay;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;

/**
 * When annual data is due: the figures of year Y by {@code due} (a month and day) of year Y+1 — on that day they are on
 * time, from the next day overdue. Every year from the base year to the last closed year is expected.
 *
 * @param baseYear the first year the platform tracks (the plan's baseline, 2020)
 * @param due      the deadline within the following year
 */
public record ReportingCalendar(int baseYear, MonthDay due) {

    /** Parses {@code MM-dd} (e.g. {@code 03-31}). */
    public static MonthDay parseDue(String text) {
        try {
            return MonthDay.parse("--" + text.strip());
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException(
                    "synergy.ops.annual-due must be MM-dd such as 03-31, not '" + text + "'", e);
        }
    }

    /** The day the figures of {@code year} are due (29 February falls back to the 28th in a common year). */
    public LocalDate dueBy(int year) {
        return due.atYear(year + 1);
    }

    public boolean overdue(int year, LocalDate asOf) {
        return asOf.isAfter(dueBy(year));
    }

    /** The years that have ended by {@code asOf}, from the base year: data for each is expected, overdue or not yet. */
    public List<Integer> closedYears(LocalDate asOf) {
        List<Integer> out = new ArrayList<>();
        for (int y = baseYear; y < asOf.getYear(); y++) {
            out.add(y);
        }
        return out;
    }

    /** The last year whose due date has passed by {@code asOf}, or {@code null} if none has yet. */
    public Integer lastOverdueYear(LocalDate asOf) {
        Integer last = null;
        for (int y : closedYears(asOf)) {
            if (overdue(y, asOf)) {
                last = y;
            }
        }
        return last;
    }
}
