package io.synergy.method.results;

import io.synergy.model.catalogue.Indicator;
import io.synergy.model.orgunit.OrgUnit;
import io.synergy.model.orgunit.OrgUnits;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * Which years are settled, and the evaluation window that follows from it (docs/method.md §3):
 * <ul>
 *   <li>a year is <b>complete</b> when every indicator of the synergy set is complete for the city, each in its scope
 *       (T1 over the central urban area); once recorded complete it stays so;</li>
 *   <li>a year is <b>closed</b> when an operator closed it with what it has;</li>
 *   <li>any other year is <b>provisional</b>.</li>
 * </ul>
 * The window of a year is the settled years from the base year up to it, and the year itself: a settled year's figures
 * never move because a later year has begun, and a provisional year is scored against the settled years before it.
 * Pure: the durable states come in as {@code recorded}.
 */
public final class YearStates {

    private final int baseYear;
    private final SortedMap<Integer, YearAssessment> years;
    private final SortedSet<Integer> settled = new TreeSet<>();

    private YearStates(int baseYear, SortedMap<Integer, YearAssessment> years) {
        this.baseYear = baseYear;
        this.years = Collections.unmodifiableSortedMap(years);
        years.forEach((y, a) -> {
            if (a.state().settled()) {
                settled.add(y);
            }
        });
    }

    /**
     * Every year from the base year to the last with data, and every recorded year.
     *
     * @param recorded the stored states by year: a settled one (COMPLETE, CLOSED) stays, any other year is judged on its data
     */
    public static YearStates assess(
            IndicatorTable table, List<Indicator> synergySet, OrgUnits units, Map<Integer, YearState> recorded) {
        SortedSet<Integer> years = new TreeSet<>(recorded.keySet());
        years.addAll(table.years());
        years.removeIf(y -> y < table.baseYear());
        SortedMap<Integer, YearAssessment> out = new TreeMap<>();
        for (int y : years) {
            out.put(y, assess(table, synergySet, units, y, recorded.get(y)));
        }
        return new YearStates(table.baseYear(), out);
    }

    /** One year: its counts, what is missing, what a window containing it will leave out, and its state. */
    public static YearAssessment assess(
            IndicatorTable table, List<Indicator> synergySet, OrgUnits units, int year, YearState recorded) {
        OrgUnit city = units.city();
        List<YearAssessment.Missing> missing = new ArrayList<>();
        List<String> excluded = new ArrayList<>();
        List<OrgUnit> districts = units.districts();
        boolean[] districtOut = new boolean[districts.size()];
        int in = 0;
        for (Indicator i : synergySet) {
            String scope = table.scopeOf(city.code(), i);
            Figure f = table.get(scope, i.id(), year);
            if (f.complete()) {
                in++;
            } else {
                missing.add(new YearAssessment.Missing(i.id(), f.missing()));
            }
            if (!f.present()) {
                excluded.add(i.id());
            }
            // a district is out when its own figure of an indicator it contributes to (in the city's scope) is not
            // complete
            List<String> contributing =
                    units.find(scope).map(OrgUnit::districtsToSum).orElse(List.of());
            for (int k = 0; k < districts.size(); k++) {
                String d = districts.get(k).code();
                if (!districtOut[k]
                        && contributing.contains(d)
                        && !table.get(d, i.id(), year).complete()) {
                    districtOut[k] = true;
                }
            }
        }
        int districtsIn = 0;
        for (boolean out : districtOut) {
            districtsIn += out ? 0 : 1;
        }
        YearState state = recorded != null && recorded.settled()
                ? recorded
                : in == synergySet.size() ? YearState.COMPLETE : YearState.PROVISIONAL;
        return new YearAssessment(
                year, new YearCoverage(state, in, synergySet.size(), districtsIn, districts.size()), missing, excluded);
    }

    /**
     * The window rule: the settled years from the base year up to {@code year}, then {@code year} itself (settled or
     * not), ascending. Empty before the base year.
     */
    public static List<Integer> window(int baseYear, int year, Collection<Integer> settled) {
        if (year < baseYear) {
            return List.of();
        }
        List<Integer> window = new ArrayList<>(new TreeSet<>(settled).subSet(baseYear, year));
        window.add(year);
        return List.copyOf(window);
    }

    /** The window of {@code year} from stored states: the settled years up to it, and the year. */
    public static List<Integer> window(int baseYear, int year, Map<Integer, YearState> states) {
        return window(
                baseYear,
                year,
                states.entrySet().stream()
                        .filter(e -> e.getValue().settled())
                        .map(Map.Entry::getKey)
                        .toList());
    }

    /**
     * Whether {@code year} is provisional by the stored states: from the base year on, any year not settled — also one
     * not assessed yet. A year before the base year is in no evaluation, so neither.
     */
    public static boolean provisional(int baseYear, int year, Map<Integer, YearState> states) {
        return year >= baseYear
                && !states.getOrDefault(year, YearState.PROVISIONAL).settled();
    }

    public List<Integer> window(int year) {
        return window(baseYear, year, settled);
    }

    /** The year's counts and state (every year from the base year with data is assessed). */
    public YearCoverage coverage(int year) {
        return get(year)
                .map(YearAssessment::coverage)
                .orElseThrow(() -> new IllegalArgumentException(year + " was not assessed"));
    }

    public Optional<YearAssessment> get(int year) {
        return Optional.ofNullable(years.get(year));
    }

    /** Every assessed year, ascending. */
    public Collection<YearAssessment> all() {
        return years.values();
    }

    public SortedSet<Integer> settled() {
        return Collections.unmodifiableSortedSet(settled);
    }

    public Optional<Integer> latestSettled() {
        return settled.isEmpty() ? Optional.empty() : Optional.of(settled.last());
    }
}
