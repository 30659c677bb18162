package io.synergy.registry.deadlines;

/** The kinds of period a sector reports for, each with its rule for the due date ({@link DeadlineRule}). */
public enum PeriodType {
    /** 年报: due by a month-day of the following year. */
    ANNUAL,
    /** 季报: due a number of days after the quarter ends. */
    QUARTER,
    /** 月报: due a number of days after the month ends. */
    MONTH
}
