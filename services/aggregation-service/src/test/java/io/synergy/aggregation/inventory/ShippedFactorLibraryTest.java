package io.synergy.aggregation.inventory;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.synergy.method.inventory.EmissionFactor;
import io.synergy.method.inventory.FactorLibrary;
import io.synergy.method.inventory.FactorLibraryValidator;
import io.synergy.method.inventory.Gwp;
import io.synergy.method.inventory.Inventory;
import io.synergy.method.inventory.InventoryCalculator;
import io.synergy.method.inventory.InventoryInputs;
import io.synergy.model.catalogue.Catalogue;
import io.synergy.model.catalogue.InventoryCatalogue;
import java.io.InputStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * The library shipped as version 1 ({@code emission-factors.yaml}): valid, with the IPCC defaults and GB/T 2589 values
 * docs/inventory.md quotes, every air-pollutant factor marked as an example, and the hand-worked example of
 * docs/inventory.md §5 reproduced with it.
 */
class ShippedFactorLibraryTest {

    private static final InventoryCatalogue CATALOGUE = Catalogue.load().inventory();
    private static final FactorLibrary SHIPPED = shipped();

    private static FactorLibrary shipped() {
        try (InputStream in =
                ShippedFactorLibraryTest.class.getClassLoader().getResourceAsStream(InventoryService.SHIPPED_LIBRARY)) {
            return FactorLibraryParser.read(in, InventoryService.SHIPPED_LIBRARY)
                    .toDraft()
                    .stored(1, null, "test");
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static double factor(String gas, String activity, String sector) {
        return SHIPPED.factor(gas, activity, sector, 2024)
                .map(EmissionFactor::value)
                .orElseThrow();
    }

    @Test
    void isValid() {
        assertThat(FactorLibraryValidator.validate(SHIPPED, CATALOGUE)).isEmpty();
    }

    @Test
    void carriesTheIpccCo2DefaultsAndTheChineseCalorificValues() {
        Map<String, Double> co2 = Map.of(
                "rawcoal",
                94_600.0,
                "coke",
                107_000.0,
                "naturalgas",
                56_100.0,
                "fueloil",
                77_400.0,
                "diesel",
                74_100.0,
                "gasoline",
                69_300.0,
                "lpg",
                63_100.0);
        co2.forEach((fuel, v) -> {
            assertThat(factor("CO2", fuel, "energy")).as(fuel).isEqualTo(v);
            assertThat(SHIPPED.factor("CO2", fuel, "energy", 2024).orElseThrow().unit())
                    .isEqualTo("kg/TJ");
        });
        Map<String, Double> ncv = Map.of(
                "rawcoal",
                20.908,
                "coke",
                28.435,
                "naturalgas",
                389.31,
                "fueloil",
                41.816,
                "diesel",
                42.652,
                "gasoline",
                43.070,
                "lpg",
                50.179);
        ncv.forEach(
                (fuel, v) -> assertThat(SHIPPED.ncv(fuel, 2024).orElseThrow().value())
                        .as(fuel)
                        .isEqualTo(v));
        assertThat(factor("CO2", "clinker", "energy")).isEqualTo(0.52);
        // every fuel of every sector has CO2, CH4 and N2O
        for (String fuel : co2.keySet()) {
            for (String sector : List.of("energy", "transport", "building", "agriculture", "waste")) {
                for (String gas : List.of("CO2", "CH4", "N2O", "SO2", "NOX", "PM", "VOCS")) {
                    assertThat(SHIPPED.factor(gas, fuel, sector, 2024))
                            .as("%s %s %s", gas, fuel, sector)
                            .isPresent();
                }
            }
        }
        assertThat(factor("CH4", "gasoline", "transport")).isEqualTo(33.0); // road vehicles, not boilers
        assertThat(factor("CH4", "gasoline", "energy")).isEqualTo(3.0);
    }

    @Test
    void marksEveryAirPollutantFactorAsAnExampleAndNoIpccDefault() {
        Set<String> pollutants = Set.of("SO2", "NOX", "PM", "VOCS");
        for (EmissionFactor f : SHIPPED.factors()) {
            if (pollutants.contains(f.gas())) {
                assertThat(f.example()).as("%s %s", f.gas(), f.activity()).isTrue();
                assertThat(f.source()).startsWith("EXAMPLE");
            } else if (!f.activity().equals("incineration")) {
                assertThat(f.example()).as("%s %s", f.gas(), f.activity()).isFalse();
                assertThat(f.source()).startsWith("IPCC 2006");
            }
        }
        assertThat(SHIPPED.factor("CO2", "incineration", "waste", 2024)
                        .orElseThrow()
                        .example())
                .isTrue();
    }

    /** docs/inventory.md §5, computed with the shipped version rather than the method module's fixture. */
    @Test
    void reproducesTheHandWorkedExample() {
        Map<String, Double> in = new LinkedHashMap<>();
        in.put("energy.fuel.rawcoal", 10_000.0);
        in.put("energy.fuel.naturalgas", 500.0);
        in.put("energy.process.clinker", 2_000.0);
        in.put("energy.emissions.co2", 30_000.0);
        in.put("energy.emissions.so2", 6.0);
        in.put("energy.emissions.nox", 20.0);
        in.put("transport.fuel.diesel", 1_000.0);
        in.put("transport.emissions.co2", 3_000.0);
        in.put("transport.emissions.nox", 12.0);
        in.put("agriculture.emissions.ch4", 50.0);
        in.put("agriculture.emissions.n2o", 2.0);
        in.put("agriculture.emissions.nh3", 30.0);
        in.put("waste.process.incinerated", 10_000.0);
        in.put("waste.emissions.co2", 2_500.0);
        Inventory inventory =
                new InventoryCalculator(CATALOGUE, Gwp.ar5()).compute(SHIPPED, InventoryInputs.of(in), 2024);
        Map<String, Double> totals = new LinkedHashMap<>();
        inventory.totals().forEach(t -> totals.put(t.gas(), t.calculated()));
        assertThat(totals.get("CO2")).isCloseTo(37_616.6267, within(1e-6));
        assertThat(totals.get("CH4")).isCloseTo(0.5700778, within(1e-6));
        assertThat(totals.get("N2O")).isCloseTo(0.4994283, within(1e-6));
        assertThat(totals.get("SO2")).isCloseTo(5.12, within(1e-6));
        assertThat(totals.get("NOX")).isCloseTo(34.0, within(1e-6));
        assertThat(totals.get("PM")).isCloseTo(5.15, within(1e-6));
        assertThat(totals.get("VOCS")).isCloseTo(4.3, within(1e-6));
        assertThat(inventory.co2e().calculated()).isCloseTo(37_764.9373779, within(1e-6));
        assertThat(inventory.co2e().reported()).isCloseTo(37_430.0, within(1e-6));
    }
}
