package io.synergy.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import com.marcnuri.helm.Helm;
import com.marcnuri.helm.LintResult;
import com.marcnuri.helm.TemplateCommand;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * The chart under test, rendered and linted in-process by helm-java (Helm's own Go library, loaded as a native library
 * from the Maven artifact: no helm binary, no cluster).
 */
final class Chart {

    /** The repository root (the surefire configuration passes it; a run from the module's folder also works). */
    static final Path ROOT = Path.of(System.getProperty("synergy.root", "../.."))
            .toAbsolutePath()
            .normalize();

    static final Path CHART = ROOT.resolve("helm/synergy");
    static final String RELEASE = "synergy";
    static final String NAMESPACE = "synergy";

    static final YAMLMapper YAML = new YAMLMapper();

    private Chart() {}

    /** The values that turn every optional part on (the brief's "topics and ingress on" case). */
    static Map<String, Object> everythingOn() {
        Map<String, Object> set = new LinkedHashMap<>();
        set.put("kafkaTopics.enabled", true);
        set.put("ingress.enabled", true);
        return set;
    }

    /** {@code helm template synergy helm/synergy --namespace synergy --set k=v ...}, parsed. */
    static Rendered template(Map<String, ?> set) {
        return Rendered.parse(templateText(set));
    }

    static Rendered template() {
        return template(Map.of());
    }

    static String templateText(Map<String, ?> set) {
        return templateText(CHART, set);
    }

    static String templateText(Path chart, Map<String, ?> set) {
        return templateText(chart, RELEASE, set);
    }

    static String templateText(Path chart, String release, Map<String, ?> set) {
        TemplateCommand command = new Helm(chart).template().withName(release).withNamespace(NAMESPACE);
        set.forEach(command::set);
        return command.call();
    }

    /** {@code helm install --dry-run=client}: what an operator sees after an installation, NOTES.txt included. */
    static String installDryRunOutput(Map<String, ?> set) {
        var command = new Helm(CHART)
                .install()
                .withName(RELEASE)
                .withNamespace(NAMESPACE)
                .clientOnly()
                .dryRun();
        set.forEach(command::set);
        return command.call().getOutput();
    }

    /** {@code helm lint --strict} of a chart folder (its own values.yaml). */
    static LintResult lint(Path chart) {
        return new Helm(chart).lint().strict().call();
    }

    /**
     * A copy of the chart in {@code dir} whose values.yaml has the given values replaced (dotted paths into the YAML
     * tree): how a lint runs with other values, since {@code helm lint} reads the chart's own values.yaml.
     */
    static Path copyWithValues(Path dir, Map<String, ?> values) {
        try {
            Path copy = dir.resolve("synergy");
            try (Stream<Path> files = Files.walk(CHART)) {
                for (Path source : files.sorted(Comparator.naturalOrder()).toList()) {
                    Path target = copy.resolve(CHART.relativize(source).toString());
                    if (Files.isDirectory(source)) {
                        Files.createDirectories(target);
                    } else {
                        Files.copy(source, target);
                    }
                }
            }
            ObjectNode tree =
                    (ObjectNode) YAML.readTree(copy.resolve("values.yaml").toFile());
            values.forEach((path, value) -> setPath(tree, path, value));
            YAML.writeValue(copy.resolve("values.yaml").toFile(), tree);
            return copy;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void setPath(ObjectNode tree, String path, Object value) {
        String[] parts = path.split("\\.");
        ObjectNode node = tree;
        for (int i = 0; i < parts.length - 1; i++) {
            node = node.has(parts[i]) ? (ObjectNode) node.get(parts[i]) : node.putObject(parts[i]);
        }
        node.set(parts[parts.length - 1], YAML.valueToTree(value));
    }

    /** The documents of a rendering, in order. */
    record Rendered(String text, List<JsonNode> docs) {

        static Rendered parse(String text) {
            List<JsonNode> docs = new ArrayList<>();
            try (var parser = YAML.createParser(text)) {
                var it = YAML.readValues(parser, JsonNode.class);
                while (it.hasNext()) {
                    JsonNode doc = it.next();
                    if (doc != null && !doc.isNull() && !doc.isMissingNode()) {
                        docs.add(doc);
                    }
                }
            } catch (IOException e) {
                throw new UncheckedIOException("rendered manifests do not parse as YAML", e);
            }
            return new Rendered(text, List.copyOf(docs));
        }

        List<JsonNode> ofKind(String kind) {
            return docs.stream()
                    .filter(d -> kind.equals(d.path("kind").asText()))
                    .toList();
        }

        JsonNode get(String kind, String name) {
            return ofKind(kind).stream()
                    .filter(d -> name.equals(d.path("metadata").path("name").asText()))
                    .findFirst()
                    .orElseThrow(() -> new AssertionError("no " + kind + " named " + name + " in the rendering"));
        }

        List<String> names(String kind) {
            return ofKind(kind).stream()
                    .map(d -> d.path("metadata").path("name").asText())
                    .toList();
        }
    }
}
