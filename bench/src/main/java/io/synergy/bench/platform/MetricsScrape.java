package io.synergy.bench.platform;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One scrape of a service's {@code /q/metrics} (Prometheus text format): every sample by its series, name and labels as
 * written ({@code synergy_recompute_phase_seconds_sum{phase="load",…}}). Counters and timers only grow, so what happened
 * between two scrapes is their difference.
 */
final class MetricsScrape {

    private final Map<String, Double> samples = new LinkedHashMap<>();

    private MetricsScrape() {}

    static MetricsScrape fetch(HttpClient http, String baseUrl) throws Exception {
        HttpResponse<String> r = http.send(
                HttpRequest.newBuilder(URI.create(baseUrl + "/q/metrics"))
                        .timeout(Duration.ofSeconds(30))
                        .GET()
                        .build(),
                HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != 200) {
            throw new IllegalStateException("GET " + baseUrl + "/q/metrics: HTTP " + r.statusCode());
        }
        return parse(r.body());
    }

    static MetricsScrape parse(String text) {
        MetricsScrape m = new MetricsScrape();
        for (String line : text.split("\n")) {
            if (line.isBlank() || line.startsWith("#")) {
                continue;
            }
            // the value follows the series after the last space outside the labels (labels may hold spaces)
            int close = line.lastIndexOf('}');
            int space = line.indexOf(' ', close < 0 ? 0 : close);
            if (space < 0) {
                continue;
            }
            String value = line.substring(space + 1).trim();
            int timestamp = value.indexOf(' ');
            try {
                m.samples.put(
                        line.substring(0, space),
                        Double.parseDouble(timestamp < 0 ? value : value.substring(0, timestamp)));
            } catch (NumberFormatException e) {
                // NaN is parsed; anything else is not a sample
            }
        }
        return m;
    }

    /** The sum of every series of that metric name whose labels include {@code label} (e.g. {@code phase="load"}; null: all). */
    double sum(String name, String label) {
        double total = 0;
        for (Map.Entry<String, Double> e : samples.entrySet()) {
            String series = e.getKey();
            int brace = series.indexOf('{');
            String n = brace < 0 ? series : series.substring(0, brace);
            if (n.equals(name) && (label == null || (brace >= 0 && hasLabel(series.substring(brace), label)))) {
                total += e.getValue();
            }
        }
        return total;
    }

    /** Whether {@code {a="1",b="2"}} holds exactly {@code b="2"}. */
    private static boolean hasLabel(String labels, String label) {
        int at = labels.indexOf(label);
        while (at > 0) {
            char before = labels.charAt(at - 1);
            if (before == '{' || before == ',') {
                return true;
            }
            at = labels.indexOf(label, at + 1);
        }
        return false;
    }
}
