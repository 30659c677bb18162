package io.synergy.bench.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The read and scale rows: each figure beside its in-run limit, the ratio, and met or missed. */
class PerformanceReportTest {

    @TempDir
    Path root;

    Path results;

    @Test
    void readRowsJudgeEachEndpointAgainstItsServicesCeilingAndEachExportAgainstItsJson() throws Exception {
        readPart("phases=read\nload.before=14.3\nload.read=15.1\nload.end=12.0\n");
        run("read", "001-aggregation", "/q/health/live", "live", "none", 200, 15012, 1.1, 9.0, 0, 0);
        run("read", "002-aggregation", "/api/v1/attainment?period=2024", "json", "reader", 200, 2213, 13, 64, 0, 0);
        run("read", "003-aggregation", "/api/v1/attainment?period=2024", "csv", "reader", 200, 1500, 20, 100, 0, 0);
        run("read", "004-aggregation", "/api/v1/years", "json", "reader", 200, 6000, 3, 20, 0, 0);
        run(
                "read",
                "005-aggregation",
                "/api/v1/synergy/districts?period=2024",
                "json",
                "reader",
                200,
                6.9,
                1320,
                1940,
                0,
                55);
        run("read", "0055-aggregation", "/api/v1/effects?from=2023&to=2024", "json", "reader", 200, 0, 0, 0, 0, 0);
        run(
                "read",
                "0056-aggregation",
                "/api/v1/synergy/units?period=2024&level=enterprise",
                "json",
                "reader",
                0,
                0,
                0,
                0,
                0,
                0);
        run(
                "read",
                "0057-aggregation",
                "/api/v1/synergy/units?period=2024&level=enterprise",
                "csv",
                "reader",
                200,
                4.5,
                850,
                1600,
                0,
                3);
        run("read", "006-aggregation", "/api/v1/ops/topics", "json", "ops", 200, 5000, 4, 30, 12, 0);
        run("read", "007-registry", "/q/health/live", "live", "none", 200, 12000, 1, 8, 0, 0);
        run("read", "008-registry", "/api/v1/org-units", "json", "reader", 200, 3000, 8, 40, 0, 0);
        run("read", "009-registry", "/api/v1/org-units", "xlsx", "reader", 200, 1000, 30, 90, 0, 0);
        run("read", "010-registry", "/api/v1/pilots", "json", "reader", 404, 0, 0, 0, 0, 0);

        List<String> table = report();

        assertThat(row(table, "Read ceiling: aggregation-service")).contains("15,012 req/s");
        // 2,213 of a 15,012 ceiling is less than a sixth (2,502), and its p99 is over 50 ms
        assertThat(row(table, "`GET /api/v1/attainment?period=2024` (JSON)"))
                .contains(
                        "2,213 req/s · p50 13 · p99 64 ms",
                        "≥ 1/6 of the ceiling (2,502 req/s)",
                        "0.15 of the ceiling",
                        "**misses**");
        // the CSV export: 1,500 ≥ 2,213 / 2 and 100 ms ≤ 2 × 64 ms — within twice its JSON
        assertThat(row(table, "`GET /api/v1/attainment?period=2024` (CSV)"))
                .contains("within 2× of JSON: ≥ 1,107 req/s, p99 ≤ 128 ms", "JSON ÷ CSV 1.48×")
                .endsWith("| meets |");
        assertThat(row(table, "`GET /api/v1/years` (JSON)"))
                .contains("0.40 of the ceiling")
                .endsWith("| meets |");
        assertThat(row(table, "`GET /api/v1/synergy/districts?period=2024` (JSON)"))
                .contains("7 req/s", "55 timeouts (> 2s)", "**misses**");
        // not one answer within the run: what is known is the single request before it
        assertThat(row(table, "`GET /api/v1/effects?from=2023&to=2024` (JSON)"))
                .contains("no answer within the 10 s run; the single request before it took 12 ms", "**misses**");
        // a single request got no answer at all: not loaded, missed; its export has nothing to compare with
        assertThat(row(table, "`GET /api/v1/synergy/units?period=2024&level=enterprise` (JSON)"))
                .contains("no answer to a single request within 60 s", "0.00 of the ceiling", "**misses**");
        assertThat(row(table, "`GET /api/v1/synergy/units?period=2024&level=enterprise` (CSV)"))
                .contains(
                        "5 req/s",
                        "3 timeouts",
                        "no JSON answers to compare with; ≥ 1/6 of the ceiling (2,502 req/s)",
                        "**misses**");
        // fast, but answers with errors: missed
        assertThat(row(table, "`GET /api/v1/ops/topics` (JSON, ops)")).contains("12 non-2xx", "**misses**");
        // the registry's endpoints against the registry's own ceiling
        assertThat(row(table, "registry-service `GET /api/v1/org-units` (JSON)"))
                .contains("3,000 req/s", "(2,000 req/s)", "0.25 of the ceiling")
                .endsWith("| meets |");
        assertThat(row(table, "registry-service `GET /api/v1/org-units` (XLSX)"))
                .contains("JSON ÷ XLSX 3.00×", "**misses**");
        assertThat(row(table, "`GET /api/v1/pilots`")).contains("not on this build (HTTP 404)", "not measured");
        String doc = Files.readString(root.resolve("out.md"));
        assertThat(doc)
                .contains("Read: not on this build, so not measured: `/api/v1/pilots` (registry, HTTP 404).")
                .contains("load average before 14.30, read part 15.10, end 12.00")
                .doesNotContain("Ingestion:");
    }

