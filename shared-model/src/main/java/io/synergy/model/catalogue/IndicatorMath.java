package io.synergy.model.catalogue;

import java.util.Collection;
import java.util.function.Function;

/**
 * The arithmetic of RATIO and SUM indicators, shared by the sector services (one district from its data elements)
 * and the aggregation (the city and groups from the districts).
 */
public final class IndicatorMath {

    private IndicatorMath() {}

    /**
     * Evaluates a RATIO or SUM indicator from annual data-element totals.
     *
     * @param totals a data element's total for the unit and year, or {@code null} when it was not reported
     */
    public static IndicatorValue evaluate(Indicator indicator, Function<String, Double> totals) {
        Formula f = indicator.formula();
        return switch (f.type()) {
            case RATIO -> {
                Double n = totals.apply(f.numerator());
                Double d = totals.apply(f.denominator());
                yield n == null || d == null ? IndicatorValue.NONE : IndicatorValue.ratio(n, d, f.scale());
            }
            case SUM -> {
                double sum = 0;
                boolean any = false;
                for (String code : f.of()) {
                    Double v = totals.apply(code);
                    if (v != null) {
                        sum += v;
                        any = true;
                    }
                }
                yield any ? IndicatorValue.total(sum) : IndicatorValue.NONE;
            }
            default -> throw new IllegalArgumentException(indicator.id() + " is not a RATIO or SUM indicator");
        };
    }

    /**
     * Rolls district values up to a larger unit: a RATIO sums the numerators and denominators of the districts that
     * have both (a district missing one side would bias the share), a SUM sums the values present.
     */
    public static IndicatorValue rollUp(Indicator indicator, Collection<IndicatorValue> parts) {
        Formula f = indicator.formula();
        if (f.type() == FormulaType.RATIO) {
            double n = 0;
            double d = 0;
            boolean any = false;
            for (IndicatorValue p : parts) {
                if (p.numerator() != null && p.denominator() != null) {
                    n += p.numerator();
                    d += p.denominator();
                    any = true;
                }
            }
            return any ? IndicatorValue.ratio(n, d, f.scale()) : IndicatorValue.NONE;
        }
        double sum = 0;
        boolean any = false;
        for (IndicatorValue p : parts) {
            if (p.numerator() != null) {
                sum += p.numerator();
                any = true;
            }
        }
        return any ? IndicatorValue.total(sum) : IndicatorValue.NONE;
    }
}
