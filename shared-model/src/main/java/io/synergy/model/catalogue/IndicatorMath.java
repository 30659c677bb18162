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
        RollUp r = new RollUp();
        for (IndicatorValue p : parts) {
            r.add(p.numerator(), p.denominator());
        }
        return r.value(indicator);
    }

    /**
     * {@link #rollUp(Indicator, Collection)} one part at a time, without an object per part: a district's figure adds up
     * its 500 enterprises' at city scale (issue 19). The parts are added in the order given, as the collection's are.
     */
    public static final class RollUp {
        private double ratioNumerators;
        private double ratioDenominators;
        private boolean anyRatio;
        private double total;
        private boolean anyTotal;

        /** A part's numerator and denominator; NaN for one it does not have. */
        public void add(double numerator, double denominator) {
            if (!Double.isNaN(numerator) && !Double.isNaN(denominator)) {
                ratioNumerators += numerator;
                ratioDenominators += denominator;
                anyRatio = true;
            }
            if (!Double.isNaN(numerator)) {
                total += numerator;
                anyTotal = true;
            }
        }

        void add(Double numerator, Double denominator) {
            add(numerator == null ? Double.NaN : numerator, denominator == null ? Double.NaN : denominator);
        }

        /** The rolled-up value of the parts added so far. */
        public IndicatorValue value(Indicator indicator) {
            Formula f = indicator.formula();
            if (f.type() == FormulaType.RATIO) {
                return anyRatio
                        ? IndicatorValue.ratio(ratioNumerators, ratioDenominators, f.scale())
                        : IndicatorValue.NONE;
            }
            return anyTotal ? IndicatorValue.total(total) : IndicatorValue.NONE;
        }
    }
}
