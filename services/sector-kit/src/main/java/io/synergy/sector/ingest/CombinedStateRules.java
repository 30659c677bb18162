package io.synergy.sector.ingest;

import io.synergy.model.catalogue.Aggregation;
import io.synergy.model.catalogue.Catalogue;
import io.synergy.model.catalogue.DataElement;
import io.synergy.model.catalogue.PartOfWholeRule;
import io.synergy.model.catalogue.Sector;
import io.synergy.model.orgunit.OrgUnit;
import io.synergy.model.orgunit.OrgUnits;
import io.synergy.model.period.Period;
import io.synergy.model.period.PeriodType;
import io.synergy.sector.compute.PeriodRollUp;
import io.synergy.sector.compute.PeriodRollUp.PeriodValue;
import io.synergy.sector.model.UnitYear;
import io.synergy.sector.model.ValueKey;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;

/**
 * The catalogue's rules checked on the combined state an org unit and year would have — the values of every current
 * report together, rolled up to every period the roll-up produces — and not only inside one report:
 *
 * <ul>
 *   <li>part ≤ whole (which keeps every share within 0–100 %, see {@link Catalogue}) for the year, each quarter and each
 *       month of an org unit, whichever reports the values come from (a year's whole against its months' parts…);</li>
 *   <li>enterprises within their district: the sum of a data element over the enterprises registered in a district
 *       (directly or in its parks) may not exceed the district's own total of it for the year, when the district
 *       reports one for the whole year. The aggregation takes a district's own total when it has one and the sum of its
 *       enterprises only when it has none (district totals are never counted twice), so the enterprises are parts of
 *       that total; a district that has reported only some months is not yet a total to hold them against.</li>
 * </ul>
 *
 * <p>The other rules of the catalogue hold value by value and so for any combination: every value is checked
 * non-negative and converted to its data element's unit before it is stored ({@link ReportValidator}).
 *
 * <p>Only what a request touches is judged: a rule is broken by the request when it changed a value of the rule's data
 * elements in that org unit (or district) and year. The values come from after the request's writes, inside its
 * transaction and after its advisory locks, so two concurrent requests cannot both pass.
 *
 * <p>What it reads grows with the change, not with the district: the state holds the touched org units' and their
 * districts' own values only; a district's enterprises are asked for through {@link EnterpriseValues} — first one sum
 * per district, data element and year (computed by the database), and their values only for a sum that reaches the
 * district's total, to judge it exactly and name them (issue 19: at 500 enterprises per district every report read the
 * whole district).
 */
public final class CombinedStateRules {

    static final String ENTERPRISES_RULE = "enterprises-within-district";

    /**
     * One side of a broken rule: a data element's value and where it comes from.
     *
     * @param orgUnits  the org units whose values make it up (one, or a district's enterprises)
     * @param reportIds the reports those values come from
     */
    public record Side(String dataElement, double value, String unit, List<String> orgUnits, List<String> reportIds) {}

    /** A rule the combined state would break: {@code part} exceeds {@code whole} for {@code orgUnit} in {@code period}. */
    public record Violation(String rule, String orgUnit, Period period, Side part, Side whole) {

        public String message() {
            if (ENTERPRISES_RULE.equals(rule)) {
                return "企业合计超过区县总量 / the enterprises of " + orgUnit + " exceed its own total for " + period + " [rule "
                        + rule + "]: "
                        + part.dataElement() + " summed over " + part.orgUnits().size() + " enterprise(s) "
                        + list(part.orgUnits()) + " = "
                        + part.value() + " " + part.unit() + " (from report(s) " + list(part.reportIds()) + ") > "
                        + orgUnit + "'s own "
                        + whole.dataElement() + " = " + whole.value() + " " + whole.unit() + " (from report(s) "
                        + list(whole.reportIds()) + ")";
            }
            return "部分超过整体 / part exceeds its whole for " + orgUnit + " in " + period + " [rule " + rule + "]: "
                    + part.dataElement() + " = "
                    + part.value() + " " + part.unit() + " (from report(s) " + list(part.reportIds()) + ") > "
                    + whole.dataElement() + " = "
                    + whole.value() + " " + whole.unit() + " (from report(s) " + list(whole.reportIds()) + ")";
        }

        /** Every org unit whose values take part. */
        public Set<String> orgUnits() {
            Set<String> all = new LinkedHashSet<>(whole.orgUnits());
            all.addAll(part.orgUnits());
            return all;
        }

        /** At most twelve (a year's months): a district's enterprises may be many more. */
        private static String list(List<String> items) {
            return items.size() <= 12
                    ? String.join(", ", items)
                    : String.join(", ", items.subList(0, 12)) + " and " + (items.size() - 12) + " more";
        }
    }

    private final Catalogue catalogue;
    private final List<PartOfWholeRule> rules;

