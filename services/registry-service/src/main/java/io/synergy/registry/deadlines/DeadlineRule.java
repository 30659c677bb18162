package io.synergy.registry.deadlines;

import java.time.Instant;
import java.time.LocalDate;
import java.time.MonthDay;

/**
 * When a sector's figures of a kind of period are due.
 *
 * @param sector     sector code
 * @param periodType ANNUAL, QUARTER or MONTH
 * @param monthDay   ANNUAL: the day of the following year, {@code 03-31}; otherwise {@code null}
 * @param daysAfter  QUARTER and MONTH: days after the period's last day; otherwise {@code null}
 * @param version    the rule's version, its {@code ETag}
 * @param changedAt  when it was last set
 * @param changedBy  who set it ({@code flyway}: the default)
 */
public record DeadlineRule(
        String sector,
        PeriodType periodType,
        String monthDay,
        Integer daysAfter,
        long version,
        Instant changedAt,
        String changedBy) {

    /** The due date of a period of this rule's type that ends on {@code end} (for ANNUAL, December 31 of the year). */
    public LocalDate due(LocalDate end) {
        return periodType == PeriodType.ANNUAL
                ? MonthDay.parse("--" + monthDay).atYear(end.getYear() + 1)
                : end.plusDays(daysAfter);
    }
}
