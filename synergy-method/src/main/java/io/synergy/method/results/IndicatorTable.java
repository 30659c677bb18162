package io.synergy.method.results;

import io.synergy.model.catalogue.Catalogue;
import io.synergy.model.catalogue.Formula;
import io.synergy.model.catalogue.FormulaType;
import io.synergy.model.catalogue.Indicator;
import io.synergy.model.catalogue.IndicatorMath;
import io.synergy.model.catalogue.IndicatorValue;
import io.synergy.model.orgunit.OrgUnit;
import io.synergy.model.orgunit.OrgUnits;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Every indicator of the catalogue for every org unit and year, computed from the district facts:
 * <ul>
 *   <li>sector indicators: Σ numerators ÷ Σ denominators (or Σ totals) over the unit's districts — never a mean of
 *       district ratios;</li>
 *   <li>published data elements: Σ over the districts;</li>
 *   <li>derived indicators, in dependency order: SUM across sectors (EM-*), RATIO of those (CI), REDUCTION_VS_BASE
 *       (E3, E4) and BASE_MINUS_CURRENT (E5) against the unit's own base year.</li>
 * </ul>
 * Pure: no I/O, built in one pass, read many times — by several threads at once: the service shares the table of the
 * current facts between every reader, so the figures it remembers are kept in concurrent maps.
 */
public final class IndicatorTable {

    private final Catalogue catalogue;
    private final OrgUnits orgUnits;
    private final int baseYear;
    private final Map<String, Map<Integer, Map<String, Fact>>> facts = new HashMap<>(); // code → year → district → fact
    // unit → code → figure by year (index year − firstYear): the recompute asks for the same figures many times, and
    // nested lookups on the catalogue's and registry's own strings cost far less than building a key per call. Two
    // threads
    // may compute the same figure at once: both get equal figures, and either may be kept.
    private final Map<String, Map<String, AtomicReferenceArray<Figure>>> memo = new ConcurrentHashMap<>();
    private final Map<String, Map<String, SortedMap<Integer, Double>>> seriesMemo = new ConcurrentHashMap<>();
    private final SortedSet<Integer> years;
    private final int firstYear;
    private final int lastYear;

    public IndicatorTable(Collection<Fact> facts, Catalogue catalogue, OrgUnits orgUnits, int baseYear) {
        this.catalogue = catalogue;
        this.orgUnits = orgUnits;
        this.baseYear = baseYear;
        SortedSet<Integer> years = new TreeSet<>();
        for (Fact f : facts) {
            this.facts
                    .computeIfAbsent(f.code(), k -> new HashMap<>())
                    .computeIfAbsent(f.year(), k -> new HashMap<>())
                    .put(f.orgUnit(), f);
            years.add(f.year());
        }
        this.years = Collections.unmodifiableSortedSet(years);
        firstYear = years.isEmpty() ? baseYear : Math.min(years.first(), baseYear);
        lastYear = years.isEmpty() ? baseYear : Math.max(years.last(), baseYear);
    }

    /** Years with at least one fact (read-only). */
    public SortedSet<Integer> years() {
        return years;
    }

    public int baseYear() {
        return baseYear;
    }

    /** The value of an indicator (or published data element) for a unit and year. */
    public Figure get(String unitCode, String code, int year) {
        if (year < firstYear || year > lastYear) {
            return Figure.NONE; // no fact of any indicator in that year, so nothing derived from it either
        }
        // get before computeIfAbsent: a concurrent map's get takes no lock, its computeIfAbsent may even when the key
        // is there
        Map<String, AtomicReferenceArray<Figure>> byCode = memo.get(unitCode);
        if (byCode == null) {
            byCode = memo.computeIfAbsent(unitCode, k -> new ConcurrentHashMap<>());
        }
        AtomicReferenceArray<Figure> byYear = byCode.get(code);
        if (byYear == null) {
            byYear = byCode.computeIfAbsent(code, k -> new AtomicReferenceArray<>(lastYear - firstYear + 1));
        }
        Figure f = byYear.get(year - firstYear);
        if (f == null) {
            // computed outside any map's lock: a figure asks for the figures it is derived from
            f = compute(
                    orgUnits.find(unitCode)
                            .orElseThrow(() -> new IllegalArgumentException("unknown org unit " + unitCode)),
                    code,
                    year);
            byYear.set(year - firstYear, f);
        }
        return f;
    }

    /** The unit whose value stands for {@code unit} on this indicator: the city takes T1 from central-urban. */
    public String scopeOf(String unitCode, Indicator indicator) {
        String scope = indicator.target() == null ? null : indicator.target().scope();
        if (scope != null
                && unitCode.equals(orgUnits.city().code())
                && orgUnits.find(scope).isPresent()) {
            return scope;
        }
        return unitCode;
    }

    /** Annual values of an indicator for a unit (scope applied), for the years present; read-only. */
    public SortedMap<Integer, Double> series(String unitCode, Indicator indicator) {
        String unit = scopeOf(unitCode, indicator);
        Map<String, SortedMap<Integer, Double>> byIndicator = seriesMemo.get(unit);
        if (byIndicator == null) {
            byIndicator = seriesMemo.computeIfAbsent(unit, k -> new ConcurrentHashMap<>());
        }
        SortedMap<Integer, Double> known = byIndicator.get(indicator.id());
        if (known != null) {
            return known;
        }
        return byIndicator.computeIfAbsent(indicator.id(), id -> {
            TreeMap<Integer, Double> s = new TreeMap<>();
            for (int y : years) {
                Figure f = get(unit, id, y);
                if (f.present()) {
                    s.put(y, f.value());
                }
            }
            return Collections.unmodifiableSortedMap(s);
        });
    }

