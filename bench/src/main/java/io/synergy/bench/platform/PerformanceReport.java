package io.synergy.bench.platform;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Collects what the phases of deploy/bench/run.sh measured (the run's results folder), prints one table and writes
 * docs/performance.md: the machine, the versions, the command, every figure with its unit and its ratio to its limit
 * or target (issue 8).
 */
public final class PerformanceReport {

    static final String[] SERVICES = {"aggregation", "energy", "transport", "building", "agriculture", "waste", "registry"};
    /** Kafka's ProducerPerformance summary: "N records sent, R records/sec (M MB/sec), A ms avg latency, X ms max latency, …". */
    static final Pattern PRODUCER_SUMMARY = Pattern.compile(
            "(\\d+) records sent, ([\\d.]+) records/sec \\(([\\d.]+) MB/sec\\), ([\\d.]+) ms avg latency, ([\\d.]+) ms max latency"
                    + "(?:, (\\d+) ms 50th, (\\d+) ms 95th, (\\d+) ms 99th)?");

    static final double INGESTION_TARGET = 0.25;
    static final double FRESHNESS_P99_TARGET_MS = 1000;
    static final double SYNTHETIC_RECOMPUTE_TARGET_MS = 100;
    static final double RSS_TARGET_MB = 200;
    static final double HEALTHY_TARGET_S = 60;

    private final Path root;
    private final Path results;
    private final Map<String, String> platform;
    private final Map<String, String> ingestion;
    private final Map<String, String> copy;
    private final Map<String, String> freshness;
    private final Map<String, Double> producer = new LinkedHashMap<>();
    private final Map<String, double[]> recompute = new LinkedHashMap<>(); // benchmark → {mean, error}
    private final Map<String, Long> rssMaxKib = new LinkedHashMap<>();
    private int busyProcessesMax;
    private final List<String[]> rows = new ArrayList<>();
    private final List<String> notes = new ArrayList<>();

    private PerformanceReport(Path root, Path results) throws IOException {
        this.root = root;
        this.results = results;
        platform = ResultFile.read(results.resolve("platform.properties"));
        ingestion = ResultFile.read(results.resolve("ingestion.properties"));
        copy = ResultFile.read(results.resolve("copy.properties"));
        freshness = ResultFile.read(results.resolve("freshness.properties"));
        readProducerPerformance(results.resolve("producer-performance.txt"));
        readJmh(results.resolve("jmh.json"));
        readRssSamples(results.resolve("rss-samples.txt"));
    }

    public static void main(String[] args) throws Exception {
        Options o = new Options(args);
        Path root = Path.of(o.string("root", ".")).toAbsolutePath().normalize();
        Path results = Path.of(o.required("results"));
        Path out = Path.of(o.string("out", root.resolve("docs/performance.md").toString()));
        String command = o.string("command", "deploy/bench/run.sh");
        String jdbc = o.string("jdbc", "jdbc:postgresql://127.0.0.1:5432/synergy_bench");

        PerformanceReport report = new PerformanceReport(root, results);
        report.buildTable();
        String table = report.table();
        System.out.println();
        System.out.println(table);
        String document = report.document(command, table, postgresVersion(jdbc));
        // the engineers' reading of the figures (what limits what, and what was tried) lives in deploy/bench/analysis.md
        Path analysis = root.resolve("deploy/bench/analysis.md");
        if (Files.exists(analysis)) {
            document += "\n" + Files.readString(analysis, StandardCharsets.UTF_8);
        }
        Files.writeString(out, document, StandardCharsets.UTF_8);
        System.out.println("[report] wrote " + out);
    }

    // ---- the table ------------------------------------------------------------------------------------------------

    private void buildTable() {
        double acceptedValues = num(ingestion, "values.accepted.per.s");
        double copyValues = num(copy, "values.per.s");
        row("Ingestion: values accepted (2xx), energy service, " + integer(ingestion, "clients") + " clients × batches of "
                        + f0(num(ingestion, "batch.reports")) + " reports (" + f0(num(ingestion, "batch.values")) + " values)",
                f0(acceptedValues) + " values/s (" + f0(num(ingestion, "reports.accepted.per.s")) + " reports/s; "
                        + f0(num(ingestion, "values.accepted")) + " values in " + f1(num(ingestion, "duration.s")) + " s)",
                "COPY of the same rows: " + f0(copyValues) + " values/s; target ≥ 25 %",
                percent(acceptedValues / copyValues), verdict(acceptedValues / copyValues >= INGESTION_TARGET, acceptedValues / copyValues));
        row("Ingestion: request latency (one batch, client side)",
                "p50 " + f0(num(ingestion, "latency.p50.ms")) + " · p90 " + f0(num(ingestion, "latency.p90.ms")) + " · p99 "
                        + f0(num(ingestion, "latency.p99.ms")) + " · max " + f0(num(ingestion, "latency.max.ms")) + " ms ("
                        + integer(ingestion, "requests.ok") + " requests, " + integer(ingestion, "requests.failed") + " failed)",
                "—", "—", "");
        double published = num(ingestion, "events.published.per.s");
        double producerRate = producer.getOrDefault("records.per.s", Double.NaN);
        row("Ingestion: indicator events published (outbox relay → indicators.energy.v1)",
                f0(published) + " events/s (" + f0(num(ingestion, "events.published")) + " events, " + f2(num(ingestion, "events.per.report"))
                        + " per report; over load + drain)",
                "Kafka ProducerPerformance: " + f0(producerRate) + " records/s", percent(published / producerRate), "");
        row("Ingestion: outbox drained after the load", f1(num(ingestion, "outbox.drain.s")) + " s", "—", "—", "");
        row("Limit: PostgreSQL COPY (report + data_value + outbox rows, one transaction per " + f0(num(copy, "batch.reports")) + " reports)",
                f0(num(copy, "rows.per.s")) + " rows/s = " + f0(copyValues) + " values/s (" + f0(num(copy, "reports.per.s")) + " reports/s)",
                "—", "—", "");
        row("Limit: Kafka ProducerPerformance (" + f0(num(platform, "producer.record.bytes")) + "-byte records, acks=all, linger.ms=5, "
                        + "idempotent, 3 partitions)",
                f0(producerRate) + " records/s (" + f2(producer.getOrDefault("mb.per.s", Double.NaN)) + " MB/s); latency avg "
                        + f0(producer.getOrDefault("avg.ms", Double.NaN)) + " · max " + f0(producer.getOrDefault("max.ms", Double.NaN)) + " ms",
                "—", "—", "");
        double p99 = num(freshness, "freshness.p99.ms");
        row("Freshness: 2xx → results.v1 shows the report (at " + f0(num(freshness, "rate.achieved.per.s")) + " of "
                        + f0(num(freshness, "rate.planned.per.s")) + " reports/s planned)",
                "p50 " + f0(num(freshness, "freshness.p50.ms")) + " · p99 " + f0(p99) + " · max " + f0(num(freshness, "freshness.max.ms"))
                        + " ms (" + integer(freshness, "reports.matched") + " of " + integer(freshness, "reports.accepted") + " accepted reports matched)",
                "p99 ≤ 1,000 ms", ratio(p99 / FRESHNESS_P99_TARGET_MS), verdict(p99 <= FRESHNESS_P99_TARGET_MS, p99));
        row("Freshness, split: 2xx → result computed (aggregation's computedAt) · computed → seen on results.v1",
                "p50 " + f0(num(freshness, "freshness.computed.p50.ms")) + " · p99 " + f0(num(freshness, "freshness.computed.p99.ms")) + " ms · p50 "
                        + f0(num(freshness, "freshness.published.p50.ms")) + " · p99 " + f0(num(freshness, "freshness.published.p99.ms")) + " ms",
                "—", "—", "");
        row("Freshness: request latency at that rate (" + integer(freshness, "reports.per.request") + " report(s) per request)",
                "p50 " + f0(num(freshness, "request.p50.ms")) + " · p99 " + f0(num(freshness, "request.p99.ms")) + " · max "
                        + f0(num(freshness, "request.max.ms")) + " ms",
                "—", "—", "");
        double[] city = recompute.getOrDefault("cityAndDistricts", new double[] {Double.NaN, Double.NaN});
        row("Recompute: city + all districts 2020–2024 after one event (JMH, no I/O)", f2(city[0]) + " ± " + f2(city[1]) + " ms", "—", "—", "");
        double[] synthetic = recompute.getOrDefault("synthetic1000Units", new double[] {Double.NaN, Double.NaN});
        row("Recompute: synthetic 1,000 org units × 30 indicators × 10 years (JMH)", f1(synthetic[0]) + " ± " + f1(synthetic[1]) + " ms",
                "≤ 100 ms", ratio(synthetic[0] / SYNTHETIC_RECOMPUTE_TARGET_MS), verdict(synthetic[0] <= SYNTHETIC_RECOMPUTE_TARGET_MS, synthetic[0]));
        for (String s : SERVICES) {
            double idle = num(platform, "rss.idle." + s) / 1024;
            double max = rssMaxKib.containsKey(s) ? rssMaxKib.get(s) / 1024.0 : Double.NaN;
            row("RSS " + s + "-service: idle / max under load", f0(idle) + " / " + f0(max) + " MB", "≤ 200 MB under load", ratio(max / RSS_TARGET_MB),
                    verdict(max <= RSS_TARGET_MB, max));
        }
        double brokerIdle = num(platform, "rss.idle.kafka") / 1024;
        double brokerMax = rssMaxKib.containsKey("kafka") ? rssMaxKib.get("kafka") / 1024.0 : Double.NaN;
        row("RSS Kafka broker: idle / max under load", f0(brokerIdle) + " / " + f0(brokerMax) + " MB", "—", "—", "");
        double healthy = num(platform, "healthy.s");
        row("Platform: start (broker + seven services, fresh schemas) → all healthy", f1(healthy) + " s", "≤ 60 s", ratio(healthy / HEALTHY_TARGET_S),
                verdict(healthy <= HEALTHY_TARGET_S, healthy));
    }

    private void row(String measure, String figure, String limit, String ratio, String verdict) {
        rows.add(new String[] {measure, figure, limit, ratio, verdict});
    }

    private String table() {
        StringBuilder sb = new StringBuilder("| measure | figure | limit / target | ratio | |\n|---|---|---|---|---|\n");
        for (String[] r : rows) {
            sb.append("| ").append(String.join(" | ", r)).append(" |\n");
        }
        return sb.toString();
    }

    // ---- the document ---------------------------------------------------------------------------------------------

    private String document(String command, String table, String postgres) throws IOException {
        String date = platform.getOrDefault("started.at", ZonedDateTime.now().format(DateTimeFormatter.ISO_OFFSET_DATE_TIME));
        boolean quick = "true".equals(platform.get("quick"));
        int busyBefore = (int) num(platform, "busy.before");
        double loadBefore = num(platform, "load.before");
        boolean busy = busyProcessesMax > 0 || busyBefore > 0 || loadBefore > 1.0;
        addNotes();

        StringBuilder d = new StringBuilder();
        d.append("# Performance\n\n");
        d.append("The platform measured against this machine's own limits, side by side in one run (issue 8). Absolute figures vary between\n")
                .append("machines and runs; the ratios to the limits measured in the same run are what the targets are about.\n")
                .append("This file is written by `deploy/bench/run.sh`; run it again to refresh it.\n\n");
        if (quick) {
            d.append("> **Smoke run (`--quick`)**: every phase was shortened; the figures are indicative only.\n\n");
        }
        if (busy) {
            d.append("> **Shared, busy machine.** Other work ran on this machine during the measurement (other engineers' builds and tests: up to ")
                    .append(Math.max(busyProcessesMax, busyBefore)).append(" Maven/Surefire processes were seen while sampling; load average ")
                    .append(f2(loadBefore)).append(" on ").append(Runtime.getRuntime().availableProcessors())
                    .append(" cores before the start). The load generator, the broker, PostgreSQL and the seven services share the same cores too. ")
                    .append("Expect lower throughput and longer latencies than on a quiet machine.\n\n");
        }
        d.append("## Reproduce\n\n```bash\n").append(command).append("\n```\n\n")
                .append("Run on ").append(date).append(". Needs root (or sudo) for PostgreSQL (`deploy/local/postgres.sh`), builds with the Maven ")
                .append("wrapper, uses the database `synergy_bench` and the run folder `deploy/bench/run/` (logs, raw results), and stops ")
                .append("everything it started at the end or on Ctrl-C. Options: `--duration S` (ingestion and freshness phases, default 60), ")
                .append("`--quick` (a 1–2 minute smoke run), `--skip-build`.\n\n");
        d.append("## Machine and versions\n\n| | |\n|---|---|\n")
                .append("| CPU | ").append(cpuModel()).append(", ").append(Runtime.getRuntime().availableProcessors()).append(" cores |\n")
                .append("| memory | ").append(memory()).append(" |\n")
                .append("| OS | ").append(os()).append(" |\n")
                .append("| Java | ").append(System.getProperty("java.vm.name")).append(' ').append(System.getProperty("java.runtime.version"))
                .append(" (").append(System.getProperty("java.vendor")).append(") |\n")
                .append("| Quarkus | ").append(jarVersion(root.resolve("services/energy-service/target/quarkus-app/lib/main"), "io.quarkus.quarkus-core-")).append(" |\n")
                .append("| Kafka | ").append(jarVersion(root.resolve("deploy/kafka-broker/target/lib"), "kafka-clients-"))
                .append(" (KRaft, one node, `-Xmx256m`, from `deploy/local/kafka.sh`) |\n")
                .append("| PostgreSQL | ").append(postgres).append(" (the machine's cluster, default settings) |\n")
                .append("| service JVMs | `").append(platform.getOrDefault("service.jvm.opts", "deploy/local/services.sh defaults")).append("` |\n")
                .append("| aggregation, added | `").append(platform.getOrDefault("aggregation.jvm.opts", "—")).append("` |\n\n");
        d.append("## Results\n\n").append(table).append('\n');
        d.append("Ratios: ingestion ÷ COPY (target ≥ 25 %), published ÷ ProducerPerformance (no target: the broker's ceiling for the same ")
                .append("records), otherwise figure ÷ target (≤ 1 meets it). MB are MiB (`ps -o rss`, sampled every second).\n\n");
        d.append("## What each figure is\n\n");
        d.append("- **Ingestion.** `IngestionLoad` posts JSON arrays of ").append(f0(num(ingestion, "batch.reports")))
                .append(" energy reports, each with all 11 energy data elements (non-fossil and coal within the total), to `POST /api/v1/reports` ")
                .append("of the energy service from ").append(integer(ingestion, "clients"))
                .append(" client threads (`java.net.http.HttpClient`, one request at a time each) for a fixed time, after a ")
                .append(integer(ingestion, "warmup.s")).append(" s warm-up that is not counted. Every report has a new id; they cycle through ")
                .append("1,240 (district, period) slots — ten districts × the months of 2023–2024 and the quarters of 2000–2024 — so a batch ")
                .append("touches ~250 district-years, and later reports revise earlier slots with new values. Accepted = values in 2xx answers ")
                .append("÷ the load's duration. Published = records appended to `indicators.energy.v1` (end offsets before/after, via Kafka ")
                .append("Admin) ÷ (load + time until `energy.outbox` was empty, polled every 100 ms).\n");
        d.append("- **COPY limit.** `CopyLimit` writes, with PgJDBC's `CopyManager`, the rows the service writes per batch: ")
                .append(f0(num(copy, "batch.reports"))).append(" `report` rows (body and the service's stored result, copied from a real one), ")
                .append(f0(num(copy, "batch.reports") * EnergyReports.VALUES_PER_REPORT)).append(" `data_value` rows and ")
                .append(f0(num(copy, "outbox.rows.per.batch")))
                .append(" `outbox` rows (as many per report as the ingestion published, each with a real event's payload) into tables created ")
                .append("`LIKE energy.<table> INCLUDING ALL` (same columns, keys and indexes) in the scratch schema `bench_copy`, one transaction ")
                .append("per batch. Every data_value row is a new key (COPY cannot upsert; the period carries a sequence suffix). The rate counts ")
                .append("the time in COPY and commit only. Not copied: `indicator_value` (an upsert of a bounded set of rows). The comparison is ")
                .append("values (data_value rows) per second.\n");
        d.append("- **Kafka limit.** `org.apache.kafka.tools.ProducerPerformance` of the same Kafka version, through `deploy/local/kafka.sh tool`, ")
                .append("against the same broker: ").append(f0(num(platform, "producer.records"))).append(" records of ")
                .append(f0(num(platform, "producer.record.bytes")))
                .append(" bytes — the average JSON size of real indicator events sampled from `indicators.energy.v1` — to a 3-partition topic with ")
                .append("`acks=all`, `linger.ms=5` and idempotence, as the outbox relay's producer. The relay's records also carry ~")
                .append(f0(num(ingestion, "event.header.bytes.avg"))).append(" bytes of CloudEvents headers and a ~")
                .append(f0(num(ingestion, "event.key.bytes.avg"))).append("-byte key, which the tool cannot send.\n");
        d.append("- **Freshness.** `Freshness` posts reports at a fixed, open-loop rate (request j is due at start + j × interval, sent ")
                .append("asynchronously, at most ").append(integer(freshness, "max.in.flight")).append(" outstanding; ")
                .append(integer(freshness, "reports.per.request")).append(" report(s) per request) to the waste service, one value each ")
                .append("(`waste.domestic.landfilled`, annual period), round-robin over ")
                .append(integer(freshness, "streams")).append(" (district, year) streams (2020–2024), each with strictly increasing values. ")
                .append("A consumer reads `results.v1` from its end; a report counts as shown by the first result of its district and year whose ")
                .append("W2 (the annual landfilled total) is ≥ its value — the district's result is published by the same recompute pass as the ")
                .append("city's. Freshness = that record's arrival at the consumer − the report's 2xx. Before this phase the benchmark waits ")
                .append("until the aggregation has consumed, recomputed and published the ingestion phase's backlog, after a ")
                .append(integer(freshness, "warmup.s")).append(" s warm-up of the waste service on the same paths with another data element ")
                .append("(`waste.emissions.co2`, not counted). The phase lasts its duration: if the service cannot keep up, fewer reports are ")
                .append("sent, and the achieved rate is in the table.\n");
        d.append("- **Recompute.** The JMH `RecomputeBenchmark` (module `bench`), run after the platform was stopped, with a short ")
                .append("configuration (").append(platform.getOrDefault("jmh.options", "see run.sh")).append("): mean time per operation.\n");
        d.append("- **Resources.** `ps -o rss` of each service and the broker ").append(integer(platform, "idle.wait.s"))
                .append(" s after all were healthy (idle), and the maximum of per-second samples during the ingestion, limit and freshness phases. ")
                .append("Healthy = from `kafka.sh start` (fresh data folder) to every service's `/q/health/ready` answering 200, with `FRESH_DB=1` ")
                .append("(Flyway cleans and migrates every schema).\n\n");
        if (!notes.isEmpty()) {
            d.append("## Notes from this run\n\n");
            notes.forEach(n -> d.append("- ").append(n).append('\n'));
            d.append('\n');
        }
        d.append("Raw outputs of the run: `deploy/bench/run/results/` (not committed).\n");
        return d.toString();
    }

    private void addNotes() {
        if ("true".equals(ingestion.get("authenticated"))) {
            notes.add("The load generator sent bearer tokens (SYNERGY_TOKEN_ENERGY / SYNERGY_TOKEN_WASTE, from deploy/local/token.sh).");
        }
        if (ingestion.containsKey("first.failure")) {
            notes.add("Ingestion: " + integer(ingestion, "requests.failed") + " requests failed; the first: `" + ingestion.get("first.failure") + "`.");
        }
        if (freshness.containsKey("first.failure")) {
            notes.add("Freshness: " + integer(freshness, "reports.failed") + " reports failed; the first: `" + freshness.get("first.failure") + "`.");
        }
        if ("false".equals(freshness.get("aggregation.idle.before"))) {
            notes.add("Freshness: the aggregation had not finished the ingestion backlog after 300 s; the phase started anyway.");
        }
        double planned = num(freshness, "rate.planned.per.s");
        double achieved = num(freshness, "rate.achieved.per.s");
        if (achieved < planned * 0.98) {
            notes.add(String.format(Locale.ROOT, "Freshness: the waste service answered %,.0f reports/s, not the planned %,.0f: %s of %s planned "
                    + "reports were sent in the phase's %s s, %s requests more than 10 ms late because %s requests were already outstanding "
                    + "(the client's limit). The freshness figure is for that lower rate.", achieved, planned, integer(freshness, "reports.sent"),
                    integer(freshness, "reports.planned"), integer(freshness, "duration.planned.s"), integer(freshness, "late.sends"),
                    integer(freshness, "max.in.flight")));
        }
        if (num(freshness, "reports.unmatched") > 0) {
            notes.add("Freshness: " + integer(freshness, "reports.unmatched") + " accepted reports never showed on results.v1 within the drain time "
                    + "(a later, lower write of the same stream can hide one, or the aggregation fell behind).");
        }
        if (num(freshness, "matched.before.answer") > 0) {
            notes.add("Freshness: " + integer(freshness, "matched.before.answer") + " reports were shown before their own 2xx had been read "
                    + "(a later report of the same stream overtook them); counted as 0 ms.");
        }
        if (num(ingestion, "outbox.drain.s") < 1) {
            notes.add("The outbox relay kept up with the ingestion (the outbox was empty " + f1(num(ingestion, "outbox.drain.s"))
                    + " s after the load): published events/s is set by the ingestion rate, not by the relay or the broker.");
        }
        if (producer.isEmpty()) {
            notes.add("Kafka ProducerPerformance produced no summary line; see producer-performance.txt in the results folder.");
        }
        String extra = platform.get("note");
        if (extra != null && !extra.isBlank()) {
            notes.add(extra);
        }
    }

    // ---- inputs ---------------------------------------------------------------------------------------------------

    private void readProducerPerformance(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            return;
        }
        Matcher last = null;
        for (String line : Files.readAllLines(file)) {
            Matcher m = PRODUCER_SUMMARY.matcher(line);
            if (m.find() && line.contains("50th")) { // the final summary has percentiles; the periodic lines do not
                last = m;
            }
        }
        if (last != null) {
            producer.put("records", Double.parseDouble(last.group(1)));
            producer.put("records.per.s", Double.parseDouble(last.group(2)));
            producer.put("mb.per.s", Double.parseDouble(last.group(3)));
            producer.put("avg.ms", Double.parseDouble(last.group(4)));
            producer.put("max.ms", Double.parseDouble(last.group(5)));
        }
    }

    private void readJmh(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            return;
        }
        for (JsonNode run : new ObjectMapper().readTree(file.toFile())) {
            String name = run.path("benchmark").asText().replaceAll(".*\\.", "");
            JsonNode metric = run.path("primaryMetric");
            recompute.put(name, new double[] {metric.path("score").asDouble(Double.NaN), metric.path("scoreError").asDouble(Double.NaN)});
        }
    }

    /** Lines "name kib" (a process's RSS) and "busy n" (other engineers' Maven/Surefire processes) every second. */
    private void readRssSamples(Path file) throws IOException {
        if (!Files.isRegularFile(file)) {
            return;
        }
        for (String line : Files.readAllLines(file)) {
            String[] p = line.trim().split("\\s+");
            if (p.length != 2 || !p[1].matches("\\d+")) {
                continue;
            }
            long v = Long.parseLong(p[1]);
            if (p[0].equals("busy")) {
                busyProcessesMax = (int) Math.max(busyProcessesMax, v);
            } else {
                rssMaxKib.merge(p[0], v, Math::max);
            }
        }
    }

    private static String postgresVersion(String jdbc) {
        try (Connection c = DriverManager.getConnection(jdbc, "synergy", "synergy"); Statement st = c.createStatement();
                ResultSet rs = st.executeQuery("SHOW server_version")) {
            rs.next();
            return rs.getString(1);
        } catch (Exception e) {
            return "unknown (" + e.getMessage() + ")";
        }
    }

    private static String cpuModel() {
        try (Stream<String> lines = Files.lines(Path.of("/proc/cpuinfo"))) {
            return lines.filter(l -> l.startsWith("model name")).map(l -> l.substring(l.indexOf(':') + 1).trim()).findFirst().orElse("unknown CPU");
        } catch (IOException e) {
            return "unknown CPU";
        }
    }

    private static String memory() {
        try (Stream<String> lines = Files.lines(Path.of("/proc/meminfo"))) {
            return lines.filter(l -> l.startsWith("MemTotal")).map(l -> String.format(Locale.ROOT, "%.1f GiB",
                    Long.parseLong(l.replaceAll("\\D", "")) / 1024.0 / 1024.0)).findFirst().orElse("unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static String os() {
        String name = System.getProperty("os.name");
        try (Stream<String> lines = Files.lines(Path.of("/etc/os-release"))) {
            name = lines.filter(l -> l.startsWith("PRETTY_NAME=")).map(l -> l.substring(12).replace("\"", "")).findFirst().orElse(name);
        } catch (IOException e) {
            // not Linux, or no os-release: the JVM's name will do
        }
        return name + ", kernel " + System.getProperty("os.version") + " (" + System.getProperty("os.arch") + ")";
    }

    /** The version in the name of the jar the platform really ran ("kafka-clients-4.1.2.jar" → 4.1.2). */
    private static String jarVersion(Path folder, String prefix) {
        try (Stream<Path> files = Files.list(folder)) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.startsWith(prefix) && n.endsWith(".jar"))
                    .map(n -> n.substring(prefix.length(), n.length() - 4)).findFirst().orElse("unknown");
        } catch (IOException e) {
            return "unknown (" + folder + " missing)";
        }
    }

    // ---- formatting -----------------------------------------------------------------------------------------------

    private static double num(Map<String, String> values, String key) {
        try {
            return Double.parseDouble(values.getOrDefault(key, "NaN"));
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    private static String integer(Map<String, String> values, String key) {
        double v = num(values, key);
        return Double.isNaN(v) ? "?" : String.format(Locale.ROOT, "%,d", (long) v);
    }

    private static String f0(double v) {
        return Double.isNaN(v) || Double.isInfinite(v) ? "n/a" : String.format(Locale.ROOT, "%,.0f", v);
    }

    private static String f1(double v) {
        return Double.isNaN(v) || Double.isInfinite(v) ? "n/a" : String.format(Locale.ROOT, "%,.1f", v);
    }

    private static String f2(double v) {
        return Double.isNaN(v) || Double.isInfinite(v) ? "n/a" : String.format(Locale.ROOT, "%,.2f", v);
    }

    private static String percent(double v) {
        return Double.isNaN(v) || Double.isInfinite(v) ? "n/a" : String.format(Locale.ROOT, "%.1f %%", v * 100);
    }

    private static String ratio(double v) {
        return Double.isNaN(v) || Double.isInfinite(v) ? "n/a" : String.format(Locale.ROOT, "%.2f", v);
    }

    private static String verdict(boolean met, double measured) {
        return Double.isNaN(measured) ? "not measured" : met ? "meets" : "**misses**";
    }
}
