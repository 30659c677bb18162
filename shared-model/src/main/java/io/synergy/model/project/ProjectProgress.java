package io.synergy.model.project;

import io.synergy.model.event.ProjectEvent;
import io.synergy.model.orgunit.OrgUnit;
import io.synergy.model.orgunit.OrgUnits;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;

/**
 * The progress of the key projects of an org unit at the end of a year (重点工程进展), for the city or a district, by
 * clause and by district. A project counts with its status on 31 December of the year (from its status history; a
 * project with no status by then is not counted); its planned reductions count unless it is cancelled by then; its
 * verified reductions are delivered when it is completed by then ({@link ProjectEvent#delivered}, the plan's E5).
 *
 * @param period     the year
 * @param orgUnit    the city, a district, a park or an enterprise: the projects of it and of every unit below it
 * @param asOf       the day the statuses are taken on, 31 December of the year
 * @param total      every project counted
 * @param byClause   every clause of the catalogue that has project types, in the plan's order
 * @param byDistrict every district of the org unit, in code order
 */
public record ProjectProgress(
        int period,
        String orgUnit,
        LocalDate asOf,
        ProgressRow total,
        List<ProgressRow> byClause,
        List<ProgressRow> byDistrict) {

    public static final String TOTAL = "total";
    public static final String CLAUSE = "clause";
    public static final String DISTRICT = "district";

    /**
     * One group of projects.
     *
     * @param dimension           {@code total}, {@code clause} or {@code district}
     * @param key                 the clause's number or the district's code ({@code 370200} for the total)
     * @param label               the clause as the plan writes it (（三）), the district's code
     * @param projects            projects counted (with a status at the end of the year)
     * @param byStatus            how many of them are in each status
     * @param completedUnverified completed projects without a verified reduction (their delivery is not counted yet)
     * @param reductions          planned and delivered reductions of every substance, t/a
     */
    public record ProgressRow(
            String dimension,
            String key,
            String label,
            String zh,
            String en,
            int projects,
            StatusCounts byStatus,
            int completedUnverified,
            List<ReductionSums> reductions) {

        /** The sums of a substance. */
        public ReductionSums of(Substance s) {
            return reductions.stream()
                    .filter(r -> r.substance() == s)
                    .findFirst()
                    .orElseThrow();
        }
    }

    /** Projects in each status. */
    public record StatusCounts(int planned, int underConstruction, int completed, int cancelled) {}

    /**
     * The reductions of one substance, t/a.
     *
     * @param planned   the planned reductions of the projects not cancelled
     * @param delivered the verified reductions of the projects completed by the end of the year
     */
    public record ReductionSums(Substance substance, BigDecimal planned, BigDecimal delivered) {}

    /**
     * The progress of these projects (those of {@code scope}) at the end of {@code year}: the registry's
     * {@code GET /api/v1/projects/progress} and the aggregation's assessment report both give this.
     */
    public static ProjectProgress of(
            int year, OrgUnit scope, List<ProjectEvent> projects, OrgUnits units, ProjectCatalogue catalogue) {
        Tally total = new Tally();
        Map<Integer, Tally> byClause = new LinkedHashMap<>();
        catalogue.clauses().stream()
                .filter(c -> catalogue.types().stream().anyMatch(t -> t.clause() == c.number()))
                .forEach(c -> byClause.put(c.number(), new Tally()));
        Map<String, Tally> byDistrict = new LinkedHashMap<>();
        Set<String> within = units.within(scope.code());
        units.districts().stream()
                .filter(d -> within.contains(d.code())
                        || units.districtOf(scope.code())
                                .map(x -> x.code().equals(d.code()))
                                .orElse(false))
                .forEach(d -> byDistrict.put(d.code(), new Tally()));
        for (ProjectEvent p : projects) {
            ProjectStatus status = p.statusAtEndOf(year).orElse(null);
            if (status == null) {
                continue;
            }
            total.add(p, status, year);
            byClause.computeIfAbsent(p.clause(), k -> new Tally()).add(p, status, year);
            units.districtOf(p.orgUnit()).map(d -> byDistrict.get(d.code())).ifPresent(t -> t.add(p, status, year));
        }
        List<ProgressRow> clauses = new ArrayList<>();
        byClause.forEach((n, t) -> {
            ProjectCatalogue.Clause c = catalogue.clause(n).orElse(null);
            clauses.add(t.row(
                    CLAUSE,
                    Integer.toString(n),
                    ProjectCatalogue.label(n),
                    c == null ? "" : c.zh(),
                    c == null ? "" : c.en()));
        });
        List<ProgressRow> districts = new ArrayList<>();
        byDistrict.forEach((code, t) -> {
            OrgUnit d = units.find(code).orElseThrow();
            districts.add(t.row(DISTRICT, code, code, d.zh(), d.en()));
        });
        return new ProjectProgress(
                year,
                scope.code(),
                LocalDate.of(year, 12, 31),
                total.row(TOTAL, scope.code(), scope.code(), scope.zh(), scope.en()),
                clauses,
                districts);
    }

    /** A number as it was given: {@code 98.25}, not a column's {@code 98.250000}; {@code 100}, not {@code 1E+2}. */
    public static BigDecimal plain(BigDecimal v) {
        if (v == null) {
            return null;
        }
        BigDecimal s = v.stripTrailingZeros();
        return s.scale() < 0 ? s.setScale(0) : s;
    }

    /** The counts and sums of a group as projects are added. */
    private static final class Tally {

        private final Map<ProjectStatus, Integer> counts = new EnumMap<>(ProjectStatus.class);
        private final Map<Substance, BigDecimal> planned = new EnumMap<>(Substance.class);
        private final Map<Substance, BigDecimal> delivered = new EnumMap<>(Substance.class);
        private int projects;
        private int completedUnverified;

        void add(ProjectEvent p, ProjectStatus status, int year) {
            projects++;
            counts.merge(status, 1, Integer::sum);
            if (status == ProjectStatus.COMPLETED && p.reductions().stream().allMatch(r -> r.verified() == null)) {
                completedUnverified++;
            }
            for (ProjectEvent.Reduction r : p.reductions()) {
                if (status != ProjectStatus.CANCELLED && r.planned() != null) {
                    planned.merge(r.substance(), r.planned(), BigDecimal::add);
                }
                BigDecimal d = p.delivered(r.substance(), year);
                if (d != null) {
                    delivered.merge(r.substance(), d, BigDecimal::add);
                }
            }
        }

        ProgressRow row(String dimension, String key, String label, String zh, String en) {
            Function<ProjectStatus, Integer> n = s -> counts.getOrDefault(s, 0);
            StatusCounts byStatus = new StatusCounts(
                    n.apply(ProjectStatus.PLANNED),
                    n.apply(ProjectStatus.UNDER_CONSTRUCTION),
                    n.apply(ProjectStatus.COMPLETED),
                    n.apply(ProjectStatus.CANCELLED));
            return new ProgressRow(
                    dimension,
                    key,
                    label,
                    zh,
                    en,
                    projects,
                    byStatus,
                    completedUnverified,
                    Arrays.stream(Substance.values())
                            .map(s -> new ReductionSums(
                                    s,
                                    plain(planned.getOrDefault(s, BigDecimal.ZERO)),
                                    plain(delivered.getOrDefault(s, BigDecimal.ZERO))))
                            .toList());
        }
    }
}
