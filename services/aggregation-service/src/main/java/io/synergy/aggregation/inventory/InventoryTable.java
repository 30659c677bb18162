package io.synergy.aggregation.inventory;

import io.synergy.method.inventory.Inventory;
import io.synergy.model.catalogue.InventoryCatalogue;
import io.synergy.model.catalogue.Sector;
import io.synergy.platform.tabular.Column;
import io.synergy.platform.tabular.Table;
import io.synergy.platform.tabular.Tabular;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The inventory as a table (CSV, a workbook), declared once: one row per sector and gas, then the totals over all sectors
 * ({@code sector = all}) and the CO2 equivalent ({@code gas = CO2e}).
 */
final class InventoryTable {

    /** One row: a sector's gas, a total of all sectors, or the CO2 equivalent. */
    record Line(
            String sector,
            String sectorZh,
            String gas,
            String gasZh,
            String unit,
            Double calculated,
            Double reported,
            Double difference,
            Double relativeDifference,
            String status,
            String reason,
            boolean example,
            int factorVersion) {}

    private InventoryTable() {}

    static List<Column<Line>> columns(InventoryAnswer a) {
        return List.of(
                Column.text("org_unit", "单位代码", "Org unit", l -> a.orgUnit()),
                Column.text("period", "年份", "Period", l -> a.period()),
                Column.text("sector", "部门", "Sector", Line::sector),
                Column.text("sector_zh", "部门(中文)", "Sector (Chinese)", Line::sectorZh),
                Column.text("gas", "气体", "Gas", Line::gas),
                Column.text("gas_zh", "气体(中文)", "Gas (Chinese)", Line::gasZh),
                Column.text("unit", "计量单位", "Unit", Line::unit),
                Column.number("calculated", "核算排放量", "Calculated", null, Line::calculated),
                Column.number("reported", "报送排放量", "Reported", null, Line::reported),
                Column.number("difference", "差值", "Difference", null, Line::difference),
                Column.number("relative_difference", "相对差", "Relative difference", null, Line::relativeDifference),
                Column.text("status", "状态", "Status", Line::status),
                Column.text("reason", "说明", "Reason", Line::reason),
                Column.bool("example", "示例因子", "Example factor", Line::example),
                Column.integer("factor_version", "因子版本", "Factor version", null, Line::factorVersion),
                Column.bool("complete", "数据完整", "Complete", l -> a.complete()));
    }

    static List<Line> lines(InventoryAnswer a, InventoryCatalogue catalogue) {
        List<Line> lines = new ArrayList<>();
        for (Inventory.Row r : a.rows()) {
            lines.add(new Line(
                    r.sector(),
                    Sector.of(r.sector()).zh(),
                    r.gas(),
                    gasZh(catalogue, r.gas()),
                    "t",
                    r.calculated(),
                    r.reported(),
                    r.difference(),
                    r.relativeDifference(),
                    Objects.toString(r.status(), null),
                    join(r.reason(), r.differenceNote()),
                    r.example(),
                    r.factorVersion()));
        }
        for (Inventory.Total t : a.totals()) {
            lines.add(new Line(
                    "all",
                    "合计",
                    t.gas(),
                    gasZh(catalogue, t.gas()),
                    "t",
                    t.calculated(),
                    t.reported(),
                    t.difference(),
                    t.relativeDifference(),
                    Objects.toString(t.status(), null),
                    join(t.reason(), t.differenceNote()),
                    t.example(),
                    t.factorVersion()));
        }
        Inventory.Co2e e = a.co2e();
        lines.add(new Line(
                "all",
                "合计",
                "CO2e",
                "二氧化碳当量",
                "t CO2e",
                e.calculated(),
                e.reported(),
                e.difference(),
                e.relativeDifference(),
                e.calculated() == null ? null : "COMPUTED",
                e.reason(),
                e.example(),
                e.factorVersion()));
        return lines;
    }

    /** The answer as JSON, or as the table (CSV, a workbook). */
    static Tabular<InventoryAnswer> answer(InventoryAnswer a, InventoryCatalogue catalogue) {
        return Tabular.of(
                a,
                "inventory-" + a.orgUnit() + "-" + a.period(),
                new Table<>("排放清单 Inventory", columns(a), lines(a, catalogue)));
    }

    private static String gasZh(InventoryCatalogue catalogue, String gas) {
        return catalogue.gas(gas).map(InventoryCatalogue.Gas::zh).orElse(gas);
    }

    private static String join(String a, String b) {
        if (a == null) {
            return b;
        }
        return b == null ? a : a + "; " + b;
    }
}
