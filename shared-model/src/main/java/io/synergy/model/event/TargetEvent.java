package io.synergy.model.event;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.synergy.model.target.Allocation;
import io.synergy.model.target.TargetRules;
import java.time.Instant;
import java.util.List;

/**
 * The allocations of one indicator to one org unit (目标分解) after a change, published by the registry service on the
 * compacted topic {@code targets.v1} (key {@link #key}). It carries the unit's whole timeline, not the change alone, so
 * the latest record of a key is all a consumer needs once compaction has dropped the others; with
 * {@link TargetRules#resolve} (and the same catalogue, org units and provincial assignments) it finds the target of every
 * year. Type {@link CloudEventTypes#TARGET}; schema {@code schemas/target-event.v1.json}.
 *
 * @param indicator       the indicator id ({@code T1}, {@code E5-NOX})
 * @param orgUnit         the city, a district or a group
 * @param version         increases with every change of the key; a consumer ignores a version it has already applied
 * @param changedFromYear the first year whose target this version may change: a consumer recomputes the unit from that
 *                        year on, and no earlier year
 * @param allocations     every allocation of the key in force from some day, in the order of {@code effectiveFrom}
 * @param changedAt       when the change was made
 * @param changedBy       who made it (the token's subject)
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record TargetEvent(
        String indicator,
        String orgUnit,
        long version,
        int changedFromYear,
        List<Allocation> allocations,
        Instant changedAt,
        String changedBy) {

    /** The record key of an (indicator, org unit): {@code T1|370202}. */
    public static String key(String indicator, String orgUnit) {
        return indicator + "|" + orgUnit;
    }
}
