import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * Demo parks (园区) and enterprises (企业) for the local run: three parks and thirty enterprises across industries,
 * registered through the registry service's CSV import (role ops); the key projects (重点工程) and pilots (试点示范) of
 * the demo districts, parks and enterprises, imported as a planner would (role planner); then the enterprises' energy and
 * emission reports for 2020–2024 posted to the energy service (role feed:energy) once it has learnt the registry from
 * org-units.v1. Synthetic (names 青岛示范…, documents marked 示例), deterministic, idempotent. Unified social credit codes
 * are generated with a valid check character.
 *
 *   SYNERGY_TOKEN_OPS=… SYNERGY_TOKEN_PLANNER=… SYNERGY_TOKEN_ENERGY=… java deploy/local/DemoUnits.java [host]
 */
public class DemoUnits {

    static final String ALPHABET = "0123456789ABCDEFGHJKLMNPQRTUWXY";
    static final int[] WEIGHTS = {1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28};

    record Park(String code, String zh, String en, String district) {
    }

    record Industry(String section, String division, String zh, String en, double energyPerValue, double co2PerEnergy, double pollutantPerEnergy,
            String flags) {
    }

    static final List<Park> PARKS = List.of(
            new Park("370211P01", "董家口经济区", "Dongjiakou Economic Zone", "370211"),
            new Park("370214P01", "青岛高新技术产业开发区", "Qingdao Hi-tech Industrial Zone", "370214"),
            new Park("370281P01", "胶州经济技术开发区", "Jiaozhou Economic and Technological Development Zone", "370281"));

    static final List<Industry> INDUSTRIES = List.of(
            new Industry("C", "25", "石油加工", "petroleum refining", 1.8, 2.9, 0.004, "CARBON_MARKET|KEY_POLLUTER|CLEANER_PRODUCTION_AUDIT"),
            new Industry("C", "26", "化学原料和化学制品", "chemicals", 1.1, 2.6, 0.003, "KEY_POLLUTER|CLEANER_PRODUCTION_AUDIT"),
            new Industry("C", "30", "非金属矿物制品", "non-metallic minerals", 2.4, 2.8, 0.006, "CARBON_MARKET|KEY_POLLUTER"),
            new Industry("C", "31", "黑色金属冶炼", "iron and steel", 2.9, 2.7, 0.005, "CARBON_MARKET|KEY_POLLUTER"),
            new Industry("C", "36", "汽车制造", "automobiles", 0.12, 2.2, 0.0008, ""),
            new Industry("C", "38", "电气机械和器材", "electrical machinery", 0.08, 2.1, 0.0004, ""),
            new Industry("C", "39", "计算机、通信和其他电子设备", "electronics", 0.06, 2.0, 0.0002, ""),
            new Industry("D", "44", "电力、热力生产和供应", "power and heat", 5.5, 2.6, 0.003, "CARBON_MARKET|KEY_POLLUTER"),
            new Industry("N", "77", "生态保护和环境治理", "environmental services", 0.3, 1.5, 0.002, "KEY_POLLUTER"),
            new Industry("G", "55", "水上运输", "water transport", 0.7, 3.0, 0.004, ""));

