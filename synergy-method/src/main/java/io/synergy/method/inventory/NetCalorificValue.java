package io.synergy.method.inventory;

/**
 * The net calorific value (低位发热量) of a fuel: the energy one unit of it releases, which turns a quantity of fuel into
 * TJ for the per-energy (IPCC) factors.
 *
 * @param fuel      a fuel activity code
 * @param value     positive
 * @param unit      {@code GJ/t}, {@code GJ/10^4 m³}…: energy per unit of the fuel's activity unit
 * @param source    e.g. GB/T 2589
 * @param validFrom first year
 * @param validTo   last year, or {@code null} for open-ended
 */
public record NetCalorificValue(
        String fuel, Double value, String unit, String source, Integer validFrom, Integer validTo) {

    public boolean appliesIn(int year) {
        return validFrom != null && validFrom <= year && (validTo == null || year <= validTo);
    }

    /** TJ per unit of fuel; only call on a validated library. */
    public double tjPerUnit() {
        return value
                * EnergyUnit.parse(unit)
                        .orElseThrow(() -> new IllegalStateException("invalid NCV unit " + unit))
                        .tjPerEnergyUnit();
    }
}
