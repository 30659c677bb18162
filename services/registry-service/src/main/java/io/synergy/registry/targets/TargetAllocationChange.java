package io.synergy.registry.targets;

import java.time.LocalDate;

/**
 * The body of {@code PUT /api/v1/targets/{indicator}/{orgUnit}}: the allocation a document makes, in force from a day.
 * Every field is required.
 *
 * @param value         the target, in the indicator's unit (a percentage 0–100; a quantity in t at least 0)
 * @param targetYear    the year to reach it by; for a target kept every year (T2, A2, W2), the first year it is to hold
 * @param document      the document's 文号, e.g. 青环发〔2025〕3号
 * @param effectiveFrom the day it is in force from (yyyy-mm-dd): it applies to the figures of that year on; an allocation
 *                      of the same day is replaced
 */
public record TargetAllocationChange(Double value, Integer targetYear, String document, LocalDate effectiveFrom) {}
