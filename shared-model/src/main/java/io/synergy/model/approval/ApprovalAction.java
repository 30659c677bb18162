package io.synergy.model.approval;

/** What moves a data set from one {@link ApprovalState} to the next, and who may do it (docs/reporting-cycle.md). */
public enum ApprovalAction {
    /** 提交: the reporting bureau ({@code feed:<sector>}) declares its figures complete: OPEN → SUBMITTED. */
    SUBMIT("提交", "submit"),
    /** 审核通过: the district's reviewer ({@code reviewer:<sector>}): SUBMITTED → APPROVED. */
    APPROVE("审核通过", "approve"),
    /** 退回: the district's reviewer sends it back with a comment: SUBMITTED → OPEN. */
    RETURN("退回", "return"),
    /** 审定: the city's sector bureau ({@code approver:<sector>}): APPROVED → ACCEPTED. */
    ACCEPT("审定", "accept"),
    /** 重新打开: the city's sector bureau opens an approved or accepted data set again, with a reason: → OPEN. */
    REOPEN("重新打开", "reopen");

    private final String zh;
    private final String en;

    ApprovalAction(String zh, String en) {
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
