package io.synergy.method.inventory;

import static io.synergy.method.inventory.InventoryFixtures.compute;
import static io.synergy.method.inventory.InventoryFixtures.inputs;
import static io.synergy.method.inventory.InventoryFixtures.library;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.synergy.method.inventory.Inventory.Row;
import io.synergy.method.inventory.Inventory.Total;
import org.assertj.core.data.Offset;
import org.junit.jupiter.api.Test;

/** The hand-worked example of docs/inventory.md §5, number by number (to 6 decimals). */
class InventoryWorkedExampleTest {

    private static final Offset<Double> E6 = within(1e-6);

    private final Inventory inventory = compute(library(), inputs());

    private Row row(String sector, String gas) {
        return inventory.rows().stream()
                .filter(r -> r.sector().equals(sector) && r.gas().equals(gas))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no row " + sector + " " + gas));
    }

    private Total total(String gas) {
        return inventory.totals().stream()
                .filter(t -> t.gas().equals(gas))
                .findFirst()
                .orElseThrow();
    }

    @Test
    void step1EnergyInTerajoulesByFuel() {
        assertThat(inventory.energyByFuel()).containsOnlyKeys("rawcoal", "naturalgas", "diesel");
        assertThat(inventory.energyByFuel().get("rawcoal")).isCloseTo(209.08, E6); // 10,000 t × 20.908 GJ/t ÷ 1,000
        assertThat(inventory.energyByFuel().get("naturalgas"))
                .isCloseTo(194.655, E6); // 500 × 389.31 GJ/10^4 m³ ÷ 1,000
        assertThat(inventory.energyByFuel().get("diesel")).isCloseTo(42.652, E6); // 1,000 t × 42.652 GJ/t ÷ 1,000
        assertThat(inventory.energy())
                .extracting(Inventory.FuelEnergy::sector)
                .containsExactly("energy", "energy", "transport");
    }

    @Test
    void step2EnergySectorCo2FromFuelsAndClinker() {
        Row co2 = row("energy", "CO2");
        assertThat(co2.status()).isEqualTo(CalculationStatus.COMPUTED);
        assertThat(co2.contributions())
                .extracting(Inventory.Contribution::activity)
                .containsExactly("rawcoal", "naturalgas", "clinker");
        assertThat(co2.contributions().get(0).emission()).isCloseTo(19_778.968, E6); // 209.08 TJ × 94,600 kg/TJ
        assertThat(co2.contributions().get(1).emission()).isCloseTo(10_920.1455, E6); // 194.655 TJ × 56,100 kg/TJ
        assertThat(co2.contributions().get(2).emission()).isCloseTo(1_040.0, E6); // 2,000 t × 0.52 t/t
        assertThat(co2.contributions().get(2).energyTJ()).isNull();
        assertThat(co2.calculated()).isCloseTo(31_739.1135, E6);
        assertThat(co2.reported()).isEqualTo(30_000.0);
        assertThat(co2.difference()).isCloseTo(1_739.1135, E6);
        assertThat(co2.relativeDifference()).isCloseTo(0.057970, within(5e-7));
        assertThat(co2.example()).isFalse();
        assertThat(co2.factorVersion()).isEqualTo(1);
    }

    @Test
    void step3MethaneAndNitrousOxideOfTheEnergySector() {
        assertThat(row("energy", "CH4").calculated()).isCloseTo(0.403735, E6); // (209.08 × 1 + 194.655 × 1) kg
        assertThat(row("energy", "N2O").calculated()).isCloseTo(0.3330855, E6); // (209.08 × 1.5 + 194.655 × 0.1) kg
        assertThat(row("energy", "CH4").reported()).isNull();
        assertThat(row("energy", "CH4").differenceNote()).isEqualTo("no reported emission to compare with");
    }

    @Test
    void step4AirPollutantsWithExampleFactors() {
        Row so2 = row("energy", "SO2");
        assertThat(so2.calculated()).isCloseTo(5.1, E6); // 10,000 × 0.5 kg + 500 × 0.2 kg
        assertThat(so2.difference()).isCloseTo(-0.9, E6);
        assertThat(so2.relativeDifference()).isCloseTo(-0.15, E6);
        assertThat(so2.example()).isTrue();
        assertThat(row("energy", "NOX").calculated()).isCloseTo(19.0, E6);
        assertThat(row("energy", "NOX").relativeDifference()).isCloseTo(-0.05, E6);
        assertThat(row("energy", "PM").calculated()).isCloseTo(4.15, E6);
        assertThat(row("energy", "VOCS").calculated()).isCloseTo(2.3, E6);
        assertThat(inventory.usesExampleFactors()).isTrue();
    }

