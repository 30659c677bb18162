package io.synergy.bench.platform;

import io.synergy.model.orgunit.UnifiedSocialCreditCode;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * The generated city of the scale phase (issue 19): Qingdao's ten districts, five parks in each and 5,000 enterprises
 * (by default) with valid unified social credit codes, nine in ten in a park and the rest directly in their district,
 * and, for every enterprise and year, one report per sector with its share of 30 data elements. Synthetic and
 * deterministic (the same enterprise and year always give the same values), every part within its whole (the
 * catalogue's rules), no value zero and no value ten times the year before (no plausibility flags), and no
 * {@code waste.domestic.landfilled}: the freshness phase's W2 starts at zero for every enterprise.
 */
final class ScaleCity {

    static final String[] DISTRICTS = EnergyReports.DISTRICTS;
    static final String[] SECTORS = {"energy", "transport", "building", "agriculture", "waste"};

    /** A GB/T 4754 section and division, with the shape of its enterprises' figures. */
    record Industry(
            String section,
            String division,
            double energyPerValue,
            double co2PerEnergy,
            double pollutantPerEnergy,
            String flags) {}

    static final List<Industry> INDUSTRIES = List.of(
            new Industry("C", "25", 1.8, 2.9, 0.004, "CARBON_MARKET|KEY_POLLUTER|CLEANER_PRODUCTION_AUDIT"),
            new Industry("C", "26", 1.1, 2.6, 0.003, "KEY_POLLUTER|CLEANER_PRODUCTION_AUDIT"),
            new Industry("C", "30", 2.4, 2.8, 0.006, "CARBON_MARKET|KEY_POLLUTER"),
            new Industry("C", "31", 2.9, 2.7, 0.005, "CARBON_MARKET|KEY_POLLUTER"),
            new Industry("C", "36", 0.12, 2.2, 0.0008, ""),
            new Industry("C", "38", 0.08, 2.1, 0.0004, ""),
            new Industry("C", "39", 0.06, 2.0, 0.0002, ""),
            new Industry("D", "44", 5.5, 2.6, 0.003, "CARBON_MARKET|KEY_POLLUTER"),
            new Industry("N", "77", 0.3, 1.5, 0.002, "KEY_POLLUTER"),
            new Industry("G", "55", 0.7, 3.0, 0.004, ""));

    record Park(String code, String district) {}

    record Enterprise(int index, String code, String district, String parent, Industry industry) {}

    record Value(String dataElement, double value) {}

    private final List<Park> parks = new ArrayList<>();
    private final List<Enterprise> enterprises = new ArrayList<>();
    private final int firstYear;
    private final int years;

    ScaleCity(int enterpriseCount, int parksPerDistrict, int firstYear, int years) {
        if (parksPerDistrict < 1 || parksPerDistrict > 99) {
            throw new IllegalArgumentException("parks per district: 1 to 99");
        }
        this.firstYear = firstYear;
        this.years = years;
        for (String d : DISTRICTS) {
            for (int p = 1; p <= parksPerDistrict; p++) {
                parks.add(new Park(String.format(Locale.ROOT, "%sP%02d", d, p), d));
            }
        }
        for (int i = 0; i < enterpriseCount; i++) {
            String district = DISTRICTS[i % DISTRICTS.length];
            int inDistrict = i / DISTRICTS.length;
            // "91" (an enterprise registered with the market regulator), the district, a nine-character organisation
            // code
            String first17 = String.format(Locale.ROOT, "91%sBQ%07d", district, i);
            String code = first17 + UnifiedSocialCreditCode.checkCharacter(first17);
            String parent = inDistrict % 10 == 9
                    ? district
                    : String.format(Locale.ROOT, "%sP%02d", district, 1 + inDistrict % parksPerDistrict);
            enterprises.add(new Enterprise(i, code, district, parent, INDUSTRIES.get(i % INDUSTRIES.size())));
        }
    }

    List<Park> parks() {
        return parks;
    }

    List<Enterprise> enterprises() {
        return enterprises;
    }

    int firstYear() {
        return firstYear;
    }

    int years() {
        return years;
    }

    /** The registry import: every park, then every enterprise, in the columns of {@code POST /api/v1/org-units/import}. */
    String registryCsv() {
        StringBuilder csv = new StringBuilder(
                "code,level,name_zh,name_en,parent,industry_section,industry_division,flags,closed\n");
        for (Park p : parks) {
            csv.append(p.code())
                    .append(",PARK,规模测试园区")
                    .append(p.code())
                    .append(",scale-test park ")
                    .append(p.code())
                    .append(',')
                    .append(p.district())
                    .append(",,,,false\n");
        }
        for (Enterprise e : enterprises) {
            csv.append(e.code())
                    .append(",ENTERPRISE,规模测试企业")
                    .append(e.index() + 1)
                    .append("号,scale-test enterprise no. ")
                    .append(e.index() + 1)
                    .append(',')
                    .append(e.parent())
                    .append(',')
                    .append(e.industry().section())
                    .append(',')
                    .append(e.industry().division())
                    .append(',')
                    .append(e.industry().flags())
                    .append(",false\n");
        }
        return csv.toString();
    }

    /** {@code code,district} per enterprise: the freshness phase's {@code --units} file. */
    String unitsFile() {
        StringBuilder out = new StringBuilder();
        enterprises.forEach(
                e -> out.append(e.code()).append(',').append(e.district()).append('\n'));
        return out.toString();
    }

    /** The report id of an enterprise's annual report to a sector. */
    static String reportId(String sector, Enterprise e, int year) {
        return "bench-scale/" + sector + "/" + e.code() + "/" + year;
    }

    /**
     * The values of an enterprise's annual report to a sector: 11 energy, 5 transport, 5 building, 4 agriculture and 5
     * waste data elements, 30 in all. {@code revision} &gt; 1 scales every value a little (a correction).
     */
    List<Value> values(String sector, Enterprise e, int year, int revision) {
        Random r = new Random(31L * e.index() + 7);
        double size = 2_000 + r.nextInt(18_000); // value added, 10^4 CNY
        double improvement = 0.01 + r.nextDouble() * 0.05; // yearly fall in energy and pollutant intensity
        int k = year - firstYear;
        double correction = 1 + 0.001 * (revision - 1);
        Industry ind = e.industry();
        double va = size * Math.pow(1.04, k);
        double energy = va * ind.energyPerValue() * Math.pow(1 - improvement, k) * correction;
        double nonfossil = energy * Math.min(0.9, 0.05 + 0.02 * k);
        double co2 = (energy - nonfossil) * ind.co2PerEnergy();
        double pollutants = energy * ind.pollutantPerEnergy() * Math.pow(1 - improvement * 1.5, k);
        return switch (sector) {
            case "energy" ->
                List.of(
                        new Value("energy.primary.total", energy),
                        new Value("energy.primary.nonfossil", nonfossil),
                        new Value("energy.coal.total", energy * 0.4),
                        new Value("energy.coalpower.coal", energy * 0.2),
                        new Value("energy.coalpower.supplied", energy * 0.6),
                        new Value("energy.gdp", va),
                        new Value("energy.emissions.co2", co2),
                        new Value("energy.emissions.so2", pollutants * 0.3),
                        new Value("energy.emissions.nox", pollutants * 0.4),
                        new Value("energy.emissions.pm", pollutants * 0.1),
                        new Value("energy.emissions.vocs", pollutants * 0.2));
            case "transport" ->
                List.of(
                        new Value("transport.freight.total", va * 50 * correction),
                        new Value("transport.freight.railwater", va * 50 * (0.2 + 0.01 * k) * correction),
                        new Value("transport.emissions.co2", co2 * 0.05),
                        new Value("transport.emissions.nox", pollutants * 0.05),
                        new Value("transport.emissions.pm", pollutants * 0.01));
            case "building" ->
                List.of(
                        new Value("building.energy.total", energy * 0.1),
                        new Value("building.energy.renewable", energy * 0.1 * (0.05 + 0.01 * k)),
                        new Value("building.roof.new", 1_000 + va * 0.1),
                        new Value("building.roof.new.pv", (1_000 + va * 0.1) * (0.1 + 0.03 * k)),
                        new Value("building.emissions.co2", co2 * 0.03));
            case "agriculture" ->
                List.of(
                        new Value("agriculture.fertiliser", 10 + va * 0.001 * correction),
                        new Value("agriculture.pesticide", 1 + va * 0.0001 * correction),
                        new Value("agriculture.emissions.ch4", 5 + va * 0.0005),
                        new Value("agriculture.emissions.nh3", 2 + va * 0.0002));
            case "waste" ->
                List.of(
                        new Value("waste.industrial.generated", va * 0.05 * correction),
                        new Value("waste.industrial.utilised", va * 0.05 * (0.6 + 0.02 * k) * correction),
                        new Value("waste.emissions.co2", co2 * 0.02),
                        new Value("waste.emissions.so2", pollutants * 0.02),
                        new Value("waste.emissions.nox", pollutants * 0.02));
            default -> throw new IllegalArgumentException("unknown sector " + sector);
        };
    }

    /** One report as the JSON of {@code POST /api/v1/reports}. */
    String reportJson(String sector, Enterprise e, int year, int revision) {
        StringBuilder sb = new StringBuilder(96 + 64 * 11);
        sb.append("{\"reportId\":\"")
                .append(reportId(sector, e, year))
                .append("\",\"source\":\"bench-scale-")
                .append(sector)
                .append("\",\"orgUnit\":\"")
                .append(e.code())
                .append("\",\"period\":\"")
                .append(year)
                .append("\",\"revision\":")
                .append(revision)
                .append(",\"values\":[");
        List<Value> values = values(sector, e, year, revision);
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                sb.append(',');
            }
            sb.append("{\"dataElement\":\"")
                    .append(values.get(i).dataElement())
                    .append("\",\"value\":")
                    .append(String.format(Locale.ROOT, "%.6g", values.get(i).value()))
                    .append('}'); // small emissions keep their digits
        }
        return sb.append("]}").toString();
    }
}
