package io.synergy.method.results;

import io.synergy.method.attainment.Attainment;
import io.synergy.method.attainment.AttainmentCalculator;
import io.synergy.method.attainment.AttainmentInput;
import io.synergy.method.attainment.Target;
import io.synergy.method.synergy.Coupling;
import io.synergy.method.synergy.Grade;
import io.synergy.method.synergy.IndicatorSeries;
import io.synergy.method.synergy.Normalisation;
import io.synergy.method.synergy.SampleScore;
import io.synergy.method.synergy.SubsystemWeights;
import io.synergy.method.synergy.SynergyCalculator;
import io.synergy.method.synergy.SynergyEvaluation;
import io.synergy.method.synergy.SynergyOptions;
import io.synergy.model.catalogue.Catalogue;
import io.synergy.model.catalogue.Indicator;
import io.synergy.model.catalogue.Subsystem;
import io.synergy.model.orgunit.OrgUnit;
import io.synergy.model.orgunit.OrgUnitLevel;
import io.synergy.model.orgunit.OrgUnits;
import io.synergy.model.target.AppliedTarget;
import io.synergy.model.target.ProvincialTarget;
import io.synergy.model.target.TargetRules;
import io.synergy.model.target.TargetSource;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The computation core of the aggregation service: from district facts to the {@link UnitYearResult} of every org unit
 * and year — attainment, the synergy degree (both normalisations, both couplings; the unit's own series and the
 * district panel) and the co-reduction effects. Pure Java; the service around it only feeds it and stores and
 * publishes what it returns.
 */
public final class ResultCalculator {

    public static final String SERIES = "series";
    public static final String PANEL = "panel";

    private final Catalogue catalogue;
    private final OrgUnits orgUnits;
    private final MethodSettings settings;
    private final List<Indicator> synergySet;
    private final TargetRules targets;
    private final TargetAllocations allocations;
    private final KeyProjectReductions projects;

    /** A calculator that judges every unit by the plan's targets and their defaults, nothing allocated. */
    public ResultCalculator(Catalogue catalogue, OrgUnits orgUnits, MethodSettings settings) {
        this(catalogue, orgUnits, settings, TargetAllocations.NONE);
    }

    /**
     * @param allocations the targets allocated to units (targets.v1); the plan's targets and the catalogue's defaults
     *                    apply where none is ({@link TargetRules})
     * @throws IllegalArgumentException when a configured target override is not a provincial target of the catalogue
     */
    public ResultCalculator(
            Catalogue catalogue, OrgUnits orgUnits, MethodSettings settings, TargetAllocations allocations) {
        this(catalogue, orgUnits, settings, allocations, KeyProjectReductions.NONE);
    }

    /**
     * @param projects the key projects (projects.v1) and which E5 is official: E5 rows are judged by the verified
     *                 reductions of completed projects, or by the emission-difference proxy, and show both
     */
    public ResultCalculator(
            Catalogue catalogue,
            OrgUnits orgUnits,
            MethodSettings settings,
            TargetAllocations allocations,
            KeyProjectReductions projects) {
        this.catalogue = catalogue;
        this.orgUnits = orgUnits;
        this.settings = settings;
        this.allocations = allocations;
        this.projects = projects;
        this.targets = new TargetRules(catalogue, orgUnits, provincial(catalogue, settings));
        List<Indicator> set = new ArrayList<>();
        for (String id : settings.pollutionIndicators()) {
            set.add(requireSubsystem(id, Subsystem.POLLUTION));
        }
        for (String id : settings.carbonIndicators()) {
            set.add(requireSubsystem(id, Subsystem.CARBON));
        }
        this.synergySet = List.copyOf(set);
    }

    private Indicator requireSubsystem(String id, Subsystem subsystem) {
        Indicator i = catalogue
                .indicator(id)
                .orElseThrow(
                        () -> new IllegalArgumentException("synergy indicator " + id + " is not in the catalogue"));
        if (i.subsystem() != subsystem) {
            throw new IllegalArgumentException(
                    "synergy indicator " + id + " belongs to " + i.subsystem() + ", not " + subsystem);
        }
        return i;
    }

    public List<Indicator> synergySet() {
        return synergySet;
    }

    /** Results of every org unit for every year from the base year to the last year with data, the years judged on the data alone. */
    public List<UnitYearResult> compute(IndicatorTable table) {
        return compute(table, Map.of());
    }

    /** As {@link #compute(IndicatorTable)}, with the durable states of the years recorded complete or closed. */
    public List<UnitYearResult> compute(IndicatorTable table, Map<Integer, YearState> recorded) {
        return compute(table, settings.baseYear(), yearStates(table, recorded));
    }