    private Figure compute(OrgUnit unit, String code, int year) {
        Indicator indicator = catalogue.indicator(code).orElse(null);
        if (indicator == null) {
            return dataElement(unit, code, year);
        }
        if (catalogue.isSectorIndicator(indicator)) {
            return rollUp(unit, indicator, year);
        }
        Formula f = indicator.formula();
        return switch (f.type()) {
            case SUM -> {
                double sum = 0;
                boolean any = false;
                List<String> missing = new ArrayList<>();
                for (String op : f.of()) {
                    Figure part = get(unit.code(), op, year);
                    if (part.present()) {
                        sum += part.value();
                        any = true;
                        part.missing().forEach(m -> missing.add(op + ": " + m));
                    } else {
                        missing.add(op);
                    }
                }
                yield any ? new Figure(sum, sum, null, missing.isEmpty(), missing) : Figure.NONE;
            }
            case RATIO -> {
                Figure n = get(unit.code(), f.numerator(), year);
                Figure d = get(unit.code(), f.denominator(), year);
                if (!n.present() || !d.present()) {
                    yield Figure.NONE;
                }
                IndicatorValue v = IndicatorValue.ratio(n.value(), d.value(), f.scale());
                List<String> missing = new ArrayList<>(n.missing());
                missing.addAll(d.missing());
                yield v.present()
                        ? new Figure(v.value(), n.value(), d.value(), n.complete() && d.complete(), missing)
                        : Figure.NONE;
            }
            case REDUCTION_VS_BASE, BASE_MINUS_CURRENT -> {
                String of = f.of().get(0);
                Figure now = get(unit.code(), of, year);
                Figure base = get(unit.code(), of, baseYear);
                if (!now.present() || !base.present()) {
                    yield Figure.NONE;
                }
                List<String> missing = new ArrayList<>(now.missing());
                base.missing().forEach(m -> missing.add(baseYear + " " + m));
                boolean complete = now.complete() && base.complete();
                if (f.type() == FormulaType.BASE_MINUS_CURRENT) {
                    double v = base.value() - now.value();
                    yield new Figure(v, base.value(), now.value(), complete, missing);
                }
                if (base.value() == 0) {
                    yield Figure.NONE;
                }
                double v = (1 - now.value() / base.value()) * 100;
                yield new Figure(v, now.value(), base.value(), complete, missing);
            }
        };
    }

    /** The facts a unit's figure adds up, and what is missing among them. */
    private record Parts(List<Fact> facts, List<String> missing) {}

    /**
     * The facts that make up a unit's figure, following the hierarchy: an enterprise's own; a park's enterprises'; a
     * district's own reported value — or, when the district reported none, the sum of its enterprises (directly or in
     * its parks), so that district totals are never counted twice; a city's or group's districts, each as above.
     */
    private Parts parts(OrgUnit unit, String code, int year) {
        Map<String, Fact> byUnit = facts.getOrDefault(code, Map.of()).getOrDefault(year, Map.of());
        List<Fact> found = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        switch (unit.level()) {
            case ENTERPRISE -> add(byUnit.get(unit.code()), unit.code(), found, missing);
            case PARK -> {
                List<OrgUnit> enterprises = orgUnits.enterprisesUnder(unit.code());
                if (enterprises.isEmpty()) {
                    missing.add(unit.code() + " (no enterprise registered)");
                }
                enterprises.forEach(e -> add(byUnit.get(e.code()), e.code(), found, missing));
            }
            default -> {
                for (String d : unit.districtsToSum()) {
                    Fact reported = byUnit.get(d);
                    if (reported != null && reported.value() != null) {
                        add(reported, d, found, missing);
                        continue;
                    }
                    List<Fact> fromEnterprises = new ArrayList<>();
                    for (OrgUnit e : orgUnits.enterprisesUnder(d)) {
                        Fact f = byUnit.get(e.code());
                        if (f != null && f.value() != null) {
                            fromEnterprises.add(f);
                        }
                    }
                    if (fromEnterprises.isEmpty()) {
                        missing.add(d);
                    } else {
                        found.addAll(fromEnterprises);
                        missing.add(d + " (from " + fromEnterprises.size() + " of "
                                + orgUnits.enterprisesUnder(d).size() + " registered enterprises; no district total)");
                    }
                }
            }
        }
        return new Parts(found, missing);
    }

    private static void add(Fact f, String code, List<Fact> found, List<String> missing) {
        if (f == null || f.value() == null) {
            missing.add(code);
            return;
        }
        found.add(f);
        if (!f.complete()) {
            missing.add(code + " (part of the year)");
        }
    }

    private Figure rollUp(OrgUnit unit, Indicator indicator, int year) {
        Parts p = parts(unit, indicator.id(), year);
        List<IndicatorValue> values = p.facts().stream()
                .map(f -> new IndicatorValue(f.value(), f.numerator(), f.denominator()))
                .toList();
        IndicatorValue v = IndicatorMath.rollUp(indicator, values);
        if (!v.present()) {
            return Figure.NONE;
        }
        return new Figure(v.value(), v.numerator(), v.denominator(), p.missing().isEmpty(), p.missing());
    }

    private Figure dataElement(OrgUnit unit, String code, int year) {
        Parts p = parts(unit, code, year);
        if (p.facts().isEmpty()) {
            return Figure.NONE;
        }
        double sum = p.facts().stream().mapToDouble(Fact::value).sum();
        return new Figure(sum, sum, null, p.missing().isEmpty(), p.missing());
    }
}
