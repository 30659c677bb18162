package io.synergy.method.inventory;

/**
 * One row of the factor library: how much of a gas one unit of an activity emits, in some years.
 *
 * @param gas       inventory gas code ({@code CO2}, {@code NOX})
 * @param activity  activity code ({@code rawcoal}, {@code clinker})
 * @param sector    a sector code when the factor applies to that sector only (road vehicles burn diesel differently from
 *                  boilers); {@code null} for every sector. A sector's own row wins over the general one.
 * @param value     the factor, positive
 * @param unit      {@code kg/TJ} (per energy, with the fuel's net calorific value) or {@code <mass>/<activity unit>}
 * @param source    where the value comes from (guideline, table, measurement campaign)
 * @param validFrom first year the factor applies to
 * @param validTo   last year, or {@code null} for open-ended
 * @param example   {@code true} for values shipped for demonstration only, which the responsible bureau must confirm or
 *                  replace; every figure computed with one carries the flag
 */
public record EmissionFactor(
        String gas,
        String activity,
        String sector,
        Double value,
        String unit,
        String source,
        Integer validFrom,
        Integer validTo,
        boolean example) {

    public boolean appliesIn(int year) {
        return validFrom != null && validFrom <= year && (validTo == null || year <= validTo);
    }

    /** The parsed unit; only call on a validated library. */
    public FactorUnit parsedUnit() {
        return FactorUnit.parse(unit).orElseThrow(() -> new IllegalStateException("invalid factor unit " + unit));
    }
}
