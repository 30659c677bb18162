package io.synergy.method.results;

import io.synergy.model.catalogue.Catalogue;
import io.synergy.model.catalogue.Formula;
import io.synergy.model.catalogue.FormulaType;
import io.synergy.model.catalogue.Indicator;
import io.synergy.model.catalogue.IndicatorMath;
import io.synergy.model.catalogue.IndicatorValue;
import io.synergy.model.orgunit.OrgUnit;
import io.synergy.model.orgunit.OrgUnitLevel;
import io.synergy.model.orgunit.OrgUnits;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeMap;
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
    private final FactColumns facts;
    // unit → code → figure by year (index year − firstYear): the recompute asks for the same figures many times, and
    // nested lookups on the catalogue's and registry's own strings cost far less than building a key per call. Two
    // threads
    // may compute the same figure at once: both get equal figures, and either may be kept.
    private final Map<String, Map<String, AtomicReferenceArray<Figure>>> memo;
    private final Map<String, Map<String, SortedMap<Integer, Double>>> seriesMemo;
    // park or district → its enterprises' indices in the facts ({@link FactColumns#unit}, -1 for one without facts), in
    // the order of OrgUnits.enterprisesUnder: found once per table instead of once per code and year summed. Per table,
    // not shared with the next version: an enterprise's first fact gives it an index
    private final Map<String, int[]> enterpriseSlots = new ConcurrentHashMap<>();
    private final SortedSet<Integer> years;
    private final int firstYear;
    private final int lastYear;

    public IndicatorTable(Collection<Fact> facts, Catalogue catalogue, OrgUnits orgUnits, int baseYear) {
        this(
                FactColumns.of(facts, code -> kind(catalogue, code)),
                catalogue,
                orgUnits,
                baseYear,
                new ConcurrentHashMap<>(),
                new ConcurrentHashMap<>());
    }

    private IndicatorTable(
            FactColumns facts,
            Catalogue catalogue,
            OrgUnits orgUnits,
            int baseYear,
            Map<String, Map<String, AtomicReferenceArray<Figure>>> memo,
            Map<String, Map<String, SortedMap<Integer, Double>>> seriesMemo) {
        this.catalogue = catalogue;
        this.orgUnits = orgUnits;
        this.baseYear = baseYear;
        this.facts = facts;
        this.memo = memo;
        this.seriesMemo = seriesMemo;
        this.years = facts.years();
        firstYear = years.isEmpty() ? baseYear : Math.min(years.first(), baseYear);
        lastYear = years.isEmpty() ? baseYear : Math.max(years.last(), baseYear);
    }

    /** What the table reads of a code's facts: a sector indicator's roll-up needs its numerators (and denominators). */
    private static FactColumns.Kind kind(Catalogue catalogue, String code) {
        return catalogue
                .indicator(code)
                .filter(catalogue::isSectorIndicator)
                .map(i -> i.formula().type() == FormulaType.RATIO ? FactColumns.Kind.RATIO : FactColumns.Kind.TOTAL)
                .orElse(FactColumns.Kind.VALUE);
    }

    /**
     * This table with {@code changed} facts written over it (a fact of a key it holds replaces it), under the same
     * hierarchy; this table stays as it was. The figures it remembers of units none of the facts reflects on
     * ({@link #reflecting}) are the new table's too: after one enterprise's report, the figures of every other
     * enterprise and park are not computed again; of the units they reach, those of the years none of the facts is of,
     * unless one is of the base year (every year is measured against it). When the years with data change, every figure
     * is computed anew.
     */
    public IndicatorTable with(Collection<Fact> changed) {
        if (changed.isEmpty()) {
            return this;
        }
        FactColumns next = facts.with(changed);
        if (!next.years().equals(years)) {
            return new IndicatorTable(
                    next, catalogue, orgUnits, baseYear, new ConcurrentHashMap<>(), new ConcurrentHashMap<>());
        }
        Set<String> units = new HashSet<>();
        boolean[] yearChanged = new boolean[lastYear - firstYear + 1];
        for (Fact f : changed) {
            units.add(f.orgUnit());
            yearChanged[f.year() - firstYear] = true;
        }
        Set<String> stale = reflecting(orgUnits, units);
        Map<String, Map<String, AtomicReferenceArray<Figure>>> memo = new ConcurrentHashMap<>(this.memo);
        Map<String, Map<String, SortedMap<Integer, Double>>> seriesMemo = new ConcurrentHashMap<>(this.seriesMemo);
        seriesMemo.keySet().removeAll(stale);
        if (yearChanged[baseYear - firstYear]) {
            // every year's figures are measured against the base year's (E3, E4, E5): all of the units reached go
            memo.keySet().removeAll(stale);
        } else {
            // a figure of a year is made of that year's facts and the base year's only: the units reached keep their
            // other years' figures — after one enterprise's report its district and the city compute one year anew, not
            // ten (each a sum over 500 enterprises at city scale, issue 19)
            for (String unit : stale) {
                Map<String, AtomicReferenceArray<Figure>> known = memo.get(unit);
                if (known != null) {
                    memo.put(unit, withoutYears(known, yearChanged));
                }
            }
        }
        return new IndicatorTable(next, catalogue, orgUnits, baseYear, memo, seriesMemo);
    }

    /** A copy of one unit's remembered figures without those of the years marked (the original stays as it was). */
    private static Map<String, AtomicReferenceArray<Figure>> withoutYears(
            Map<String, AtomicReferenceArray<Figure>> known, boolean[] yearChanged) {
        Map<String, AtomicReferenceArray<Figure>> kept = new ConcurrentHashMap<>();
        known.forEach((code, byYear) -> {
            AtomicReferenceArray<Figure> copy = new AtomicReferenceArray<>(byYear.length());
            for (int k = 0; k < byYear.length(); k++) {
                if (!yearChanged[k]) {
                    copy.set(k, byYear.get(k));
                }
            }
            kept.put(code, copy);
        });
        return kept;
    }

    /** The same facts under another hierarchy of org units (a unit moved, opened or closed): every figure anew. */
    public IndicatorTable under(OrgUnits units) {
        return units == orgUnits
                ? this
                : new IndicatorTable(
                        facts, catalogue, units, baseYear, new ConcurrentHashMap<>(), new ConcurrentHashMap<>());
    }

    public OrgUnits orgUnits() {
        return orgUnits;
    }

    /**
     * The units whose figures include a fact of one of {@code factUnits}: each unit itself, its ancestors up to the city,
     * the city, and the groups of any of them (a group sums its districts). Every other unit's figures are made of other
     * units' facts only.
     */
    public static Set<String> reflecting(OrgUnits units, Collection<String> factUnits) {
        Set<String> out = new LinkedHashSet<>();
        for (String code : factUnits) {
            String at = code;
            while (at != null && out.add(at)) {
                at = units.find(at).map(OrgUnit::parent).orElse(null);
            }
        }
        out.add(units.city().code());
        for (OrgUnit g : units.groups()) {
            if (g.members().stream().anyMatch(out::contains)) {
                out.add(g.code());
            }
        }
        return out;
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
            OrgUnit unit = orgUnits.find(unitCode)
                    .orElseThrow(() -> new IllegalArgumentException("unknown org unit " + unitCode));
            if (unit.level() == OrgUnitLevel.ENTERPRISE) {
                // an enterprise's figures are its own facts, found and combined in a few lookups: not remembered, or
                // the ranking of 5,000 enterprises would hold ~40 figures of each per year in the shared table
                return compute(unit, code, year);
            }
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

    /**
     * What a unit's figure adds up, and what is missing among them: the parts' numbers in the order found, not a fact
     * object per part — a district's figure adds up its 500 enterprises' at city scale, and the city's its districts'
     * (issue 19).
     */
    private static final class Parts {
        private final List<String> missing = new ArrayList<>();
        private final IndicatorMath.RollUp rollUp = new IndicatorMath.RollUp();
        private double[] values = new double[8];
        private int count;

        void add(double[] fact) {
            if (count == values.length) {
                values = Arrays.copyOf(values, count * 2);
            }
            values[count++] = fact[0];
            rollUp.add(fact[1], fact[2]);
        }

        /** The values' sum, added up as a stream of them would (compensated). */
        double sum() {
            return Arrays.stream(values, 0, count).sum();
        }
    }

    /**
     * The facts that make up a unit's figure, following the hierarchy: an enterprise's own; a park's enterprises'; a
     * district's own reported value — or, when the district reported none, the sum of its enterprises (directly or in
     * its parks), so that district totals are never counted twice; a city's or group's districts, each as above.
     */
    private Parts parts(OrgUnit unit, String code, int year) {
        Parts parts = new Parts();
        double[] fact = new double[3];
        switch (unit.level()) {
            case ENTERPRISE -> add(code, unit.code(), year, fact, parts);
            case PARK -> {
                List<OrgUnit> enterprises = orgUnits.enterprisesUnder(unit.code());
                if (enterprises.isEmpty()) {
                    parts.missing.add(unit.code() + " (no enterprise registered)");
                }
                int column = facts.column(code);
                int[] slots = enterpriseSlots(unit.code(), enterprises);
                for (int k = 0; k < slots.length; k++) {
                    add(
                            facts.read(column, slots[k], year, fact),
                            enterprises.get(k).code(),
                            fact,
                            parts);
                }
            }
            default -> {
                int column = facts.column(code);
                for (String d : unit.districtsToSum()) {
                    if (unit.level() != OrgUnitLevel.DISTRICT) {
                        // the city or a group: each district's own figure, kept until that district's facts change, so
                        // that one enterprise's report adds up its district's enterprises again and not the city's
                        // 5,000
                        // (issue 19); a district without a figure (no value, or a ratio over nothing) is added up
                        // below as before
                        Figure f = get(d, code, year);
                        if (f.present()) {
                            fact[0] = f.value();
                            fact[1] = f.numerator() == null ? Double.NaN : f.numerator();
                            fact[2] = f.denominator() == null ? Double.NaN : f.denominator();
                            parts.add(fact);
                            parts.missing.addAll(f.missing());
                            continue;
                        }
                    }
                    if ((facts.read(code, d, year, fact) & FactColumns.HAS_VALUE) != 0) {
                        add(code, d, year, fact, parts);
                        continue;
                    }
                    int fromEnterprises = 0;
                    // no unit has a fact of the code: no enterprise's to add up (at city scale, 500 reads a district)
                    int[] slots = column < 0 ? new int[0] : enterpriseSlots(d, orgUnits.enterprisesUnder(d));
                    for (int slot : slots) {
                        if ((facts.read(column, slot, year, fact) & FactColumns.HAS_VALUE) != 0) {
                            parts.add(fact);
                            fromEnterprises++;
                        }
                    }
                    if (fromEnterprises == 0) {
                        parts.missing.add(d);
                    } else {
                        parts.missing.add(d + " (from " + fromEnterprises + " of "
                                + orgUnits.enterprisesUnder(d).size() + " registered enterprises; no district total)");
                    }
                }
            }
        }
        return parts;
    }

    private int[] enterpriseSlots(String code, List<OrgUnit> enterprises) {
        int[] known = enterpriseSlots.get(code);
        if (known != null) {
            return known;
        }
        int[] slots = new int[enterprises.size()];
        for (int k = 0; k < slots.length; k++) {
            slots[k] = facts.unit(enterprises.get(k).code());
        }
        enterpriseSlots.put(code, slots);
        return slots;
    }

    private void add(String code, String unit, int year, double[] fact, Parts parts) {
        add(facts.read(code, unit, year, fact), unit, fact, parts);
    }

    /** A fact read into {@code fact} with these flags added to the parts, or {@code unit} noted as missing. */
    private static void add(int flags, String unit, double[] fact, Parts parts) {
        if ((flags & FactColumns.HAS_VALUE) == 0) {
            parts.missing.add(unit);
            return;
        }
        parts.add(fact);
        if ((flags & FactColumns.WHOLE_YEAR) == 0) {
            parts.missing.add(unit + " (part of the year)");
        }
    }

    private Figure rollUp(OrgUnit unit, Indicator indicator, int year) {
        Parts p = parts(unit, indicator.id(), year);
        IndicatorValue v = p.rollUp.value(indicator);
        if (!v.present()) {
            return Figure.NONE;
        }
        return new Figure(v.value(), v.numerator(), v.denominator(), p.missing.isEmpty(), p.missing);
    }

    private Figure dataElement(OrgUnit unit, String code, int year) {
        Parts p = parts(unit, code, year);
        if (p.count == 0) {
            return Figure.NONE;
        }
        double sum = p.sum();
        return new Figure(sum, sum, null, p.missing.isEmpty(), p.missing);
    }
}