    public static void main(String[] args) throws Exception {
        String host = args.length > 0 ? args[0] : "127.0.0.1";
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        StringBuilder csv = new StringBuilder("code,level,name_zh,name_en,parent,industry_section,industry_division,flags,closed\n");
        for (Park p : PARKS) {
            csv.append(String.join(",", p.code(), "PARK", p.zh(), quote(p.en()), p.district(), "", "", "", "false")).append('\n');
        }
        List<String[]> enterprises = new ArrayList<>(); // code, industry index
        for (int i = 0; i < 30; i++) {
            Park park = PARKS.get(i % PARKS.size());
            Industry ind = INDUSTRIES.get(i % INDUSTRIES.size());
            String first17 = String.format(Locale.ROOT, "91%sMA3D%05d", park.district(), 101 + i);
            String code = first17 + check(first17);
            enterprises.add(new String[] {code, Integer.toString(i % INDUSTRIES.size())});
            String zh = "青岛示范" + ind.zh() + "企业" + (i + 1) + "号";
            String en = quote("Qingdao demo " + ind.en() + " enterprise no. " + (i + 1));
            // a third of the enterprises sit directly in their district, outside any park
            String parent = (i / 3) % 3 == 2 ? park.district() : park.code();
            csv.append(String.join(",", code, "ENTERPRISE", zh, en, parent, ind.section(), ind.division(), ind.flags(), "false")).append('\n');
        }
        HttpResponse<String> imported = send(http, "http://" + host + ":8086/api/v1/org-units/import", "text/csv", csv.toString(), "OPS");
        System.out.printf("[demo] registry: 3 parks, 30 enterprises -> HTTP %d %s%n", imported.statusCode(), imported.body());
        if (imported.statusCode() != 200) {
            System.exit(1);
        }
        projectsAndPilots(http, host, enterprises.stream().map(e -> e[0]).toList());

        StringBuilder reports = new StringBuilder("[");
        for (int i = 0; i < enterprises.size(); i++) {
            String code = enterprises.get(i)[0];
            Industry ind = INDUSTRIES.get(Integer.parseInt(enterprises.get(i)[1]));
            Random r = new Random(100 + i);
            double size = 20_000 + r.nextInt(180_000);         // value added, 10^4 CNY
            double improvement = 0.01 + r.nextDouble() * 0.06;  // yearly fall in energy and pollutant intensity
            for (int y = 2020; y <= 2024; y++) {
                int k = y - 2020;
                double va = size * Math.pow(1.05, k);
                double energy = va * ind.energyPerValue() * Math.pow(1 - improvement, k);
                double nonfossil = energy * Math.min(0.9, 0.05 + 0.02 * k + r.nextDouble() * 0.02);
                double co2 = (energy - nonfossil) * ind.co2PerEnergy();
                // a quarter of the intensity: the enterprises of a district together stay within the district's own totals
                // (DemoData), which the energy service enforces
                double pollutants = 0.25 * energy * ind.pollutantPerEnergy() * Math.pow(1 - improvement * 1.5, k);
                if (reports.length() > 1) {
                    reports.append(',');
                }
                // revision 2: the emissions were lowered to stay within the districts, taken as a correction by an existing database
                reports.append(String.format(Locale.ROOT, "{\"reportId\":\"demo/enterprise/%s/%d\",\"source\":\"qd-energy-stats\",\"orgUnit\":\"%s\","
                        + "\"period\":\"%d\",\"revision\":2,\"values\":[%s,%s,%s,%s,%s,%s,%s,%s]}", code, y, code, y,
                        v("energy.primary.total", energy), v("energy.primary.nonfossil", nonfossil), v("energy.gdp", va),
                        v("energy.emissions.co2", co2), v("energy.emissions.so2", pollutants * 0.3), v("energy.emissions.nox", pollutants * 0.4),
                        v("energy.emissions.pm", pollutants * 0.1), v("energy.emissions.vocs", pollutants * 0.2)));
            }
        }
        reports.append(']');
        // the energy service learns the registry from org-units.v1: until then it does not know the enterprises
        long deadline = System.currentTimeMillis() + 60_000;
        HttpResponse<String> posted;
        do {
            posted = send(http, "http://" + host + ":8081/api/v1/reports", "application/json", reports.toString(), "ENERGY");
            if (posted.statusCode() == 400 && posted.body().contains("not a registered enterprise") && System.currentTimeMillis() < deadline) {
                Thread.sleep(1000); // waiting for another process, not synchronising a test
                continue;
            }
            break;
        } while (true);
        System.out.printf("[demo] enterprises: 150 reports -> HTTP %d%n", posted.statusCode());
        if (posted.statusCode() != 200 && posted.statusCode() != 201) {
            System.out.println(posted.body());
            System.exit(1);
        }
    }

    /**
     * A demo key project: where it stands now ({@code status} since {@code since}) and, before that, the status its history
     * starts with ({@code first} since {@code firstSince}, the same as now for a project that has not moved). Reductions:
     * {@code NOX:180/165.4} is 180 t/a planned, 165.4 verified; {@code CO2:9000} planned only.
     */
    record DemoProject(String code, String type, String unit, String zh, String en, String lead, int start, int completion, String first,
            String firstSince, String status, String since, String reductions, String document) {
    }

    /** A demo pilot or designation. */
    record DemoPilot(String code, String unit, String programme, String industry, String level, String year, String status, String document) {
    }

    static final String[] SUBSTANCES = {"NOX", "VOCS", "SO2", "PM", "COD", "NH3N", "CO2"};