    @Test
    void scaleRowsCompareThePassTheRankingTheFreshnessAndTheRssWithTheirTargets() throws Exception {
        results = Files.createDirectories(root.resolve("results"));
        Files.writeString(results.resolve("platform.properties"), "phases=scale\nscale.aggregation.oom=2\n");
        Files.writeString(
                results.resolve("scale-load.properties"),
                "districts=10\nparks=50\nenterprises=5000\nfirst.year=2015\nyears=10\n"
                        + "batch.reports=1000\nclients.per.sector=2\nimport.rows=5050\nimport.status=200\nimport.s=4.2\n"
                        + "load.s=120\nreports.accepted=250000\nvalues.accepted=1500000\nvalues.per.s=12500\nbatches.ok=250\nbatches.failed=0\n");
        Files.writeString(
                results.resolve("scale-idle.properties"),
                "idle=false\nwaited.s=1200\ntimeout.s=1200\nstalled=false\nlag.left=5\npending.left=1\n");
        Files.writeString(
                results.resolve("scale-recompute.properties"),
                "reports.planned=3\nreports.measured=3\npasses=3\npass.mean.ms=4200\n"
                        + "pass.max.ms=5100\nphase.load.ms=2500\nphase.compute.ms=1200\nphase.store.ms=500\nsettled.p50.ms=4600\nsettled.max.ms=5600\n");
        Files.writeString(
                results.resolve("scale-freshness.properties"),
                "rate.planned.per.s=1000\nrate.achieved.per.s=990\norg.units=5000\n"
                        + "freshness.p50.ms=3000\nfreshness.p99.ms=9000\nfreshness.max.ms=9500\nreports.matched=59000\nreports.accepted=59400\nreports.unmatched=400\n");
        Files.writeString(
                results.resolve("rss-scale.txt"),
                "aggregation 200000\naggregation 250000\nenergy 150000\nkafka 300000\nbusy 1\n");
        run(
                "scale",
                "001-aggregation",
                "/api/v1/synergy/units?period=2024&level=enterprise",
                "json",
                "reader",
                200,
                0.3,
                3100,
                3400,
                0,
                0);
        Files.writeString(
                results.resolve("scale/001-aggregation.properties"),
                "connections=1\ntimeout=60s\n",
                StandardOpenOption.APPEND);
        run(
                "scale",
                "002-aggregation",
                "/api/v1/synergy/units?period=2024&level=enterprise",
                "json",
                "reader",
                200,
                0,
                0,
                0,
                0,
                320);
        run(
                "scale",
                "004-aggregation",
                "/api/v1/synergy/units?period=2024&level=enterprise",
                "json-gzip",
                "reader",
                200,
                2500,
                10,
                85,
                0,
                0);
        // the aggregation had computed nothing: the endpoint is there and says so
        run(
                "scale",
                "003-aggregation",
                "/api/v1/synergy/units?period=2023&level=enterprise",
                "json",
                "reader",
                404,
                0,
                0,
                0,
                0,
                0);
        Files.writeString(
                results.resolve("scale/003-aggregation.properties"),
                "probe.problem=https://synergy.qingdao/problems/no-data\n",
                StandardOpenOption.APPEND);

        List<String> table = report();

        assertThat(row(table, "Scale: the city's reports"))
                .contains("12,500 values/s (1,500,000 values, 250,000 reports in 120.0 s");
        assertThat(row(table, "Scale: loaded → the aggregation idle"))
                .contains("not idle after 1,200 s (5 indicator events not consumed, 1 rows pending)");
        assertThat(row(table, "Scale: recompute pass"))
                .contains(
                        "mean 4,200 · max 5,100 ms per pass",
                        "load 2,500 · compute 1,200 · store 500 ms",
                        "≤ 50 ms",
                        "84.00",
                        "**misses**");
        assertThat(
                        row(
                                table,
                                "Scale: unit-synergy ranking of 5,000 enterprises `GET /api/v1/synergy/units?period=2024&level=enterprise`, 1 client |"))
                .contains("p99 3,400 ms", "34.00", "**misses**");
        assertThat(row(table, "enterprises `GET /api/v1/synergy/units?period=2024&level=enterprise`, 32 clients"))
                .contains(
                        "no answer within the 10 s run (320 timeouts > 2s); the single request before it took 12 ms",
                        "20.00",
                        "**misses**");
        assertThat(row(table, "enterprises `GET /api/v1/synergy/units?period=2024&level=enterprise`, 32 clients, gzip"))
                .contains("p99 85 ms", "0.85", "meets");
        assertThat(row(table, "`GET /api/v1/synergy/units?period=2023&level=enterprise`"))
                .contains("HTTP 404 `no-data`: nothing to load", "**misses**");
        assertThat(row(table, "Scale: freshness: 2xx"))
                .contains("spread over 5,000 enterprises", "p99 9,000", "9.00", "**misses**");
        assertThat(row(table, "Scale: RSS aggregation-service")).contains("244 MB", "≤ 300 MB", "0.81", "meets");
        assertThat(row(table, "Scale: RSS of the others")).contains("energy 146", "Kafka broker 293");
        String doc = Files.readString(root.resolve("out.md"));
        assertThat(doc)
                .contains(
                        "2 line(s) with `OutOfMemoryError`",
                        "400 accepted reports never showed",
                        "had not computed the loaded city (after 1,200 s)");
    }

