package io.synergy.sector.read;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.synergy.platform.tabular.Column;
import io.synergy.platform.tabular.Table;
import io.synergy.platform.tabular.Tabular;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

/** Which district reported which of the sector's data elements within a period. */
public record CompletenessView(String sector, String period, List<DistrictCompleteness> districts) {

    /** A row of the download: one data element of one district. */
    public record Row(DistrictCompleteness district, DataElementCompleteness element) {}

    static final List<Column<Row>> COLUMNS = List.of(
            Column.text("org_unit", "区划代码", "Org unit", r -> r.district().orgUnit()),
            Column.text(
                    "name_zh", "名称", "Name (Chinese)", r -> r.district().name().zh()),
            Column.text(
                    "name_en",
                    "英文名称",
                    "Name (English)",
                    r -> r.district().name().en()),
            Column.text("data_element", "数据元", "Data element", r -> r.element().dataElement()),
            Column.bool("reported", "已报送", "Reported", r -> r.element().reported()),
            Column.text(
                    "periods",
                    "报送期",
                    "Periods",
                    r -> r.element().periods() == null
                            ? null
                            : String.join(" ", r.element().periods())),
            Column.text(
                    "last_received",
                    "最近接收 (UTC)",
                    "Last received (UTC)",
                    r -> r.element().lastReceived() == null
                            ? null
                            : r.element()
                                    .lastReceived()
                                    .atOffset(ZoneOffset.UTC)
                                    .toString()),
            Column.text("report_id", "报告编号", "Report id", r -> r.element().reportId()),
            Column.bool("complete", "覆盖完整", "Complete", r -> r.element().complete()));

    /** This answer as JSON, or a CSV or workbook of one row per district and data element ({@code <sector>-completeness-<period>}). */
    public Tabular<CompletenessView> tabular() {
        List<Row> rows = districts.stream()
                .flatMap(d -> d.dataElements().stream().map(e -> new Row(d, e)))
                .toList();
        return Tabular.of(this, sector + "-completeness-" + period, new Table<>("报送情况 Completeness", COLUMNS, rows));
    }

    /**
     * @param reported how many of the sector's data elements it reported
     * @param expected how many the sector has
     */
    public record DistrictCompleteness(
            String orgUnit, Name name, int reported, int expected, List<DataElementCompleteness> dataElements) {}

    /**
     * A data element of a district: only whether it was reported when it was not.
     *
     * @param periods      the reported periods within (or containing) the period asked for
     * @param lastReceived when a value of it was last received
     * @param reportId     the report that value came from
     * @param complete     whether its periods cover the period asked for
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record DataElementCompleteness(
            String dataElement,
            boolean reported,
            List<String> periods,
            Instant lastReceived,
            String reportId,
            Boolean complete) {}
}
