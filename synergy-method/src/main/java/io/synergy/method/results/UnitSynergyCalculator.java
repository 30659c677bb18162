package io.synergy.method.results;

import io.synergy.method.synergy.Coupling;
import io.synergy.method.synergy.Excluded;
import io.synergy.method.synergy.Grade;
import io.synergy.method.synergy.IndicatorSeries;
import io.synergy.method.synergy.SampleScore;
import io.synergy.method.synergy.SubsystemWeights;
import io.synergy.method.synergy.SynergyCalculator;
import io.synergy.method.synergy.SynergyEvaluation;
import io.synergy.method.synergy.SynergyOptions;
import io.synergy.model.catalogue.Indicator;
import io.synergy.model.orgunit.OrgUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The synergy degree of parks or enterprises (clause 二十: 园区、企业减污降碳协同度评价和动态跟踪): one panel of the
 * unit-years of the chosen units from the base year to the evaluated year, so units are comparable with each other and
 * over time. Their size differs by orders of magnitude, so the indicators are intensities (per value added), not totals.
 *
 * <p>A unit-year without a value for every indicator of the set is left out of the panel (rather than dropping the
 * indicator for everyone, as the city series does): registered enterprises report for different years. A unit with
 * no complete sample in the evaluated year is listed as not computable, with what it lacks.
 */
public final class UnitSynergyCalculator {

    /**
     * Thresholds of "双近零" (near-zero pollution and near-zero carbon): a unit whose summed pollutant intensity and whose
     * CO2 intensity are both at or below them is flagged.
     */
    public record NearZero(double pollutionIntensityMax, double carbonIntensityMax) {}

    /** One unit's result. */
    public record UnitRow(
            String orgUnit,
            String zh,
            String en,
            String parent,
            String industrySection,
            String industryDivision,
            boolean computable,
            String reason,
            Double u1,
            Double u2,
            Double t,
            UnitYearResult.Coupled standard,
            UnitYearResult.Coupled corrected,
            String lag,
            Double pollutionIntensity,
            Double carbonIntensity,
            boolean nearZero,
            Map<String, Double> values,
            Map<String, Double> normalised) {}

    /** The panel's evaluation. */
    public record Evaluation(
            int year,
            List<String> samples,
            Map<String, Double> weights,
            Map<String, String> weightMethods,
            List<Excluded> excluded,
            boolean computable,
            String reason,
            List<UnitRow> units) {}

    private UnitSynergyCalculator() {}

    /** The panel of the unit-years from the base year to {@code year}. */
    public static Evaluation evaluate(
            IndicatorTable table,
            List<OrgUnit> units,
            int baseYear,
            int year,
            List<Indicator> pollution,
            List<Indicator> carbon,
            SynergyOptions options,
            NearZero nearZero,
            List<String> pollutantIntensities,
            String carbonIntensity) {
        List<Integer> window = new ArrayList<>();
        for (int y = baseYear; y <= year; y++) {
            window.add(y);
        }
        return evaluate(
                table,
                units,
                window,
                year,
                pollution,
                carbon,
                options,
                nearZero,
                pollutantIntensities,
                carbonIntensity);
    }