    @Test
    void aPartRunAloneKeepsTheOtherPartsFiguresOfTheDocumentItReplacesAndSaysSo() throws Exception {
        readPart("phases=read\n");
        run("read", "001-energy", "/q/health/live", "live", "none", 200, 12000, 1, 8, 0, 0);
        run("read", "002-energy", "/api/v1/catalog", "json", "reader", 200, 9000, 3, 30, 0, 0);
        Path earlier = root.resolve("earlier.md");
        Files.writeString(earlier, """
                # Performance

                Run on 2026-11-25T13:13:28+00:00. Needs root.

                ## Results

                | measure | figure | limit / target | ratio | |
                |---|---|---|---|---|
                | Ingestion: values accepted (2xx) | 13,224 values/s | COPY: 82,660 values/s | 16.0 % | **misses** |
                | Read: energy-service `GET /api/v1/catalog` (JSON) | 1 req/s | ≥ 1/6 | 0.00 of the ceiling | **misses** |
                | Scale: RSS aggregation-service, max over the scale part | 244 MB | ≤ 300 MB | 0.81 | meets |

                ## What each figure is

                - **Ingestion.** IngestionLoad posts arrays.
                - **Read path.** The earlier read.
                - **City scale.** The earlier city.

                ## Notes from this run
                """);

        List<String> table = report("--carry", earlier.toString());

        assertThat(table)
                .contains(
                        "| Ingestion: values accepted (2xx) | 13,224 values/s | COPY: 82,660 values/s | 16.0 % | **misses** |",
                        "| Scale: RSS aggregation-service, max over the scale part | 244 MB | ≤ 300 MB | 0.81 | meets |");
        // this run's read rows replace the earlier ones, in the table's order: write, read, scale
        assertThat(row(table, "`GET /api/v1/catalog` (JSON)"))
                .contains("9,000 req/s")
                .endsWith("| meets |");
        assertThat(table).noneMatch(l -> l.contains("| 1 req/s |"));
        assertThat(table.indexOf(row(table, "Ingestion"))).isLessThan(table.indexOf(row(table, "catalog")));
        assertThat(table.indexOf(row(table, "catalog"))).isLessThan(table.indexOf(row(table, "Scale: RSS")));
        String doc = Files.readString(root.resolve("out.md"));
        assertThat(doc)
                .contains(
                        "- **Ingestion.** IngestionLoad posts arrays.",
                        "- **City scale.** The earlier city.",
                        "- **Read path.** On broker and services")
                .doesNotContain("The earlier read", "NaN")
                .contains(
                        "This run measured the read part(s); the rows of the write and scale part(s) and their explanations are those of the run of "
                                + "2026-11-25T13:13:28+00:00, carried over unchanged.");
    }

