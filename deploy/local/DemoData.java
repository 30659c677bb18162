import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;

/**
 * Demo data for the local run: every sector, every district of Qingdao, 2020–2024, posted as JSON batches to the
 * five sector services. Synthetic but shaped like the city (trends toward the plan's targets, districts of different
 * sizes, every part within its whole). Deterministic, and idempotent: running it again only produces duplicates.
 *
 *   java deploy/local/DemoData.java [host]        (host defaults to 127.0.0.1; ports 8081–8085)
 *
 * Single-file program (JDK only), so it runs before or without a build.
 */
public class DemoData {

    static final String[] DISTRICTS = {"370202", "370203", "370211", "370212", "370213", "370214", "370215", "370281", "370283", "370285"};
    /** Relative size of each district (economy, population), and whether it is rural (farming). */
    static final double[] SIZE = {0.9, 0.8, 2.6, 0.7, 0.7, 1.2, 1.3, 1.1, 1.0, 0.8};
    static final double[] RURAL = {0.0, 0.0, 0.5, 0.2, 0.1, 0.4, 0.9, 0.8, 1.0, 1.0};
    static final int FIRST = 2020;
    static final int LAST = 2024;
    static final Map<String, Integer> PORTS = Map.of("energy", 8081, "transport", 8082, "building", 8083, "agriculture", 8084, "waste", 8085);

