package io.synergy.method.results;

import static org.assertj.core.api.Assertions.assertThat;

import io.synergy.model.catalogue.Indicator;
import io.synergy.model.orgunit.OrgUnit;
import io.synergy.model.orgunit.OrgUnitLevel;
import io.synergy.model.orgunit.OrgUnits;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;
import org.junit.jupiter.api.Test;

/**
 * The incremental recompute (issue 19) against the full one, on a generated city of districts, parks and enterprises:
 * after random changes of facts, the table brought up to date ({@link IndicatorTable#with}) gives every figure a table
 * built from all the facts gives, the units {@link ResultCalculator#affectedBy} names computed on it give the results a
 * full recompute gives, and the full recompute changes no other unit's result. Repetition {@code k} uses seed
 * {@code SEED + k}, so a failure names its repetition and replays exactly.
 */
class IncrementalRecomputeTest {

    private static final long SEED = 19_2026L;
    private static final int BASE = 2020;
    private static final int FIRST = 2019;
    private static final int LAST = 2024;

    /** A city: the catalogue's districts and groups, two parks in each of three districts, enterprises in parks and not. */
    record City(OrgUnits units, List<String> enterprises, Map<String, Fact> facts) {

        List<Fact> all() {
            return List.copyOf(facts.values());
        }
    }

    static City city(Random r, int enterpriseCount) {
        OrgUnits units = CityFacts.UNITS;
        List<OrgUnit> districts = units.districts();
        List<String> parks = new ArrayList<>();
        for (int d = 0; d < 3; d++) {
            for (int p = 1; p <= 2; p++) {
                String park = districts.get(d).code() + "P0" + p;
                units = units.withUnit(HierarchyRollUpTest.park(park)
                        .withParent(districts.get(d).code()));
                parks.add(park);
            }
        }
        List<String> enterprises = new ArrayList<>();
        for (int e = 0; e < enterpriseCount; e++) {
            String district = districts.get(e % 3).code();
            String parent = e % 4 == 3 ? district : district + "P0" + (1 + e % 2);
            String code = HierarchyRollUpTest.uscc(String.format("91%sMA3C%05d", district, e));
            units = units.withUnit(HierarchyRollUpTest.enterprise(code, parent));
            enterprises.add(code);
        }
        Map<String, Fact> facts = new LinkedHashMap<>();
        // the districts' own totals, but one district reports none: its figures are its enterprises' sums
        String summed = districts.get(1).code();
        for (Fact f : CityFacts.years(FIRST, LAST)) {
            if (!f.orgUnit().equals(summed)) {
                put(facts, f);
            }
        }
        List<Fact> template = CityFacts.year(BASE).stream()
                .filter(f -> f.orgUnit().equals(districts.get(0).code()))
                .toList();
        for (String e : enterprises) {
            for (int y = FIRST; y <= LAST; y++) {
                for (Fact t : template) {
                    if (r.nextInt(10) > 0) {
                        put(facts, scaled(t, e, y, 0.01 + r.nextDouble() * 0.05, r.nextInt(12) > 0));
                    }
                }
            }
        }
        return new City(units, enterprises, facts);
    }

    private static void put(Map<String, Fact> facts, Fact f) {
        facts.put(f.code() + "|" + f.orgUnit() + "|" + f.year(), f);
    }

    /** A fact like {@code t}, of another unit and year, its numbers times {@code k}. */
    private static Fact scaled(Fact t, String unit, int year, double k, boolean complete) {
        return new Fact(
                t.code(),
                unit,
                year,
                t.value() == null ? null : t.value() * k,
                t.numerator() == null ? null : t.numerator() * k,
                t.denominator() == null ? null : t.denominator() * k,
                complete);
    }

    /** A report of one unit: some of its facts of one year, changed. */
    private static List<Fact> change(Random r, City city, String unit, int year) {
        List<Fact> changed = new ArrayList<>();
        for (Fact f : city.facts().values()) {
            if (f.orgUnit().equals(unit) && f.year() == year && r.nextInt(3) > 0) {
                changed.add(scaled(f, unit, year, 0.5 + r.nextDouble(), r.nextInt(8) > 0));
            }
        }
        if (changed.isEmpty()) {
            Fact t = city.facts().values().iterator().next();
            changed.add(scaled(t, unit, year, 0.02, true));
        }
        return changed;
    }

