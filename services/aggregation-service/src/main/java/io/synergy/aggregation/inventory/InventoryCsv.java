package io.synergy.aggregation.inventory;

import io.synergy.method.inventory.Inventory;
import io.synergy.model.catalogue.InventoryCatalogue;
import io.synergy.model.catalogue.Sector;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The inventory as CSV (RFC 4180, UTF-8): one row per sector and gas, then the totals over all sectors ({@code sector
 * = all}) and the CO2 equivalent ({@code gas = CO2e}).
 */
final class InventoryCsv {

    static final List<String> HEADER = List.of("org_unit", "period", "sector", "sector_zh", "gas", "gas_zh", "unit", "calculated", "reported",
            "difference", "relative_difference", "status", "reason", "example", "factor_version", "complete");

    private InventoryCsv() {
    }

    static String of(InventoryAnswer a, InventoryCatalogue catalogue) {
        List<List<Object>> rows = new ArrayList<>();
        for (Inventory.Row r : a.rows()) {
            rows.add(Arrays.asList(a.orgUnit(), a.period(), r.sector(), Sector.of(r.sector()).zh(), r.gas(), gasZh(catalogue, r.gas()), "t",
                    r.calculated(), r.reported(), r.difference(), r.relativeDifference(), r.status(), join(r.reason(), r.differenceNote()), r.example(),
                    r.factorVersion(), a.complete()));
        }
        for (Inventory.Total t : a.totals()) {
            rows.add(Arrays.asList(a.orgUnit(), a.period(), "all", "合计", t.gas(), gasZh(catalogue, t.gas()), "t", t.calculated(), t.reported(),
                    t.difference(), t.relativeDifference(), t.status(), join(t.reason(), t.differenceNote()), t.example(), t.factorVersion(), a.complete()));
        }
        Inventory.Co2e e = a.co2e();
        rows.add(Arrays.asList(a.orgUnit(), a.period(), "all", "合计", "CO2e", "二氧化碳当量", "t CO2e", e.calculated(), e.reported(), e.difference(),
                e.relativeDifference(), e.calculated() == null ? null : "COMPUTED", e.reason(), e.example(), e.factorVersion(), a.complete()));
        StringBuilder sb = new StringBuilder();
        io.synergy.aggregation.rest.Csv.line(sb, new ArrayList<>(HEADER));
        rows.forEach(r -> io.synergy.aggregation.rest.Csv.line(sb, r));
        return sb.toString();
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
