package io.synergy.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.synergy.model.catalogue.Catalogue;
import io.synergy.model.catalogue.DataElement;
import io.synergy.model.catalogue.Direction;
import io.synergy.model.catalogue.Indicator;
import io.synergy.model.catalogue.InventoryCatalogue;
import io.synergy.model.catalogue.Sector;
import io.synergy.model.catalogue.Subsystem;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.Test;

/** The catalogue must hold every data element and indicator of the plan (docs/method.md §1), with the plan's targets. */
class CatalogueTest {

    private static final List<String> FUELS =
            List.of("rawcoal", "coke", "naturalgas", "fueloil", "diesel", "gasoline", "lpg");

    private final Catalogue catalogue = Catalogue.load();

    @Test
    void everyDataElementOfThePlanIsDefined() {
        List<String> codes = new ArrayList<>(List.of(
                "energy.primary.total",
                "energy.primary.nonfossil",
                "energy.coal.total",
                "energy.coalpower.coal",
                "energy.coalpower.supplied",
                "energy.gdp",
                "transport.trips.total",
                "transport.trips.green",
                "transport.buses.added",
                "transport.buses.added.nev",
                "transport.cars.sold",
                "transport.cars.sold.nev",
                "transport.freight.total",
                "transport.freight.railwater",
                "building.energy.total",
                "building.energy.renewable",
                "building.roof.new",
                "building.roof.new.pv",
                "agriculture.straw.produced",
                "agriculture.straw.utilised",
                "agriculture.manure.produced",
                "agriculture.manure.utilised",
                "agriculture.fertiliser",
                "agriculture.pesticide",
                "agriculture.emissions.ch4",
                "agriculture.emissions.n2o",
                "agriculture.emissions.nh3",
                "waste.industrial.generated",
                "waste.industrial.utilised",
                "waste.domestic.collected",
                "waste.domestic.recycled",
                "waste.domestic.landfilled"));
        for (Sector s : Sector.values()) {
            for (String gas : List.of("co2", "so2", "nox", "pm", "vocs")) {
                codes.add(s.code() + ".emissions." + gas);
            }
            for (String fuel : FUELS) {
                codes.add(s.code() + ".fuel." + fuel);
            }
        }
        codes.add("energy.process.clinker");
        codes.add("waste.process.incinerated");
        assertThat(catalogue.dataElements()).extracting(DataElement::code).containsExactlyInAnyOrderElementsOf(codes);
        assertThat(catalogue.dataElements())
                .allSatisfy(d -> assertThat(d.code()).startsWith(d.sector().code() + "."));
    }

    @Test
    void targetsAreThePlans() {
        record T(String id, double value, int year, Direction dir, Subsystem sub, boolean kept, boolean provincial) {}
        List<T> expected = List.of(
                new T("E1", 15, 2025, Direction.HIGHER, Subsystem.CARBON, false, false),
                new T("E2", 295, 2025, Direction.LOWER, Subsystem.CARBON, false, false),
                new T("E3", 14.5, 2025, Direction.HIGHER, Subsystem.CARBON, false, true),
                new T("E4", 20.5, 2025, Direction.HIGHER, Subsystem.CARBON, false, true),
                new T("E5-NOX", 9000, 2025, Direction.HIGHER, Subsystem.POLLUTION, false, true),
                new T("E5-VOCS", 5600, 2025, Direction.HIGHER, Subsystem.POLLUTION, false, true),
                new T("T1", 70, 2025, Direction.HIGHER, Subsystem.CARBON, false, false),
                new T("T2", 100, 2024, Direction.HIGHER, Subsystem.CARBON, true, false),
                new T("T3", 50, 2030, Direction.HIGHER, Subsystem.CARBON, false, false),
                new T("B1", 10, 2025, Direction.HIGHER, Subsystem.CARBON, false, false),
                new T("B2", 50, 2025, Direction.HIGHER, Subsystem.CARBON, false, false),
                new T("A1", 97, 2025, Direction.HIGHER, Subsystem.POLLUTION, false, false),
                new T("A2", 90, 2024, Direction.HIGHER, Subsystem.POLLUTION, true, false),
                new T("W1", 92, 2025, Direction.HIGHER, Subsystem.POLLUTION, false, false),
                new T("W2", 0, 2024, Direction.LOWER, Subsystem.POLLUTION, true, false),
                new T("W3", 40, 2025, Direction.HIGHER, Subsystem.POLLUTION, false, false));
        assertThat(catalogue.targeted())
                .extracting(Indicator::id)
                .containsExactlyElementsOf(expected.stream().map(T::id).toList());
        for (T t : expected) {
            Indicator i = catalogue.indicator(t.id()).orElseThrow();
            assertThat(i.target().value()).as(t.id()).isEqualTo(t.value());
            assertThat(i.target().year()).as(t.id()).isEqualTo(t.year());
            assertThat(i.direction()).as(t.id()).isEqualTo(t.dir());
            assertThat(i.subsystem()).as(t.id()).isEqualTo(t.sub());
            assertThat(i.target().keptEveryYear()).as(t.id()).isEqualTo(t.kept());
            assertThat(i.target().provincial()).as(t.id()).isEqualTo(t.provincial());
            assertThat(i.clause()).as(t.id()).isNotBlank();
        }
        assertThat(catalogue.indicator("T1").orElseThrow().target().scope()).isEqualTo("central-urban");
        // where the targets come from: the plan, or for a provincial default the Shandong document (E5's a placeholder)
        assertThat(catalogue.planDocument()).isEqualTo("青环发〔2024〕18号");
        for (T t : expected) {
            Indicator i = catalogue.indicator(t.id()).orElseThrow();
            assertThat(i.target().document()).as(t.id()).isEqualTo(t.provincial() ? "鲁政字〔2022〕242号" : null);
            assertThat(i.target().placeholder()).as(t.id()).isEqualTo(t.id().startsWith("E5-"));
        }
    }