    /** Every year's state: the durable ones, and complete or provisional from the data for the others. */
    public YearStates yearStates(IndicatorTable table, Map<Integer, YearState> recorded) {
        return YearStates.assess(table, synergySet, orgUnits, recorded);
    }

    /**
     * Results of every org unit for the years from {@code fromYear} on. A year's result depends only on the data and
     * the states of its own and earlier years (its window holds the settled years before it), so when the earliest
     * changed year is known, the years before it need no recomputing. A change in the base year itself changes every year.
     */
    public List<UnitYearResult> compute(IndicatorTable table, int fromYear, YearStates states) {
        List<UnitYearResult> out = new ArrayList<>();
        for (int year : years(table, fromYear)) {
            out.addAll(computeYear(table, year, states));
        }
        return out;
    }

    /** The years {@link #compute(IndicatorTable, int, YearStates)} covers: from {@code fromYear} (not before the base year) to the last with data. */
    public List<Integer> years(IndicatorTable table, int fromYear) {
        int first = Math.max(fromYear, settings.baseYear());
        return table.years().stream().filter(y -> y >= first).toList();
    }

    /** The results of every org unit for one year — a caller that stores them year by year holds one year in memory, not all. */
    public List<UnitYearResult> computeYear(IndicatorTable table, int year, YearStates states) {
        return computeYear(table, year, states, null);
    }

    /**
     * The results of the named org units for one year ({@code null}: every unit) — what a change of one unit's targets
     * needs: a target changes that unit's attainment, and nothing of any other unit (the synergy anchors are the plan's).
     */
    public List<UnitYearResult> computeYear(IndicatorTable table, int year, YearStates states, Set<String> only) {
        List<Integer> window = states.window(year);
        YearCoverage coverage = states.coverage(year);
        Map<String, Map<String, UnitYearResult.SynergyResult>> panel =
                only != null && only.stream().noneMatch(this::isDistrict) ? Map.of() : panel(table, window);
        List<UnitYearResult> out = new ArrayList<>();
        for (OrgUnit unit : orgUnits.all()) {
            if (only == null || only.contains(unit.code())) {
                out.add(compute(table, unit, year, window, coverage, panel.getOrDefault(unit.code(), Map.of())));
            }
        }
        return out;
    }

    /**
     * The units whose results a change of the facts of {@code factUnits} can change, in the years from the change on:
     * the units whose figures include those facts ({@link IndicatorTable#reflecting}: each unit, its park, district, the
     * groups and the city) and every district — the district panel normalises over all the districts' figures and the
     * city's base year, so one district's change moves every district's panel result. Every other unit's result is
     * computed from figures none of those facts is part of (its own, its own enterprises'), with the same windows as long
     * as the years' states do not move (a caller computes every unit from a year whose state moved). After one
     * enterprise's report that is a dozen units of 5,061, not every unit.
     */
    public Set<String> affectedBy(Collection<String> factUnits) {
        Set<String> out = IndicatorTable.reflecting(orgUnits, factUnits);
        orgUnits.districts().forEach(d -> out.add(d.code()));
        return out;
    }

    private boolean isDistrict(String code) {
        return orgUnits.find(code).map(u -> u.level() == OrgUnitLevel.DISTRICT).orElse(false);
    }