    private static Map<String, UnitYearResult> results(
            ResultCalculator calculator, IndicatorTable table, Set<String> only) {
        YearStates states = calculator.yearStates(table, Map.of());
        Map<String, UnitYearResult> out = new LinkedHashMap<>();
        for (int year : calculator.years(table, BASE)) {
            for (UnitYearResult r : calculator.computeYear(table, year, states, only)) {
                out.put(r.orgUnit() + ":" + r.year(), r);
            }
        }
        return out;
    }

    /** Every figure and series of every unit, parks and enterprises included, as text. */
    private static List<String> everything(IndicatorTable table, OrgUnits units) {
        List<String> out = new ArrayList<>();
        for (OrgUnit unit : units.everything()) {
            for (Indicator i : CityFacts.CATALOGUE.indicators()) {
                for (int y = FIRST; y <= LAST; y++) {
                    out.add(unit.code() + " " + i.id() + " " + y + " " + table.get(unit.code(), i.id(), y));
                }
                out.add(unit.code() + " " + i.id() + " " + table.series(unit.code(), i));
            }
        }
        return out;
    }

    @RepeatedTest(4)
    void anIncrementalRecomputeGivesTheFullRecomputesResults(RepetitionInfo repetition) {
        Random r = new Random(SEED + repetition.getCurrentRepetition());
        City city = city(r, 12);
        ResultCalculator calculator =
                new ResultCalculator(CityFacts.CATALOGUE, city.units(), MethodSettings.defaults());
        IndicatorTable kept = new IndicatorTable(city.all(), CityFacts.CATALOGUE, city.units(), BASE);
        Map<String, UnitYearResult> before = results(calculator, kept, null);
        List<String> districts =
                city.units().districts().stream().map(OrgUnit::code).toList();
        for (int round = 0; round < 3; round++) {
            // an enterprise's report, mostly; now and then a district's own totals
            String unit = r.nextInt(4) == 0
                    ? districts.get(r.nextInt(districts.size()))
                    : city.enterprises().get(r.nextInt(city.enterprises().size()));
            int year = BASE + r.nextInt(LAST - BASE + 1);
            List<Fact> changed = change(r, city, unit, year);
            changed.forEach(f -> put(city.facts(), f));

            IndicatorTable full = new IndicatorTable(city.all(), CityFacts.CATALOGUE, city.units(), BASE);
            IndicatorTable incremental = kept.with(changed);
            assertThat(everything(incremental, city.units()))
                    .as("round %d: %s %d", round, unit, year)
                    .isEqualTo(everything(full, city.units()));

            Map<String, UnitYearResult> after = results(calculator, full, null);
            YearStates statesBefore = calculator.yearStates(kept, Map.of());
            YearStates statesAfter = calculator.yearStates(full, Map.of());
            Set<String> affected = calculator.affectedBy(List.of(unit));
            // a moved state makes the recompute compute every unit from that year; a moved coverage, every unit of the
            // year (each result carries its year's coverage)
            Set<Integer> coverageMoved = new HashSet<>();
            statesAfter.all().forEach(a -> {
                if (!statesBefore.get(a.year()).map(YearAssessment::coverage).equals(Optional.of(a.coverage()))) {
                    coverageMoved.add(a.year());
                }
            });
            if (statesEqual(statesBefore, statesAfter)) {
                Map<String, UnitYearResult> recomputed = results(calculator, incremental, affected);
                for (Map.Entry<String, UnitYearResult> e : after.entrySet()) {
                    UnitYearResult result = e.getValue();
                    if (coverageMoved.contains(result.year())) {
                        continue;
                    }
                    if (affected.contains(result.orgUnit()) && result.year() >= year) {
                        assertThat(recomputed.get(e.getKey()))
                                .as("round %d: %s", round, e.getKey())
                                .usingRecursiveComparison()
                                .isEqualTo(result);
                    } else {
                        assertThat(result)
                                .as("round %d: %s not reached", round, e.getKey())
                                .usingRecursiveComparison()
                                .isEqualTo(before.get(e.getKey()));
                    }
                }
            }
            kept = incremental;
            before = after;
        }
    }

