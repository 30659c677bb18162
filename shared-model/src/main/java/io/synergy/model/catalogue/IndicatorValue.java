package io.synergy.model.catalogue;

/**
 * An indicator's value with the numerator and denominator it came from (for a SUM, numerator = value and no
 * denominator). Units roll up from these, never from the value: the city's share is Σ numerators ÷ Σ denominators.
 */
public record IndicatorValue(Double value, Double numerator, Double denominator) {

    public static final IndicatorValue NONE = new IndicatorValue(null, null, null);

    public static IndicatorValue ratio(double numerator, double denominator, double scale) {
        return new IndicatorValue(denominator == 0 ? null : scale * numerator / denominator, numerator, denominator);
    }

    public static IndicatorValue total(double value) {
        return new IndicatorValue(value, value, null);
    }

    public boolean present() {
        return value != null;
    }
}
