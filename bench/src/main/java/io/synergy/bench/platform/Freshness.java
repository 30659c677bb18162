package io.synergy.bench.platform;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Freshness: reports posted at a steady rate (default 1,000 reports/s, one value each: waste.domestic.landfilled to the
 * waste service), and for each the time from its 2xx answer to the first record on {@code results.v1} for its district
 * and year whose W2 (primary domestic waste landfilled, the annual sum of that element) shows it.
 *
 * <p>How a result "shows" a report: the reports go round-robin to streams, one per (district, year), and each stream
 * carries strictly increasing values (1, 2, 3 … t, annual period, so W2 of that district and year is the latest
 * value). A result with W2 ≥ a report's value therefore includes that report (or a later one of the same stream that
 * replaced it). The district's result is published by the same recompute pass as the city's, which includes it too.
 *
 * <p>The rate is open-loop: request j is due at start + j × interval whatever the answers, sent asynchronously with at
 * most {@code --max-in-flight} requests outstanding; if the service cannot keep up, the achieved rate says so.
 *
 * <p>With {@code --units FILE} (the scale phase: {@code code,district} lines) each stream's reports rotate over the
 * district's enterprises instead, so 1,000 reports/s are spread over every enterprise of the city and the district's W2
 * is their sum ({@link FreshnessStreams}).
 */
public final class Freshness {

    static final String[] DISTRICTS = EnergyReports.DISTRICTS;
    static final String RESULTS = "results.v1";

    private Freshness() {}

    /**
     * A result record seen on results.v1: when it was polled (monotonic, and wall clock), its W2, and when the
     * aggregation computed it (the record's computedAt, wall clock) — which splits freshness into "2xx → computed" and
     * "computed → on the topic".
     */
    record Observation(long nanos, long wallMillis, double w2, long computedAtMillis) {}

