package io.synergy.method.results;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.synergy.method.attainment.AttainmentSummary;
import io.synergy.method.attainment.Projection;
import io.synergy.method.synergy.Excluded;
import java.util.List;
import java.util.Map;

/**
 * Everything the aggregation computes for one org unit and year: the document stored, served and published on the
 * results topic (key {@code <orgUnit>:<year>}). Every intermediate quantity is in it, so a figure can be recomputed
 * by hand from docs/method.md.
 *
 * @param provisional the year is neither complete nor closed: its figures are scored on their own window and may still move
 * @param coverage   the year's state and how many of the synergy set's indicators and of the districts are in (for the city)
 * @param complete   every input of every targeted and synergy indicator of this unit is present and covers the whole year
 * @param incomplete per indicator, what is missing ("E1: 370285", "EM-CO2: transport.emissions.co2")
 * @param synergy    keyed {@code series.range}, {@code series.target}, {@code panel.range}, {@code panel.target}
 * @param effects    co-reduction effects from the previous year to this one, per sector and for all sectors
 */
public record UnitYearResult(
        String orgUnit,
        String level,
        int year,
        boolean provisional,
        YearCoverage coverage,
        boolean complete,
        List<String> incomplete,
        List<IndicatorFigure> indicators,
        List<AttainmentRow> attainment,
        AttainmentSummary summary,
        Map<String, SynergyResult> synergy,
        List<EffectRow> effects) {

    /** An indicator's value; {@code from} names the unit it was taken from when that is not this one (T1 of the city). */
    public record IndicatorFigure(
            String indicator,
            String zh,
            String en,
            String unit,
            String subsystem,
            Double value,
            Double numerator,
            Double denominator,
            boolean complete,
            List<String> missing,
            String from) {}

    /**
     * Target attainment of one indicator (docs/method.md §2), judged against the target that applies to the unit
     * and year ({@code TargetRules}, shared-model).
     *
     * @param target           the target judged against; {@code null} when none applies ({@code targetSource} NONE)
     * @param provincialTarget the plan's target is a provincial one (E3, E4, E5) and applies here
     * @param targetSource     PLAN (the plan's own target), ALLOCATED (set for the unit by document) or NONE
     * @param targetDocument   the 文号 of the document the target comes from; {@code null} with NONE
     * @param status           an {@link io.synergy.method.attainment.AttainmentStatus}, or {@link #NO_TARGET} when no
     *                         target applies: no verdict, and not counted in the summary
     * @param e5Basis          on an E5 row only: which figure is its value and was judged — {@code PROJECTS} (the verified
     *                         reductions of completed key projects) or {@code EMISSION_DIFFERENCE} (base-year minus current
     *                         emissions); see {@link KeyProjectReductions}
     * @param e5               on an E5 row only: both figures of the year, the official one and the other
     */
    public record AttainmentRow(
            String indicator,
            String zh,
            String en,
            String orgUnit,
            String period,
            Double value,
            String unit,
            Double baseline,
            int baselineYear,
            Double target,
            Integer targetYear,
            boolean keptEveryYear,
            boolean provincialTarget,
            String targetSource,
            String targetDocument,
            Double completion,
            Double timeProgress,
            String status,
            Double trajectoryValue,
            Double gap,
            Projection projection,
            boolean complete,
            @JsonInclude(JsonInclude.Include.NON_NULL) String e5Basis,
            @JsonInclude(JsonInclude.Include.NON_NULL) E5Figures e5) {

        /** The status of a row without a target: the unit is not judged on the indicator (no failure either). */
        public static final String NO_TARGET = "NO_TARGET";

        /** A row of any indicator but E5: no E5 basis. */
        public AttainmentRow(
                String indicator,
                String zh,
                String en,
                String orgUnit,
                String period,
                Double value,
                String unit,
                Double baseline,
                int baselineYear,
                Double target,
                Integer targetYear,
                boolean keptEveryYear,
                boolean provincialTarget,
                String targetSource,
                String targetDocument,
                Double completion,
                Double timeProgress,
                String status,
                Double trajectoryValue,
                Double gap,
                Projection projection,
                boolean complete) {
            this(
                    indicator,
                    zh,
                    en,
                    orgUnit,
                    period,
                    value,
                    unit,
                    baseline,
                    baselineYear,
                    target,
                    targetYear,
                    keptEveryYear,
                    provincialTarget,
                    targetSource,
                    targetDocument,
                    completion,
                    timeProgress,
                    status,
                    trajectoryValue,
                    gap,
                    projection,
                    complete,
                    null,
                    null);
        }
    }

    /**
     * Both figures of E5 for a unit and year, t.
     *
     * @param projects           the verified reductions of the key projects completed by the year ({@code null}: the unit
     *                           has no project recording the pollutant)
     * @param emissionDifference base-year minus current emissions ({@code null}: either is missing)
     */
    public record E5Figures(Double projects, Double emissionDifference) {}

    /** The coupling degree and the synergy degree D under one coupling formula. */
    public record Coupled(double c, double d, String grade, String gradeZh, String gradeEn) {}

    /**
     * The synergy degree (协同度) of the unit in this year under one basis and normalisation.
     *
     * @param basis {@code series}: the unit's own years from the base year; {@code panel}: all district-years
     */
    public record SynergyResult(
            String basis,
            String method,
            boolean computable,
            String reason,
            Double u1,
            Double u2,
            Double t,
            Coupled standard,
            Coupled corrected,
            String lag,
            String lagZh,
            Explanation explanation,
            List<SampleRow> window) {}

    /**
     * The score of one sample of the same evaluation (one year of the unit's window): the time series as the literature
     * presents it, every year scored over the same window.
     */
    public record SampleRow(
            String sample, double u1, double u2, double t, Coupled standard, Coupled corrected, String lag) {}

    /** How the figures came about: samples, weights per subsystem and method, normalised values, exclusions. */
    public record Explanation(
            List<String> samples,
            Map<String, Double> weights,
            Map<String, String> weightMethods,
            Map<String, double[]> normalised,
            List<Excluded> excluded,
            Map<String, Double> baselines,
            Map<String, Double> targets) {}

    /** Co-reduction effect of one pollutant against CO2 between two years (docs/method.md §4). */
    public record EffectRow(
            String sector,
            String pollutant,
            int from,
            int to,
            Double p0,
            Double p1,
            Double c0,
            Double c1,
            Double deltaP,
            Double deltaC,
            Double elasticity,
            String quadrant,
            String quadrantZh,
            String reason) {}
}