    @Test
    void step5TransportUsesItsOwnRowsWhereTheLibraryHasThem() {
        Row co2 = row("transport", "CO2");
        assertThat(co2.calculated()).isCloseTo(3_160.5132, E6); // 42.652 TJ × 74,100 kg/TJ
        assertThat(co2.relativeDifference()).isCloseTo(0.0535044, E6);
        Row ch4 = row("transport", "CH4");
        assertThat(ch4.calculated()).isCloseTo(0.1663428, E6); // road factor 3.9 kg/TJ, not the boilers' 3
        assertThat(ch4.contributions().get(0).factorSector()).isEqualTo("transport");
        assertThat(row("transport", "N2O").calculated()).isCloseTo(0.1663428, E6);
        assertThat(row("transport", "SO2").calculated()).isCloseTo(0.02, E6); // no transport row: the general 0.02 kg/t
        assertThat(row("transport", "SO2").contributions().get(0).factorSector())
                .isNull();
        assertThat(row("transport", "NOX").calculated()).isCloseTo(15.0, E6);
        assertThat(row("transport", "NOX").difference()).isCloseTo(3.0, E6);
        assertThat(row("transport", "NOX").relativeDifference()).isCloseTo(0.25, E6);
    }

    @Test
    void step6AgricultureIsReportedOnlyAndWasteIncinerationIsAnExample() {
        assertThat(row("agriculture", "CH4").status()).isEqualTo(CalculationStatus.NO_ACTIVITY_DATA);
        assertThat(row("agriculture", "CH4").calculated()).isNull();
        assertThat(row("agriculture", "CH4").reported()).isEqualTo(50.0);
        assertThat(row("agriculture", "NH3").status()).isEqualTo(CalculationStatus.NOT_MODELLED);
        Row waste = row("waste", "CO2");
        assertThat(waste.calculated()).isCloseTo(2_717.0, E6); // 10,000 t × 0.2717 t/t
        assertThat(waste.relativeDifference()).isCloseTo(0.0868, E6);
        assertThat(waste.example()).isTrue();
        assertThat(inventory.rows().stream().filter(r -> r.sector().equals("waste")))
                .hasSize(1);
        assertThat(inventory.rows().stream().filter(r -> r.sector().equals("building")))
                .isEmpty();
        assertThat(inventory.notReported())
                .contains(
                        "building: no activity data",
                        "building: no reported emissions",
                        "agriculture: no activity data");
    }

    @Test
    void step7TotalsOverTheSectors() {
        Total co2 = total("CO2");
        assertThat(co2.calculated()).isCloseTo(37_616.6267, E6);
        assertThat(co2.reported()).isEqualTo(35_500.0);
        assertThat(co2.difference()).isCloseTo(2_116.6267, E6);
        assertThat(co2.relativeDifference()).isCloseTo(0.059623, within(5e-7));
        assertThat(co2.calculatedSectors()).containsExactly("energy", "transport", "waste");
        assertThat(co2.example()).isTrue();
        assertThat(total("CH4").calculated()).isCloseTo(0.5700778, E6);
        assertThat(total("CH4").reported()).isEqualTo(50.0);
        assertThat(total("CH4").calculatedSectors()).containsExactly("energy", "transport");
        assertThat(total("CH4").reportedSectors()).containsExactly("agriculture");
        assertThat(total("N2O").calculated()).isCloseTo(0.4994283, E6);
        assertThat(total("SO2").calculated()).isCloseTo(5.12, E6);
        assertThat(total("SO2").relativeDifference()).isCloseTo(-0.146667, within(5e-7));
        assertThat(total("NOX").calculated()).isCloseTo(34.0, E6);
        assertThat(total("NOX").relativeDifference()).isCloseTo(0.0625, E6);
        assertThat(total("PM").calculated()).isCloseTo(5.15, E6);
        assertThat(total("VOCS").calculated()).isCloseTo(4.3, E6);
        assertThat(total("NH3").status()).isEqualTo(CalculationStatus.NOT_MODELLED);
        assertThat(total("NH3").reported()).isEqualTo(30.0);
    }

    @Test
    void step8Co2Equivalent() {
        Inventory.Co2e co2e = inventory.co2e();
        assertThat(co2e.gwp()).containsEntry("CH4", 28.0).containsEntry("N2O", 265.0);
        assertThat(co2e.calculated()).isCloseTo(37_764.9373779, E6); // 37,616.6267 + 28 × 0.5700778 + 265 × 0.4994283
        assertThat(co2e.reported()).isCloseTo(37_430.0, E6); // 35,500 + 28 × 50 + 265 × 2
        assertThat(co2e.difference()).isCloseTo(334.9373779, E6);
        assertThat(co2e.relativeDifference()).isCloseTo(0.008948, within(5e-7));
        assertThat(co2e.bySector())
                .extracting(Inventory.SectorCo2e::sector)
                .containsExactly("energy", "transport", "agriculture", "waste");
        assertThat(co2e.bySector().get(0).calculated()).isCloseTo(31_838.6857375, E6);
        assertThat(co2e.bySector().get(1).calculated()).isCloseTo(3_209.2516404, E6);
        assertThat(co2e.bySector().get(2).calculated()).isNull();
        assertThat(co2e.bySector().get(2).reported()).isCloseTo(1_930.0, E6);
        assertThat(inventory.complete()).isTrue();
    }
}
