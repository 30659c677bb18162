package io.synergy.method.inventory;

import static io.synergy.method.inventory.InventoryFixtures.YEAR;
import static io.synergy.method.inventory.InventoryFixtures.compute;
import static io.synergy.method.inventory.InventoryFixtures.factor;
import static io.synergy.method.inventory.InventoryFixtures.factors;
import static io.synergy.method.inventory.InventoryFixtures.inputs;
import static io.synergy.method.inventory.InventoryFixtures.library;
import static io.synergy.method.inventory.InventoryFixtures.ncvs;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.synergy.method.inventory.Inventory.Row;
import io.synergy.method.results.Fact;
import io.synergy.method.results.IndicatorTable;
import io.synergy.model.catalogue.Catalogue;
import io.synergy.model.orgunit.OrgUnits;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What the inventory says when it cannot calculate: never a silent zero, always the reason. */
class InventoryEdgeCasesTest {

    private static Row row(Inventory inventory, String sector, String gas) {
        return inventory.rows().stream()
                .filter(r -> r.sector().equals(sector) && r.gas().equals(gas))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no row " + sector + " " + gas));
    }

    @Test
    void nothingReportedIsNoInventory() {
        Inventory inventory = compute(library(), Map.of());
        assertThat(inventory.hasData()).isFalse();
        assertThat(inventory.rows()).isEmpty();
        assertThat(inventory.totals()).isEmpty();
        assertThat(inventory.co2e().calculated()).isNull();
        assertThat(inventory.notReported()).hasSize(10);
    }

    @Test
    void reportedEmissionsWithoutActivityAreShownButNotCalculated() {
        Inventory inventory =
                compute(library(), Map.of("energy.emissions.co2", 30_000.0, "energy.emissions.nox", 20.0));
        assertThat(inventory.hasData()).isTrue();
        Row co2 = row(inventory, "energy", "CO2");
        assertThat(co2.status()).isEqualTo(CalculationStatus.NO_ACTIVITY_DATA);
        assertThat(co2.calculated()).isNull();
        assertThat(co2.difference()).isNull();
        assertThat(co2.reason()).isEqualTo("no activity data of the energy sector reported");
        assertThat(inventory.totals()).extracting(Inventory.Total::gas).containsExactly("CO2", "NOX");
        assertThat(inventory.totals().get(0).calculated()).isNull();
        assertThat(inventory.totals().get(0).reported()).isEqualTo(30_000.0);
        assertThat(inventory.co2e().calculated()).isNull();
        assertThat(inventory.co2e().reported()).isEqualTo(30_000.0);
    }

    @Test
    void anActivityWithoutAFactorIsNotComputableWithTheReason() {
        Map<String, Double> in = new LinkedHashMap<>(inputs());
        in.put("energy.fuel.lpg", 100.0); // the example library has no LPG row at all
        Inventory inventory = compute(library(), in);
        Row co2 = row(inventory, "energy", "CO2");
        assertThat(co2.status()).isEqualTo(CalculationStatus.MISSING_FACTOR);
        assertThat(co2.calculated()).isNull();
        assertThat(co2.difference()).isNull();
        assertThat(co2.reason()).isEqualTo("factor version 1: no CO2 factor for lpg valid in 2024");
        // what could be computed is still shown, so the gap is visible
        assertThat(co2.contributions())
                .extracting(Inventory.Contribution::activity)
                .containsExactly("rawcoal", "naturalgas", "clinker");
        // the fuel is listed without energy: the version has no calorific value for it
        Inventory.FuelEnergy lpg = inventory.energy().stream()
                .filter(e -> e.fuel().equals("lpg"))
                .findFirst()
                .orElseThrow();
        assertThat(lpg.energyTJ()).isNull();
        assertThat(lpg.reason()).contains("no net calorific value of lpg");
        // a total that would silently leave a sector's fuel out is not given
        Inventory.Total total = inventory.totals().stream()
                .filter(t -> t.gas().equals("CO2"))
                .findFirst()
                .orElseThrow();
        assertThat(total.calculated()).isNull();
        assertThat(total.status()).isEqualTo(CalculationStatus.MISSING_FACTOR);
        assertThat(total.reason()).contains("energy");
        assertThat(inventory.co2e().calculated()).isNull();
        assertThat(inventory.co2e().reason()).contains("CO2");
        // other sectors are unaffected
        assertThat(row(inventory, "transport", "CO2").calculated()).isCloseTo(3_160.5132, within(1e-6));
    }

