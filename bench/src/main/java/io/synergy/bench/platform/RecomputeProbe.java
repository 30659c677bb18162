package io.synergy.bench.platform;

import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.TimeUnit;

/**
 * The work one enterprise's report causes at city scale: on an idle platform, a correction (revision 2) of one
 * enterprise's energy report of the last year is posted, and the aggregation's own timers are read before and after —
 * {@code synergy_recompute_duration_seconds} (a whole pass) and {@code synergy_recompute_phase_seconds} (load, compute,
 * store) from {@code /q/metrics} — so the figure is the pass the platform really ran, with nothing of the bench in it.
 * Repeated for a few enterprises of different districts, one at a time.
 *
 * <pre>java -cp bench/target/benchmarks.jar io.synergy.bench.platform.RecomputeProbe --reports 3 --out recompute-scale.properties</pre>
 */
public final class RecomputeProbe {

    static final String PASS = "synergy_recompute_duration_seconds";
    static final String PHASE = "synergy_recompute_phase_seconds";
    static final String[] PHASES = {"load", "compute", "store"};

    private RecomputeProbe() {}

    public static void main(String[] args) throws Exception {
        Options o = new Options(args);
        String aggregation = o.string("url", "http://127.0.0.1:8080");
        String energy = o.string("energy", "http://127.0.0.1:8081");
        Properties kafkaClient = KafkaProbe.client(o);
        String jdbc = o.string("jdbc", "jdbc:postgresql://127.0.0.1:5432/synergy_bench");
        int reports = o.integer("reports", 3);
        int timeout = o.integer("timeout", 300);
        ScaleCity city = new ScaleCity(
                o.integer("enterprises", 5000),
                o.integer("parks-per-district", 5),
                o.integer("first-year", 2015),
                o.integer("years", 10));
        int year = city.firstYear() + city.years() - 1;
        Path out = Path.of(o.required("out"));
        HttpClient http =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        ReportPoster poster = new ReportPoster(energy, "energy", null);
        ResultFile result = new ResultFile()
                .put("year", year)
                .put("reports.planned", reports)
                .put("enterprises", city.enterprises().size());

        List<Double> passMillis = new ArrayList<>();
        List<Double> settledMillis = new ArrayList<>();
        double[] phaseMillis = new double[PHASES.length];
        double passes = 0;
        for (int n = 0; n < reports; n++) {
            // enterprises of different districts and parks: index n·1,009 (a prime) spreads them over the city
            ScaleCity.Enterprise e = city.enterprises()
                    .get((int) ((long) n * 1009 % city.enterprises().size()));
            if (!AggregationIdle.await(kafkaClient, jdbc, timeout)) {
                result.put(
                        "first.failure", "the platform was not idle after " + timeout + " s before report " + (n + 1));
                break;
            }
            MetricsScrape before = MetricsScrape.fetch(http, aggregation);
            long sent = System.nanoTime();
            HttpResponse<String> answer = poster.post("[" + city.reportJson("energy", e, year, 2) + "]");
            if (!ReportPoster.accepted(answer.statusCode())) {
                result.put(
                        "first.failure", "HTTP " + answer.statusCode() + " " + IngestionLoad.abbreviate(answer.body()));
                break;
            }
            long answered = System.nanoTime();
            // the aggregation's pass: its timer counts once the pass has committed
            long deadline = answered + TimeUnit.SECONDS.toNanos(timeout);
            MetricsScrape after = before;
            while (after.sum(PASS + "_count", null) <= before.sum(PASS + "_count", null)
                    && System.nanoTime() < deadline) {
                Thread.sleep(100); // polling another process's progress
                after = MetricsScrape.fetch(http, aggregation);
            }
            if (after.sum(PASS + "_count", null) <= before.sum(PASS + "_count", null)) {
                result.put(
                        "first.failure",
                        "no recompute pass completed within " + timeout + " s of report " + (n + 1) + " (" + e.code()
                                + ")");
                break;
            }
            settledMillis.add((System.nanoTime() - answered) / 1e6);
            // passes still under way for the same report (a follow-up request) finish before the figures are read
            AggregationIdle.await(kafkaClient, jdbc, timeout);
            after = MetricsScrape.fetch(http, aggregation);
            double count = after.sum(PASS + "_count", null) - before.sum(PASS + "_count", null);
            passes += count;
            passMillis.add((after.sum(PASS + "_sum", null) - before.sum(PASS + "_sum", null)) * 1000 / count);
            for (int p = 0; p < PHASES.length; p++) {
                String label = "phase=\"" + PHASES[p] + "\"";
                phaseMillis[p] += (after.sum(PHASE + "_sum", label) - before.sum(PHASE + "_sum", label)) * 1000;
            }
            System.out.printf(
                    "[recompute] report %d (%s, %d): %.0f pass(es), %.1f ms per pass; 2xx → pass committed %.0f ms (request %.0f ms)%n",
                    n + 1, e.code(), year, count, passMillis.get(n), settledMillis.get(n), (answered - sent) / 1e6);
        }
        result.put("reports.measured", passMillis.size()).put("passes", passes);
        if (!passMillis.isEmpty()) {
            result.put(
                            "pass.mean.ms",
                            passMillis.stream()
                                    .mapToDouble(Double::doubleValue)
                                    .average()
                                    .orElse(Double.NaN))
                    .put(
                            "pass.max.ms",
                            passMillis.stream()
                                    .mapToDouble(Double::doubleValue)
                                    .max()
                                    .orElse(Double.NaN));
            for (int p = 0; p < PHASES.length; p++) {
                result.put("phase." + PHASES[p] + ".ms", phaseMillis[p] / passes);
            }
            new Percentiles(settledMillis.stream()
                            .mapToDouble(Double::doubleValue)
                            .toArray())
                    .putInto(result, "settled");
        }
        result.write(out);
        System.out.printf("[recompute] wrote %s%n", out);
    }
}
