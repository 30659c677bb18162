package io.synergy.registry.targets;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.synergy.model.target.Allocation;
import java.util.List;

/**
 * The allocations of one indicator to one org unit, as {@code GET} and {@code PUT /api/v1/targets/{indicator}/{orgUnit}}
 * answer them; the version is the {@code ETag}.
 *
 * @param allocations every allocation, in the order of {@code effectiveFrom}: each applies from the year of its
 *                    {@code effectiveFrom} until the next one's
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record TargetAllocations(String indicator, String orgUnit, long version, List<Allocation> allocations) {

    static TargetAllocations of(TargetEntity e) {
        return new TargetAllocations(e.indicator, e.orgUnit, e.version, e.timeline());
    }
}
