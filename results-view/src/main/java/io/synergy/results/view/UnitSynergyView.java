package io.synergy.results.view;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.synergy.method.results.UnitSynergyCalculator;
import io.synergy.method.results.YearCoverage;
import io.synergy.method.synergy.Excluded;
import io.synergy.platform.tabular.Column;
import io.synergy.platform.tabular.Table;
import io.synergy.platform.tabular.Tabular;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The synergy degree of parks or enterprises in one year, ranked, scored on one panel of the units of that level —
 * {@code GET /api/v1/synergy/units} (clause 二十): the panel's weights and exclusions, and each unit's score, normalised
 * values, intensities and 双近零 (near-zero pollution and carbon) flag.
 *
 * @param level      PARK or ENTERPRISE
 * @param industry   the industry asked for (a GB/T 4754 section letter or division), or {@code null}
 * @param method     always {@code range}: intensities have no plan targets to anchor on
 * @param reason     why the panel is not computable (absent when it is)
 * @param units      ranked; a page of them when the request pages
 * @param nextCursor the cursor of the next page, when the request pages and more units follow (absent otherwise)
 * @param view       the facts scored: latest (every report) or official (the accepted data sets only)
 * @param dataSets   the city's data sets of the year accepted of those expected
 */
public record UnitSynergyView(
        String period,
        String level,
        String industry,
        String method,
        String coupling,
        boolean provisional,
        YearCoverage coverage,
        boolean computable,
        @JsonInclude(JsonInclude.Include.NON_NULL) String reason,
        List<String> samples,
        Map<String, Double> weights,
        Map<String, String> weightMethods,
        List<Excluded> excluded,
        UnitSynergyCalculator.NearZero nearZeroThresholds,
        List<RankedUnit> units,
        @JsonInclude(JsonInclude.Include.NON_NULL) String nextCursor,
        ResultView view,
        @JsonInclude(JsonInclude.Include.NON_NULL) DataSets dataSets) {

    public static final String METHOD = "range";

    /**
     * One park or enterprise: when computable, its rank (1 is the highest D over the whole panel), its score under the
     * coupling asked for and its normalised values; otherwise the reason.
     */
    public record RankedUnit(
            @JsonInclude(JsonInclude.Include.NON_NULL) Integer rank,
            String orgUnit,
            Name name,
            String parent,
            String industrySection,
            String industryDivision,
            boolean computable,
            @JsonInclude(JsonInclude.Include.NON_NULL) String reason,
            @JsonUnwrapped Score score,
            @JsonInclude(JsonInclude.Include.NON_NULL) Map<String, Double> normalised,
            Double pollutionIntensity,
            Double carbonIntensity,
            boolean nearZero,
            Map<String, Double> values,
            List<Designation> designations) {

        /** The same unit with its designations. */
        public RankedUnit withDesignations(List<Designation> designations) {
            return new RankedUnit(
                    rank,
                    orgUnit,
                    name,
                    parent,
                    industrySection,
                    industryDivision,
                    computable,
                    reason,
                    score,
                    normalised,
                    pollutionIntensity,
                    carbonIntensity,
                    nearZero,
                    values,
                    List.copyOf(designations));
        }

        static RankedUnit of(UnitSynergyCalculator.UnitRow r, Integer rank, String coupling) {
            Name name = new Name(r.zh(), r.en());
            if (!r.computable()) {
                return new RankedUnit(
                        null,
                        r.orgUnit(),
                        name,
                        r.parent(),
                        r.industrySection(),
                        r.industryDivision(),
                        false,
                        r.reason(),
                        null,
                        null,
                        r.pollutionIntensity(),
                        r.carbonIntensity(),
                        r.nearZero(),
                        r.values(),
                        List.of());
            }
            Score score = Score.of(
                    r.u1(), r.u2(), r.t(), Score.chosen(r.standard(), r.corrected(), coupling), r.lag(), false);
            return new RankedUnit(
                    rank,
                    r.orgUnit(),
                    name,
                    r.parent(),
                    r.industrySection(),
                    r.industryDivision(),
                    true,
                    null,
                    score,
                    r.normalised(),
                    r.pollutionIntensity(),
                    r.carbonIntensity(),
                    r.nearZero(),
                    r.values(),
                    List.of());
        }
    }

    /**
     * A pilot or designation (试点示范) of the unit, as the registry publishes it on pilots.v1.
     *
     * @param programme a programme of the catalogue (project-catalogue.yaml), named in {@code programmeZh}/{@code programmeEn}
     * @param industry  for a programme by industry (the carbon-EIA pilot), the industry; else {@code null}
     * @param level     NATIONAL, PROVINCIAL or CITY
     * @param year      the year designated, {@code null} while APPLIED
     * @param status    APPLIED, DESIGNATED, ACCEPTED or REVOKED
     */
    public record Designation(
            String code,
            String programme,
            String programmeZh,
            String programmeEn,
            String industry,
            String level,
            Integer year,
            String status,
            String document) {

        /** {@code CARBON_EIA/STEEL PROVINCIAL 2022 ACCEPTED}, for a table cell. */
        public String label() {
            return programme + (industry == null ? "" : "/" + industry) + " " + level + " "
                    + (year == null ? "-" : year) + " " + status;
        }
    }

    /** The answer as JSON, or as a table of one row per unit (CSV, a workbook). */
    public Tabular<UnitSynergyView> tabular() {
        List<Column<RankedUnit>> columns = List.of(
                ViewColumns.rank(RankedUnit::rank),
                ViewColumns.orgUnit(RankedUnit::orgUnit),
                ViewColumns.nameZh(RankedUnit::name),
                Column.text("industry_section", "行业门类", "Industry section", RankedUnit::industrySection),
                Column.text("industry_division", "行业大类", "Industry division", RankedUnit::industryDivision),
                ViewColumns.d(RankedUnit::score),
                ViewColumns.u1(RankedUnit::score),
                ViewColumns.u2(RankedUnit::score),
                ViewColumns.gradeZh(RankedUnit::score),
                ViewColumns.lag(RankedUnit::score),
                Column.number(
                        "pollution_intensity",
                        "污染物排放强度",
                        "Pollution intensity",
                        "t/10^4 CNY",
                        RankedUnit::pollutionIntensity),
                Column.number(
                        "carbon_intensity", "二氧化碳排放强度", "CO2 intensity", "t/10^4 CNY", RankedUnit::carbonIntensity),
                Column.bool("near_zero", "双近零", "Near zero", RankedUnit::nearZero),
                Column.text(
                        "designations",
                        "试点示范",
                        "Designations",
                        u -> u.designations().isEmpty()
                                ? null
                                : String.join(
                                        "; ",
                                        u.designations().stream()
                                                .map(Designation::label)
                                                .toList())),
                ViewColumns.reason(RankedUnit::reason),
                ViewColumns.provisional(r -> provisional));
        return Tabular.of(
                this,
                "synergy-" + level.toLowerCase(Locale.ROOT) + "s-" + period,
                new Table<>("园区企业协同度 Unit synergy", columns, units));
    }

    /**
     * @param level       park or enterprise
     * @param evaluation  the panel's evaluation, its units in ranking order
     * @param coverage    the year's coverage, or {@code null} before its first assessment
     */
    public static UnitSynergyView of(
            int year,
            String level,
            String industry,
            String coupling,
            boolean provisional,
            YearCoverage coverage,
            UnitSynergyCalculator.Evaluation evaluation,
            UnitSynergyCalculator.NearZero thresholds) {
        List<RankedUnit> units = new ArrayList<>();
        int rank = 0;
        for (UnitSynergyCalculator.UnitRow r : evaluation.units()) {
            units.add(RankedUnit.of(r, r.computable() ? ++rank : null, coupling));
        }
        return new UnitSynergyView(
                Integer.toString(year),
                level.toUpperCase(Locale.ROOT),
                industry,
                METHOD,
                coupling,
                provisional,
                coverage,
                evaluation.computable(),
                evaluation.computable() ? null : evaluation.reason(),
                evaluation.samples(),
                evaluation.weights(),
                evaluation.weightMethods(),
                evaluation.excluded(),
                thresholds,
                units,
                null,
                ResultView.LATEST,
                null);
    }

    /** The same answer, of a view, with the count of data sets. */
    public UnitSynergyView in(ResultView view, DataSets dataSets) {
        return new UnitSynergyView(
                period,
                level,
                industry,
                method,
                coupling,
                provisional,
                coverage,
                computable,
                reason,
                samples,
                weights,
                weightMethods,
                excluded,
                nearZeroThresholds,
                units,
                nextCursor,
                view,
                dataSets);
    }

    /** The same answer with only these units (a page), and the cursor of the next page ({@code null} on the last). */
    public UnitSynergyView page(List<RankedUnit> page, String nextCursor) {
        return new UnitSynergyView(
                period,
                level,
                industry,
                method,
                coupling,
                provisional,
                coverage,
                computable,
                reason,
                samples,
                weights,
                weightMethods,
                excluded,
                nearZeroThresholds,
                List.copyOf(page),
                nextCursor,
                view,
                dataSets);
    }
}
