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
 * registered through the registry service's CSV import (role ops), then their energy and emission reports for 2020–2024 posted
 * to the energy service (role feed:energy) once it has learnt the registry from org-units.v1. Synthetic, deterministic,
 * idempotent. Unified social credit codes are generated with a valid check character.
 *
 *   SYNERGY_TOKEN_OPS=… SYNERGY_TOKEN_ENERGY=… java deploy/local/DemoUnits.java [host]
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

    static HttpResponse<String> send(HttpClient http, String url, String type, String body, String role) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60)).header("Content-Type", type)
                .POST(HttpRequest.BodyPublishers.ofString(body));
        String token = System.getenv("SYNERGY_TOKEN_" + role);
        if (token != null && !token.isBlank()) {
            b.header("Authorization", "Bearer " + token);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
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
