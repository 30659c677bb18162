package io.synergy.method.inventory;

/** Whether the inventory could calculate an emission, and if not, why — never a silent zero. */
public enum CalculationStatus {
    /** Calculated from the reported activity data and the factor library. */
    COMPUTED,
    /** The sector has activities that emit the gas, but none was reported for this org unit and year. */
    NO_ACTIVITY_DATA,
    /** An activity was reported but the factor version has no factor (or no net calorific value) for it in that year. */
    MISSING_FACTOR,
    /** No activity of the catalogue emits this gas in this sector (e.g. NH3, agricultural CH4): only the reported figure. */
    NOT_MODELLED
}