    private UnitYearResult compute(
            IndicatorTable table,
            OrgUnit unit,
            int year,
            List<Integer> window,
            YearCoverage coverage,
            Map<String, UnitYearResult.SynergyResult> panel) {
        List<UnitYearResult.IndicatorFigure> figures = new ArrayList<>();
        Set<String> incomplete = new LinkedHashSet<>();
        Set<String> relevant = new LinkedHashSet<>();
        synergySet.forEach(i -> relevant.add(i.id()));
        catalogue.targeted().forEach(i -> relevant.add(i.id()));
        for (Indicator i : catalogue.indicators()) {
            String from = table.scopeOf(unit.code(), i);
            Figure f = table.get(from, i.id(), year);
            figures.add(new UnitYearResult.IndicatorFigure(
                    i.id(),
                    i.zh(),
                    i.en(),
                    i.unit(),
                    i.subsystem() == null ? null : i.subsystem().name(),
                    f.value(),
                    f.numerator(),
                    f.denominator(),
                    f.complete(),
                    f.missing(),
                    from.equals(unit.code()) ? null : from));
            if (relevant.contains(i.id()) && !f.complete()) {
                incomplete.add(i.id() + (f.missing().isEmpty() ? "" : ": " + String.join(", ", f.missing())));
            }
        }

        List<Attainment> attainments = new ArrayList<>();
        List<UnitYearResult.AttainmentRow> rows = new ArrayList<>();
        for (Indicator i : catalogue.targeted()) {
            String from = table.scopeOf(unit.code(), i);
            SortedMap<Integer, Double> series = table.series(unit.code(), i);
            boolean complete = table.get(from, i.id(), year).complete();
            E5 e5 = e5(table, unit, i, year, series);
            if (e5 != null && e5.basis() == KeyProjectReductions.E5Basis.PROJECTS) {
                series = e5.fromProjects();
                complete = series.containsKey(year);
            }
            AppliedTarget applied = target(i, unit, year);
            if (applied.source() == TargetSource.NONE) {
                // no target applies to the unit: its figures are shown, but it is not judged on the indicator
                rows.add(new UnitYearResult.AttainmentRow(
                        i.id(),
                        i.zh(),
                        i.en(),
                        from,
                        Integer.toString(year),
                        series.get(year),
                        i.unit(),
                        series.get(settings.baseYear()),
                        settings.baseYear(),
                        null,
                        null,
                        i.target().keptEveryYear(),
                        false,
                        applied.source().name(),
                        null,
                        null,
                        null,
                        UnitYearResult.AttainmentRow.NO_TARGET,
                        null,
                        null,
                        null,
                        complete,
                        e5 == null ? null : e5.basis().name(),
                        e5 == null ? null : e5.figures()));
                continue;
            }
            Target target = attainmentTarget(i, applied);
            Attainment a = AttainmentCalculator.evaluate(
                    new AttainmentInput(i.id(), i.direction(), settings.baseYear(), target, series, year));
            attainments.add(a);
            rows.add(new UnitYearResult.AttainmentRow(
                    i.id(),
                    i.zh(),
                    i.en(),
                    from,
                    Integer.toString(year),
                    a.value(),
                    i.unit(),
                    a.baseline(),
                    a.baseYear(),
                    a.target(),
                    a.targetYear(),
                    i.target().keptEveryYear(),
                    applied.source() == TargetSource.PLAN && i.target().provincial(),
                    applied.source().name(),
                    applied.document(),
                    a.completion(),
                    a.timeProgress(),
                    a.status().name(),
                    a.trajectoryValue(),
                    a.gap(),
                    a.projection(),
                    complete,
                    e5 == null ? null : e5.basis().name(),
                    e5 == null ? null : e5.figures()));
        }

        Map<String, UnitYearResult.SynergyResult> synergy = new LinkedHashMap<>();
        for (Normalisation n : Normalisation.values()) {
            synergy.put(SERIES + "." + n.name().toLowerCase(Locale.ROOT), series(table, unit, window, n));
        }
        synergy.putAll(panel);

        List<UnitYearResult.EffectRow> effects = table.years().contains(year - 1)
                ? EffectsCalculator.effects(table, unit.code(), year - 1, year, null)
                : List.of();
        return new UnitYearResult(
                unit.code(),
                unit.level().name(),
                year,
                coverage.provisional(),
                coverage,
                incomplete.isEmpty(),
                List.copyOf(incomplete),
                figures,
                rows,
                AttainmentCalculator.summarise(attainments),
                synergy,
                effects);
    }

    /**
     * The target that applies to the indicator, the unit and the year ({@link TargetRules#resolve}): an allocation of the
     * unit in force, else the plan's where the catalogue's defaults apply it, else none.
     */
    public AppliedTarget target(Indicator i, OrgUnit unit, int year) {
        return targets.resolve(i, unit, year, allocations.of(i.id(), unit.code()));
    }

    /** The official E5's basis, the key projects' series, and both figures of the year. */
    private record E5(
            KeyProjectReductions.E5Basis basis,
            SortedMap<Integer, Double> fromProjects,
            UnitYearResult.E5Figures figures) {}

    /** E5 of the unit for an E5 indicator, both ways ({@link KeyProjectReductions}); {@code null} for any other indicator. */
    private E5 e5(IndicatorTable table, OrgUnit unit, Indicator i, int year, SortedMap<Integer, Double> difference) {
        return KeyProjectReductions.e5Substance(i.id())
                .map(substance -> {
                    Set<Integer> years = new TreeSet<>(table.years());
                    years.add(settings.baseYear());
                    years.add(year);
                    SortedMap<Integer, Double> fromProjects = projects.series(orgUnits, unit.code(), substance, years);
                    return new E5(
                            projects.basis(),
                            fromProjects,
                            new UnitYearResult.E5Figures(fromProjects.get(year), difference.get(year)));
                })
                .orElse(null);
    }

