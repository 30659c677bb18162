package io.synergy.model.target;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;
import java.time.LocalDate;

/**
 * The target that applies to an indicator, an org unit and a year, and where it comes from. With source {@code NONE}
 * every field after {@code source} is {@code null}; with {@code PLAN}, {@code effectiveFrom}, {@code setBy} and
 * {@code setAt} are (the plan applies from the base year on; nobody entered it).
 *
 * @param indicator     the indicator id
 * @param orgUnit       the city, a district or a group
 * @param year          the year whose figures are judged against it
 * @param source        PLAN, ALLOCATED or NONE
 * @param value         the target, in the indicator's unit
 * @param targetYear    the year to reach it by; for a target kept every year, the first year it is to hold
 * @param keptEveryYear T2, A2, W2: judged each year as met or not, without time progress
 * @param document      the 文号 it comes from
 * @param basis         whether the value is the document's own, a default or a placeholder
 * @param effectiveFrom an allocation's day in force
 * @param setBy         who entered the allocation
 * @param setAt         when
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record AppliedTarget(
        String indicator,
        String orgUnit,
        int year,
        TargetSource source,
        Double value,
        Integer targetYear,
        Boolean keptEveryYear,
        String document,
        TargetBasis basis,
        LocalDate effectiveFrom,
        String setBy,
        Instant setAt) {

    static AppliedTarget none(String indicator, String orgUnit, int year) {
        return new AppliedTarget(
                indicator, orgUnit, year, TargetSource.NONE, null, null, null, null, null, null, null, null);
    }
}
