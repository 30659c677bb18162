package io.synergy.sector.compute;

import io.synergy.model.catalogue.Aggregation;
import io.synergy.model.period.Period;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

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
        inside.sort(Comparator.comparing((PeriodValue v) -> -v.period().type().months())
                .thenComparing(PeriodValue::period));
        Set<YearMonth> covered = new HashSet<>();
        List<PeriodValue> chosen = new ArrayList<>();
        for (PeriodValue v : inside) {
            List<YearMonth> months = months(v.period());
            if (months.stream().noneMatch(covered::contains)) {
                covered.addAll(months);
                chosen.add(v);
            }
        }
        double value;
        if (aggregation == Aggregation.LAST) {
            value = chosen.stream()
                    .max(Comparator.comparing(v -> v.period().lastMonth()))
                    .orElseThrow()
                    .value();
        } else {
            value = chosen.stream().mapToDouble(PeriodValue::value).sum();
        }
        chosen.sort(Comparator.comparing(PeriodValue::period));
        return new Total(value, covered.size() == months(target).size(), List.copyOf(chosen));
    }

    private static List<YearMonth> months(Period p) {
        List<YearMonth> m = new ArrayList<>();
        for (YearMonth ym = p.firstMonth(); !ym.isAfter(p.lastMonth()); ym = ym.plusMonths(1)) {
            m.add(ym);
        }
        return m;
    }
}
