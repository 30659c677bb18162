package io.synergy.model.period;

/** The three period granularities a report may carry. */
public enum PeriodType {
    YEAR(12),
    QUARTER(3),
    MONTH(1);

    private final int months;

    PeriodType(int months) {
        this.months = months;
    }

    /** How many months one period of this type spans. */
    public int months() {
        return months;
    }
}
