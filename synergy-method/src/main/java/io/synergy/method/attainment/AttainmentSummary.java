package io.synergy.method.attainment;

import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;

/**
 * City summary of attainment (docs/method.md §2): counts per status and the share of targeted indicators achieved or on
 * track.
 *
 * @param counts                    one entry per {@link AttainmentStatus}, in enum order, 0 when absent
 *                                  (unmodifiable {@link EnumMap})
 * @param shareAchievedOrOnTrack    (ACHIEVED + ON_TRACK) / (all − NO_DATA); 0 when every indicator is NO_DATA
 *                                  or there is none
 */
public record AttainmentSummary(Map<AttainmentStatus, Integer> counts, double shareAchievedOrOnTrack) {

    public AttainmentSummary {
        Objects.requireNonNull(counts, "counts");
        EnumMap<AttainmentStatus, Integer> copy = new EnumMap<>(AttainmentStatus.class);
        for (AttainmentStatus s : AttainmentStatus.values()) {
            Integer n = counts.get(s);
            copy.put(s, n == null ? 0 : n);
        }
        counts = Collections.unmodifiableMap(copy);
    }

    /** The count for {@code status} (0 when none). */
    public int count(AttainmentStatus status) {
        return counts.get(status);
    }
}
