package io.synergy.bench.platform;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * The ingestion load: a few clients post JSON batches of energy reports to the energy service as fast as it answers,
 * for a fixed time. Measures values/s accepted (2xx answers) and each request's latency; then how many indicator
 * events the outbox relay appended to {@code indicators.energy.v1} and how long after the load the outbox took to
 * drain; and the size of a real indicator event (for the Kafka producer limit, which uses the same record size).
 *
 * <pre>java -cp bench/target/benchmarks.jar io.synergy.bench.platform.IngestionLoad --out run/results/ingestion.properties</pre>
 */
public final class IngestionLoad {

    static final String TOPIC = "indicators.energy.v1";

    private IngestionLoad() {}

    public static void main(String[] args) throws Exception {
        Options o = new Options(args);
        String url = o.string("url", "http://127.0.0.1:8081");
        Properties kafkaClient = KafkaProbe.client(o);
        String jdbc = o.string("jdbc", "jdbc:postgresql://127.0.0.1:5432/synergy_bench");
        int durationSeconds = o.integer("duration", 60);
        int warmupSeconds = o.integer("warmup", 10);
        int clients = o.integer("clients", 4);
        int batch = o.integer("batch", 1000);
        int drainTimeoutSeconds = o.integer("drain-timeout", 600);
        Path out = Path.of(o.required("out"));

        ReportPoster poster = new ReportPoster(url, EnergyReports.SECTOR, null);
        EnergyReports reports = new EnergyReports(Long.toString(System.currentTimeMillis(), 36));
        AtomicLong nextSequence = new AtomicLong();
        ResultFile result = new ResultFile();
        result.put("clients", clients)
                .put("batch.reports", batch)
                .put("batch.values", batch * EnergyReports.VALUES_PER_REPORT)
                .put("duration.planned.s", durationSeconds)
                .put("warmup.s", warmupSeconds)
                .put("authenticated", poster.authenticated());

        try (KafkaProbe kafka = new KafkaProbe(kafkaClient);
                Connection db = DriverManager.getConnection(jdbc, "synergy", "synergy")) {
            if (warmupSeconds > 0) {
                System.out.printf("[ingestion] warm-up %d s (not measured)%n", warmupSeconds);
                run(poster, reports, nextSequence, clients, batch, warmupSeconds);
                waitForEmptyOutbox(db, drainTimeoutSeconds);
            }
            long appendedBefore = kafka.recordsAppended(TOPIC);
            System.out.printf(
                    "[ingestion] %d clients × batches of %d reports for %d s%n", clients, batch, durationSeconds);
            Load load = run(poster, reports, nextSequence, clients, batch, durationSeconds);
            long loadEnd = System.nanoTime();
            double drainSeconds = waitForEmptyOutbox(db, drainTimeoutSeconds);
            long appended = kafka.recordsAppended(TOPIC) - appendedBefore;

            double loadSeconds = load.elapsedNanos / 1e9;
            result.put("duration.s", loadSeconds)
                    .put("requests.ok", load.latenciesMillis.size())
                    .put("requests.failed", load.failed.get())
                    .put("retries.busy", load.busyRetries.get())
                    .put("reports.accepted", load.acceptedReports.get())
                    .put("values.accepted", load.acceptedValues.get())
                    .put("values.accepted.per.s", load.acceptedValues.get() / loadSeconds)
                    .put("reports.accepted.per.s", load.acceptedReports.get() / loadSeconds);
            new Percentiles(load.latenciesMillis.stream()
                            .mapToDouble(Double::doubleValue)
                            .toArray())
                    .putInto(result, "latency");
            if (load.firstFailure.get() != null) {
                result.put("first.failure", load.firstFailure.get());
            }
            // the relay's throughput over the whole time it needed: the load plus the drain after it
            double publishSeconds = (loadEnd - load.startNanos) / 1e9 + drainSeconds;
            result.put("events.published", appended)
                    .put("events.published.per.s", appended / publishSeconds)
                    .put(
                            "events.per.report",
                            load.acceptedReports.get() == 0 ? 0.0 : (double) appended / load.acceptedReports.get())
                    .put("outbox.drain.s", drainSeconds);

            List<ConsumerRecord<byte[], byte[]>> sample = kafka.sample(TOPIC, 200);
            if (!sample.isEmpty()) {
                result.put("event.sampled", sample.size())
                        .put(
                                "event.value.bytes.avg",
                                sample.stream()
                                        .mapToInt(r -> r.value().length)
                                        .average()
                                        .orElse(0))
                        .put(
                                "event.key.bytes.avg",
                                sample.stream()
                                        .mapToInt(r -> r.key() == null ? 0 : r.key().length)
                                        .average()
                                        .orElse(0))
                        .put(
                                "event.header.bytes.avg",
                                sample.stream()
                                        .mapToInt(KafkaProbe::headerBytes)
                                        .average()
                                        .orElse(0));
                Files.writeString(
                        out.resolveSibling("indicator-event.json"),
                        new String(sample.get(0).value(), StandardCharsets.UTF_8));
            }
        }
        result.write(out);
        System.out.printf("[ingestion] wrote %s%n", out);
    }

