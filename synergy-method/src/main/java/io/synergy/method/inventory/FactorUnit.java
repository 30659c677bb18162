package io.synergy.method.inventory;

import java.util.Map;
import java.util.Optional;

/**
 * The unit of an emission factor, {@code <mass>/<basis>}: a mass of gas (g, kg, t) per TJ of fuel energy (net
 * calorific basis), or per unit of activity in the activity's own unit ({@code kg/t}, {@code kg/10^4 m³},
 * {@code t/t}).
 *
 * @param text               as written
 * @param tonnesPerMassUnit  1 for t, 0.001 for kg, 10⁻⁶ for g: the result is always in tonnes of gas
 * @param perEnergy          {@code true} for {@code /TJ} (multiply by activity × net calorific value)
 * @param activityUnit       the denominator when not per energy; the validator requires the activity's unit
 */
public record FactorUnit(String text, double tonnesPerMassUnit, boolean perEnergy, String activityUnit) {

    public static final String PER_TJ = "TJ";

    private static final Map<String, Double> MASS = Map.of("g", 1e-6, "kg", 1e-3, "t", 1.0);

    /** Parses {@code kg/TJ}, {@code t/t}, {@code kg/10^4 m³}…; empty when the mass unit is unknown or the form is wrong. */
    public static Optional<FactorUnit> parse(String unit) {
        if (unit == null) {
            return Optional.empty();
        }
        int slash = unit.indexOf('/');
        if (slash <= 0 || slash == unit.length() - 1) {
            return Optional.empty();
        }
        Double mass = MASS.get(unit.substring(0, slash).strip());
        String basis = unit.substring(slash + 1).strip();
        if (mass == null || basis.isEmpty()) {
            return Optional.empty();
        }
        boolean perEnergy = basis.equals(PER_TJ);
        return Optional.of(new FactorUnit(unit, mass, perEnergy, perEnergy ? null : basis));
    }
}
