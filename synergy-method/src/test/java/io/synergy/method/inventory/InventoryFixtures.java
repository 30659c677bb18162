package io.synergy.method.inventory;

import io.synergy.model.catalogue.Catalogue;
import io.synergy.model.catalogue.InventoryCatalogue;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The hand-worked example of docs/inventory.md §5: the inputs of one district in 2024 and the rows of factor version 1
 * (as shipped in the aggregation service's emission-factors.yaml) that it uses.
 */
final class InventoryFixtures {

    static final int YEAR = 2024;
    static final String IPCC_CO2 = "IPCC 2006 GL Vol. 2 Ch. 1 Table 1.4";
    static final String IPCC_STATIONARY = "IPCC 2006 GL Vol. 2 Ch. 2 Table 2.2";
    static final String IPCC_ROAD = "IPCC 2006 GL Vol. 2 Ch. 3 Table 3.2.2";
    static final String EXAMPLE = "EXAMPLE value";

    private InventoryFixtures() {}

    static InventoryCatalogue catalogue() {
        return Catalogue.load().inventory();
    }

    /** The example's inputs: annual totals in the catalogue's units. */
    static Map<String, Double> inputs() {
        Map<String, Double> m = new LinkedHashMap<>();
        m.put("energy.fuel.rawcoal", 10_000.0);
        m.put("energy.fuel.naturalgas", 500.0); // 10^4 m³
        m.put("energy.process.clinker", 2_000.0);
        m.put("energy.emissions.co2", 30_000.0);
        m.put("energy.emissions.so2", 6.0);
        m.put("energy.emissions.nox", 20.0);
        m.put("transport.fuel.diesel", 1_000.0);
        m.put("transport.emissions.co2", 3_000.0);
        m.put("transport.emissions.nox", 12.0);
        m.put("agriculture.emissions.ch4", 50.0);
        m.put("agriculture.emissions.n2o", 2.0);
        m.put("agriculture.emissions.nh3", 30.0);
        m.put("waste.process.incinerated", 10_000.0);
        m.put("waste.emissions.co2", 2_500.0);
        return m;
    }

    static List<NetCalorificValue> ncvs() {
        return List.of(
                ncv("rawcoal", 20.908, "GJ/t"), ncv("naturalgas", 389.31, "GJ/10^4 m³"), ncv("diesel", 42.652, "GJ/t"));
    }

    static NetCalorificValue ncv(String fuel, double value, String unit) {
        return new NetCalorificValue(fuel, value, unit, "GB/T 2589", 2005, null);
    }

    static EmissionFactor factor(
            String gas, String activity, String sector, double value, String unit, String source, boolean example) {
        return new EmissionFactor(gas, activity, sector, value, unit, source, 2005, null, example);
    }

    /** The rows of version 1 the example uses. */
    static List<EmissionFactor> factors() {
        List<EmissionFactor> f = new ArrayList<>();
        f.add(factor("CO2", "rawcoal", null, 94_600, "kg/TJ", IPCC_CO2, false));
        f.add(factor("CO2", "naturalgas", null, 56_100, "kg/TJ", IPCC_CO2, false));
        f.add(factor("CO2", "diesel", null, 74_100, "kg/TJ", IPCC_CO2, false));
        f.add(factor("CO2", "clinker", null, 0.52, "t/t", "IPCC 2006 GL Vol. 3 Ch. 2", false));
        f.add(factor("CO2", "incineration", null, 0.2717, "t/t", "IPCC 2006 GL Vol. 5 Ch. 5 Eq. 5.1", true));
        f.add(factor("CH4", "rawcoal", null, 1, "kg/TJ", IPCC_STATIONARY, false));
        f.add(factor("CH4", "naturalgas", null, 1, "kg/TJ", IPCC_STATIONARY, false));
        f.add(factor("CH4", "diesel", null, 3, "kg/TJ", IPCC_STATIONARY, false));
        f.add(factor("CH4", "diesel", "transport", 3.9, "kg/TJ", IPCC_ROAD, false));
        f.add(factor("N2O", "rawcoal", null, 1.5, "kg/TJ", IPCC_STATIONARY, false));
        f.add(factor("N2O", "naturalgas", null, 0.1, "kg/TJ", IPCC_STATIONARY, false));
        f.add(factor("N2O", "diesel", null, 0.6, "kg/TJ", IPCC_STATIONARY, false));
        f.add(factor("N2O", "diesel", "transport", 3.9, "kg/TJ", IPCC_ROAD, false));
        f.add(factor("SO2", "rawcoal", null, 0.5, "kg/t", EXAMPLE, true));
        f.add(factor("SO2", "naturalgas", null, 0.2, "kg/10^4 m³", EXAMPLE, true));
        f.add(factor("SO2", "diesel", null, 0.02, "kg/t", EXAMPLE, true));
        f.add(factor("NOX", "rawcoal", null, 1.5, "kg/t", EXAMPLE, true));
        f.add(factor("NOX", "naturalgas", null, 8.0, "kg/10^4 m³", EXAMPLE, true));
        f.add(factor("NOX", "diesel", null, 3.2, "kg/t", EXAMPLE, true));
        f.add(factor("NOX", "diesel", "transport", 15.0, "kg/t", EXAMPLE, true));
        f.add(factor("PM", "rawcoal", null, 0.4, "kg/t", EXAMPLE, true));
        f.add(factor("PM", "naturalgas", null, 0.3, "kg/10^4 m³", EXAMPLE, true));
        f.add(factor("PM", "diesel", null, 0.3, "kg/t", EXAMPLE, true));
        f.add(factor("PM", "diesel", "transport", 1.0, "kg/t", EXAMPLE, true));
        f.add(factor("VOCS", "rawcoal", null, 0.18, "kg/t", EXAMPLE, true));
        f.add(factor("VOCS", "naturalgas", null, 1.0, "kg/10^4 m³", EXAMPLE, true));
        f.add(factor("VOCS", "diesel", null, 0.12, "kg/t", EXAMPLE, true));
        f.add(factor("VOCS", "diesel", "transport", 2.0, "kg/t", EXAMPLE, true));
        return f;
    }

    static FactorLibrary library() {
        return FactorLibrary.draft("worked example", ncvs(), factors()).stored(1, null, "test");
    }

    static Inventory compute(FactorLibrary library, Map<String, Double> inputs) {
        return new InventoryCalculator(catalogue(), Gwp.ar5()).compute(library, InventoryInputs.of(inputs), YEAR);
    }
}