    public CombinedStateRules(Catalogue catalogue, Sector sector) {
        this.catalogue = catalogue;
        this.rules = catalogue.rules(sector);
    }

    /**
     * What the rule of enterprises within their district reads beyond the state {@link #check} is given: the store answers
     * it inside the request's transaction.
     */
    public interface EnterpriseValues {

        /**
         * For each key (a district, a data element, a year): the sum over the org units given for it of the data element's
         * roll-up to the year ({@link PeriodRollUp}); a key none of whose org units has a value is left out.
         */
        Map<ValueKey, Double> yearSums(Map<ValueKey, List<String>> orgUnits, Function<String, Aggregation> aggregation);

        /** Every value of one data element in one year of these org units. */
        Map<UnitYear, Map<String, List<PeriodValue>>> values(List<String> orgUnits, String dataElement, int year);
    }

    /**
     * The org units and years whose values {@link #check} needs in its state for these changed values: the touched ones
     * and their districts' own — not the districts' enterprises, which {@link EnterpriseValues} answers for.
     */
    public Set<UnitYear> reads(Set<ValueKey> touched, OrgUnits units) {
        Set<UnitYear> out = new TreeSet<>();
        for (ValueKey k : touched) {
            out.add(new UnitYear(k.orgUnit(), k.year()));
            OrgUnit district = units.districtOf(k.orgUnit()).orElse(null);
            if (district != null && !units.enterprisesUnder(district.code()).isEmpty()) {
                out.add(new UnitYear(district.code(), k.year()));
            }
        }
        return out;
    }

    /**
     * The rules broken in the combined state where the request touched it, with every value in memory: {@code state} holds
     * the enterprises of the touched districts too (the reference the store-backed {@link #check(Map, Set, OrgUnits,
     * EnterpriseValues)} keeps to).
     */
    public List<Violation> check(
            Map<UnitYear, Map<String, List<PeriodValue>>> state, Set<ValueKey> touched, OrgUnits units) {
        return check(state, touched, units, inMemory(state));
    }

    /**
     * The rules broken in the combined state where the request touched it.
     *
     * @param state       values of (at least) the unit-years {@link #reads} named, after the request's writes
     * @param touched     the values the request wrote or removed
     * @param enterprises the values of the touched districts' enterprises, after the request's writes
     */
    public List<Violation> check(
            Map<UnitYear, Map<String, List<PeriodValue>>> state,
            Set<ValueKey> touched,
            OrgUnits units,
            EnterpriseValues enterprises) {
        List<Violation> out = new ArrayList<>();
        for (UnitYear uy : new TreeSet<>(
                touched.stream().map(t -> new UnitYear(t.orgUnit(), t.year())).toList())) {
            Map<String, List<PeriodValue>> values = state.getOrDefault(uy, Map.of());
            for (PartOfWholeRule rule : rules) {
                if (touched.contains(new ValueKey(uy.orgUnit(), rule.part(), uy.year()))
                        || touched.contains(new ValueKey(uy.orgUnit(), rule.whole(), uy.year()))) {
                    Violation v = partOfWhole(rule, uy.orgUnit(), uy.year(), values);
                    if (v != null) {
                        out.add(v);
                    }
                }
            }
        }
        // enterprises within their district: each district, data element and year a touched value belongs to
        Set<ValueKey> districtTotals = new LinkedHashSet<>();
        for (ValueKey k : touched) {
            units.districtOf(k.orgUnit())
                    .filter(d -> !units.enterprisesUnder(d.code()).isEmpty())
                    .ifPresent(d -> districtTotals.add(new ValueKey(d.code(), k.dataElement(), k.year())));
        }
        // only a district with a complete own total holds its enterprises: their sums for those, in one question
        Map<ValueKey, PeriodRollUp.Total> totals = new LinkedHashMap<>();
        Map<ValueKey, List<String>> members = new LinkedHashMap<>();
        for (ValueKey k : districtTotals) {
            List<PeriodValue> own = state.getOrDefault(new UnitYear(k.orgUnit(), k.year()), Map.of())
                    .get(k.dataElement());
            PeriodRollUp.Total total = own == null
                    ? null
                    : PeriodRollUp.rollUp(
                            Period.year(k.year()), element(k.dataElement()).aggregation(), own);
            if (total != null && total.complete()) {
                totals.put(k, total);
                members.put(
                        k,
                        units.enterprisesUnder(k.orgUnit()).stream()
                                .map(OrgUnit::code)
                                .toList());
            }
        }
        if (totals.isEmpty()) {
            return out;
        }
        Map<ValueKey, Double> sums =
                enterprises.yearSums(members, code -> element(code).aggregation());
        for (Map.Entry<ValueKey, PeriodRollUp.Total> e : totals.entrySet()) {
            ValueKey k = e.getKey();
            Double sum = sums.get(k);
            if (sum != null && mayExceed(sum, e.getValue().value())) {
                Violation v = enterprisesWithinDistrict(
                        k, e.getValue(), enterprises.values(members.get(k), k.dataElement(), k.year()), members.get(k));
                if (v != null) {
                    out.add(v);
                }
            }
        }
        return out;
    }

