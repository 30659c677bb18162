package io.synergy.results.view;

import io.synergy.method.results.YearCoverage;
import io.synergy.method.results.YearState;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The years the city has results for, each with its state — the dashboard's year selector. The dashboard opens on
 * {@code defaultYear}, the latest complete or closed year: never on a year that has just begun (docs/method.md §3).
 *
 * @param years       ascending (the selector's options)
 * @param defaultYear the latest complete or closed year with results; the latest year when none is settled yet; {@code null} without any
 */
public record ResultYears(String orgUnit, List<Integer> years, Integer defaultYear, List<Year> states) {

    /** A year with results; {@code coverage} is null until its first assessment (the recompute after an upgrade). */
    public record Year(int year, YearState state, boolean provisional, YearCoverage coverage) {}

    /**
     * @param years    the years with a result of {@code orgUnit}, ascending
     * @param coverage each assessed year's coverage; a year without one counts as provisional
     */
    public static ResultYears of(String orgUnit, List<Integer> years, Map<Integer, YearCoverage> coverage) {
        List<Year> states = new ArrayList<>();
        Integer latestSettled = null;
        for (int year : years) {
            YearCoverage v = coverage.get(year);
            YearState state = v == null ? YearState.PROVISIONAL : v.state();
            states.add(new Year(year, state, !state.settled(), v));
            latestSettled = state.settled() ? Integer.valueOf(year) : latestSettled;
        }
        Integer defaultYear =
                latestSettled != null ? latestSettled : years.isEmpty() ? null : years.get(years.size() - 1);
        return new ResultYears(orgUnit, List.copyOf(years), defaultYear, states);
    }
}
