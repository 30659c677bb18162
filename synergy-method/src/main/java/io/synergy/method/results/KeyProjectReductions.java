package io.synergy.method.results;

import io.synergy.model.event.ProjectEvent;
import io.synergy.model.orgunit.OrgUnits;
import io.synergy.model.project.Substance;
import java.math.BigDecimal;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The plan's E5 (主要污染物重点工程减排量) from the key projects (重点工程) as the registry publishes them on
 * {@code projects.v1}: for a unit and year, the sum of the verified annual reductions of the projects of the unit and of
 * every unit below it ({@link OrgUnits#within}) that are completed by the end of the year ({@link ProjectEvent#delivered}).
 * The indicator {@code E5-<SUBSTANCE>} is E5 of that main pollutant (E5-NOX, E5-VOCS; E5-COD and E5-NH3N where the
 * catalogue has them). Beside it the catalogue's formula gives the emission-difference proxy (base-year minus current
 * emissions); which of the two is the official E5 — the one attainment is judged by — is {@link #basis()}.
 *
 * @param basis    the official E5
 * @param projects the latest version of every project
 */
public record KeyProjectReductions(E5Basis basis, List<ProjectEvent> projects) {

    /** Which figure is the official E5. */
    public enum E5Basis {
        /** The verified reductions of the key projects completed by the year: the plan's definition. */
        PROJECTS,
        /** Base-year minus current emissions of the pollutant (the catalogue's formula): a proxy. */
        EMISSION_DIFFERENCE
    }

    /** No project known, the proxy official: what a computation without projects.v1 judges by. */
    public static final KeyProjectReductions NONE = new KeyProjectReductions(E5Basis.EMISSION_DIFFERENCE, List.of());

    private static final String PREFIX = "E5-";

    public KeyProjectReductions {
        projects = List.copyOf(projects);
    }

    /** The main pollutant of an E5 indicator (E5-NOX → NOX), empty for any other indicator. */
    public static Optional<Substance> e5Substance(String indicator) {
        if (indicator == null || !indicator.startsWith(PREFIX)) {
            return Optional.empty();
        }
        return Substance.find(indicator.substring(PREFIX.length())).filter(Substance::mainPollutant);
    }

    /**
     * E5 of a substance for the unit at the end of the year, t: the verified reductions delivered by its projects and
     * those of the units below it; {@code null} when none of those projects records a reduction of the substance (no
     * figure, rather than a zero that would judge the unit on projects it does not have).
     */
    public Double delivered(OrgUnits units, String unit, Substance substance, int year) {
        return delivered(projects.isEmpty() ? Set.of() : units.within(unit), substance, year);
    }

    /** {@link #delivered} of the projects of the units {@code within}. */
    private Double delivered(Set<String> within, Substance substance, int year) {
        BigDecimal sum = BigDecimal.ZERO;
        boolean any = false;
        for (ProjectEvent p : projects) {
            if (!within.contains(p.orgUnit()) || p.reduction(substance).isEmpty()) {
                continue;
            }
            any = true;
            BigDecimal d = p.delivered(substance, year);
            if (d != null) {
                sum = sum.add(d);
            }
        }
        return any ? sum.doubleValue() : null;
    }

    /** {@link #delivered} for each of the years that has a figure. */
    public SortedMap<Integer, Double> series(
            OrgUnits units, String unit, Substance substance, Collection<Integer> years) {
        SortedMap<Integer, Double> series = new TreeMap<>();
        // the units below once for every year (at city scale the city's are 5,000 codes), and none without projects
        Set<String> within = projects.isEmpty() ? Set.of() : units.within(unit);
        for (int y : years) {
            Double v = delivered(within, substance, y);
            if (v != null) {
                series.put(y, v);
            }
        }
        return series;
    }

    /**
     * The earliest year whose E5 of any unit differs between two versions of a project ({@code null}: it was not known;
     * {@code null} result: no year differs) — the years from it on are to be recomputed. Only completed projects with a
     * verified reduction of a main pollutant deliver anything, so a change of anything else changes no year.
     */
    public static Integer firstChangedYear(ProjectEvent before, ProjectEvent after, int firstYear, int lastYear) {
        for (int y = firstYear; y <= lastYear; y++) {
            for (Substance s : Substance.values()) {
                if (!s.mainPollutant()) {
                    continue;
                }
                BigDecimal was = before == null ? null : before.delivered(s, y);
                BigDecimal is = after.delivered(s, y);
                boolean sameUnit = before != null && before.orgUnit().equals(after.orgUnit());
                if (!same(was, is) || (!sameUnit && (was != null || is != null))) {
                    return y;
                }
            }
        }
        return null;
    }

    private static boolean same(BigDecimal a, BigDecimal b) {
        return a == null ? b == null : b != null && a.compareTo(b) == 0;
    }
}