    /**
     * Whether a sum the database added up may exceed the total: it adds in another order than {@link
     * #enterprisesWithinDistrict} does, so a sum within rounding of the total is judged again on the values themselves.
     */
    static boolean mayExceed(double sum, double total) {
        return sum > total - 1e-9 * Math.max(1, Math.max(Math.abs(sum), Math.abs(total)));
    }

    /** The first period, longest first (the year, its quarters, its months), where the part exceeds the whole. */
    private Violation partOfWhole(
            PartOfWholeRule rule, String orgUnit, int year, Map<String, List<PeriodValue>> values) {
        List<PeriodValue> parts = values.get(rule.part());
        List<PeriodValue> wholes = values.get(rule.whole());
        if (parts == null || wholes == null) {
            return null;
        }
        DataElement partElement = element(rule.part());
        DataElement wholeElement = element(rule.whole());
        for (Period p : levels(year)) {
            PeriodRollUp.Total part = PeriodRollUp.rollUp(p, partElement.aggregation(), parts);
            PeriodRollUp.Total whole = part == null ? null : PeriodRollUp.rollUp(p, wholeElement.aggregation(), wholes);
            if (whole != null && part.value() > whole.value()) {
                return new Violation(
                        rule.id(),
                        orgUnit,
                        p,
                        new Side(rule.part(), part.value(), partElement.unit(), List.of(orgUnit), part.reportIds()),
                        new Side(
                                rule.whole(), whole.value(), wholeElement.unit(), List.of(orgUnit), whole.reportIds()));
            }
        }
        return null;
    }

    /** The district's complete own total against the sum of its enterprises' values, added up here. */
    private Violation enterprisesWithinDistrict(
            ValueKey k,
            PeriodRollUp.Total total,
            Map<UnitYear, Map<String, List<PeriodValue>>> values,
            List<String> members) {
        DataElement de = element(k.dataElement());
        Period year = Period.year(k.year());
        double sum = 0;
        List<String> enterprises = new ArrayList<>();
        Set<String> reportIds = new LinkedHashSet<>();
        for (String e : members) {
            List<PeriodValue> vs =
                    values.getOrDefault(new UnitYear(e, k.year()), Map.of()).get(de.code());
            PeriodRollUp.Total t = vs == null ? null : PeriodRollUp.rollUp(year, de.aggregation(), vs);
            if (t != null) {
                sum += t.value();
                enterprises.add(e);
                reportIds.addAll(t.reportIds());
            }
        }
        if (enterprises.isEmpty() || sum <= total.value()) {
            return null;
        }
        return new Violation(
                ENTERPRISES_RULE,
                k.orgUnit(),
                year,
                new Side(de.code(), sum, de.unit(), enterprises, List.copyOf(reportIds)),
                new Side(de.code(), total.value(), de.unit(), List.of(k.orgUnit()), total.reportIds()));
    }

    /** {@link EnterpriseValues} over a state that holds every value: the sums added up here, as the rule does. */
    static EnterpriseValues inMemory(Map<UnitYear, Map<String, List<PeriodValue>>> state) {
        return new EnterpriseValues() {
            @Override
            public Map<ValueKey, Double> yearSums(
                    Map<ValueKey, List<String>> orgUnits, Function<String, Aggregation> aggregation) {
                Map<ValueKey, Double> out = new HashMap<>();
                orgUnits.forEach((k, codes) -> {
                    for (String code : codes) {
                        List<PeriodValue> vs = state.getOrDefault(new UnitYear(code, k.year()), Map.of())
                                .get(k.dataElement());
                        PeriodRollUp.Total t = vs == null
                                ? null
                                : PeriodRollUp.rollUp(Period.year(k.year()), aggregation.apply(k.dataElement()), vs);
                        if (t != null) {
                            out.merge(k, t.value(), Double::sum);
                        }
                    }
                });
                return out;
            }

            @Override
            public Map<UnitYear, Map<String, List<PeriodValue>>> values(
                    List<String> orgUnits, String dataElement, int year) {
                return state;
            }
        };
    }

    private DataElement element(String code) {
        return catalogue.dataElement(code).orElseThrow();
    }

    /** Every period a year's values roll up to: the year, its quarters, its months. */
    static List<Period> levels(int year) {
        List<Period> out = new ArrayList<>();
        out.add(Period.year(year));
        for (int q = 1; q <= 4; q++) {
            out.add(new Period(PeriodType.QUARTER, year, q));
        }
        for (int m = 1; m <= 12; m++) {
            out.add(new Period(PeriodType.MONTH, year, m));
        }
        return out;
    }
}