    /**
     * The demo's key projects and pilots (enterprises by their index above: 0 a refinery, 1 a chemical plant, 2 a
     * non-metallic minerals plant, 3 a steel plant, 4 a car plant, 5 an electrical machinery plant, 6 an electronics plant,
     * 7 a power and heat plant, 9 a shipping company, 13 a second steel plant), imported through the registry's CSV
     * imports. A project's history is imported in two steps, where it started and where it stands, unless the projects
     * are there already (a second run changes nothing).
     */
    static void projectsAndPilots(HttpClient http, String host, List<String> e) throws Exception {
        List<DemoProject> projects = List.of(
                new DemoProject("DEMO-KP-01", "COAL_POWER_RETROFIT", e.get(7), "青岛示范热电厂1号机组“三改联动”改造", "demo CHP unit 1 retrofit",
                        "市发展改革委", 2022, 2023, "PLANNED", "2022-02-15", "COMPLETED", "2023-11-30",
                        "NOX:180/165.4 SO2:60/58.2 PM:12/11.5 CO2:42000/39850", "示例-青环验〔2023〕12号"),
                new DemoProject("DEMO-KP-02", "CAPTIVE_COAL_REPLACEMENT", e.get(3), "青岛示范钢厂自备燃煤机组清洁能源替代", "demo steel plant captive unit replacement",
                        "市发展改革委", 2023, 2025, "PLANNED", "2023-01-10", "UNDER_CONSTRUCTION", "2024-04-01", "NOX:95 SO2:40 PM:8 CO2:36000", ""),
                new DemoProject("DEMO-KP-03", "KILN_FUEL_SWITCH", e.get(2), "青岛示范建材企业窑炉天然气替代", "demo kiln fuel switch",
                        "市工业和信息化局", 2022, 2024, "PLANNED", "2022-04-01", "COMPLETED", "2024-10-15",
                        "NOX:65/61.2 SO2:22/20.5 PM:9/8.8 CO2:15000/14200", "示例-胶环验〔2024〕3号"),
                new DemoProject("DEMO-KP-04", "HYDROGEN_DEMO", "370211", "西海岸新区“氢进万家”示范（示例）", "demo hydrogen for every home",
                        "市科技局", 2023, 2026, "PLANNED", "2023-06-01", "UNDER_CONSTRUCTION", "2024-03-01", "NOX:5 CO2:6000", ""),
                new DemoProject("DEMO-KP-05", "CHEMICAL_CLEAN_RETROFIT", e.get(1), "青岛示范化工企业全流程清洁化改造", "demo chemical process retrofit",
                        "市工业和信息化局", 2022, 2024, "PLANNED", "2022-05-01", "COMPLETED", "2024-06-30",
                        "VOCS:120/108.6 COD:35/33.1 NH3N:4.2/3.9 CO2:8000/7600", "示例-青环验〔2024〕21号"),
                new DemoProject("DEMO-KP-06", "PARK_CIRCULAR_RETROFIT", "370281P01", "胶州经济技术开发区循环化改造（示例）", "demo park circular retrofit",
                        "市发展改革委", 2023, 2025, "PLANNED", "2023-03-01", "UNDER_CONSTRUCTION", "2023-09-01", "COD:80 NH3N:9 CO2:12000", ""),
                new DemoProject("DEMO-KP-07", "RAIL_WATER_SHIFT", "370211", "董家口港区矿石“公转铁”（示例）", "demo ore from road to rail",
                        "市交通运输局", 2021, 2023, "PLANNED", "2021-03-01", "COMPLETED", "2023-12-20", "NOX:320/298.5 PM:25/23.7 CO2:55000/51200",
                        "示例-青交验〔2024〕2号"),
                new DemoProject("DEMO-KP-08", "SHORE_POWER", e.get(9), "青岛示范航运企业码头岸电", "demo shore power",
                        "市交通运输局", 2022, 2024, "PLANNED", "2022-06-01", "COMPLETED", "2024-05-31", "NOX:48/44.3 SO2:30/27.9 PM:3/2.8 CO2:4200/3950",
                        "示例-青交验〔2024〕7号"),
                new DemoProject("DEMO-KP-09", "ROOFTOP_PV", "370214P01", "高新区厂房屋顶光伏（示例）", "demo rooftop photovoltaics",
                        "市住房城乡建设局", 2023, 2024, "PLANNED", "2023-02-01", "COMPLETED", "2024-12-15", "CO2:9000", ""),
                new DemoProject("DEMO-KP-10", "ULTRA_LOW_ENERGY_BUILDING", "370212", "崂山区超低能耗公共建筑示范（示例）", "demo ultra-low energy building",
                        "市住房城乡建设局", 2024, 2026, "PLANNED", "2024-02-20", "PLANNED", "2024-02-20", "CO2:1800", ""),
                new DemoProject("DEMO-KP-11", "VOCS_GREEN_ISLAND", "370214P01", "高新区集中涂装中心“绿岛”（示例）", "demo VOCs green island",
                        "市生态环境局", 2023, 2025, "PLANNED", "2023-05-01", "UNDER_CONSTRUCTION", "2024-07-01", "VOCS:210 CO2:500", ""),
                new DemoProject("DEMO-KP-12", "VOCS_SOURCE_SUBSTITUTION", e.get(4), "青岛示范汽车企业低VOCs涂料替代", "demo low-VOCs coatings",
                        "市生态环境局", 2022, 2023, "PLANNED", "2022-03-15", "COMPLETED", "2023-08-31", "VOCS:85/79.4", "示例-青环验〔2023〕30号"),
                new DemoProject("DEMO-KP-13", "CLEAN_HEATING", "370283", "平度市农村清洁取暖（示例）", "demo clean heating",
                        "市住房城乡建设局", 2022, 2024, "PLANNED", "2022-09-01", "CANCELLED", "2023-10-10", "NOX:12 SO2:30 PM:18 CO2:9000", ""),
                new DemoProject("DEMO-KP-14", "SOLID_WASTE_UTILISATION", e.get(13), "青岛示范钢厂钢渣综合利用", "demo steel slag utilisation",
                        "市生态环境局", 2023, 2025, "PLANNED", "2023-04-01", "UNDER_CONSTRUCTION", "2024-01-15", "PM:6 CO2:20000", ""),
                new DemoProject("DEMO-KP-15", "ENTERPRISE_SYNERGY_RETROFIT", e.get(0), "青岛示范炼化企业减污降碳协同改造", "demo refinery co-reduction retrofit",
                        "市生态环境局", 2023, 2024, "PLANNED", "2023-01-05", "COMPLETED", "2024-11-20",
                        "NOX:75/70.2 VOCS:140/131.5 SO2:30/28.6 CO2:26000/24800", "示例-黄环验〔2024〕15号"),
                new DemoProject("DEMO-KP-16", "PARK_SYNERGY_PROJECT", "370211P01", "董家口经济区减污降碳协同减排工程（示例）", "demo park co-reduction project",
                        "市生态环境局", 2024, 2026, "PLANNED", "2024-03-01", "PLANNED", "2024-03-01", "NOX:60 VOCS:90 CO2:30000", ""));
        String url = "http://" + host + ":8086/api/v1/projects";
        boolean there = get(http, url + "/DEMO-KP-01", "PLANNER").statusCode() == 200;
        for (boolean start : there ? new boolean[] {false} : new boolean[] {true, false}) {
            StringBuilder csv = new StringBuilder("code,name_zh,name_en,type,org_unit,lead_department,start_year,completion_year,status,status_date");
            for (String s : SUBSTANCES) {
                csv.append(",planned_").append(s.toLowerCase(Locale.ROOT)).append(",verified_").append(s.toLowerCase(Locale.ROOT));
            }
            csv.append(",verification_document\n");
            for (DemoProject p : projects) {
                csv.append(String.join(",", p.code(), p.zh(), quote(p.en()), p.type(), p.unit(), p.lead(), Integer.toString(p.start()),
                        Integer.toString(p.completion()), start ? p.first() : p.status(), start ? p.firstSince() : p.since()));
                for (String s : SUBSTANCES) {
                    String[] amounts = amounts(p.reductions(), s);
                    csv.append(',').append(amounts[0]).append(',').append(start ? "" : amounts[1]);
                }
                csv.append(',').append(start ? "" : p.document()).append('\n');
            }
            HttpResponse<String> r = send(http, url + "/import", "text/csv", csv.toString(), "PLANNER");
            System.out.printf("[demo] key projects (%s): %d -> HTTP %d %s%n", start ? "where they started" : "where they stand", projects.size(),
                    r.statusCode(), r.body());
            if (r.statusCode() != 200) {
                System.exit(1);
            }
        }

        List<DemoPilot> pilots = List.of(
                new DemoPilot("DEMO-PL-01", e.get(3), "CARBON_EIA", "STEEL", "PROVINCIAL", "2022", "ACCEPTED", "示例-鲁环函〔2022〕18号"),
                new DemoPilot("DEMO-PL-02", e.get(1), "CARBON_EIA", "CHEMICAL", "PROVINCIAL", "2022", "DESIGNATED", "示例-鲁环函〔2022〕18号"),
                new DemoPilot("DEMO-PL-03", e.get(7), "CARBON_EIA", "HEATING", "CITY", "2024", "DESIGNATED", "示例-青环函〔2024〕9号"),
                new DemoPilot("DEMO-PL-04", "370211P01", "PARK_SYNERGY_PILOT", "", "PROVINCIAL", "2023", "DESIGNATED", "示例-鲁环函〔2023〕60号"),
                new DemoPilot("DEMO-PL-05", "370281P01", "ZERO_WASTE_PARK", "", "CITY", "2024", "DESIGNATED", "示例-青环发〔2024〕22号"),
                new DemoPilot("DEMO-PL-06", e.get(5), "ZERO_WASTE_FACTORY", "", "CITY", "2023", "ACCEPTED", "示例-青环发〔2023〕41号"),
                new DemoPilot("DEMO-PL-07", e.get(6), "NEAR_ZERO_BENCHMARK", "", "CITY", "", "APPLIED", ""),
                new DemoPilot("DEMO-PL-08", e.get(0), "ENTERPRISE_SYNERGY_PILOT", "", "PROVINCIAL", "2023", "DESIGNATED", "示例-鲁环函〔2023〕61号"),
                new DemoPilot("DEMO-PL-09", "370211", "CLIMATE_FINANCE_PILOT", "", "NATIONAL", "2022", "DESIGNATED", "示例-环办气候函〔2022〕1号"),
                new DemoPilot("DEMO-PL-10", "370200", "ZERO_WASTE_CITY", "", "NATIONAL", "2022", "DESIGNATED", "示例-环办固体函〔2022〕2号"),
                new DemoPilot("DEMO-PL-11", "370281", "EOD_PILOT", "", "PROVINCIAL", "", "APPLIED", ""),
                new DemoPilot("DEMO-PL-12", "370212", "CITY_SYNERGY_PILOT", "", "PROVINCIAL", "", "APPLIED", ""));
        StringBuilder csv = new StringBuilder("code,org_unit,programme,industry,level,year_designated,status,document\n");
        for (DemoPilot p : pilots) {
            csv.append(String.join(",", p.code(), p.unit(), p.programme(), p.industry(), p.level(), p.year(), p.status(), p.document())).append('\n');
        }
        HttpResponse<String> r = send(http, "http://" + host + ":8086/api/v1/pilots/import", "text/csv", csv.toString(), "PLANNER");
        System.out.printf("[demo] pilots: %d -> HTTP %d %s%n", pilots.size(), r.statusCode(), r.body());
        if (r.statusCode() != 200) {
            System.exit(1);
        }
    }