    @Test
    void aZeroActivityNeedsNoFactor() {
        Map<String, Double> in = new LinkedHashMap<>(inputs());
        in.put("energy.fuel.lpg", 0.0);
        Inventory inventory = compute(library(), in);
        assertThat(row(inventory, "energy", "CO2").calculated()).isCloseTo(31_739.1135, within(1e-6));
    }

    @Test
    void zeroReportedHasADifferenceButNoRelativeDifference() {
        Map<String, Double> in = new LinkedHashMap<>(inputs());
        in.put("waste.emissions.co2", 0.0);
        Row waste = row(compute(library(), in), "waste", "CO2");
        assertThat(waste.difference()).isCloseTo(2_717.0, within(1e-6));
        assertThat(waste.relativeDifference()).isNull();
        assertThat(waste.differenceNote()).isEqualTo("reported is zero: relative difference undefined");
    }

    @Test
    void aFactorAppliesOnlyInItsValidYears() {
        List<EmissionFactor> f = new ArrayList<>(factors());
        f.removeIf(x -> x.gas().equals("CO2") && x.activity().equals("clinker"));
        f.add(new EmissionFactor("CO2", "clinker", null, 0.52, "t/t", "old", 2005, 2022, false));
        f.add(new EmissionFactor("CO2", "clinker", null, 0.50, "t/t", "plant measurements", 2023, null, false));
        FactorLibrary library = FactorLibrary.draft("years", ncvs(), f).stored(2, null, "test");
        Row co2 = row(compute(library, inputs()), "energy", "CO2");
        assertThat(co2.contributions().get(2).factor()).isEqualTo(0.50);
        assertThat(co2.contributions().get(2).factorSource()).isEqualTo("plant measurements");
        assertThat(co2.calculated()).isCloseTo(31_739.1135 - 40, within(1e-6));
        assertThat(co2.factorVersion()).isEqualTo(2);
        Inventory in2022 = new InventoryCalculator(InventoryFixtures.catalogue(), Gwp.ar5())
                .compute(library, InventoryInputs.of(inputs()), 2022);
        assertThat(row(in2022, "energy", "CO2").contributions().get(2).factor()).isEqualTo(0.52);
    }

    @Test
    void aSectorsOwnRowWinsOverTheGeneralOne() {
        List<EmissionFactor> f = new ArrayList<>(factors());
        f.add(factor("SO2", "rawcoal", "energy", 0.25, "kg/t", "ultra-low emission units", false));
        Inventory inventory = compute(FactorLibrary.draft("sector", ncvs(), f).stored(2, null, "test"), inputs());
        Row so2 = row(inventory, "energy", "SO2");
        assertThat(so2.calculated()).isCloseTo(2.5 + 0.1, within(1e-6));
        // still an example: natural gas uses the example row
        assertThat(so2.example()).isTrue();
        assertThat(so2.contributions().get(0).example()).isFalse();
    }

    @Test
    void perMassUnitsAreConvertedToTonnes() {
        List<EmissionFactor> f = new ArrayList<>(factors());
        f.removeIf(x -> x.gas().equals("CH4") && x.activity().equals("rawcoal"));
        f.add(factor("CH4", "rawcoal", null, 1000, "g/TJ", "same as 1 kg/TJ", false));
        Inventory inventory = compute(FactorLibrary.draft("units", ncvs(), f).stored(2, null, "test"), inputs());
        assertThat(row(inventory, "energy", "CH4").calculated()).isCloseTo(0.403735, within(1e-9));
    }