    /**
     * The panel of the unit-years of {@code window} (ascending; the settled years up to {@code year} and {@code year}
     * itself, {@link YearStates#window(int)}), evaluated for {@code year}.
     */
    public static Evaluation evaluate(
            IndicatorTable table,
            List<OrgUnit> units,
            List<Integer> window,
            int year,
            List<Indicator> pollution,
            List<Indicator> carbon,
            SynergyOptions options,
            NearZero nearZero,
            List<String> pollutantIntensities,
            String carbonIntensity) {
        List<Indicator> set = new ArrayList<>(pollution);
        set.addAll(carbon);
        List<String> samples = new ArrayList<>();
        List<double[]> rows = new ArrayList<>();
        Map<String, String> lacking = new LinkedHashMap<>();
        for (OrgUnit u : units) {
            for (int y : window) {
                double[] values = new double[set.size()];
                List<String> missing = new ArrayList<>();
                for (int j = 0; j < set.size(); j++) {
                    Figure f = table.get(u.code(), set.get(j).id(), y);
                    values[j] = f.present() ? f.value() : Double.NaN;
                    if (!f.present()) {
                        missing.add(set.get(j).id());
                    }
                }
                if (missing.isEmpty()) {
                    samples.add(u.code() + "/" + y);
                    rows.add(values);
                } else if (y == year) {
                    lacking.put(u.code(), "no value of " + String.join(", ", missing) + " for " + year);
                }
            }
        }
        List<IndicatorSeries> series = new ArrayList<>();
        for (int j = 0; j < set.size(); j++) {
            double[] column = new double[samples.size()];
            for (int i = 0; i < samples.size(); i++) {
                column[i] = rows.get(i)[j];
            }
            Indicator ind = set.get(j);
            series.add(new IndicatorSeries(ind.id(), ind.subsystem(), ind.direction(), column, null, null));
        }
        SynergyEvaluation e = SynergyCalculator.evaluate(samples, series, options.withCoupling(Coupling.STANDARD));
        Map<String, Double> weights = new LinkedHashMap<>();
        Map<String, String> methods = new LinkedHashMap<>();
        for (SubsystemWeights w : e.weights()) {
            weights.putAll(w.weights());
            methods.put(w.subsystem().name(), w.method().name());
        }
        List<UnitRow> out = new ArrayList<>();
        for (OrgUnit u : units) {
            String industrySection = u.details() == null ? null : u.details().industrySection();
            String industryDivision = u.details() == null ? null : u.details().industryDivision();
            Double pi = sum(table, u.code(), pollutantIntensities, year);
            Double ci = valueOf(table, u.code(), carbonIntensity, year);
            boolean nz = pi != null
                    && ci != null
                    && pi <= nearZero.pollutionIntensityMax()
                    && ci <= nearZero.carbonIntensityMax();
            Map<String, Double> values = new LinkedHashMap<>();
            for (Indicator ind : set) {
                values.put(ind.id(), valueOf(table, u.code(), ind.id(), year));
            }
            int index = e.samples().indexOf(u.code() + "/" + year);
            if (!e.computable() || index < 0) {
                String reason = !e.computable() ? e.reason() : lacking.getOrDefault(u.code(), "no sample for " + year);
                out.add(new UnitRow(
                        u.code(),
                        u.zh(),
                        u.en(),
                        u.parent(),
                        industrySection,
                        industryDivision,
                        false,
                        reason,
                        null,
                        null,
                        null,
                        null,
                        null,
                        null,
                        pi,
                        ci,
                        nz,
                        values,
                        Map.of()));
                continue;
            }
            SampleScore s = e.scores().get(index);
            Map<String, Double> normalised = new LinkedHashMap<>();
            e.normalised().forEach((id, v) -> normalised.put(id, v[index]));
            out.add(new UnitRow(
                    u.code(),
                    u.zh(),
                    u.en(),
                    u.parent(),
                    industrySection,
                    industryDivision,
                    true,
                    null,
                    s.u1(),
                    s.u2(),
                    s.t(),
                    coupled(s.cStandard(), s.t()),
                    coupled(s.cCorrected(), s.t()),
                    s.lag().name(),
                    pi,
                    ci,
                    nz,
                    values,
                    normalised));
        }
        out.sort(Comparator.comparing((UnitRow r) -> !r.computable())
                .thenComparing(r -> r.computable() ? -r.standard().d() : 0.0));
        return new Evaluation(year, e.samples(), weights, methods, e.excluded(), e.computable(), e.reason(), out);
    }

    private static Double valueOf(IndicatorTable table, String unit, String code, int year) {
        Figure f = table.get(unit, code, year);
        return f.present() ? f.value() : null;
    }

    private static Double sum(IndicatorTable table, String unit, List<String> codes, int year) {
        double total = 0;
        for (String c : codes) {
            Double v = valueOf(table, unit, c, year);
            if (v == null) {
                return null;
            }
            total += v;
        }
        return total;
    }

    private static UnitYearResult.Coupled coupled(double c, double t) {
        double d = Math.sqrt(c * t);
        Grade g = Grade.of(d);
        return new UnitYearResult.Coupled(c, d, g.name(), g.zh(), g.en());
    }
}