    /**
     * The applied target as the attainment method takes it, with the indicator's tolerance. A target to reach by the
     * base year or earlier has no time progress to measure (τ needs Y &gt; y0): it is due already, so it is judged as
     * met or not, like a target kept every year.
     */
    private Target attainmentTarget(Indicator i, AppliedTarget applied) {
        double tolerance = settings.tolerances().getOrDefault(i.id(), i.target().tolerance());
        boolean kept = i.target().keptEveryYear() || applied.targetYear() <= settings.baseYear();
        return new Target(applied.value(), applied.targetYear(), kept, tolerance);
    }

    /**
     * The configured target values ({@code synergy.method.targets}) as the province's assignments: they replace a
     * provincial target's default or placeholder and come from the document the catalogue names for it. A revised
     * target of the plan itself is allocated to the city by document (targets.v1), not configured.
     */
    private static Map<String, ProvincialTarget> provincial(Catalogue catalogue, MethodSettings settings) {
        Map<String, ProvincialTarget> provincial = new TreeMap<>();
        settings.targetOverrides().forEach((id, value) -> {
            Indicator i = catalogue
                    .indicator(id)
                    .filter(Indicator::hasTarget)
                    .filter(x -> x.target().provincial())
                    .orElseThrow(() -> new IllegalArgumentException(
                            "target override " + id + ": not a provincial target of the catalogue "
                                    + "(a revised target of the plan is allocated to the city by document: PUT /api/v1/targets/"
                                    + id + "/<city>)"));
            provincial.put(id, new ProvincialTarget(value, i.target().document()));
        });
        return provincial;
    }

    /**
     * The anchor g of the target-anchored normalisation: the plan's target; for an emission total, the base-year
     * emission less the key-project reduction E5 (city only: E5 is a city-wide tonnage).
     */
    Double anchorTarget(Indicator i, boolean city, Double baseline) {
        if (i.hasTarget()) {
            return targets.plan(i).value();
        }
        String reduction = i.id().startsWith("EM-") ? "E5-" + i.id().substring(3) : null;
        if (city && reduction != null && baseline != null) {
            return catalogue
                    .indicator(reduction)
                    .map(r -> baseline - targets.plan(r).value())
                    .orElse(null);
        }
        return null;
    }

    /** The unit's own years of the window (the settled years up to the evaluated one, and that one). */
    private UnitYearResult.SynergyResult series(
            IndicatorTable table, OrgUnit unit, List<Integer> window, Normalisation normalisation) {
        List<String> samples = window.stream().map(String::valueOf).toList();
        boolean city = unit.level() == OrgUnitLevel.CITY;
        List<IndicatorSeries> series = new ArrayList<>();
        for (Indicator i : synergySet) {
            SortedMap<Integer, Double> s = table.series(unit.code(), i);
            double[] values = new double[samples.size()];
            for (int k = 0; k < values.length; k++) {
                values[k] = s.getOrDefault(window.get(k), Double.NaN);
            }
            Double baseline = s.get(settings.baseYear());
            series.add(new IndicatorSeries(
                    i.id(), i.subsystem(), i.direction(), values, baseline, anchorTarget(i, city, baseline)));
        }
        SynergyEvaluation e = SynergyCalculator.evaluate(samples, series, options(normalisation));
        return toResult(SERIES, normalisation, e, samples.size() - 1, series, samples);
    }

    /** The district panel: all district-years of the window, one evaluation for all districts. */
    private Map<String, Map<String, UnitYearResult.SynergyResult>> panel(IndicatorTable table, List<Integer> window) {
        List<String> samples = new ArrayList<>();
        List<OrgUnit> districts = orgUnits.districts();
        int year = window.get(window.size() - 1);
        for (OrgUnit d : districts) {
            for (int y : window) {
                samples.add(d.code() + "/" + y);
            }
        }
        Map<String, Map<String, UnitYearResult.SynergyResult>> out = new HashMap<>();
        for (Normalisation n : Normalisation.values()) {
            List<IndicatorSeries> series = new ArrayList<>();
            for (Indicator i : synergySet) {
                double[] values = new double[samples.size()];
                int k = 0;
                for (OrgUnit d : districts) {
                    for (int y : window) {
                        Figure f = table.get(d.code(), i.id(), y);
                        values[k++] = f.present() ? f.value() : Double.NaN;
                    }
                }
                // common anchors: the city's baseline and the plan's (rate) targets, so districts are comparable
                Double baseline = table.series(orgUnits.city().code(), i).get(settings.baseYear());
                Double target = i.id().startsWith("EM-") ? null : anchorTarget(i, false, baseline);
                series.add(new IndicatorSeries(i.id(), i.subsystem(), i.direction(), values, baseline, target));
            }
            SynergyEvaluation e = SynergyCalculator.evaluate(samples, series, options(n));
            String key = PANEL + "." + n.name().toLowerCase(Locale.ROOT);
            for (OrgUnit d : districts) {
                List<String> own = samples.stream()
                        .filter(x -> x.startsWith(d.code() + "/"))
                        .toList();
                int index = own.indexOf(d.code() + "/" + year);
                out.computeIfAbsent(d.code(), k -> new LinkedHashMap<>())
                        .put(key, toResult(PANEL, n, ownSamples(e, own), index, series, own));
            }
        }
        return out;
    }

