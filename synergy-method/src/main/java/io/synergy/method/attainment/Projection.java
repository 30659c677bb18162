package io.synergy.method.attainment;

/**
 * Least-squares projection of an indicator to its target year.
 *
 * @param year        the target year Y the line is evaluated at
 * @param value       the fitted line's value at Y
 * @param meetsTarget whether that value meets the target (direction and tolerance applied)
 */
public record Projection(int year, double value, boolean meetsTarget) {}
