package io.synergy.model.approval;

import java.time.Instant;
import java.util.List;

/**
 * A data set of the sector — a district's figures for one year — where it stands in the reporting cycle, and how it got there.
 *
 * @param zh                  the district's Chinese name
 * @param en                  its English name
 * @param stateZh             the state in Chinese (填报中, 已提交, 已审核, 已审定)
 * @param version             transitions so far (0: nobody has acted on it)
 * @param changedAt           the last transition (null when none)
 * @param changedBy           who took it
 * @param role                as which role
 * @param comment             its comment
 * @param next                the actions the state allows now
 * @param nextRole            the role that takes them
 * @param unacknowledgedFlags flagged values of current revisions that the reviewer has not acknowledged: APPROVE waits for them
 * @param history             every transition, oldest first
 */
public record DataSetStatus(
        String orgUnit,
        String zh,
        String en,
        String period,
        ApprovalState state,
        String stateZh,
        long version,
        Instant changedAt,
        String changedBy,
        String role,
        String comment,
        List<ApprovalAction> next,
        String nextRole,
        int unacknowledgedFlags,
        List<Transition> history) {

    /** One audited transition (the data of its approvals.v1 event). */
    public record Transition(
            long version,
            ApprovalAction action,
            ApprovalState fromState,
            ApprovalState state,
            String actor,
            String role,
            String comment,
            Instant changedAt) {}
}
