package io.synergy.bench.platform;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Loads the generated city ({@link ScaleCity}) through the platform's real APIs, as the bureaus would: the parks and
 * enterprises in one CSV import on the registry service (role ops), then every enterprise's annual reports for every
 * year to the five sector services at once, in JSON batches ({@code POST /api/v1/reports}, each sector with its own
 * token), a few clients per sector. Batches interleave the years, so two clients of a sector seldom wait on the same
 * district-year lock. Writes what it took ({@code --out}) and the enterprises' codes and districts ({@code --units-out},
 * the freshness phase's {@code --units}).
 *
 * <pre>java -cp bench/target/benchmarks.jar io.synergy.bench.platform.ScaleLoad --out scale-load.properties --units-out units.csv</pre>
 */
public final class ScaleLoad {

    static final Map<String, Integer> SECTOR_PORTS =
            Map.of("energy", 8081, "transport", 8082, "building", 8083, "agriculture", 8084, "waste", 8085);
    /** How long the sector services may take to learn the new enterprises from org-units.v1 before a batch is refused for good. */
    static final long REGISTRY_PROPAGATION_NANOS = TimeUnit.SECONDS.toNanos(180);

    private ScaleLoad() {}

    public static void main(String[] args) throws Exception {
        Options o = new Options(args);
        String host = o.string("host", "127.0.0.1");
        ScaleCity city = new ScaleCity(
                o.integer("enterprises", 5000),
                o.integer("parks-per-district", 5),
                o.integer("first-year", 2015),
                o.integer("years", 10));
        int batch = o.integer("batch", 1000);
        int clients = o.integer("clients", 2);
        Path out = Path.of(o.required("out"));
        ResultFile result = new ResultFile()
                .put("districts", ScaleCity.DISTRICTS.length)
                .put("parks", city.parks().size())
                .put("enterprises", city.enterprises().size())
                .put("first.year", city.firstYear())
                .put("years", city.years())
                .put("batch.reports", batch)
                .put("clients.per.sector", clients);
        HttpClient http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(5))
                .build();

        // 1. the registry: one CSV import of every park and enterprise
        String csv = city.registryCsv();
        long t0 = System.nanoTime();
        HttpResponse<String> imported = send(
                http,
                "http://" + host + ":8086/api/v1/org-units/import",
                "text/csv",
                csv,
                ReportPoster.authorization("ops"));
        double importSeconds = (System.nanoTime() - t0) / 1e9;
        result.put("import.rows", city.parks().size() + city.enterprises().size())
                .put("import.bytes", csv.getBytes(StandardCharsets.UTF_8).length)
                .put("import.status", imported.statusCode())
                .put("import.s", importSeconds);
        System.out.printf(
                "[scale] registry import of %d rows: HTTP %d in %.1f s%n",
                city.parks().size() + city.enterprises().size(), imported.statusCode(), importSeconds);
        if (imported.statusCode() != 200) {
            result.put(
                            "first.failure",
                            "import: HTTP " + imported.statusCode() + " " + IngestionLoad.abbreviate(imported.body()))
                    .write(out);
            System.exit(1);
        }
        JsonNode answer = new ObjectMapper().readTree(imported.body());
        result.put("import.created", answer.path("created").asLong());
        String unitsOut = o.string("units-out", null);
        if (unitsOut != null) {
            Files.writeString(Path.of(unitsOut), city.unitsFile(), StandardCharsets.UTF_8);
        }

