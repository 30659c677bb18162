package io.synergy.bench;

import io.synergy.method.attainment.AttainmentCalculator;
import io.synergy.method.attainment.AttainmentInput;
import io.synergy.method.attainment.Target;
import io.synergy.method.results.Fact;
import io.synergy.method.results.IndicatorTable;
import io.synergy.method.results.MethodSettings;
import io.synergy.method.results.ResultCalculator;
import io.synergy.method.results.UnitYearResult;
import io.synergy.method.synergy.IndicatorSeries;
import io.synergy.method.synergy.Normalisation;
import io.synergy.method.synergy.SynergyCalculator;
import io.synergy.method.synergy.SynergyEvaluation;
import io.synergy.method.synergy.SynergyOptions;
import io.synergy.model.catalogue.Catalogue;
import io.synergy.model.catalogue.DataElement;
import io.synergy.model.catalogue.Direction;
import io.synergy.model.catalogue.FormulaType;
import io.synergy.model.catalogue.Indicator;
import io.synergy.model.catalogue.IndicatorValue;
import io.synergy.model.catalogue.Sector;
import io.synergy.model.catalogue.Subsystem;
import io.synergy.model.orgunit.OrgUnit;
import io.synergy.model.orgunit.OrgUnits;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The aggregation's recompute, without I/O:
 * <ul>
 *   <li>{@code cityAndDistricts}: what the service does after one new event — every indicator of the city, the
 *       central urban area and the ten districts for 2020–2024 from district facts, attainment, the synergy degree
 *       (series and district panel, both normalisations) and the effects;</li>
 *   <li>{@code synthetic1000Units}: 1,000 org units × 30 indicators × 10 years: the panel of all unit-years in both
 *       normalisations, each unit's own series in both, and the attainment of every indicator of every unit.</li>
 * </ul>
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class RecomputeBenchmark {

    static final int UNITS = 1000;
    static final int INDICATORS = 30;
    static final int YEARS = 10;

    private Catalogue catalogue;
    private OrgUnits orgUnits;
    private List<Fact> cityFacts;
    private ResultCalculator calculator;
    private List<String> panelSamples;
    private List<IndicatorSeries> panelSeries;
    private List<List<IndicatorSeries>> unitSeries;
    private List<String> years;

    @Setup
    public void setUp() {
        catalogue = Catalogue.load();
        orgUnits = OrgUnits.load();
        calculator = new ResultCalculator(catalogue, orgUnits, MethodSettings.defaults());
        cityFacts = cityFacts(catalogue, orgUnits);

        Random r = new Random(42);
        years = new ArrayList<>();
        for (int y = 0; y < YEARS; y++) {
            years.add(Integer.toString(2015 + y));
        }
        panelSamples = new ArrayList<>();
        for (int u = 0; u < UNITS; u++) {
            for (String y : years) {
                panelSamples.add("u" + u + "/" + y);
            }
        }
        double[][] values = new double[INDICATORS][UNITS * YEARS];
        for (int j = 0; j < INDICATORS; j++) {
            for (int i = 0; i < UNITS * YEARS; i++) {
                values[j][i] = 50 + (i % YEARS) * (1 + j % 3) + r.nextGaussian() * 5;
            }
        }
        panelSeries = new ArrayList<>();
        unitSeries = new ArrayList<>();
        for (int u = 0; u < UNITS; u++) {
            unitSeries.add(new ArrayList<>());
        }
        for (int j = 0; j < INDICATORS; j++) {
            Subsystem s = j < INDICATORS / 2 ? Subsystem.POLLUTION : Subsystem.CARBON;
            Direction d = j % 4 == 0 ? Direction.LOWER : Direction.HIGHER;
            panelSeries.add(new IndicatorSeries("I" + j, s, d, values[j], 50.0, 70.0));
            for (int u = 0; u < UNITS; u++) {
                double[] own = Arrays.copyOfRange(values[j], u * YEARS, (u + 1) * YEARS);
                unitSeries.get(u).add(new IndicatorSeries("I" + j, s, d, own, own[0], 70.0));
            }
        }
    }

    /** Plausible facts for every sector indicator and published data element, ten districts, 2020–2024. */
    static List<Fact> cityFacts(Catalogue catalogue, OrgUnits orgUnits) {
        Random r = new Random(7);
        List<Fact> facts = new ArrayList<>();
        for (OrgUnit d : orgUnits.districts()) {
            for (int y = 2020; y <= 2024; y++) {
                for (Sector s : Sector.values()) {
                    for (Indicator i : catalogue.sectorIndicators(s)) {
                        double den = 1000 + r.nextInt(1000);
                        double num = den * (0.3 + 0.02 * (y - 2020) + r.nextDouble() * 0.1);
                        IndicatorValue v = i.formula().type() == FormulaType.RATIO
                                ? IndicatorValue.ratio(num, den, i.formula().scale())
                                : IndicatorValue.total(num);
                        facts.add(new Fact(i.id(), d.code(), y, v.value(), v.numerator(), v.denominator(), true));
                    }
                    for (DataElement de : catalogue.publishedDataElements(s)) {
                        double v = 10_000 * (1 - 0.02 * (y - 2020)) * (1 + r.nextDouble() * 0.1);
                        facts.add(new Fact(de.code(), d.code(), y, v, v, null, true));
                    }
                }
            }
        }
        return facts;
    }

    public int cityFactCount() {
        return cityFacts.size();
    }

    @Benchmark
    public List<UnitYearResult> cityAndDistricts() {
        return calculator.compute(new IndicatorTable(cityFacts, catalogue, orgUnits, 2020));
    }

    @Benchmark
    public int synthetic1000Units() {
        int computed = 0;
        for (Normalisation n : Normalisation.values()) {
            SynergyOptions options = SynergyOptions.defaults().withNormalisation(n);
            SynergyEvaluation panel = SynergyCalculator.evaluate(panelSamples, panelSeries, options);
            computed += panel.scores().size();
            for (List<IndicatorSeries> own : unitSeries) {
                computed +=
                        SynergyCalculator.evaluate(years, own, options).scores().size();
            }
        }
        Target target = new Target(70, 2025);
        for (List<IndicatorSeries> own : unitSeries) {
            for (IndicatorSeries s : own) {
                TreeMap<Integer, Double> annual = new TreeMap<>();
                for (int y = 0; y < YEARS; y++) {
                    annual.put(2015 + y, s.value(y));
                }
                AttainmentCalculator.evaluate(new AttainmentInput(s.id(), s.direction(), 2015, target, annual, 2024));
                computed++;
            }
        }
        return computed;
    }
}
