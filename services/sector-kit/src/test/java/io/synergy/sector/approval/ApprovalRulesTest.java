package io.synergy.sector.approval;

import static org.assertj.core.api.Assertions.assertThat;

import io.synergy.model.approval.ApprovalAction;
import io.synergy.model.approval.ApprovalState;
import io.synergy.sector.approval.ApprovalRules.Party;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The reporting cycle's table of transitions, every state against every action (docs/reporting-cycle.md). */
class ApprovalRulesTest {

    @Test
    void eachStateAllowsExactlyItsActionsAndLeadsWhereTheCycleSays() {
        Map<ApprovalState, Map<ApprovalAction, ApprovalState>> expected = new EnumMap<>(ApprovalState.class);
        expected.put(ApprovalState.OPEN, Map.of(ApprovalAction.SUBMIT, ApprovalState.SUBMITTED));
        expected.put(
                ApprovalState.SUBMITTED,
                Map.of(ApprovalAction.APPROVE, ApprovalState.APPROVED, ApprovalAction.RETURN, ApprovalState.OPEN));
        expected.put(
                ApprovalState.APPROVED,
                Map.of(ApprovalAction.ACCEPT, ApprovalState.ACCEPTED, ApprovalAction.REOPEN, ApprovalState.OPEN));
        expected.put(ApprovalState.ACCEPTED, Map.of(ApprovalAction.REOPEN, ApprovalState.OPEN));
        for (ApprovalState from : ApprovalState.values()) {
            for (ApprovalAction action : ApprovalAction.values()) {
                assertThat(ApprovalRules.next(from, action))
                        .as("%s from %s", action, from)
                        .isEqualTo(Optional.ofNullable(expected.get(from).get(action)));
            }
            assertThat(ApprovalRules.allowed(from))
                    .containsExactlyInAnyOrderElementsOf(expected.get(from).keySet());
        }
    }

    @Test
    void eachActionIsOneParty() {
        assertThat(ApprovalRules.party(ApprovalAction.SUBMIT)).isEqualTo(Party.BUREAU);
        assertThat(ApprovalRules.party(ApprovalAction.APPROVE)).isEqualTo(Party.REVIEWER);
        assertThat(ApprovalRules.party(ApprovalAction.RETURN)).isEqualTo(Party.REVIEWER);
        assertThat(ApprovalRules.party(ApprovalAction.ACCEPT)).isEqualTo(Party.APPROVER);
        assertThat(ApprovalRules.party(ApprovalAction.REOPEN)).isEqualTo(Party.APPROVER);
        assertThat(ApprovalRules.nextParty(ApprovalState.ACCEPTED)).isEqualTo(Party.APPROVER);
        assertThat(ApprovalRules.needsComment(ApprovalAction.RETURN)).isTrue();
        assertThat(ApprovalRules.needsComment(ApprovalAction.REOPEN)).isTrue();
        assertThat(ApprovalRules.needsComment(ApprovalAction.SUBMIT)).isFalse();
    }
}
