package io.synergy.sector.model;

import io.synergy.platform.tabular.Column;
import io.synergy.platform.tabular.ColumnType;
import java.util.List;

/**
 * The layout of a report upload, CSV or XLSX — one row per value — and of the template the service gives out
 * ({@code GET /api/v1/template}): the upload's columns, plus two that only say what a code means (the district's and the data
 * element's names), which an upload may keep and the service ignores. A CSV names its columns by key; a workbook may name them
 * by key or as the template does ({@code 数值 Value}).
 */
public final class ReportSheet {

    /** A row of the template: one value of one district's report. */
    public record Row(
            String reportId,
            String source,
            String district,
            String districtName,
            String period,
            String dataElement,
            String dataElementName,
            Double value,
            String unit,
            Integer revision) {}

    public static final List<Column<Row>> COLUMNS = List.of(
            Column.text("report_id", "报表编号", "Report id", Row::reportId),
            Column.text("source", "来源系统", "Source", Row::source),
            Column.text("district", "区市代码", "District code", Row::district),
            Column.<Row>text("district_name", "区市名称", "District name", Row::districtName)
                    .asOptional(),
            Column.text("period", "报告期", "Period", Row::period),
            Column.text("data_element", "数据元代码", "Data element", Row::dataElement),
            Column.<Row>text("data_element_name", "数据元名称", "Data element name", Row::dataElementName)
                    .asOptional(),
            Column.number("value", "数值", "Value", null, Row::value),
            Column.<Row>text("unit", "计量单位", "Unit", Row::unit).asOptional(),
            Column.<Row>integer("revision", "修订号", "Revision", null, Row::revision)
                    .asOptional());

    /** The columns that only explain a code: an upload may keep them, the service ignores them. */
    public static final List<String> INFORMATIONAL = List.of("district_name", "data_element_name");

    /**
     * The columns as an upload is read: every cell as text, so that a workbook's cells are checked by the same rules as a CSV's
     * (a number typed into a workbook reads as its digits).
     */
    public static final List<Column<Object>> AS_TEXT = COLUMNS.stream()
            .map(c -> new Column<Object>(c.key(), c.zh(), c.en(), c.unit(), ColumnType.TEXT, x -> null, c.optional()))
            .toList();

    /** The keys of the columns, in order. */
    public static final List<String> KEYS = COLUMNS.stream().map(Column::key).toList();

    private ReportSheet() {}
}
