package io.synergy.model.catalogue;

import java.util.Map;
import java.util.Optional;

/**
 * A raw quantity a sector system reports per district and period (the DHIS2 "data element").
 *
 * @param code        public code, e.g. {@code energy.primary.total}
 * @param sector      the sector whose service accepts it
 * @param zh          Chinese name
 * @param en          English name
 * @param unit        canonical unit; values are stored in it
 * @param units       other accepted units and the factor that converts them to the canonical unit
 * @param aggregation how finer periods roll up to the year
 * @param nonNegative whether a negative value is an error (true for every quantity of this plan)
 */
public record DataElement(
        String code,
        Sector sector,
        String zh,
        String en,
        String unit,
        Map<String, Double> units,
        Aggregation aggregation,
        boolean nonNegative) {

    public DataElement {
        units = units == null ? Map.of() : Map.copyOf(units);
        aggregation = aggregation == null ? Aggregation.SUM : aggregation;
    }

    /** The factor to the canonical unit; empty when the unit is not accepted. A missing unit means the canonical one. */
    public Optional<Double> factorFor(String reportedUnit) {
        if (reportedUnit == null || reportedUnit.isBlank() || reportedUnit.equals(unit)) {
            return Optional.of(1.0);
        }
        return Optional.ofNullable(units.get(reportedUnit));
    }
}
