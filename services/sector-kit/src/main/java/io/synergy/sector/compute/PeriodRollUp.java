package io.synergy.sector.compute;

import io.synergy.model.catalogue.Aggregation;
import io.synergy.model.period.Period;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;

/**
 * Rolls a data element's values up to a longer period: the value reported for the period itself if there is one,
 * otherwise the largest sub-periods that do not overlap (quarters before months), combined by the element's
 * aggregation type — SUM for flows, LAST for levels. A year assembled from fewer than its twelve months is marked
 * incomplete, so nobody mistakes January–July for a year.
 */
public final class PeriodRollUp {

    /**
     * A stored value of one data element.
     *
     * @param reportId the report the value came from ({@code null} where it does not matter)
     */
    public record PeriodValue(Period period, double value, String reportId) {

        public PeriodValue(Period period, double value) {
            this(period, value, null);
        }
    }

    /**
     * The rolled-up value and whether the sub-periods cover the whole target period.
     *
     * @param parts the values it was made of (what a refused report is told it collided with)
     */
    public record Total(double value, boolean complete, List<PeriodValue> parts) {

        /** The reports the parts came from, in period order, each once. */
        public List<String> reportIds() {
            return parts.stream()
                    .map(PeriodValue::reportId)
                    .filter(Objects::nonNull)
                    .distinct()
                    .toList();
        }
    }

    private static final Comparator<PeriodValue> LONGEST_FIRST = Comparator.comparingInt(
                    (PeriodValue v) -> -v.period().type().months())
            .thenComparing(PeriodValue::period);
    private static final Comparator<PeriodValue> BY_PERIOD = Comparator.comparing(PeriodValue::period);

    private PeriodRollUp() {}

    /** @return {@code null} when no value lies within {@code target} */
    public static Total rollUp(Period target, Aggregation aggregation, List<PeriodValue> values) {
        List<PeriodValue> inside = new ArrayList<>();
        for (PeriodValue v : values) {
            if (v.period().equals(target)) {
                return new Total(v.value(), true, List.of(v));
            }
            if (target.contains(v.period())) {
                inside.add(v);
            }
        }
        if (inside.isEmpty()) {
            return null;
        }
        // longest periods first, so a quarter wins over the months inside it
        inside.sort(LONGEST_FIRST);
        // the target's months covered so far, one bit each (a target is at most a year: 12 bits)
        int first = target.firstMonthOrdinal();
        long covered = 0;
        List<PeriodValue> chosen = new ArrayList<>();
        for (PeriodValue v : inside) {
            long months = months(v.period(), first);
            if ((covered & months) == 0) {
                covered |= months;
                chosen.add(v);
            }
        }
        double value;
        if (aggregation == Aggregation.LAST) {
            PeriodValue latest = chosen.get(0);
            for (PeriodValue v : chosen) {
                if (v.period().lastMonthOrdinal() > latest.period().lastMonthOrdinal()) {
                    latest = v;
                }
            }
            value = latest.value();
        } else {
            value = 0;
            for (PeriodValue v : chosen) {
                value += v.value();
            }
        }
        chosen.sort(BY_PERIOD);
        return new Total(value, covered == months(target, first), List.copyOf(chosen));
    }

    /** The months of {@code p} as bits counted from the month {@code first} (p lies within the target that starts there). */
    private static long months(Period p, int first) {
        return ((1L << p.type().months()) - 1) << (p.firstMonthOrdinal() - first);
    }
}