    /**
     * The panel's evaluation as one district's result explains it: weights, exclusions and the lo/hi-defining panel are
     * the panel's, but the samples and normalised values listed are the district's own (the whole panel's are the
     * union of the districts' results). Keeps each district's document small.
     */
    private static SynergyEvaluation ownSamples(SynergyEvaluation e, List<String> own) {
        if (!e.computable()) {
            return e;
        }
        int[] idx = own.stream().mapToInt(e.samples()::indexOf).toArray();
        Map<String, double[]> normalised = new LinkedHashMap<>();
        e.normalised().forEach((id, values) -> {
            double[] mine = new double[idx.length];
            for (int k = 0; k < idx.length; k++) {
                mine[k] = values[idx[k]];
            }
            normalised.put(id, mine);
        });
        return new SynergyEvaluation(
                true,
                e.reason(),
                own,
                e.normalisation(),
                e.coupling(),
                e.weights(),
                normalised,
                e.excluded(),
                e.scores().stream().filter(sc -> own.contains(sc.sample())).toList());
    }

    private SynergyOptions options(Normalisation n) {
        return new SynergyOptions(
                n,
                Coupling.STANDARD,
                settings.alpha(),
                settings.beta(),
                settings.lagThreshold(),
                SynergyOptions.defaults().epsilon(),
                settings.fixedWeights());
    }

    private static UnitYearResult.SynergyResult toResult(
            String basis,
            Normalisation n,
            SynergyEvaluation e,
            int index,
            List<IndicatorSeries> series,
            List<String> window) {
        Map<String, Double> weights = new LinkedHashMap<>();
        Map<String, String> methods = new LinkedHashMap<>();
        for (SubsystemWeights w : e.weights()) {
            weights.putAll(w.weights());
            methods.put(w.subsystem().name(), w.method().name());
        }
        Map<String, Double> baselines = new LinkedHashMap<>();
        Map<String, Double> targets = new LinkedHashMap<>();
        if (n == Normalisation.TARGET) {
            for (IndicatorSeries s : series) {
                baselines.put(s.id(), s.baseline());
                targets.put(s.id(), s.target());
            }
        }
        UnitYearResult.Explanation explanation = new UnitYearResult.Explanation(
                e.samples(), weights, methods, e.normalised(), e.excluded(), baselines, targets);
        String method = n.name().toLowerCase(Locale.ROOT);
        if (!e.computable() || index < 0) {
            return new UnitYearResult.SynergyResult(
                    basis,
                    method,
                    false,
                    e.computable() ? "no sample for this unit" : e.reason(),
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    explanation,
                    List.of());
        }
        List<UnitYearResult.SampleRow> rows = new ArrayList<>();
        for (String label : window) {
            SampleScore w = e.scores().get(e.samples().indexOf(label));
            rows.add(new UnitYearResult.SampleRow(
                    label,
                    w.u1(),
                    w.u2(),
                    w.t(),
                    coupled(w.cStandard(), w.t()),
                    coupled(w.cCorrected(), w.t()),
                    w.lag().name()));
        }
        SampleScore s = e.scores().get(index);
        return new UnitYearResult.SynergyResult(
                basis,
                method,
                true,
                null,
                s.u1(),
                s.u2(),
                s.t(),
                coupled(s.cStandard(), s.t()),
                coupled(s.cCorrected(), s.t()),
                s.lag().name(),
                s.lag().zh(),
                explanation,
                rows);
    }

    private static UnitYearResult.Coupled coupled(double c, double t) {
        double d = Math.sqrt(c * t);
        Grade g = Grade.of(d);
        return new UnitYearResult.Coupled(c, d, g.name(), g.zh(), g.en());
    }
}
