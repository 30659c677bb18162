package io.synergy.model.target;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.time.LocalDate;
import java.util.Objects;

/**
 * A target set for one org unit by a document (分解目标), in force from a date: it applies to the figures of the year of
 * {@code effectiveFrom} and every later year, until an allocation of the same unit in force from a later date replaces it
 * ({@link TargetRules#resolve}).
 *
 * @param effectiveFrom the day the document puts it in force (成文或施行日期)
 * @param value         the target, in the indicator's unit
 * @param targetYear    the year to reach it by; for a target kept every year (T2, A2, W2), the first year it is to hold
 * @param document      the document's 文号 ({@code 青环发〔2025〕3号})
 * @param setBy         who entered it (the token's subject)
 * @param setAt         when it was entered
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record Allocation(
        LocalDate effectiveFrom, double value, int targetYear, String document, String setBy, Instant setAt) {

    /** The first year whose figures it applies to. */
    public int firstYear() {
        return effectiveFrom.getYear();
    }

    /** Whether it sets the same target as {@code other} (who entered it, and when, aside). */
    public boolean sameTarget(Allocation other) {
        return other != null
                && effectiveFrom.equals(other.effectiveFrom)
                && Double.compare(value, other.value) == 0
                && targetYear == other.targetYear
                && Objects.equals(document, other.document);
    }
}