    public static void main(String[] args) throws Exception {
        String host = args.length > 0 ? args[0] : "127.0.0.1";
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        Map<String, List<String>> bySector = new LinkedHashMap<>();
        for (String s : PORTS.keySet()) {
            bySector.put(s, new ArrayList<>());
        }
        for (int d = 0; d < DISTRICTS.length; d++) {
            Random r = new Random(31L * d + 7);
            for (int y = FIRST; y <= LAST; y++) {
                int k = y - FIRST;
                double s = SIZE[d];
                double noise = 1 + (r.nextDouble() - 0.5) * 0.02;
                boolean central = d == 0 || d == 1 || d == 3 || d == 4;

                // energy (能源): non-fossil share 9 → 14 %, coal per kWh 305 → 297 g, GDP +6 %/yr
                double total = 2_100_000 * s * (1 + 0.025 * k) * noise;
                double nonfossilShare = (9.0 + 1.15 * k + 0.4 * (d % 3)) / 100;
                double coalShare = (31.0 - 1.2 * k - 0.5 * (d % 2)) / 100;
                double supplied = 1_800_000 * s * (1 + 0.02 * k);
                double gce = 305.5 - 2.1 * k - 0.3 * (d % 2);
                double gdp = 1_250_000 * s * Math.pow(1.058, k);
                double co2 = total * 2.3 * (1 - 0.012 * k);
                bySector.get("energy").add(report("qd-energy-stats", d, y,
                        v("energy.primary.total", total, "tce"),
                        v("energy.primary.nonfossil", total * nonfossilShare, "tce"),
                        v("energy.coal.total", total * coalShare, "tce"),
                        v("energy.coalpower.coal", gce * supplied / 1000, "tce"),
                        v("energy.coalpower.supplied", supplied, "MWh"),
                        v("energy.gdp", gdp / 10_000, "10^8 CNY"),
                        v("energy.emissions.co2", co2, "t"),
                        v("energy.emissions.so2", 900 * s * (1 - 0.06 * k), "t"),
                        v("energy.emissions.nox", 2600 * s * (1 - 0.045 * k), "t"),
                        v("energy.emissions.pm", 700 * s * (1 - 0.05 * k), "t"),
                        v("energy.emissions.vocs", 400 * s * (1 - 0.03 * k), "t"),
                        // inventory activity data (docs/inventory.md): fuel use derived from the reported CO2 with a fuel mix
                        // moving from coal to gas; cement clinker only where the cement industry is (the rural districts)
                        fuel("energy.fuel.rawcoal", co2 * (0.72 - 0.01 * k), CO2_PER_T_RAWCOAL, "t"),
                        fuel("energy.fuel.coke", co2 * 0.04, CO2_PER_T_COKE, "t"),
                        fuel("energy.fuel.naturalgas", co2 * (0.07 + 0.008 * k), CO2_PER_10K_M3_NATURALGAS, "10^4 m³"),
                        fuel("energy.fuel.fueloil", co2 * 0.02, CO2_PER_T_FUELOIL, "t"),
                        fuel("energy.fuel.diesel", co2 * 0.03, CO2_PER_T_DIESEL, "t"),
                        fuel("energy.fuel.gasoline", co2 * 0.01, CO2_PER_T_GASOLINE, "t"),
                        fuel("energy.fuel.lpg", co2 * 0.01, CO2_PER_T_LPG, "t"),
                        v("energy.process.clinker", 250_000 * RURAL[d] * (1 - 0.02 * k), "t")));

                // transport (交通): green trips 60 → 68 % in the centre, NEV buses → 100 %, NEV cars 12 → 38 %
                double trips = 420_000_000 * s * (1 + 0.01 * k);
                double green = (central ? 60 + 1.9 * k : 48 + 1.5 * k) / 100;
                double buses = Math.round(90 * s);
                double nevBuses = k >= 4 ? buses : Math.round(buses * (0.94 + 0.015 * k));
                double cars = Math.round(21_000 * s * (1 + 0.03 * k));
                double freight = 9.0e9 * s * (1 + 0.04 * k);
                bySector.get("transport").add(report("qd-transport-survey", d, y,
                        v("transport.trips.total", trips / 10_000, "10^4 trips"),
                        v("transport.trips.green", trips * green / 10_000, "10^4 trips"),
                        v("transport.buses.added", buses, null),
                        v("transport.buses.added.nev", nevBuses, null),
                        v("transport.cars.sold", cars, null),
                        v("transport.cars.sold.nev", Math.round(cars * (0.12 + 0.065 * k)), null),
                        v("transport.freight.total", freight, "t·km"),
                        v("transport.freight.railwater", freight * (0.21 + 0.018 * k), "t·km"),
                        v("transport.emissions.co2", 1_100_000 * s * (1 - 0.01 * k), "t"),
                        v("transport.emissions.so2", 60 * s * (1 - 0.05 * k), "t"),
                        v("transport.emissions.nox", 3800 * s * (1 - 0.05 * k), "t"),
                        v("transport.emissions.pm", 250 * s * (1 - 0.06 * k), "t"),
                        v("transport.emissions.vocs", 1500 * s * (1 - 0.04 * k), "t"),
                        // inventory activity data: road diesel and gasoline, ships' fuel oil, gas and LPG vehicles
                        fuel("transport.fuel.diesel", 0.50 * 1_100_000 * s * (1 - 0.01 * k), CO2_PER_T_DIESEL, "t"),
                        fuel("transport.fuel.gasoline", 0.40 * 1_100_000 * s * (1 - 0.01 * k), CO2_PER_T_GASOLINE, "t"),
                        fuel("transport.fuel.fueloil", 0.02 * 1_100_000 * s * (1 - 0.01 * k), CO2_PER_T_FUELOIL, "t"),
                        fuel("transport.fuel.naturalgas", 0.04 * 1_100_000 * s * (1 - 0.01 * k), CO2_PER_10K_M3_NATURALGAS, "10^4 m³"),
                        fuel("transport.fuel.lpg", 0.02 * 1_100_000 * s * (1 - 0.01 * k), CO2_PER_T_LPG, "t")));

                // building (建筑): renewable substitution 5 → 9.5 %, rooftop PV 20 → 46 %
                double bEnergy = 600_000 * s * (1 + 0.02 * k);
                double roof = 180_000 * s * (1 + 0.05 * k);
                bySector.get("building").add(report("qd-housing-bureau", d, y,
                        v("building.energy.total", bEnergy, "tce"),
                        v("building.energy.renewable", bEnergy * (0.05 + 0.011 * k), "tce"),
                        v("building.roof.new", roof, "m²"),
                        v("building.roof.new.pv", roof * (0.2 + 0.065 * k), "m²"),
                        v("building.emissions.co2", 900_000 * s * (1 - 0.015 * k), "t"),
                        v("building.emissions.so2", 120 * s * (1 - 0.07 * k), "t"),
                        v("building.emissions.nox", 300 * s * (1 - 0.05 * k), "t"),
                        v("building.emissions.pm", 90 * s * (1 - 0.05 * k), "t"),
                        v("building.emissions.vocs", 600 * s * (1 - 0.03 * k), "t"),
                        // inventory activity data: gas heating replacing coal boilers, some LPG and diesel
                        fuel("building.fuel.naturalgas", (0.58 + 0.01 * k) * 900_000 * s * (1 - 0.015 * k), CO2_PER_10K_M3_NATURALGAS, "10^4 m³"),
                        fuel("building.fuel.rawcoal", (0.27 - 0.01 * k) * 900_000 * s * (1 - 0.015 * k), CO2_PER_T_RAWCOAL, "t"),
                        fuel("building.fuel.lpg", 0.06 * 900_000 * s * (1 - 0.015 * k), CO2_PER_T_LPG, "t"),
                        fuel("building.fuel.diesel", 0.02 * 900_000 * s * (1 - 0.015 * k), CO2_PER_T_DIESEL, "t")));

                // agriculture (农业): straw 92 → 96.4 %, manure 86 → 91 %, fertiliser −2 %/yr
                double farm = 0.15 + RURAL[d];
                double straw = 320_000 * farm;
                double manure = 900_000 * farm;
                bySector.get("agriculture").add(report("qd-agri-bureau", d, y,
                        v("agriculture.straw.produced", straw, "t"),
                        v("agriculture.straw.utilised", straw * (0.92 + 0.011 * k), "t"),
                        v("agriculture.manure.produced", manure, "t"),
                        v("agriculture.manure.utilised", manure * (0.865 + 0.012 * k), "t"),
                        v("agriculture.fertiliser", 38_000 * farm * (1 - 0.02 * k), "t"),
                        v("agriculture.pesticide", 1_200 * farm * (1 - 0.03 * k), "t"),
                        v("agriculture.emissions.ch4", 9_000 * farm * (1 - 0.01 * k), "t"),
                        v("agriculture.emissions.n2o", 700 * farm * (1 - 0.015 * k), "t"),
                        v("agriculture.emissions.nh3", 8_500 * farm * (1 - 0.02 * k), "t"),
                        v("agriculture.emissions.co2", 150_000 * farm * (1 - 0.01 * k), "t"),
                        v("agriculture.emissions.so2", 20 * farm, "t"),
                        v("agriculture.emissions.nox", 500 * farm * (1 - 0.03 * k), "t"),
                        v("agriculture.emissions.pm", 400 * farm * (1 - 0.04 * k), "t"),
                        v("agriculture.emissions.vocs", 150 * farm * (1 - 0.02 * k), "t"),
                        // inventory activity data: farm machinery diesel, greenhouse heating coal
                        fuel("agriculture.fuel.diesel", 0.80 * 150_000 * farm * (1 - 0.01 * k), CO2_PER_T_DIESEL, "t"),
                        fuel("agriculture.fuel.rawcoal", 0.10 * 150_000 * farm * (1 - 0.01 * k), CO2_PER_T_RAWCOAL, "t"),
                        fuel("agriculture.fuel.gasoline", 0.05 * 150_000 * farm * (1 - 0.01 * k), CO2_PER_T_GASOLINE, "t"),
                        fuel("agriculture.fuel.lpg", 0.02 * 150_000 * farm * (1 - 0.01 * k), CO2_PER_T_LPG, "t")));

                // waste (固废): industrial utilisation 85 → 91 %, recycling 33 → 39 %, no primary waste landfilled (零填埋)
                double industrial = 1_900_000 * s;
                double collected = 340_000 * s * (1 + 0.02 * k);
                bySector.get("waste").add(report("qd-waste-mgmt", d, y,
                        v("waste.industrial.generated", industrial, "t"),
                        v("waste.industrial.utilised", industrial * (0.85 + 0.015 * k), "t"),
                        v("waste.domestic.collected", collected, "t"),
                        v("waste.domestic.recycled", collected * (0.33 + 0.015 * k), "t"),
                        v("waste.domestic.landfilled", 0, "t"),
                        v("waste.emissions.co2", 250_000 * s * (1 - 0.02 * k), "t"),
                        v("waste.emissions.so2", 40 * s * (1 - 0.05 * k), "t"),
                        v("waste.emissions.nox", 150 * s * (1 - 0.05 * k), "t"),
                        v("waste.emissions.pm", 30 * s * (1 - 0.05 * k), "t"),
                        v("waste.emissions.vocs", 80 * s * (1 - 0.04 * k), "t"),
                        // inventory activity data: what is neither recycled nor landfilled is incinerated; coal co-firing,
                        // collection trucks' diesel (the rest of the sector's CO2 is landfill and treatment, not modelled)
                        v("waste.process.incinerated", collected * (1 - (0.33 + 0.015 * k)), "t"),
                        fuel("waste.fuel.rawcoal", 0.30 * 250_000 * s * (1 - 0.02 * k), CO2_PER_T_RAWCOAL, "t"),
                        fuel("waste.fuel.diesel", 0.15 * 250_000 * s * (1 - 0.02 * k), CO2_PER_T_DIESEL, "t")));
            }
        }
        int failures = 0;
        for (Map.Entry<String, List<String>> e : bySector.entrySet()) {
            String body = "[" + String.join(",", e.getValue()) + "]";
            HttpRequest.Builder req = HttpRequest.newBuilder(URI.create("http://" + host + ":" + PORTS.get(e.getKey()) + "/api/v1/reports"))
                    .timeout(Duration.ofSeconds(60)).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body));
            // with access control on, the run script passes a token per sector (feed:<sector>)
            String token = System.getenv("SYNERGY_TOKEN_" + e.getKey().toUpperCase(Locale.ROOT));
            if (token != null && !token.isBlank()) {
                req.header("Authorization", "Bearer " + token);
            }
            HttpResponse<String> res = http.send(req.build(), HttpResponse.BodyHandlers.ofString());
            boolean ok = res.statusCode() == 200 || res.statusCode() == 201;
            failures += ok ? 0 : 1;
            System.out.printf("[demo] %-11s %3d reports -> HTTP %d%s%n", e.getKey(), e.getValue().size(), res.statusCode(),
                    ok ? "" : " " + res.body());
        }
        if (failures > 0) {
            System.exit(1);
        }
    }

    /*
     * t CO2 per unit of fuel with the shipped factor library (version 1): net calorific value (GB/T 2589) × IPCC 2006
     * default factor. The demo's fuel quantities are the reported CO2 shares divided by these, so the inventory's
     * calculated CO2 lands near the reported one; its pollutant factors are examples, so pollutants only agree in order.
     */
    static final double CO2_PER_T_RAWCOAL = 20.908 * 94.6 / 1000;
    static final double CO2_PER_T_COKE = 28.435 * 107.0 / 1000;
    static final double CO2_PER_10K_M3_NATURALGAS = 389.31 * 56.1 / 1000;
    static final double CO2_PER_T_FUELOIL = 41.816 * 77.4 / 1000;
    static final double CO2_PER_T_DIESEL = 42.652 * 74.1 / 1000;
    static final double CO2_PER_T_GASOLINE = 43.070 * 69.3 / 1000;
    static final double CO2_PER_T_LPG = 50.179 * 63.1 / 1000;

    /** A fuel quantity that emits {@code tonnesCo2} at {@code co2PerUnit}. */
    static String fuel(String element, double tonnesCo2, double co2PerUnit, String unit) {
        return v(element, tonnesCo2 / co2PerUnit, unit);
    }

    static String v(String element, double value, String unit) {
        return String.format(Locale.ROOT, "{\"dataElement\":\"%s\",\"value\":%.3f%s}", element, value,
                unit == null ? "" : ",\"unit\":\"" + unit + "\"");
    }

    /**
     * Revision of the demo reports: raised whenever their content changes (revision 2 added the fuel and process
     * activity of the inventory), so that an existing local database takes the new figures as a correction.
     */
    static final int REVISION = 2;

    static String report(String source, int district, int year, String... values) {
        return String.format(Locale.ROOT, "{\"reportId\":\"demo/%s/%s/%d\",\"source\":\"%s\",\"orgUnit\":\"%s\",\"period\":\"%d\",\"revision\":%d,\"values\":[%s]}",
                source, DISTRICTS[district], year, source, DISTRICTS[district], year, REVISION, String.join(",", values));
    }
}