    void run(
            String part,
            String name,
            String path,
            String format,
            String role,
            int status,
            double rps,
            double p50,
            double p99,
            long non2xx,
            long timeouts)
            throws Exception {
        Path folder = Files.createDirectories(results.resolve(part));
        Files.writeString(
                folder.resolve(name + ".properties"),
                "service=" + name.substring(name.indexOf('-') + 1) + "\nport=8080\npath=" + path + "\nformat=" + format
                        + "\nrole=" + role + "\nconnections=32\ntimeout=2s\nduration.planned.s=10\nprobe.status="
                        + status + "\nprobe.ms=12.0\n"
                        + (status == 404 || status == 0
                                ? ""
                                : "requests=" + (long) (rps * 10) + "\nduration.s=10\nrequests.per.s=" + rps
                                        + "\nlatency.p50.ms=" + p50
                                        + "\nlatency.p90.ms=" + p99 + "\nlatency.p99.ms=" + p99 + "\nlatency.max.ms="
                                        + p99 + "\nerrors.status=" + non2xx
                                        + "\nerrors.timeout=" + timeouts
                                        + "\nerrors.connect=0\nerrors.read=0\nerrors.write=0\n"));
    }

    /** A results folder of a read part whose platform was idle before the load. */
    void readPart(String platformProperties) throws Exception {
        results = Files.createDirectories(root.resolve("results"));
        Files.writeString(results.resolve("platform.properties"), platformProperties);
        Files.writeString(results.resolve("read-idle.properties"), "idle=true\nwaited.s=3\ntimeout.s=300\n");
    }

    List<String> report(String... options) throws Exception {
        List<String> args = new ArrayList<>(List.of(
                "--root",
                root.toString(),
                "--results",
                results.toString(),
                "--jdbc",
                "jdbc:postgresql://127.0.0.1:1/none",
                "--out",
                root.resolve("out.md").toString()));
        args.addAll(List.of(options));
        PerformanceReport.main(args.toArray(String[]::new));
        return Files.readAllLines(root.resolve("out.md")).stream()
                .filter(l -> l.startsWith("| "))
                .toList();
    }

    static String row(List<String> table, String containing) {
        return table.stream()
                .filter(l -> l.contains(containing))
                .findFirst()
                .orElseThrow(() -> new AssertionError("no row with " + containing + " in " + String.join("\n", table)));
    }
}
