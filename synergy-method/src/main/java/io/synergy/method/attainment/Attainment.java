package io.synergy.method.attainment;

/**
 * Attainment of one indicator in one year (docs/method.md §2). Undefined quantities are {@code null}, never 0.
 *
 * @param indicator       indicator id
 * @param year            evaluated year y
 * @param value           value v in year y; {@code null} → {@link AttainmentStatus#NO_DATA}
 * @param baseline        baseline b (value at the base year); {@code null} when absent
 * @param baseYear        base year y0
 * @param target          target g
 * @param targetYear      target year Y
 * @param completion      r = (v − b)/(g − b); {@code null} without v or b, or when g = b
 * @param timeProgress    τ = (y − y0)/(Y − y0) clipped to [0, 1]; {@code null} for kept-every-year targets
 * @param status          the status
 * @param trajectoryValue v* = b + τ(g − b) (g itself for kept-every-year targets); {@code null} without b
 * @param gap             v − v*; {@code null} when v or v* is undefined
 * @param projection      least-squares projection to Y; {@code null} with fewer than 2 annual values in [y0, y]
 *                        or without a value for y
 */
public record Attainment(
        String indicator,
        int year,
        Double value,
        Double baseline,
        int baseYear,
        double target,
        int targetYear,
        Double completion,
        Double timeProgress,
        AttainmentStatus status,
        Double trajectoryValue,
        Double gap,
        Projection projection) {}
