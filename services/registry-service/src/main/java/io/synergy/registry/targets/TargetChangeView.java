package io.synergy.registry.targets;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.time.LocalDate;

/**
 * One change of an allocation, as {@code GET /api/v1/targets/history} lists it.
 *
 * @param id            the change's number, increasing
 * @param version       the (indicator, org unit)'s version this change made
 * @param before        what the allocation of that day set before, {@code null} when it is new
 * @param after         what it sets since
 * @param via           {@code PUT} or {@code IMPORT}
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record TargetChangeView(
        long id,
        String indicator,
        String orgUnit,
        LocalDate effectiveFrom,
        long version,
        Setting before,
        Setting after,
        String changedBy,
        Instant changedAt,
        String via) {

    /** What an allocation sets. */
    public record Setting(double value, int targetYear, String document) {}

    static TargetChangeView of(TargetChangeEntity c) {
        Setting before = c.oldValue == null ? null : new Setting(c.oldValue, c.oldTargetYear, c.oldDocument);
        return new TargetChangeView(
                c.id,
                c.indicator,
                c.orgUnit,
                c.effectiveFrom,
                c.version,
                before,
                new Setting(c.newValue, c.newTargetYear, c.newDocument),
                c.changedBy,
                c.changedAt,
                c.via.name());
    }
}
