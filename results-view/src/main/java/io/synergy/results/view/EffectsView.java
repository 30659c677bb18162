package io.synergy.results.view;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.synergy.method.results.UnitYearResult;
import io.synergy.platform.tabular.Column;
import io.synergy.platform.tabular.Table;
import io.synergy.platform.tabular.Tabular;
import java.util.List;
import java.util.Map;

/**
 * Co-reduction effects (协同控制效应) of one org unit between two years — {@code GET /api/v1/effects}: ΔP, ΔC, the
 * elasticity and the quadrant of each air pollutant against CO2, per sector and for all sectors.
 *
 * @param provisional      either year is neither complete nor closed (docs/method.md §3)
 * @param provisionalYears which of {@code from} and {@code to} are
 * @param view             the facts compared: latest (every report) or official (the accepted data sets only)
 * @param dataSets         for each of the two years, the unit's data sets accepted of those expected
 */
public record EffectsView(
        String orgUnit,
        String from,
        String to,
        boolean provisional,
        List<Integer> provisionalYears,
        List<UnitYearResult.EffectRow> effects,
        ResultView view,
        @JsonInclude(JsonInclude.Include.NON_NULL) Map<String, DataSets> dataSets) {

    /** The answer as JSON, or as a table of one row per sector and pollutant (CSV, a workbook). */
    public Tabular<EffectsView> tabular() {
        List<Column<UnitYearResult.EffectRow>> columns = List.of(
                Column.text("sector", "部门", "Sector", UnitYearResult.EffectRow::sector),
                Column.text("pollutant", "污染物", "Pollutant", UnitYearResult.EffectRow::pollutant),
                Column.integer("from", "基期年", "From", null, UnitYearResult.EffectRow::from),
                Column.integer("to", "报告年", "To", null, UnitYearResult.EffectRow::to),
                Column.number("p0", "基期污染物排放量", "Pollutant, from", "t", UnitYearResult.EffectRow::p0),
                Column.number("p1", "报告期污染物排放量", "Pollutant, to", "t", UnitYearResult.EffectRow::p1),
                Column.number("co2_0", "基期二氧化碳排放量", "CO2, from", "t", UnitYearResult.EffectRow::c0),
                Column.number("co2_1", "报告期二氧化碳排放量", "CO2, to", "t", UnitYearResult.EffectRow::c1),
                Column.number("delta_p", "污染物排放变化率", "ΔP", null, UnitYearResult.EffectRow::deltaP),
                Column.number("delta_c", "二氧化碳排放变化率", "ΔC", null, UnitYearResult.EffectRow::deltaC),
                Column.number("elasticity", "协同控制弹性系数", "Elasticity ELs", null, UnitYearResult.EffectRow::elasticity),
                Column.text("quadrant", "象限", "Quadrant", UnitYearResult.EffectRow::quadrant),
                Column.text("quadrant_zh", "象限(中文)", "Quadrant (Chinese)", UnitYearResult.EffectRow::quadrantZh),
                ViewColumns.reason(UnitYearResult.EffectRow::reason),
                ViewColumns.provisional(r -> provisional));
        return Tabular.of(
                this,
                "effects-" + orgUnit + "-" + from + "-" + to,
                new Table<>("协同控制效应 Co-reduction effects", columns, effects));
    }

    public static EffectsView of(
            String orgUnit, int from, int to, List<Integer> provisionalYears, List<UnitYearResult.EffectRow> effects) {
        return new EffectsView(
                orgUnit,
                Integer.toString(from),
                Integer.toString(to),
                !provisionalYears.isEmpty(),
                List.copyOf(provisionalYears),
                effects,
                ResultView.LATEST,
                null);
    }

    /** The same answer, of a view, with the count of data sets of each year. */
    public EffectsView in(ResultView view, Map<String, DataSets> dataSets) {
        return new EffectsView(orgUnit, from, to, provisional, provisionalYears, effects, view, Map.copyOf(dataSets));
    }
}
