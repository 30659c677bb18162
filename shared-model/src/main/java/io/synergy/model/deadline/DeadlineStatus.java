package io.synergy.model.deadline;

/**
 * Where a data set stands against its due date (docs/reporting-cycle.md, 截止日期与提醒): open and not yet due, open and
 * past its due date, or handed in — then the data set's own state. A returned data set is open again.
 */
public enum DeadlineStatus {
    /** 待报: open, its due date not passed. */
    DUE("待报", "due"),
    /** 逾期: open, its due date passed. */
    OVERDUE("逾期", "overdue"),
    /** 已提交: submitted, awaiting the district's review. */
    SUBMITTED("已提交", "submitted"),
    /** 已审核: approved by the district. */
    APPROVED("已审核", "approved"),
    /** 已审定: accepted by the city's sector bureau. */
    ACCEPTED("已审定", "accepted");

    private final String zh;
    private final String en;

    DeadlineStatus(String zh, String en) {
        this.zh = zh;
        this.en = en;
    }

    public String zh() {
        return zh;
    }

    public String en() {
        return en;
    }
}
