package io.synergy.model.catalogue;

/**
 * An indicator: a formula over data elements, computed by the platform, never reported.
 *
 * @param id        public id ({@code E1}, {@code EM-NOX})
 * @param sector    the sector that owns it, or {@code null} when it spans sectors (emission totals, E4, E5)
 * @param zh        Chinese name as in the plan
 * @param en        English name
 * @param unit      unit of the value
 * @param direction which way is better
 * @param subsystem pollution or carbon subsystem for the synergy degree; {@code null} for monitoring-only indicators
 * @param target    the plan's target, or {@code null} for monitoring indicators
 * @param clause    the plan's clause ("一", "(三)")
 * @param formula   how it is computed
 */
public record Indicator(
        String id,
        Sector sector,
        String zh,
        String en,
        String unit,
        Direction direction,
        Subsystem subsystem,
        TargetDefinition target,
        String clause,
        Formula formula) {

    public boolean hasTarget() {
        return target != null;
    }
}