    /** The planned and verified amounts of a substance in {@code NOX:180/165.4 CO2:9000}, empty where there is none. */
    static String[] amounts(String reductions, String substance) {
        for (String r : reductions.split(" ")) {
            if (r.startsWith(substance + ":")) {
                String[] v = r.substring(substance.length() + 1).split("/");
                return new String[] {v[0], v.length > 1 ? v[1] : ""};
            }
        }
        return new String[] {"", ""};
    }

    static HttpResponse<String> send(HttpClient http, String url, String type, String body, String role) throws Exception {
        return http.send(request(url, role).header("Content-Type", type).POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    static HttpResponse<String> get(HttpClient http, String url, String role) throws Exception {
        return http.send(request(url, role).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    /** A request with the token of the role ({@code SYNERGY_TOKEN_<ROLE>}), if there is one. */
    static HttpRequest.Builder request(String url, String role) {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60));
        String token = System.getenv("SYNERGY_TOKEN_" + role);
        if (token != null && !token.isBlank()) {
            b.header("Authorization", "Bearer " + token);
        }
        return b;
    }

    static String v(String element, double value) {
        return String.format(Locale.ROOT, "{\"dataElement\":\"%s\",\"value\":%.3f}", element, value);
    }

    static String quote(String s) {
        return "\"" + s.replace("\"", "\"\"") + "\"";
    }

    static char check(String first17) {
        int sum = 0;
        for (int i = 0; i < 17; i++) {
            sum += ALPHABET.indexOf(first17.charAt(i)) * WEIGHTS[i];
        }
        int c = 31 - sum % 31;
        return ALPHABET.charAt(c == 31 ? 0 : c);
    }
}
