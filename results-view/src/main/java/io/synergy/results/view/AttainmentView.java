package io.synergy.results.view;

import io.synergy.method.attainment.AttainmentStatus;
import io.synergy.method.results.UnitYearResult;
import io.synergy.method.results.YearCoverage;
import io.synergy.platform.tabular.Column;
import io.synergy.platform.tabular.Table;
import io.synergy.platform.tabular.Tabular;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Target attainment (目标完成度) of every targeted indicator for one org unit and year — {@code GET /api/v1/attainment}
 * (its shape is part of the public contract).
 *
 * @param summary    how many indicators have each status
 * @param version    the result's version (one more with every change)
 * @param computedAt when that version was computed
 * @param view       the facts it is computed from: latest (every report) or official (the accepted data sets only)
 * @param dataSets   the data sets accepted of those expected for the unit and year ({@code null} for a result stored before
 *                   the views)
 */
public record AttainmentView(
        String period,
        String orgUnit,
        Name name,
        boolean provisional,
        YearCoverage coverage,
        List<UnitYearResult.AttainmentRow> indicators,
        Map<AttainmentStatus, Integer> summary,
        double shareAchievedOrOnTrack,
        boolean complete,
        List<String> incomplete,
        long version,
        Instant computedAt,
        ResultView view,
        DataSets dataSets) {

    /** The answer as JSON, or as a table of one row per indicator (CSV, a workbook). */
    public Tabular<AttainmentView> tabular() {
        List<Column<UnitYearResult.AttainmentRow>> columns = List.of(
                Column.text("indicator", "指标代码", "Indicator", UnitYearResult.AttainmentRow::indicator),
                Column.text("name_zh", "指标名称", "Name (Chinese)", UnitYearResult.AttainmentRow::zh),
                Column.text("name_en", "英文名称", "Name", UnitYearResult.AttainmentRow::en),
                ViewColumns.orgUnit(UnitYearResult.AttainmentRow::orgUnit),
                Column.text("period", "年份", "Period", UnitYearResult.AttainmentRow::period),
                Column.number("value", "数值", "Value", null, UnitYearResult.AttainmentRow::value),
                Column.text("unit", "计量单位", "Unit", UnitYearResult.AttainmentRow::unit),
                Column.number("baseline", "基准值", "Baseline", null, UnitYearResult.AttainmentRow::baseline),
                Column.integer(
                        "baseline_year", "基准年", "Baseline year", null, UnitYearResult.AttainmentRow::baselineYear),
                Column.number("target", "目标值", "Target", null, UnitYearResult.AttainmentRow::target),
                Column.integer("target_year", "目标年", "Target year", null, UnitYearResult.AttainmentRow::targetYear),
                Column.text("target_source", "目标来源", "Target source", UnitYearResult.AttainmentRow::targetSource),
                Column.text("target_document", "目标文件", "Target document", UnitYearResult.AttainmentRow::targetDocument),
                Column.number("completion", "完成度", "Completion", null, UnitYearResult.AttainmentRow::completion),
                Column.number(
                        "time_progress", "序时进度", "Time progress", null, UnitYearResult.AttainmentRow::timeProgress),
                Column.text("status", "状态", "Status", UnitYearResult.AttainmentRow::status),
                Column.number(
                        "trajectory_value",
                        "序时目标值",
                        "Trajectory value",
                        null,
                        UnitYearResult.AttainmentRow::trajectoryValue),
                Column.number("gap", "差距", "Gap", null, UnitYearResult.AttainmentRow::gap),
                Column.integer(
                        "projection_year",
                        "预测年份",
                        "Projection year",
                        null,
                        r -> r.projection() == null ? null : r.projection().year()),
                Column.number(
                        "projection_value",
                        "预测值",
                        "Projection value",
                        null,
                        r -> r.projection() == null ? null : r.projection().value()),
                Column.bool(
                        "projection_meets_target",
                        "预测达标",
                        "Projection meets target",
                        r -> r.projection() == null ? null : r.projection().meetsTarget()),
                Column.bool("complete", "数据完整", "Complete", UnitYearResult.AttainmentRow::complete),
                ViewColumns.provisional(r -> provisional));
        return Tabular.of(
                this, "attainment-" + orgUnit + "-" + period, new Table<>("目标完成度 Attainment", columns, indicators));
    }

    public static AttainmentView of(ResultDocument document, Name name) {
        UnitYearResult r = document.result();
        return new AttainmentView(
                Integer.toString(r.year()),
                r.orgUnit(),
                name,
                r.provisional(),
                r.coverage(),
                r.attainment(),
                r.summary().counts(),
                r.summary().shareAchievedOrOnTrack(),
                r.complete(),
                r.incomplete(),
                document.version(),
                document.computedAt(),
                document.view(),
                document.dataSets());
    }
}
