package io.synergy.model.event;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.synergy.model.approval.ApprovalAction;
import io.synergy.model.approval.ApprovalState;
import java.time.Instant;

/**
 * A transition of a data set (a sector's figures of one district for one year) in the reporting cycle, as the sector
 * service that owns the data set recorded it. Published through the sector service's outbox, in the transaction of the
 * state change, on the compacted topic {@code approvals.v1} keyed by {@link #key()}: the latest record of a key is the data
 * set's state. Type {@link CloudEventTypes#APPROVAL}; schema {@code schemas/approval-event.v1.json}.
 *
 * @param eventId   unique id (also the CloudEvent id)
 * @param sector    sector code ({@code energy})
 * @param orgUnit   the district (an enterprise's figures belong to its district's data set)
 * @param period    the year ({@code 2024}); the year's quarters and months belong to it
 * @param state     the state after the transition
 * @param action    what was done
 * @param fromState the state before it
 * @param actor     the token's subject of who did it
 * @param role      the role it acted as ({@code feed:energy}, {@code reviewer:energy}, {@code approver:energy})
 * @param comment   why (required to return or reopen), or {@code null}
 * @param version   the data set's transition count, from 1: a consumer ignores a version it has applied
 * @param changedAt when
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record ApprovalEvent(
        String eventId,
        String sector,
        String orgUnit,
        String period,
        ApprovalState state,
        ApprovalAction action,
        ApprovalState fromState,
        String actor,
        String role,
        String comment,
        long version,
        Instant changedAt) {

    /** The record key: {@code <sector>|<orgUnit>|<period>}, one per data set (the topic is compacted). */
    public String key() {
        return sector + "|" + orgUnit + "|" + period;
    }

    /** The CloudEvent subject: {@code <orgUnit>/<period>}. */
    public String subject() {
        return orgUnit + "/" + period;
    }
}
