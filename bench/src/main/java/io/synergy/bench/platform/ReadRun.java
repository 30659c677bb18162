package io.synergy.bench.platform;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * One wrk run of the read or scale part of deploy/bench/run.sh ({@code results/<part>/NNN-<service>.properties}): the
 * endpoint, the single request that checked it answers, and what wrk measured (deploy/bench/wrk-report.lua).
 *
 * @param format       json, csv, xlsx, or live (the service's /q/health/live: its ceiling)
 * @param probeStatus  the HTTP status of the single request before the load (404: the endpoint is not on this build)
 * @param requests     answers wrk read in the run, whatever their status
 * @param non2xx       answers with a status of 400 or more
 * @param timeouts     requests without an answer within the run's timeout (not in the latencies)
 * @param socketErrors connect, read and write errors
 * @param settleS      how long the service then took to finish the requests left in flight (its CPU quiet again)
 * @param settleLimit  it was still busy when the bench stopped waiting, and the next run began anyway
 * @param probeProblem the problem type the single request answered, if any (a 404 of type no-data: the endpoint is there)
 */
record ReadRun(
        String service,
        String path,
        String format,
        String role,
        int connections,
        String timeout,
        double durationPlannedS,
        int probeStatus,
        double probeMs,
        double requests,
        double rps,
        double p50,
        double p90,
        double p99,
        double max,
        long non2xx,
        long timeouts,
        long socketErrors,
        double settleS,
        boolean settleLimit,
        String probeProblem) {

    static ReadRun of(Map<String, String> v) {
        return new ReadRun(
                v.getOrDefault("service", "?"),
                v.getOrDefault("path", "?"),
                v.getOrDefault("format", "json"),
                v.getOrDefault("role", "none"),
                (int) num(v, "connections"),
                v.getOrDefault("timeout", "?"),
                num(v, "duration.planned.s"),
                (int) num(v, "probe.status"),
                num(v, "probe.ms"),
                num(v, "requests"),
                num(v, "requests.per.s"),
                num(v, "latency.p50.ms"),
                num(v, "latency.p90.ms"),
                num(v, "latency.p99.ms"),
                num(v, "latency.max.ms"),
                (long) num(v, "errors.status"),
                (long) num(v, "errors.timeout"),
                (long) (num(v, "errors.connect") + num(v, "errors.read") + num(v, "errors.write")),
                num(v, "settle.s"),
                "true".equals(v.get("settle.limit")),
                v.getOrDefault("probe.problem", ""));
    }

    /** Every run of a part, in the order they ran (the files are numbered); empty when the part did not run. */
    static List<ReadRun> readAll(Path folder) throws IOException {
        List<ReadRun> out = new ArrayList<>();
        if (!Files.isDirectory(folder)) {
            return out;
        }
        try (Stream<Path> files = Files.list(folder)) {
            files.filter(f -> f.getFileName().toString().endsWith(".properties"))
                    .sorted()
                    .forEach(f -> out.add(of(ResultFile.read(f))));
        }
        return out;
    }

    boolean ceiling() {
        return format.equals("live");
    }

    /** The endpoint exists on this build (the single request before the load was not a 404). */
    boolean answered() {
        return probeStatus != 404;
    }

    /** A 404 of the framework (not-found, or no problem at all): the endpoint is not on this build, rather than without data. */
    boolean absent() {
        return probeStatus == 404 && (probeProblem.isEmpty() || probeProblem.endsWith("/not-found"));
    }

    /** Why a 404 was not loaded: not on this build, or the problem the endpoint answered (no data yet, for one). */
    String notLoaded() {
        return absent()
                ? "not on this build (HTTP 404)"
                : "HTTP 404 `" + probeProblem.substring(probeProblem.lastIndexOf('/') + 1) + "`: nothing to load";
    }

    /** Requests/s as a verdict weighs it: none when nothing was answered. */
    double rpsOrZero() {
        return requests > 0 ? rps : 0;
    }

    /** Every request answered, and none with an error status. */
    boolean clean() {
        return non2xx == 0 && timeouts == 0 && socketErrors == 0 && requests > 0;
    }

    /** wrk's --timeout ("2s", "60s", "500ms") in milliseconds. */
    double timeoutMillis() {
        try {
            return timeout.endsWith("ms")
                    ? Double.parseDouble(timeout.substring(0, timeout.length() - 2))
                    : Double.parseDouble(timeout.replaceAll("s$", "")) * 1000;
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }

    String formatName() {
        return switch (format) {
            case "csv" -> "CSV";
            case "xlsx" -> "XLSX";
            case "live" -> "health";
            case "json-gzip" -> "JSON, gzip";
            default -> "JSON";
        };
    }

    /**
     * The p99 the run measured; without any answer in the run, what is known instead: the timeout the requests
     * exceeded, or the single request before the run.
     */
    double p99OrBound() {
        return requests > 0
                ? p99
                : probeStatus == 0 ? 60_000 : timeouts > 0 ? Math.max(probeMs, timeoutMillis()) : probeMs;
    }

    /** "2,213 req/s · p50 13 · p99 64 ms" and, when there were any, the failures. */
    String figure() {
        if (probeStatus == 0) {
            return "no answer to a single request within 60 s: not loaded";
        }
        if (!(requests > 0)) {
            return "no answer within the " + ms(durationPlannedS) + " s run"
                    + (timeouts > 0 ? String.format(Locale.ROOT, " (%,d timeouts > %s)", timeouts, timeout) : "")
                    + "; the single request before it took " + ms(probeMs) + " ms";
        }
        StringBuilder sb = new StringBuilder(
                String.format(Locale.ROOT, "%,.0f req/s · p50 %s · p99 %s ms", rps, ms(p50), ms(p99)));
        List<String> failures = new ArrayList<>();
        if (non2xx > 0) {
            failures.add(String.format(Locale.ROOT, "%,d non-2xx", non2xx));
        }
        if (timeouts > 0) {
            failures.add(String.format(Locale.ROOT, "%,d timeouts (> %s)", timeouts, timeout));
        }
        if (socketErrors > 0) {
            failures.add(String.format(Locale.ROOT, "%,d socket errors", socketErrors));
        }
        if (!failures.isEmpty()) {
            sb.append(", ").append(String.join(", ", failures));
        }
        return sb.toString();
    }

    /** Milliseconds to two significant digits below 10, whole above. */
    static String ms(double v) {
        return Double.isNaN(v)
                ? "n/a"
                : v < 10 ? String.format(Locale.ROOT, "%.1f", v) : String.format(Locale.ROOT, "%,.0f", v);
    }

    private static double num(Map<String, String> v, String key) {
        try {
            return Double.parseDouble(v.getOrDefault(key, "NaN"));
        } catch (NumberFormatException e) {
            return Double.NaN;
        }
    }
}
