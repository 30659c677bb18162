package io.synergy.aggregation.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import io.synergy.method.inventory.EmissionFactor;
import io.synergy.method.inventory.FactorLibrary;
import io.synergy.method.inventory.Gwp;
import io.synergy.method.inventory.Inventory;
import io.synergy.method.inventory.InventoryCalculator;
import io.synergy.method.inventory.InventoryInputs;
import io.synergy.method.inventory.NetCalorificValue;
import io.synergy.model.catalogue.Catalogue;
import io.synergy.model.catalogue.InventoryCatalogue;
import io.synergy.model.orgunit.OrgUnits;
import io.synergy.platform.tabular.TabularWriter;
import io.synergy.results.view.ResultView;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The CSV of a small inventory (its printable report: {@link InventoryReportPageTest}). */
class InventoryPresentationTest {

    static final InventoryCatalogue CATALOGUE = Catalogue.load().inventory();

    static InventoryAnswer answer(String source) {
        FactorLibrary library = FactorLibrary.draft(
                        "v <b>2</b>",
                        List.of(new NetCalorificValue("rawcoal", 20.908, "GJ/t", "GB/T 2589", 2005, null)),
                        List.of(
                                new EmissionFactor(
                                        "CO2", "rawcoal", null, 94_600.0, "kg/TJ", source, 2005, null, false),
                                new EmissionFactor("NOX", "rawcoal", null, 1.5, "kg/t", "EXAMPLE", 2005, null, true)))
                .stored(2, Instant.parse("2026-03-01T00:00:00Z"), "ops-user");
        Inventory inventory = new InventoryCalculator(CATALOGUE, Gwp.ar5())
                .compute(
                        library,
                        InventoryInputs.of(Map.of(
                                "energy.fuel.rawcoal",
                                1_000.0,
                                "energy.emissions.co2",
                                2_000.0,
                                "building.fuel.lpg",
                                5.0)),
                        2024);
        return InventoryService.answer(
                OrgUnits.load().find("370211").orElseThrow(),
                2024,
                inventory,
                library,
                new InventoryAnswer.RevisedFrom(
                        1,
                        2,
                        Instant.parse("2026-03-01T00:00:00Z"),
                        "/api/v1/inventory/history?period=2024&orgUnit=370211"),
                Instant.parse("2026-03-02T00:00:00Z"),
                ResultView.LATEST,
                null);
    }

    @Test
    void theCsvHasOneRowPerSectorAndGasThenTheTotals() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        TabularWriter.csv(
                InventoryTable.answer(answer("IPCC"), CATALOGUE).tables().get(0), out);
        String csv = out.toString(StandardCharsets.UTF_8);
        assertThat(csv).startsWith("\uFEFF"); // the platform's CSV: Excel reads the UTF-8 as UTF-8
        String[] lines = csv.substring(1).split("\r\n");
        assertThat(lines[0]).startsWith("org_unit,period,sector,sector_zh,gas");
        assertThat(lines[1])
                .startsWith(
                        "370211,2024,energy,能源,CO2,二氧化碳,t,1977.8968,2000,-22.1032,-0.011052,COMPUTED,,false,2,true");
        assertThat(csv)
                .contains(
                        "370211,2024,building,建筑,CO2,二氧化碳,t,,,,,MISSING_FACTOR,factor version 2: no CO2 factor for lpg valid in 2024,");
        assertThat(csv).contains(",all,合计,CO2e,二氧化碳当量,t CO2e,");
        assertThat(TabularWriter.decimal(362205.39300000004).toPlainString()).isEqualTo("362205.393");
        assertThat(TabularWriter.decimal(0.1 + 0.2).toPlainString()).isEqualTo("0.3");
    }
}
