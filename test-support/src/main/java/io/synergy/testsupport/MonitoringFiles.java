package io.synergy.testsupport;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The chart's monitoring files as the chart renders them: the alert rules ({@code helm/synergy/files/prometheus-rules.yaml}, the
 * spec of the PrometheusRule) and the Grafana dashboard ({@code helm/synergy/files/grafana-dashboard.json}). deploy/helm-check
 * checks that the rendered resources carry exactly these files; the services' tests check the metrics they name against a scrape.
 */
public final class MonitoringFiles {

    /** One alert rule. */
    public record Rule(
            String group,
            String alert,
            String expr,
            String forDuration,
            Map<String, String> labels,
            Map<String, String> annotations) {}

    private MonitoringFiles() {}

    /** The repository root, found from the working directory (a module folder) upwards. */
    public static Path root() {
        Path at = Path.of(System.getProperty("synergy.root", "."))
                .toAbsolutePath()
                .normalize();
        while (at != null && !Files.isRegularFile(at.resolve("helm/synergy/Chart.yaml"))) {
            at = at.getParent();
        }
        if (at == null) {
            throw new IllegalStateException(
                    "no repository root with helm/synergy above " + Path.of(".").toAbsolutePath());
        }
        return at;
    }

    public static Path rulesFile() {
        return root().resolve("helm/synergy/files/prometheus-rules.yaml");
    }

    public static Path dashboardFile() {
        return root().resolve("helm/synergy/files/grafana-dashboard.json");
    }

    /** The alert rules of a PrometheusRule spec ({@code groups: [{name, rules: [...]}]}). */
    public static List<Rule> rules(JsonNode spec) {
        List<Rule> rules = new ArrayList<>();
        for (JsonNode g : spec.path("groups")) {
            for (JsonNode r : g.path("rules")) {
                rules.add(new Rule(
                        g.path("name").asText(null),
                        r.path("alert").asText(null),
                        r.path("expr").asText(null),
                        r.path("for").asText(null),
                        strings(r.path("labels")),
                        strings(r.path("annotations"))));
            }
        }
        return rules;
    }

    public static List<Rule> rules() {
        return rules(read(rulesFile(), new YAMLMapper()));
    }

    /** Every query of the dashboard's panels. */
    public static List<String> dashboardQueries(JsonNode dashboard) {
        List<String> queries = new ArrayList<>();
        for (JsonNode p : dashboard.path("panels")) {
            for (JsonNode t : p.path("targets")) {
                queries.add(t.path("expr").asText(null));
            }
        }
        return queries;
    }

    public static JsonNode dashboard() {
        return read(dashboardFile(), new ObjectMapper());
    }

    static JsonNode read(Path file, ObjectMapper mapper) {
        try {
            return mapper.readTree(Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static Map<String, String> strings(JsonNode object) {
        Map<String, String> map = new TreeMap<>();
        object.fields().forEachRemaining(e -> map.put(e.getKey(), e.getValue().asText()));
        return map;
    }

    /**
     * The metric names as the scrape shows the samples: a histogram's {@code _bucket}, {@code _count} and {@code _sum} series and a
     * counter's {@code _total} are what an expression names, and what a scrape lists.
     */
    public static Set<String> scrapedNames(String scrape) {
        Set<String> names = new TreeSet<>();
        for (String line : scrape.split("\n")) {
            if (!line.isBlank() && !line.startsWith("#")) {
                int end = 0;
                while (end < line.length() && line.charAt(end) != '{' && line.charAt(end) != ' ') {
                    end++;
                }
                names.add(line.substring(0, end));
            }
        }
        return names;
    }
}
