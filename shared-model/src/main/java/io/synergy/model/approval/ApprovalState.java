package io.synergy.model.approval;

/**
 * Where a data set — a sector's figures of one district for one year — stands in the reporting cycle (docs/reporting-cycle.md).
 * A data set nobody has acted on is {@code OPEN}. Only an {@code OPEN} data set takes reports and revisions.
 */
public enum ApprovalState {
    /** 填报中: the reporting bureau enters and corrects its figures. */
    OPEN("填报中", "open"),
    /** 已提交: the reporting bureau declared it complete; the district's reviewer approves or returns it. */
    SUBMITTED("已提交", "submitted"),
    /** 已审核: approved by the district's reviewer; the city's sector bureau accepts it (or reopens it). */
    APPROVED("已审核", "approved"),
    /** 已审定: accepted by the city's sector bureau: the official figures. Only reopening changes it. */
    ACCEPTED("已审定", "accepted");

    private final String zh;
    private final String en;

    ApprovalState(String zh, String en) {
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
