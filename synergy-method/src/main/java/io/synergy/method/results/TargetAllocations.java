package io.synergy.method.results;

import io.synergy.model.event.TargetEvent;
import io.synergy.model.target.Allocation;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The targets allocated to org units (目标分解) that a computation judges by: every allocation of each (indicator, org
 * unit), as the latest {@link TargetEvent} of its key on {@code targets.v1} carries them.
 *
 * @param byKey allocations by {@link TargetEvent#key} ({@code T1|370283})
 */
public record TargetAllocations(Map<String, List<Allocation>> byKey) {

    /** No allocation at all: every unit is judged by the plan's defaults. */
    public static final TargetAllocations NONE = new TargetAllocations(Map.of());

    public TargetAllocations {
        byKey = byKey.entrySet().stream()
                .collect(Collectors.toUnmodifiableMap(Map.Entry::getKey, e -> List.copyOf(e.getValue())));
    }

    /** The allocations of the indicator to the unit, empty when none. */
    public List<Allocation> of(String indicator, String orgUnit) {
        return byKey.getOrDefault(TargetEvent.key(indicator, orgUnit), List.of());
    }
}