    @Test
    void withoutAGwpForAGreenhouseGasThereIsNoCo2Equivalent() {
        Inventory inventory = new InventoryCalculator(
                        InventoryFixtures.catalogue(), new Gwp(Map.of("CO2", 1.0, "CH4", 28.0), "partial"))
                .compute(library(), InventoryInputs.of(inputs()), YEAR);
        assertThat(inventory.co2e().calculated()).isNull();
        assertThat(inventory.co2e().reason()).isEqualTo("no global warming potential configured for N2O");
        assertThat(inventory.totals()).isNotEmpty();
    }

    @Test
    void aUnitsInventoryIsTheSumOfItsMembersAndSaysWhoIsMissing() {
        Catalogue catalogue = Catalogue.load();
        OrgUnits units = OrgUnits.load();
        List<Fact> facts = new ArrayList<>();
        facts.add(new Fact("energy.fuel.rawcoal", "370202", YEAR, 10_000.0, 10_000.0, null, true));
        facts.add(new Fact("energy.fuel.rawcoal", "370203", YEAR, 5_000.0, 5_000.0, null, true));
        facts.add(new Fact("energy.emissions.co2", "370202", YEAR, 20_000.0, 20_000.0, null, true));
        facts.add(new Fact("energy.emissions.co2", "370203", YEAR, 9_000.0, 9_000.0, null, false));
        // agricultural methane arrives as the sector indicator AG-CH4 (its total), not as a data element
        facts.add(new Fact("AG-CH4", "370202", YEAR, 40.0, 40.0, null, true));
        facts.add(new Fact("AG-CH4", "370203", YEAR, 10.0, 10.0, null, true));
        IndicatorTable table = new IndicatorTable(facts, catalogue, units, 2020);
        InventoryCalculator calculator = new InventoryCalculator(catalogue.inventory(), Gwp.ar5());
        Inventory a = calculator.compute(library(), InventoryInputs.of(table, catalogue, "370202", YEAR), YEAR);
        Inventory b = calculator.compute(library(), InventoryInputs.of(table, catalogue, "370203", YEAR), YEAR);
        Inventory city = calculator.compute(
                library(), InventoryInputs.of(table, catalogue, units.city().code(), YEAR), YEAR);
        assertThat(row(city, "energy", "CO2").calculated())
                .isCloseTo(
                        row(a, "energy", "CO2").calculated()
                                + row(b, "energy", "CO2").calculated(),
                        within(1e-6));
        assertThat(row(city, "energy", "CO2").calculated()).isCloseTo(15_000 * 20.908 * 94.6 / 1000, within(1e-6));
        assertThat(row(city, "energy", "CO2").reported()).isEqualTo(29_000.0);
        assertThat(row(city, "agriculture", "CH4").reported()).isEqualTo(50.0);
        assertThat(row(a, "agriculture", "CH4").reported()).isEqualTo(40.0);
        assertThat(a.complete()).isTrue();
        assertThat(b.complete()).isFalse();
        assertThat(b.incomplete())
                .singleElement()
                .asString()
                .startsWith("energy.emissions.co2: ")
                .contains("part of the year");
        assertThat(city.complete()).isFalse();
        assertThat(city.incomplete())
                .anySatisfy(
                        s -> assertThat(s).startsWith("energy.fuel.rawcoal: ").contains("370211"));
    }

    @Test
    void theSameFiguresAreRecognisedWhateverTheVersion() {
        Inventory v1 = compute(library(), inputs());
        Inventory v2 =
                compute(FactorLibrary.draft("same numbers", ncvs(), factors()).stored(2, null, "test"), inputs());
        assertThat(v1.sameFiguresAs(v2)).isTrue();
        List<EmissionFactor> f = new ArrayList<>(factors());
        f.removeIf(x -> x.gas().equals("NOX") && x.activity().equals("rawcoal"));
        f.add(factor("NOX", "rawcoal", null, 1.2, "kg/t", "revised", true));
        Inventory v3 = compute(FactorLibrary.draft("NOx revised", ncvs(), f).stored(3, null, "test"), inputs());
        assertThat(v1.sameFiguresAs(v3)).isFalse();
        assertThat(v1.sameFiguresAs(compute(library(), Map.of("energy.fuel.rawcoal", 1.0))))
                .isFalse();
    }
}
