package io.synergy.method.results;

/**
 * How settled a year's data is (docs/method.md §3, "Complete years and the provisional year"). Only settled years —
 * complete or closed — enter the evaluation window of other years, so a year that has just begun never re-scores the
 * years before it.
 */
public enum YearState {

    /** Every indicator of the synergy set is complete for the city (all districts, the whole year). */
    COMPLETE("完整", "complete"),
    /** Closed by an operator with what it has: its missing indicators are left out of every window that contains it. */
    CLOSED("已关账", "closed"),
    /** Neither: its results are shown, marked provisional, and it is in no other year's window. */
    PROVISIONAL("暂定", "provisional");

    private final String zh;
    private final String en;

    YearState(String zh, String en) {
        this.zh = zh;
        this.en = en;
    }

    public String zh() {
        return zh;
    }

    public String en() {
        return en;
    }

    /** Complete or closed: part of the windows of the years after it. */
    public boolean settled() {
        return this != PROVISIONAL;
    }
}