    @Test
    void sectorsComputeTheirOwnIndicatorsAndPublishWhatCrossSectorIndicatorsNeed() {
        assertThat(catalogue.sectorIndicators(Sector.ENERGY))
                .extracting(Indicator::id)
                .containsExactly("E1", "E2", "EI", "COAL-SHARE");
        assertThat(catalogue.sectorIndicators(Sector.WASTE))
                .extracting(Indicator::id)
                .containsExactly("W1", "W2", "W3");
        assertThat(catalogue.derivedIndicators())
                .extracting(Indicator::id)
                .containsExactly(
                        "E3", "E4", "E5-NOX", "E5-VOCS", "EM-CO2", "EM-SO2", "EM-NOX", "EM-PM", "EM-VOCS", "CI",
                        "PI-SO2", "PI-NOX", "PI-PM", "PI-VOCS");
        // what derived indicators read (GDP, emissions) and what the inventory reads (fuel use, processes, emissions)
        List<String> energy = new ArrayList<>(List.of(
                "energy.gdp",
                "energy.emissions.co2",
                "energy.emissions.so2",
                "energy.emissions.nox",
                "energy.emissions.pm",
                "energy.emissions.vocs"));
        FUELS.forEach(f -> energy.add("energy.fuel." + f));
        energy.add("energy.process.clinker");
        assertThat(catalogue.publishedDataElements(Sector.ENERGY))
                .extracting(DataElement::code)
                .containsExactlyElementsOf(energy);
        assertThat(catalogue.publishedDataElements(Sector.TRANSPORT))
                .extracting(DataElement::code)
                .allMatch(c -> c.startsWith("transport.emissions.") || c.startsWith("transport.fuel."))
                .hasSize(5 + FUELS.size());
        // agriculture's CH4, N2O and NH3 already travel as the sector indicators AG-CH4, AG-N2O, AG-NH3 (their totals)
        assertThat(catalogue.publishedDataElements(Sector.AGRICULTURE))
                .extracting(DataElement::code)
                .doesNotContain("agriculture.emissions.ch4", "agriculture.emissions.n2o", "agriculture.emissions.nh3")
                .contains("agriculture.emissions.co2", "agriculture.fuel.diesel");
        assertThat(catalogue.factCodeOf("agriculture.emissions.ch4")).isEqualTo("AG-CH4");
        assertThat(catalogue.factCodeOf("energy.fuel.rawcoal")).isEqualTo("energy.fuel.rawcoal");
    }

    @Test
    void everySectorHasItsPartOfWholeRules() {
        for (Sector s : Sector.values()) {
            assertThat(catalogue.rules(s)).as(s.code()).isNotEmpty();
        }
        assertThat(catalogue.rules(Sector.ENERGY)).extracting(r -> r.part()).contains("energy.primary.nonfossil");
    }

    @Test
    void unitsConvertToTheCanonicalUnit() {
        DataElement total = catalogue.dataElement("energy.primary.total").orElseThrow();
        assertThat(total.factorFor(null)).contains(1.0);
        assertThat(total.factorFor("tce")).contains(1.0);
        assertThat(total.factorFor("10^4 tce")).contains(10000.0);
        assertThat(total.factorFor("kWh")).isEmpty();
    }

    @Test
    void theInventoryMapsEveryFuelOfEverySectorAndEveryReportedEmission() {
        InventoryCatalogue inventory = catalogue.inventory();
        assertThat(inventory.gases())
                .extracting(InventoryCatalogue.Gas::code)
                .containsExactly("CO2", "CH4", "N2O", "SO2", "NOX", "PM", "VOCS", "NH3");
        assertThat(inventory.gases())
                .filteredOn(InventoryCatalogue.Gas::greenhouse)
                .extracting(InventoryCatalogue.Gas::code)
                .containsExactly("CO2", "CH4", "N2O");
        for (Sector s : Sector.values()) {
            assertThat(inventory.activityData(s))
                    .as(s.code())
                    .extracting(InventoryCatalogue.ActivityData::activity)
                    .containsAll(FUELS);
            for (String gas : List.of("CO2", "SO2", "NOX", "PM", "VOCS")) {
                assertThat(inventory.reported(s, gas))
                        .as(s.code() + " " + gas)
                        .map(InventoryCatalogue.ReportedEmission::dataElement)
                        .contains(s.code() + ".emissions." + gas.toLowerCase(Locale.ROOT));
            }
        }
        assertThat(inventory.reported(Sector.AGRICULTURE, "CH4"))
                .map(InventoryCatalogue.ReportedEmission::dataElement)
                .contains("agriculture.emissions.ch4");
        assertThat(inventory.activity("clinker"))
                .map(InventoryCatalogue.Activity::kind)
                .contains(InventoryCatalogue.ActivityKind.PROCESS);
        assertThat(inventory.activity("clinker").orElseThrow().gases()).containsExactly("CO2");
        assertThat(inventory.activity("naturalgas").orElseThrow().unit()).isEqualTo("10^4 m³");
        // natural gas is accepted in m³ too, converted to the canonical 10^4 m³
        assertThat(catalogue
                        .dataElement("building.fuel.naturalgas")
                        .orElseThrow()
                        .factorFor("m³"))
                .contains(0.0001);
    }
}
