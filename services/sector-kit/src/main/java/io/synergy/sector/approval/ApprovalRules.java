package io.synergy.sector.approval;

import io.synergy.model.approval.ApprovalAction;
import io.synergy.model.approval.ApprovalState;
import java.util.List;
import java.util.Optional;

/**
 * The reporting cycle's transitions (docs/reporting-cycle.md): which action a state allows, where it leads, and which of the
 * three parties may take it. Pure: the service checks the token and the stored state against it.
 */
public final class ApprovalRules {

    /** Who takes an action: the reporting bureau, the district's reviewer, or the city's sector bureau. */
    public enum Party {
        BUREAU,
        REVIEWER,
        APPROVER
    }

    private ApprovalRules() {}

    /** The state an action leads to from {@code from}, or empty when the action is not allowed there. */
    public static Optional<ApprovalState> next(ApprovalState from, ApprovalAction action) {
        return allowed(from).contains(action)
                ? Optional.of(
                        switch (action) {
                            case SUBMIT -> ApprovalState.SUBMITTED;
                            case APPROVE -> ApprovalState.APPROVED;
                            case ACCEPT -> ApprovalState.ACCEPTED;
                            case RETURN, REOPEN -> ApprovalState.OPEN;
                        })
                : Optional.empty();
    }

    /** The actions a state allows. */
    public static List<ApprovalAction> allowed(ApprovalState state) {
        return switch (state) {
            case OPEN -> List.of(ApprovalAction.SUBMIT);
            case SUBMITTED -> List.of(ApprovalAction.APPROVE, ApprovalAction.RETURN);
            case APPROVED -> List.of(ApprovalAction.ACCEPT, ApprovalAction.REOPEN);
            case ACCEPTED -> List.of(ApprovalAction.REOPEN);
        };
    }

    /** Who may take the action. */
    public static Party party(ApprovalAction action) {
        return switch (action) {
            case SUBMIT -> Party.BUREAU;
            case APPROVE, RETURN -> Party.REVIEWER;
            case ACCEPT, REOPEN -> Party.APPROVER;
        };
    }

    /** Who acts next on a data set in this state: the party of its allowed actions (each state has one). */
    public static Party nextParty(ApprovalState state) {
        return party(allowed(state).get(0));
    }

    /** Whether the action must say why. */
    public static boolean needsComment(ApprovalAction action) {
        return action == ApprovalAction.RETURN || action == ApprovalAction.REOPEN;
    }
}
