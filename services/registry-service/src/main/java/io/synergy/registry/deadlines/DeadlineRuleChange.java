package io.synergy.registry.deadlines;

/**
 * A rule as {@code PUT /api/v1/deadlines/rules/{sector}/{periodType}} sets it: {@code monthDay} for ANNUAL, {@code daysAfter}
 * for QUARTER and MONTH.
 */
public record DeadlineRuleChange(String monthDay, Integer daysAfter) {}
