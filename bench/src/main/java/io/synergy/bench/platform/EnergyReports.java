package io.synergy.bench.platform;

import java.util.ArrayList;
import java.util.List;

/**
 * Energy reports for the ingestion load and the COPY limit: every report has a new id and all eleven energy data
 * elements, with every part within its whole (non-fossil and coal within the primary total).
 *
 * <p>A report goes to one of 1,240 slots (district × period): the ten districts × the 24 months of 2023–2024 and the
 * 100 quarters of 2000–2024, so a batch of 1,000 touches some 250 district-years and many periods, as a bureau's
 * back-fill would. Once every slot was used, later reports revise slots with new values (new report ids, so the
 * service's upsert replaces the data value and republishes the changed indicators) — the stored data stays bounded
 * however long the load runs, as it would in production.
 */
final class EnergyReports {

    static final String SECTOR = "energy";
    static final String SOURCE = "bench-energy";
    static final String[] DISTRICTS = {
        "370202", "370203", "370211", "370212", "370213", "370214", "370215", "370281", "370283", "370285"
    };
    /** Relative size of each district, as in deploy/local/DemoData.java. */
    static final double[] SIZE = {0.9, 0.8, 2.6, 0.7, 0.7, 1.2, 1.3, 1.1, 1.0, 0.8};

    static final List<String> PERIODS = periods();
    static final int SLOTS = DISTRICTS.length * PERIODS.size();
    static final int VALUES_PER_REPORT = 11;

    /** One value of a report, in the catalogue's unit of its data element. */
    record Value(String dataElement, double value, String unit) {}

    record Report(String reportId, String orgUnit, String period, int year, List<Value> values) {}

    private final String runTag;

    /** @param runTag makes the report ids of this run unique ("bench/&lt;runTag&gt;/&lt;sequence&gt;") */
    EnergyReports(String runTag) {
        this.runTag = runTag;
    }

    private static List<String> periods() {
        List<String> periods = new ArrayList<>();
        for (int year = 2023; year <= 2024; year++) {
            for (int month = 1; month <= 12; month++) {
                periods.add(String.format("%d-%02d", year, month));
            }
        }
        for (int year = 2000; year <= 2024; year++) {
            for (int quarter = 1; quarter <= 4; quarter++) {
                periods.add(year + "Q" + quarter);
            }
        }
        return List.copyOf(periods);
    }

    /** The report with this sequence number (0, 1, 2, …). */
    Report report(long sequence) {
        int slot = (int) (sequence % SLOTS);
        // consecutive reports change district first, so a batch spreads over every district
        int district = slot % DISTRICTS.length;
        String period = PERIODS.get(slot / DISTRICTS.length);
        int months = period.contains("Q") ? 3 : 1;
        double size = SIZE[district] * months;
        // a different value each time a slot comes round again, so every report changes something
        double drift = 1 + (sequence % 97) / 970.0;
        double total = 175_000 * size * drift;
        double supplied = 150_000 * size * drift;
        List<Value> values = List.of(
                new Value("energy.primary.total", total, "tce"),
                new Value("energy.primary.nonfossil", total * (0.09 + (sequence % 50) / 1000.0), "tce"),
                new Value("energy.coal.total", total * 0.30, "tce"),
                new Value("energy.coalpower.coal", supplied * 0.3, "tce"),
                new Value("energy.coalpower.supplied", supplied, "MWh"),
                new Value("energy.gdp", 104 * size * drift, "10^8 CNY"),
                new Value("energy.emissions.co2", total * 2.3, "t"),
                new Value("energy.emissions.so2", 75 * size * drift, "t"),
                new Value("energy.emissions.nox", 216 * size * drift, "t"),
                new Value("energy.emissions.pm", 58 * size * drift, "t"),
                new Value("energy.emissions.vocs", 33 * size * drift, "t"));
        return new Report(
                "bench/" + runTag + "/" + sequence,
                DISTRICTS[district],
                period,
                Integer.parseInt(period.substring(0, 4)),
                values);
    }

    /** The JSON array of reports {@code first … first + count - 1}, as posted to the service. */
    String batchJson(long first, int count) {
        StringBuilder sb = new StringBuilder(count * 900);
        sb.append('[');
        for (int i = 0; i < count; i++) {
            if (i > 0) {
                sb.append(',');
            }
            appendJson(sb, report(first + i));
        }
        return sb.append(']').toString();
    }

    static void appendJson(StringBuilder sb, Report r) {
        sb.append("{\"reportId\":\"")
                .append(r.reportId())
                .append("\",\"source\":\"")
                .append(SOURCE)
                .append("\",\"orgUnit\":\"")
                .append(r.orgUnit())
                .append("\",\"period\":\"")
                .append(r.period())
                .append("\",\"revision\":1,\"values\":[");
        for (int i = 0; i < r.values().size(); i++) {
            Value v = r.values().get(i);
            if (i > 0) {
                sb.append(',');
            }
            sb.append("{\"dataElement\":\"").append(v.dataElement()).append("\",\"value\":");
            appendFixed3(sb, v.value());
            sb.append(",\"unit\":\"").append(v.unit()).append("\"}");
        }
        sb.append("]}");
    }

    /** A non-negative number with three decimals, without String.format (the generator must not be the bottleneck). */
    static void appendFixed3(StringBuilder sb, double value) {
        long thousandths = Math.round(value * 1000);
        long fraction = thousandths % 1000;
        sb.append(thousandths / 1000).append('.');
        if (fraction < 100) {
            sb.append('0');
        }
        if (fraction < 10) {
            sb.append('0');
        }
        sb.append(fraction);
    }
}