        // 2. the reports: the five sectors at once, each with its own clients and token
        Load load = new Load();
        List<ExecutorService> pools = new ArrayList<>();
        List<Future<?>> running = new ArrayList<>();
        long start = System.nanoTime();
        for (String sector : ScaleCity.SECTORS) {
            ReportPoster poster = new ReportPoster("http://" + host + ":" + SECTOR_PORTS.get(sector), sector, null);
            int perYear = (city.enterprises().size() + batch - 1) / batch;
            int batches = perYear * city.years();
            AtomicInteger next = new AtomicInteger();
            ExecutorService pool = Executors.newFixedThreadPool(clients);
            pools.add(pool);
            for (int c = 0; c < clients; c++) {
                running.add(pool.submit(() -> {
                    for (int b; (b = next.getAndIncrement()) < batches; ) {
                        // consecutive batches are different years: the clients of a sector lock different
                        // district-years
                        int year = city.firstYear() + b % city.years();
                        int from = (b / city.years()) * batch;
                        postBatch(
                                poster,
                                sector,
                                city,
                                year,
                                from,
                                Math.min(from + batch, city.enterprises().size()),
                                load,
                                start);
                    }
                    return null;
                }));
            }
        }
        for (Future<?> f : running) {
            f.get();
        }
        pools.forEach(ExecutorService::shutdown);
        double seconds = (System.nanoTime() - start) / 1e9;
        result.put("load.s", seconds)
                .put("reports.accepted", load.reports.get())
                .put("values.accepted", load.values.get())
                .put("values.per.s", load.values.get() / seconds)
                .put("batches.ok", load.latenciesMillis.size())
                .put("batches.failed", load.failed.get())
                .put("retries.busy", load.busyRetries.get())
                .put("retries.registry", load.registryRetries.get());
        new Percentiles(load.latenciesMillis.stream()
                        .mapToDouble(Double::doubleValue)
                        .toArray())
                .putInto(result, "batch.latency");
        for (String sector : ScaleCity.SECTORS) {
            result.put(
                    "values." + sector,
                    load.valuesBySector.getOrDefault(sector, new AtomicLong()).get());
        }
        if (load.firstFailure.get() != null) {
            result.put("first.failure", load.firstFailure.get());
        }
        result.write(out);
        System.out.printf(
                "[scale] %,d values in %,d reports in %.1f s (%,.0f values/s), %d batches failed; wrote %s%n",
                load.values.get(), load.reports.get(), seconds, load.values.get() / seconds, load.failed.get(), out);
    }

    /** What the clients achieved together. */
    static final class Load {
        final List<Double> latenciesMillis = Collections.synchronizedList(new ArrayList<>());
        final AtomicLong reports = new AtomicLong();
        final AtomicLong values = new AtomicLong();
        final AtomicLong failed = new AtomicLong();
        final AtomicLong busyRetries = new AtomicLong();
        final AtomicLong registryRetries = new AtomicLong();
        final Map<String, AtomicLong> valuesBySector = new ConcurrentHashMap<>();
        final AtomicReference<String> firstFailure = new AtomicReference<>();
    }

    /**
     * Posts the reports of one year of the enterprises [from, to) to one sector. A 503 (busy) is retried after its
     * Retry-After; a refusal because the sector service has not yet learnt an enterprise from org-units.v1 is retried
     * while the registry may still be propagating; anything else fails the batch (counted, and the load goes on).
     */
    static void postBatch(
            ReportPoster poster, String sector, ScaleCity city, int year, int from, int to, Load load, long loadStart)
            throws InterruptedException {
        StringBuilder body = new StringBuilder((to - from) * 800).append('[');
        long values = 0;
        for (int i = from; i < to; i++) {
            if (i > from) {
                body.append(',');
            }
            body.append(city.reportJson(sector, city.enterprises().get(i), year, 1));
            values += city.values(sector, city.enterprises().get(i), year, 1).size();
        }
        String json = body.append(']').toString();
        while (true) {
            long sent = System.nanoTime();
            HttpResponse<String> response;
            try {
                response = poster.post(json);
            } catch (Exception e) {
                fail(load, sector + " " + year + ": " + e);
                return;
            }
            int status = response.statusCode();
            if (ReportPoster.accepted(status)) {
                load.latenciesMillis.add((System.nanoTime() - sent) / 1e6);
                load.reports.addAndGet(to - from);
                load.values.addAndGet(values);
                load.valuesBySector
                        .computeIfAbsent(sector, s -> new AtomicLong())
                        .addAndGet(values);
                return;
            }
            if (status == ReportPoster.BUSY) {
                load.busyRetries.incrementAndGet();
                Thread.sleep(ReportPoster.retryAfterMillis(response)); // the service's own back-off
            } else if (status == 400
                    && response.body().contains("not a registered enterprise")
                    && System.nanoTime() - loadStart < REGISTRY_PROPAGATION_NANOS) {
                load.registryRetries.incrementAndGet();
                Thread.sleep(1000); // the sector service is still reading org-units.v1
            } else {
                fail(load, sector + " " + year + ": HTTP " + status + " " + IngestionLoad.abbreviate(response.body()));
                return;
            }
        }
    }

    private static void fail(Load load, String why) {
        load.failed.incrementAndGet();
        if (load.firstFailure.compareAndSet(null, why)) {
            System.err.println("[scale] batch failed: " + why);
        }
    }

    static HttpResponse<String> send(HttpClient http, String url, String type, String body, String authorization)
            throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(url))
                .timeout(Duration.ofSeconds(300))
                .header("Content-Type", type)
                .POST(HttpRequest.BodyPublishers.ofString(body));
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }
}