    public static void main(String[] args) throws Exception {
        Options o = new Options(args);
        String url = o.string("url", "http://127.0.0.1:8085");
        Properties kafkaClient = KafkaProbe.client(o);
        String jdbc = o.string("jdbc", "jdbc:postgresql://127.0.0.1:5432/synergy_bench");
        double rate = o.decimal("rate", 1000);
        int durationSeconds = o.integer("duration", 60);
        int perRequest = o.integer("per-request", 1);
        int maxInFlight = o.integer("max-in-flight", 256);
        int drainSeconds = o.integer("drain", 30);
        int firstYear = o.integer("first-year", 2020);
        int lastYear = o.integer("last-year", 2024);
        int warmupSeconds = o.integer("warmup", 10);
        Path out = Path.of(o.required("out"));

        String unitsFile = o.string("units", null);
        // the streams: one per (district, year), reported by the district itself or spread over its enterprises
        FreshnessStreams streamSet = unitsFile == null
                ? FreshnessStreams.districts(DISTRICTS, firstYear, lastYear)
                : FreshnessStreams.of(FreshnessStreams.readUnits(Path.of(unitsFile)), firstYear, lastYear);
        int streams = streamSet.size();
        if (perRequest > streams) {
            throw new IllegalArgumentException(
                    "--per-request must not exceed the " + streams + " streams (one report per stream per request)");
        }

        ResultFile result = new ResultFile()
                .put("rate.planned.per.s", rate)
                .put("duration.planned.s", durationSeconds)
                .put("reports.per.request", perRequest)
                .put("streams", streams)
                .put("org.units", streamSet.units());
        if (warmupSeconds > 0) {
            warmUp(url, streamSet, warmupSeconds);
        }
        result.put("warmup.s", warmupSeconds)
                .put(
                        "aggregation.idle.before",
                        AggregationIdle.await(kafkaClient, jdbc, o.integer("idle-timeout", 300)));

        ResultWatcher watcher = new ResultWatcher(kafkaClient, streamSet.index());
        watcher.start();

        int totalReports = (int) Math.round(rate * durationSeconds / perRequest) * perRequest;
        long[] ackNanos = new long[totalReports]; // 0: no 2xx (yet)
        long[] ackWallMillis = new long[totalReports];
        AtomicLong failed = new AtomicLong();
        // 503s (busy) sent again after their Retry-After; such a report's freshness counts from its 2xx
        AtomicLong busyRetries = new AtomicLong();
        AtomicReference<String> firstFailure = new AtomicReference<>();
        ExecutorService callbacks = Executors.newFixedThreadPool(2);
        ReportPoster poster = new ReportPoster(url, "waste", callbacks);
        String tag = Long.toString(System.currentTimeMillis(), 36);
        Semaphore inFlight = new Semaphore(maxInFlight);
        long intervalNanos = Math.round(perRequest * 1e9 / rate);
        long lateSends = 0;
        List<Double> requestMillis = new ArrayList<>();

        System.out.printf(
                "[freshness] %.0f reports/s (%d per request) for %d s over %d (district, year) streams of %d org units%n",
                rate, perRequest, durationSeconds, streams, streamSet.units());
        long start = System.nanoTime();
        // the phase lasts its duration: a service that cannot keep up gets fewer reports, not a longer phase
        long sendDeadline = start + TimeUnit.SECONDS.toNanos(durationSeconds);
        int requests = totalReports / perRequest;
        int sentReports = 0;
        for (int j = 0; j < requests; j++) {
            long due = start + j * intervalNanos;
            long wait;
            while ((wait = due - System.nanoTime()) > 0) {
                LockSupport.parkNanos(wait);
            }
            if (!inFlight.tryAcquire(Math.max(0, sendDeadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                break;
            }
            if (System.nanoTime() - due > TimeUnit.MILLISECONDS.toNanos(10)) {
                lateSends++;
            }
            sentReports += perRequest;
            int first = j * perRequest;
            StringBuilder body = new StringBuilder(200 * perRequest);
            if (perRequest > 1) {
                body.append('[');
            }
            for (int i = first; i < first + perRequest; i++) {
                if (i > first) {
                    body.append(',');
                }
                body.append("{\"reportId\":\"bench-fresh/")
                        .append(tag)
                        .append('/')
                        .append(i)
                        .append("\",\"source\":\"bench-waste\",\"orgUnit\":\"")
                        .append(streamSet.orgUnit(i))
                        .append("\",\"period\":\"")
                        .append(streamSet.period(i))
                        .append("\",\"revision\":1,\"values\":[{")
                        .append("\"dataElement\":\"waste.domestic.landfilled\",\"value\":")
                        .append(streamSet.postedValue(i))
                        .append(",\"unit\":\"t\"}]}");
            }
            if (perRequest > 1) {
                body.append(']');
            }
            long sent = System.nanoTime();
            poster.postAsync(body.toString(), busyRetries).whenComplete((response, error) -> {
                long now = System.nanoTime();
                try {
                    if (error == null && ReportPoster.accepted(response.statusCode())) {
                        long wall = System.currentTimeMillis();
                        for (int i = first; i < first + perRequest; i++) {
                            ackNanos[i] = now;
                            ackWallMillis[i] = wall;
                        }
                        synchronized (requestMillis) {
                            requestMillis.add((now - sent) / 1e6);
                        }
                    } else {
                        failed.addAndGet(perRequest);
                        String why = error != null
                                ? error.toString()
                                : "HTTP " + response.statusCode() + " " + IngestionLoad.abbreviate(response.body());
                        if (firstFailure.compareAndSet(null, why)) {
                            System.err.println("[freshness] request failed: " + why);
                        }
                    }
                } finally {
                    inFlight.release(); // after recording: the main thread counts the answers once every permit is back
                }
            });
        }
        double sendSeconds = (System.nanoTime() - start) / 1e9;
        if (!inFlight.tryAcquire(maxInFlight, 120, TimeUnit.SECONDS)) {
            System.err.println("[freshness] requests still unanswered after 120 s");
        }
        double answeredSeconds = (System.nanoTime() - start) / 1e9;

        // every stream's last accepted value must show up; wait for it, at most --drain seconds
        double[] lastAccepted = new double[streams];
        int accepted = 0;
        for (int i = 0; i < totalReports; i++) {
            if (ackNanos[i] != 0) {
                accepted++;
                lastAccepted[i % streams] = Math.max(lastAccepted[i % streams], FreshnessStreams.expected(i, streams));
            }
        }
        long drainDeadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(drainSeconds);
        while (!watcher.hasSeenAtLeast(lastAccepted) && System.nanoTime() < drainDeadline) {
            Thread.sleep(100);
        }
        watcher.stopAndJoin();
        callbacks.shutdown();

        // match each accepted report to the first result of its stream whose W2 reached its value
        List<List<Observation>> seen = watcher.observations();
        double[] freshnessMillis = new double[accepted];
        double[] computedMillis = new double[accepted];
        double[] publishedMillis = new double[accepted];
        int matched = 0;
        int beforeAnswer = 0;
        for (int i = 0; i < totalReports; i++) {
            if (ackNanos[i] == 0) {
                continue;
            }
            Observation first = firstReaching(seen.get(i % streams), FreshnessStreams.expected(i, streams));
            if (first != null) {
                long nanos = first.nanos() - ackNanos[i];
                if (nanos < 0) {
                    beforeAnswer++; // the result was out before the client had read the 2xx: a later report of the
                    // stream overtook it
                }
                computedMillis[matched] = Math.max(0, first.computedAtMillis() - ackWallMillis[i]);
                publishedMillis[matched] = Math.max(0, first.wallMillis() - first.computedAtMillis());
                freshnessMillis[matched++] = Math.max(0, nanos) / 1e6;
            }
        }
        result.put("reports.planned", totalReports)
                .put("reports.sent", sentReports)
                .put("reports.accepted", accepted)
                .put("reports.failed", failed.get())
                .put("retries.busy", busyRetries.get())
                .put("reports.matched", matched)
                .put("reports.unmatched", accepted - matched)
                .put("matched.before.answer", beforeAnswer)
                .put("rate.achieved.per.s", accepted / answeredSeconds)
                .put("send.s", sendSeconds)
                .put("late.sends", lateSends)
                .put("results.records", watcher.records.get());
        if (firstFailure.get() != null) {
            result.put("first.failure", firstFailure.get());
        }
        new Percentiles(Arrays.copyOf(freshnessMillis, matched)).putInto(result, "freshness");
        new Percentiles(Arrays.copyOf(computedMillis, matched)).putInto(result, "freshness.computed");
        new Percentiles(Arrays.copyOf(publishedMillis, matched)).putInto(result, "freshness.published");
        result.put("max.in.flight", maxInFlight);
        new Percentiles(requestMillis.stream().mapToDouble(Double::doubleValue).toArray()).putInto(result, "request");
        result.write(out);
        System.out.printf("[freshness] %d of %d accepted reports matched; wrote %s%n", matched, accepted, out);
    }

    /**
     * Warms the waste service and the aggregation up (JIT, connection pools) on the same code paths — single reports,
     * the same org units and years — but with another data element (waste.emissions.co2), so W2 is untouched.
     * Closed loop, a few clients: as fast as the platform answers, without building a backlog.
     */
    static void warmUp(String url, FreshnessStreams streams, int seconds) throws Exception {
        System.out.printf("[freshness] warm-up %d s (not measured)%n", seconds);
        ReportPoster poster = new ReportPoster(url, "waste", null);
        String tag = "warmup" + Long.toString(System.currentTimeMillis(), 36);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        AtomicLong next = new AtomicLong();
        ExecutorService clients = Executors.newFixedThreadPool(4);
        List<Future<?>> running = new ArrayList<>();
        for (int c = 0; c < 4; c++) {
            running.add(clients.submit(() -> {
                while (System.nanoTime() < deadline) {
                    int i = (int) next.getAndIncrement();
                    poster.post("{\"reportId\":\"bench-fresh/" + tag + "/" + i
                            + "\",\"source\":\"bench-waste\",\"orgUnit\":\"" + streams.orgUnit(i)
                            + "\",\"period\":\"" + streams.period(i)
                            + "\",\"revision\":1,\"values\":[{\"dataElement\":\"waste.emissions.co2\",\"value\":"
                            + (1000 + i) + ",\"unit\":\"t\"}]}");
                }
                return null;
            }));
        }
        for (Future<?> f : running) {
            f.get();
        }
        clients.shutdown();
    }

    /** The first observation whose W2, or that of an earlier one, reached the value (W2 may dip if two writes crossed). */
    static Observation firstReaching(List<Observation> observations, double value) {
        for (Observation o : observations) {
            if (o.w2() >= value) {
                return o;
            }
        }
        return null;
    }

    /** Reads results.v1 from its end and keeps, per stream, every W2 seen and when. */
    static final class ResultWatcher extends Thread {
        private final KafkaConsumer<String, byte[]> consumer;
        private final Map<String, Integer> streamOf;
        private final List<List<Observation>> observations = new ArrayList<>();
        private final double[] highest;
        private final ObjectMapper json = new ObjectMapper();
        final AtomicLong records = new AtomicLong();
        private volatile boolean running = true;

        ResultWatcher(Properties kafkaClient, Map<String, Integer> streamOf) {
            super("results-watcher");
            this.streamOf = streamOf;
            for (int s = 0; s < streamOf.size(); s++) {
                observations.add(new ArrayList<>());
            }
            highest = new double[streamOf.size()];
            Properties p = new Properties();
            p.putAll(kafkaClient);
            p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
            p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
            p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
            p.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, 50);
            consumer = new KafkaConsumer<>(p);
            List<TopicPartition> partitions = new ArrayList<>();
            consumer.partitionsFor(RESULTS).forEach(pi -> partitions.add(new TopicPartition(RESULTS, pi.partition())));
            consumer.assign(partitions);
            consumer.seekToEnd(partitions);
            partitions.forEach(consumer::position); // resolve the end now, before the first report is sent
        }

        @Override
        public void run() {
            try {
                while (running) {
                    ConsumerRecords<String, byte[]> batch = consumer.poll(Duration.ofMillis(50));
                    long now = System.nanoTime();
                    long wall = System.currentTimeMillis();
                    for (ConsumerRecord<String, byte[]> r : batch) {
                        records.incrementAndGet();
                        Integer stream = r.key() == null ? null : streamOf.get(r.key());
                        if (stream == null || r.value() == null) {
                            continue;
                        }
                        Reading reading = read(r.value());
                        if (reading != null) {
                            synchronized (this) {
                                observations
                                        .get(stream)
                                        .add(new Observation(now, wall, reading.w2(), reading.computedAtMillis()));
                                highest[stream] = Math.max(highest[stream], reading.w2());
                            }
                        }
                    }
                }
            } finally {
                consumer.close(Duration.ofSeconds(2));
            }
        }

        /** What the watcher needs of a result record: its W2 and when it was computed. */
        record Reading(double w2, long computedAtMillis) {}

        /**
         * Streams through the record for {@code computedAt} and the W2 figure instead of building a tree of the whole
         * ~35 KB document: the load generator shares the machine with the platform, and a tree per record cost it a
         * third of a core at ~300 records/s.
         */
        private Reading read(byte[] value) {
            try (JsonParser p = json.getFactory().createParser(value)) {
                String computedAt = null;
                Double w2 = null;
                if (p.nextToken() != JsonToken.START_OBJECT) {
                    return null;
                }
                while (p.nextToken() == JsonToken.FIELD_NAME) {
                    String field = p.currentName();
                    p.nextToken();
                    if ("computedAt".equals(field)) {
                        computedAt = p.getText();
                    } else if ("result".equals(field) && p.currentToken() == JsonToken.START_OBJECT) {
                        w2 = w2(p);
                    } else {
                        p.skipChildren();
                    }
                }
                return computedAt == null || w2 == null
                        ? null
                        : new Reading(w2, Instant.parse(computedAt).toEpochMilli());
            } catch (IOException e) {
                System.err.println("[freshness] unreadable result: " + e.getMessage());
                return null;
            }
        }

        /** In the result object: the value of the figure whose indicator is W2 in its "indicators" array. */
        private static Double w2(JsonParser p) throws IOException {
            Double found = null;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                p.nextToken();
                if (!"indicators".equals(field) || p.currentToken() != JsonToken.START_ARRAY) {
                    p.skipChildren();
                    continue;
                }
                while (p.nextToken() == JsonToken.START_OBJECT) {
                    String indicator = null;
                    Double v = null;
                    while (p.nextToken() == JsonToken.FIELD_NAME) {
                        String f = p.currentName();
                        JsonToken t = p.nextToken();
                        if ("indicator".equals(f)) {
                            indicator = p.getText();
                        } else if ("value".equals(f) && t.isNumeric()) {
                            v = p.getDoubleValue();
                        } else {
                            p.skipChildren();
                        }
                    }
                    if ("W2".equals(indicator) && v != null) {
                        found = v;
                    }
                }
            }
            return found;
        }

        synchronized boolean hasSeenAtLeast(double[] values) {
            for (int s = 0; s < values.length; s++) {
                if (highest[s] < values[s]) {
                    return false;
                }
            }
            return true;
        }

        void stopAndJoin() throws InterruptedException {
            running = false;
            join(10_000);
        }

        synchronized List<List<Observation>> observations() {
            return observations;
        }
    }
}
