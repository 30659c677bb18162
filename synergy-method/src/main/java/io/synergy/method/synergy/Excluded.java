package io.synergy.method.synergy;

import java.util.Objects;

/**
 * An indicator left out of an evaluation, and why (e.g. "missing value for sample 2023").
 *
 * @param indicator indicator id
 * @param reason    human-readable reason
 */
public record Excluded(String indicator, String reason) {
    public Excluded {
        Objects.requireNonNull(indicator, "indicator");
        Objects.requireNonNull(reason, "reason");
    }
}
