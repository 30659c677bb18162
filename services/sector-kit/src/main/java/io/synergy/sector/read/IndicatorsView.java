package io.synergy.sector.read;

import io.synergy.model.event.EventKind;
import io.synergy.model.orgunit.OrgUnitLevel;
import io.synergy.platform.tabular.Column;
import io.synergy.platform.tabular.Table;
import io.synergy.platform.tabular.Tabular;
import java.util.List;

/** The sector's indicators and published data elements for a period: every district, the city and the district groups (or one of them). */
public record IndicatorsView(String sector, String period, List<OrgUnitIndicators> orgUnits) {

    /** A row of the download: one figure of one org unit. */
    public record Row(OrgUnitIndicators unit, IndicatorFigure figure) {}

    static final List<Column<Row>> COLUMNS = List.of(
            Column.text("org_unit", "区划代码", "Org unit", r -> r.unit().orgUnit()),
            Column.text("level", "层级", "Level", r -> r.unit().level().name()),
            Column.text("name_zh", "名称", "Name (Chinese)", r -> r.unit().name().zh()),
            Column.text(
                    "name_en", "英文名称", "Name (English)", r -> r.unit().name().en()),
            Column.text("code", "指标代码", "Code", r -> r.figure().code()),
            Column.text("kind", "类别", "Kind", r -> r.figure().kind().name()),
            Column.number("value", "数值", "Value", null, r -> r.figure().value()),
            Column.number("numerator", "分子", "Numerator", null, r -> r.figure().numerator()),
            Column.number(
                    "denominator", "分母", "Denominator", null, r -> r.figure().denominator()),
            Column.text("unit", "单位", "Unit", r -> r.figure().unit()),
            Column.bool("complete", "数据完整", "Complete", r -> r.figure().complete()));

    /** This answer as JSON, or a CSV or workbook of one row per org unit and figure ({@code <sector>-indicators-<period>}). */
    public Tabular<IndicatorsView> tabular() {
        List<Row> rows = orgUnits.stream()
                .flatMap(u -> u.indicators().stream().map(f -> new Row(u, f)))
                .toList();
        return Tabular.of(this, sector + "-indicators-" + period, new Table<>("指标 Indicators", COLUMNS, rows));
    }

    /** One org unit's figures. */
    public record OrgUnitIndicators(String orgUnit, OrgUnitLevel level, Name name, List<IndicatorFigure> indicators) {}

    /**
     * An indicator (kind INDICATOR) or a published data element (DATA_ELEMENT) of an org unit for the period.
     *
     * @param value       {@code null} when its data are missing
     * @param numerator   a district's summed numerator, or the sum of its districts' for the city and a group
     * @param denominator {@code null} for a total (no ratio)
     * @param complete    whether every month (or quarter) of the period was reported, for every district it sums
     */
    public record IndicatorFigure(
            String code,
            EventKind kind,
            Double value,
            Double numerator,
            Double denominator,
            String unit,
            boolean complete) {}
}
