package io.synergy.method.inventory;

import java.util.Map;
import java.util.Optional;

/**
 * The unit of a net calorific value, {@code <energy>/<activity unit>}: {@code GJ/t}, {@code GJ/10^4 m³}, {@code MJ/t},
 * {@code TJ/t}. The inventory computes energy in TJ.
 *
 * @param tjPerEnergyUnit 10⁻³ for GJ, 10⁻⁶ for MJ, 1 for TJ
 * @param activityUnit    the denominator; the validator requires the fuel's unit
 */
public record EnergyUnit(String text, double tjPerEnergyUnit, String activityUnit) {

    private static final Map<String, Double> ENERGY = Map.of("MJ", 1e-6, "GJ", 1e-3, "TJ", 1.0);

    public static Optional<EnergyUnit> parse(String unit) {
        if (unit == null) {
            return Optional.empty();
        }
        int slash = unit.indexOf('/');
        if (slash <= 0 || slash == unit.length() - 1) {
            return Optional.empty();
        }
        Double energy = ENERGY.get(unit.substring(0, slash).strip());
        String basis = unit.substring(slash + 1).strip();
        return energy == null || basis.isEmpty() ? Optional.empty() : Optional.of(new EnergyUnit(unit, energy, basis));
    }
}
