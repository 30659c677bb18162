package io.synergy.bench;

import io.synergy.method.results.Fact;
import io.synergy.method.results.IndicatorTable;
import io.synergy.method.results.MethodSettings;
import io.synergy.method.results.ResultCalculator;
import io.synergy.method.results.UnitSynergyCalculator;
import io.synergy.method.results.UnitYearResult;
import io.synergy.method.results.YearStates;
import io.synergy.method.synergy.Normalisation;
import io.synergy.method.synergy.SynergyOptions;
import io.synergy.model.catalogue.Catalogue;
import io.synergy.model.catalogue.DataElement;
import io.synergy.model.catalogue.FormulaType;
import io.synergy.model.catalogue.Indicator;
import io.synergy.model.catalogue.IndicatorValue;
import io.synergy.model.catalogue.Sector;
import io.synergy.model.orgunit.OrgUnit;
import io.synergy.model.orgunit.OrgUnitDetails;
import io.synergy.model.orgunit.OrgUnitLevel;
import io.synergy.model.orgunit.OrgUnits;
import io.synergy.model.orgunit.UnifiedSocialCreditCode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The aggregation's recompute at city scale (issue 19), without I/O: ten districts, five parks in each and 5,000
 * enterprises (nine in ten in a park), each with 30 codes (sector indicators and published data elements) for ten years
 * 2015–2024, and (with {@code districtTotals}) the districts' own totals — 1.5 M facts.
 * <ul>
 *   <li>{@code oneEnterpriseReport}: what a pass does after one enterprise's report of 2024 — its facts written over the
 *       kept table ({@link IndicatorTable#with}), the years' states assessed, and the results of the units the change
 *       reaches ({@link ResultCalculator#affectedBy}) computed;</li>
 *   <li>{@code enterpriseRanking}: the unit-synergy ranking of the 5,000 enterprises (2020–2024 panel) from the kept
 *       table — what the first reader after a change computes, the others being served the kept answer;</li>
 *   <li>{@code tableFromEveryFact}: the table built from every fact, what each new version of the facts cost before
 *       (the load of 1.5 M rows from PostgreSQL not counted).</li>
 * </ul>
 * The set-up prints the heap the kept table holds (used heap after a full collection, before and after it is built).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = "-Xmx2g")
public class ScaleRecomputeBenchmark {

    static final int ENTERPRISES = 5000;
    static final int PARKS_PER_DISTRICT = 5;
    static final int CODES = 30;
    static final int FIRST_YEAR = 2015;
    static final int YEARS = 10;
    static final int BASE_YEAR = 2020;

    /**
     * Whether the districts report totals of their own. The generated city of {@code deploy/bench/run.sh --phases scale}
     * has none: each district's figure is the sum of its 500 enterprises', and the city's of its districts'.
     */
    @Param({"true", "false"})
    public boolean districtTotals;

    private Catalogue catalogue;
    private OrgUnits units;
    private List<Fact> facts;
    private List<String> enterprises;
    private List<OrgUnit> enterpriseUnits;
    private List<Fact> template;
    private ResultCalculator calculator;
    private IndicatorTable table;
    private Random random;
    private int next;

    @Setup
    public void setUp() {
        catalogue = Catalogue.load();
        units = OrgUnits.load();
        List<OrgUnit> districts = units.districts();
        for (OrgUnit d : districts) {
            for (int p = 1; p <= PARKS_PER_DISTRICT; p++) {
                String park = String.format(Locale.ROOT, "%sP%02d", d.code(), p);
                units = units.withUnit(new OrgUnit(
                        park,
                        OrgUnitLevel.PARK,
                        park,
                        park,
                        List.of(),
                        d.code(),
                        new OrgUnitDetails(null, null, Set.of(), false)));
            }
        }
        enterprises = new ArrayList<>();
        for (int i = 0; i < ENTERPRISES; i++) {
            String district = districts.get(i % districts.size()).code();
            int inDistrict = i / districts.size();
            String first17 = String.format(Locale.ROOT, "91%sBQ%07d", district, i);
            String code = first17 + UnifiedSocialCreditCode.checkCharacter(first17);
            String parent = inDistrict % 10 == 9
                    ? district
                    : String.format(Locale.ROOT, "%sP%02d", district, 1 + inDistrict % PARKS_PER_DISTRICT);
            units = units.withUnit(new OrgUnit(
                    code,
                    OrgUnitLevel.ENTERPRISE,
                    code,
                    code,
                    List.of(),
                    parent,
                    new OrgUnitDetails("C", "26", Set.of(), false)));
            enterprises.add(code);
        }
        OrgUnits all = units;
        enterpriseUnits =
                enterprises.stream().map(e -> all.find(e).orElseThrow()).toList();
        calculator = new ResultCalculator(catalogue, units, MethodSettings.defaults());
        random = new Random(19);
        template = codes();
        long empty = usedHeap();
        facts = new ArrayList<>();
        for (OrgUnit d : districtTotals ? districts : List.<OrgUnit>of()) {
            for (int y = FIRST_YEAR; y < FIRST_YEAR + YEARS; y++) {
                for (Fact t : template) {
                    facts.add(scaled(t, d.code(), y, 500 * (1 + random.nextDouble() * 0.1)));
                }
            }
        }
        for (String e : enterprises) {
            for (int y = FIRST_YEAR; y < FIRST_YEAR + YEARS; y++) {
                for (Fact t : template) {
                    facts.add(scaled(t, e, y, 1 + random.nextDouble() * 0.1));
                }
            }
        }
        long before = usedHeap();
        table = new IndicatorTable(facts, catalogue, units, BASE_YEAR);
        long after = usedHeap();
        // the pass's figures of the city, groups and districts, as the service's kept table holds them
        YearStates states = calculator.yearStates(table, Map.of());
        calculator.computeYear(table, FIRST_YEAR + YEARS - 1, states);
        long computed = usedHeap();
        System.out.printf(
                Locale.ROOT,
                "%n%,d facts: as Fact records in a list %,d KB (%,.0f bytes a fact, strings shared); the table holds %,d KB"
                        + " of heap (%,.0f bytes a fact); with a pass's figures %,d KB%n",
                facts.size(),
                (before - empty) / 1024,
                (double) (before - empty) / facts.size(),
                (after - before) / 1024,
                (double) (after - before) / facts.size(),
                (computed - before) / 1024);
    }

    /**
     * The first 30 codes a district publishes: the published data elements (emissions, value added: what the units'
     * intensities are made of), then sector indicators; one fact each.
     */
    private List<Fact> codes() {
        List<Fact> out = new ArrayList<>();
        for (Sector s : Sector.values()) {
            for (DataElement de : catalogue.publishedDataElements(s)) {
                out.add(new Fact(de.code(), "", 0, 100.0, 100.0, null, true));
            }
        }
        for (Sector s : Sector.values()) {
            for (Indicator i : catalogue.sectorIndicators(s)) {
                IndicatorValue v = i.formula().type() == FormulaType.RATIO
                        ? IndicatorValue.ratio(35, 100, i.formula().scale())
                        : IndicatorValue.total(35);
                out.add(new Fact(i.id(), "", 0, v.value(), v.numerator(), v.denominator(), true));
            }
        }
        return out.subList(0, Math.min(CODES, out.size()));
    }

    private static Fact scaled(Fact t, String unit, int year, double k) {
        return new Fact(
                t.code(),
                unit,
                year,
                t.value() * k,
                t.numerator() == null ? null : t.numerator() * k,
                t.denominator() == null ? null : t.denominator() * k,
                true);
    }

    private static long usedHeap() {
        for (int i = 0; i < 3; i++) {
            System.gc();
        }
        Runtime rt = Runtime.getRuntime();
        return rt.totalMemory() - rt.freeMemory();
    }

    @Benchmark
    public List<UnitYearResult> oneEnterpriseReport() {
        String enterprise = enterprises.get(next++ % enterprises.size());
        int year = FIRST_YEAR + YEARS - 1;
        List<Fact> report = new ArrayList<>();
        for (Fact t : template) {
            report.add(scaled(t, enterprise, year, 1 + random.nextDouble() * 0.1));
        }
        table = table.with(report);
        YearStates states = calculator.yearStates(table, Map.of());
        return calculator.computeYear(table, year, states, calculator.affectedBy(List.of(enterprise)));
    }

    /** The unit-synergy ranking of the 5,000 enterprises for the last year, computed from the kept table. */
    @Benchmark
    public UnitSynergyCalculator.Evaluation enterpriseRanking() {
        int year = FIRST_YEAR + YEARS - 1;
        List<Integer> window = new ArrayList<>();
        for (int y = BASE_YEAR; y <= year; y++) {
            window.add(y);
        }
        return UnitSynergyCalculator.evaluate(
                table,
                enterpriseUnits,
                window,
                year,
                indicators(List.of("PI-SO2", "PI-NOX", "PI-PM", "PI-VOCS")),
                indicators(List.of("CI", "EI")),
                SynergyOptions.defaults().withNormalisation(Normalisation.RANGE),
                new UnitSynergyCalculator.NearZero(0.0005, 0.2),
                List.of("PI-SO2", "PI-NOX", "PI-PM", "PI-VOCS"),
                "CI");
    }

    private List<Indicator> indicators(List<String> ids) {
        return ids.stream().map(id -> catalogue.indicator(id).orElseThrow()).toList();
    }

    @Benchmark
    public IndicatorTable tableFromEveryFact() {
        return new IndicatorTable(facts, catalogue, units, BASE_YEAR);
    }
}