    /** What one run of the clients achieved. */
    static final class Load {
        final List<Double> latenciesMillis = Collections.synchronizedList(new ArrayList<>());
        final AtomicLong acceptedReports = new AtomicLong();
        final AtomicLong acceptedValues = new AtomicLong();
        final AtomicLong failed = new AtomicLong();
        /** 503s (busy) sent again after their Retry-After: the request's latency includes the wait. */
        final AtomicLong busyRetries = new AtomicLong();

        final AtomicReference<String> firstFailure = new AtomicReference<>();
        long startNanos;
        long elapsedNanos;
    }

    /** Each client posts one batch after the other until the time is up; a request under way then still counts. */
    static Load run(
            ReportPoster poster, EnergyReports reports, AtomicLong nextSequence, int clients, int batch, int seconds)
            throws Exception {
        Load load = new Load();
        ExecutorService pool = Executors.newFixedThreadPool(clients);
        load.startNanos = System.nanoTime();
        long deadline = load.startNanos + TimeUnit.SECONDS.toNanos(seconds);
        List<Future<?>> running = new ArrayList<>();
        for (int c = 0; c < clients; c++) {
            running.add(pool.submit(() -> {
                while (System.nanoTime() < deadline) {
                    String body = reports.batchJson(nextSequence.getAndAdd(batch), batch);
                    long sent = System.nanoTime();
                    try {
                        HttpResponse<String> response = poster.post(body, load.busyRetries);
                        double millis = (System.nanoTime() - sent) / 1e6;
                        if (ReportPoster.accepted(response.statusCode())) {
                            load.latenciesMillis.add(millis);
                            load.acceptedReports.addAndGet(batch);
                            load.acceptedValues.addAndGet((long) batch * EnergyReports.VALUES_PER_REPORT);
                        } else {
                            fail(load, "HTTP " + response.statusCode() + " " + abbreviate(response.body()));
                        }
                    } catch (Exception e) {
                        fail(load, e.toString());
                    }
                }
                return null;
            }));
        }
        for (Future<?> f : running) {
            f.get();
        }
        load.elapsedNanos = System.nanoTime() - load.startNanos;
        pool.shutdown();
        return load;
    }

    private static void fail(Load load, String why) {
        load.failed.incrementAndGet();
        if (load.firstFailure.compareAndSet(null, why)) {
            System.err.println("[ingestion] request failed: " + why);
        }
        try {
            Thread.sleep(200); // a failing service is not hammered in a tight loop
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static String abbreviate(String s) {
        return s == null ? "" : s.length() <= 300 ? s : s.substring(0, 300) + "…";
    }

    /** Polls the energy service's outbox until the relay has published and deleted every row; returns the seconds waited. */
    static double waitForEmptyOutbox(Connection db, int timeoutSeconds) throws Exception {
        long start = System.nanoTime();
        long deadline = start + TimeUnit.SECONDS.toNanos(timeoutSeconds);
        try (Statement st = db.createStatement()) {
            while (true) {
                try (ResultSet rs = st.executeQuery("SELECT count(*) FROM energy.outbox")) {
                    rs.next();
                    if (rs.getLong(1) == 0) {
                        return (System.nanoTime() - start) / 1e9;
                    }
                }
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("energy.outbox not empty after " + timeoutSeconds + " s");
                }
                Thread.sleep(100);
            }
        }
    }
}