    @RepeatedTest(4)
    void aTableBroughtUpToDateWithReportsOfSeveralUnitsAndYearsAnswersAsOneBuiltAnew(RepetitionInfo repetition) {
        Random r = new Random(SEED * 31 + repetition.getCurrentRepetition());
        City city = city(r, 12);
        IndicatorTable kept = new IndicatorTable(city.all(), CityFacts.CATALOGUE, city.units(), BASE);
        everything(kept, city.units()); // every figure remembered, so that what the next table keeps is checked
        List<String> districts =
                city.units().districts().stream().map(OrgUnit::code).toList();
        for (int round = 0; round < 3; round++) {
            // a pass under a stream of reports: several units' reports of several years, the base year now and then
            List<Fact> changed = new ArrayList<>();
            for (int k = 0; k < 1 + r.nextInt(6); k++) {
                String unit = r.nextInt(4) == 0
                        ? districts.get(r.nextInt(districts.size()))
                        : city.enterprises().get(r.nextInt(city.enterprises().size()));
                int year = r.nextInt(3) == 0 ? BASE : BASE + r.nextInt(LAST - BASE + 1);
                changed.addAll(change(r, city, unit, year));
            }
            changed.forEach(f -> put(city.facts(), f));
            IndicatorTable incremental = kept.with(changed);
            assertThat(everything(incremental, city.units()))
                    .as("round %d", round)
                    .isEqualTo(everything(
                            new IndicatorTable(city.all(), CityFacts.CATALOGUE, city.units(), BASE), city.units()));
            kept = incremental;
        }
    }

    private static boolean statesEqual(YearStates a, YearStates b) {
        List<String> x = new ArrayList<>();
        List<String> y = new ArrayList<>();
        a.all().forEach(s -> x.add(s.year() + " " + s.state()));
        b.all().forEach(s -> y.add(s.year() + " " + s.state()));
        return x.equals(y);
    }

    @Test
    void oneEnterprisesReportReachesItsParkDistrictGroupsCityAndTheDistrictPanelOnly() {
        City city = city(new Random(SEED), 8);
        OrgUnits units = city.units();
        String enterprise = city.enterprises().get(0);
        OrgUnit e = units.find(enterprise).orElseThrow();
        String park = e.parent();
        String district = units.find(park).orElseThrow().parent();
        ResultCalculator calculator = new ResultCalculator(CityFacts.CATALOGUE, units, MethodSettings.defaults());

        Set<String> expected =
                new TreeSet<>(List.of(enterprise, park, district, units.city().code()));
        units.districts().forEach(d -> expected.add(d.code()));
        units.groups().stream().filter(g -> g.members().contains(district)).forEach(g -> expected.add(g.code()));
        assertThat(new TreeSet<>(calculator.affectedBy(List.of(enterprise)))).isEqualTo(expected);
        // no other enterprise, no other park, no group the district is not in
        Set<String> untouched = new HashSet<>();
        units.everything().forEach(u -> untouched.add(u.code()));
        untouched.removeAll(expected);
        assertThat(untouched)
                .containsAll(city.enterprises().subList(1, city.enterprises().size()));
        assertThat(untouched)
                .containsAll(units.everything().stream()
                        .filter(u -> u.level() == OrgUnitLevel.PARK && !u.code().equals(park))
                        .map(OrgUnit::code)
                        .toList());
    }

    @Test
    void aTableBroughtUpToDateLeavesTheEarlierTableAsItWas() {
        City city = city(new Random(SEED + 100), 8);
        IndicatorTable before = new IndicatorTable(city.all(), CityFacts.CATALOGUE, city.units(), BASE);
        List<String> figures = everything(before, city.units());
        String enterprise = city.enterprises().get(3);
        IndicatorTable after = before.with(change(new Random(SEED), city, enterprise, 2023));
        assertThat(everything(before, city.units())).isEqualTo(figures);
        assertThat(everything(after, city.units())).isNotEqualTo(figures);
        // a first fact of a year the table had no fact in: the years move, and every figure with them
        Fact t = city.facts().values().iterator().next();
        IndicatorTable later = after.with(List.of(scaled(t, enterprise, 2025, 1, true)));
        assertThat(later.years()).contains(2025);
        assertThat(after.years()).doesNotContain(2025);
        // a table without a fact, then its first facts, page by page (how the service builds its first table)
        IndicatorTable paged = new IndicatorTable(List.of(), CityFacts.CATALOGUE, city.units(), BASE);
        List<Fact> all = city.all();
        for (int from = 0; from < all.size(); from += 500) {
            paged = paged.with(all.subList(from, Math.min(all.size(), from + 500)));
        }
        assertThat(everything(paged, city.units())).isEqualTo(everything(before, city.units()));
    }
}
