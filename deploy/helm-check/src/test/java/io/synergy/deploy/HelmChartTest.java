package io.synergy.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.marcnuri.helm.LintResult;
import io.fabric8.kubernetes.api.model.Quantity;
import io.synergy.model.event.Topics;
import io.synergy.model.kafka.KafkaAccess;
import io.synergy.model.kafka.KafkaAcl;
import io.synergy.model.kafka.Principals;
import io.synergy.testsupport.MonitoringFiles;
import io.synergy.testsupport.PromQl;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code helm lint} and {@code helm template} of helm/synergy, with the default values and with every optional part
 * on, and what the rendered manifests must contain.
 */
class HelmChartTest {

    /** The platform's public ports (README.md, docs/deploy.md). */
    static final Map<String, Integer> PORTS = new LinkedHashMap<>();

    static {
        PORTS.put("aggregation-service", 8080);
        PORTS.put("energy-service", 8081);
        PORTS.put("transport-service", 8082);
        PORTS.put("building-service", 8083);
        PORTS.put("agriculture-service", 8084);
        PORTS.put("waste-service", 8085);
        PORTS.put("registry-service", 8086);
        PORTS.put("console-service", 8087);
    }

    static final Set<String> SECTORS =
            Set.of("energy-service", "transport-service", "building-service", "agriculture-service", "waste-service");

    static Chart.Rendered defaults;
    static Chart.Rendered everything;

    @BeforeAll
    static void render() throws Exception {
        defaults = Chart.template();
        everything = Chart.template(Chart.everythingOn());
        // kept for a look (and for kubectl apply --dry-run=server against a real cluster): target/rendered/
        Path out = Path.of("target", "rendered");
        Files.createDirectories(out);
        Files.writeString(out.resolve("defaults.yaml"), defaults.text());
        Files.writeString(out.resolve("topics-and-ingress.yaml"), everything.text());
    }

    static String fullname(String service) {
        return Chart.RELEASE + "-" + service;
    }

    static Map<String, JsonNode> byName(List<JsonNode> docs) {
        Map<String, JsonNode> map = new TreeMap<>();
        docs.forEach(d -> map.put(d.path("metadata").path("name").asText(), d));
        return map;
    }

    static Map<String, String> env(JsonNode container) {
        Map<String, String> env = new HashMap<>();
        container
                .path("env")
                .forEach(e -> env.put(
                        e.path("name").asText(),
                        e.has("value")
                                ? e.path("value").asText()
                                : "<from " + e.path("valueFrom").fieldNames().next() + ">"));
        return env;
    }

    static Map<String, String> labels(JsonNode node) {
        Map<String, String> labels = new HashMap<>();
        node.path("labels")
                .fields()
                .forEachRemaining(e -> labels.put(e.getKey(), e.getValue().asText()));
        return labels;
    }

    static List<String> texts(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false)
                .map(JsonNode::asText)
                .toList();
    }

    // ---------------------------------------------------------------- lint

    @Test
    void lintsStrictlyWithDefaultValues() throws Exception {
        LintResult result = Chart.lint(Chart.CHART);
        Files.writeString(Path.of("target", "rendered", "lint.txt"), String.join("\n", result.getMessages()) + "\n");
        assertThat(result.isFailed())
                .as("helm lint --strict: %s", result.getMessages())
                .isFalse();
    }

    @Test
    void lintsStrictlyWithTopicsIngressAndServiceMonitorOn(@TempDir Path dir) {
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("kafkaTopics.enabled", true);
        values.put("kafka.strimzi.enabled", true);
        values.put("kafka.tls.caSecret", "synergy-cluster-ca-cert");
        values.put("global.database.existingSecretPrefix", "synergy-db-");
        values.put("global.database.userKey", "username");
        values.put("services.console.database.password", "c0ns0le");
        values.put("ingress.enabled", true);
        values.put("metrics.serviceMonitor.enabled", true);
        values.put("metrics.prometheusRule.enabled", true);
        values.put("metrics.grafanaDashboard.enabled", true);
        values.put("observability.tracing.otlpEndpoint", "http://otel-collector.observability.svc:4317");
        LintResult result = Chart.lint(Chart.copyWithValues(dir, values));
        assertThat(result.isFailed())
                .as("helm lint --strict: %s", result.getMessages())
                .isFalse();
    }

    @Test
    void notesTellTheOperatorWhatIsMissingAndHowToReachTheApi() throws Exception {
        String notes = Chart.installDryRunOutput(Map.of());
        Files.writeString(Path.of("target", "rendered", "install-dry-run.txt"), notes);
        assertThat(notes)
                .contains("kubectl -n synergy port-forward svc/synergy-aggregation-service 8080:8080")
                .contains("/api/v1/attainment?period=2024")
                .contains("WARNING: no database password")
                .contains("topics must already exist");
        assertThat(notes).contains("WARNING: no Kafka credentials");
        assertThat(notes)
                .as("every service's missing password is named")
                .contains("WARNING: no database password for aggregation-service, energy-service, transport-service,"
                        + " building-service, agriculture-service, waste-service, registry-service, console-service.")
                .contains(
                        "energy-service       synergy_energy, password from Secret synergy-secret (key DB_PASSWORD_ENERGY)");
        Map<String, Object> allButWaste = new LinkedHashMap<>();
        PORTS.keySet().stream()
                .filter(s -> !s.equals("waste-service"))
                .forEach(s -> allButWaste.put("services." + serviceKey(s) + ".database.password", "pw"));
        assertThat(Chart.installDryRunOutput(allButWaste)).contains("WARNING: no database password for waste-service.");
        String configured = Chart.installDryRunOutput(Map.of(
                "global.database.existingSecretPrefix",
                "synergy-db-",
                "kafkaTopics.enabled",
                true,
                "ingress.enabled",
                true,
                "kafka.strimzi.enabled",
                true));
        assertThat(configured)
                .doesNotContain("WARNING")
                .contains("18 KafkaTopic resources")
                .contains("13 KafkaUser resources")
                .contains("energy.synergy.example.org/api/v1/reports")
                .contains("synergy.example.org/api/v1/org-units")
                .doesNotContain("registry.synergy.example.org");
    }

    // ---------------------------------------------------------------- every manifest

    @Test
    void everyRenderedManifestBindsToItsKubernetesApiTypeWithoutUnknownFields() {
        for (Chart.Rendered rendered : List.of(
                defaults,
                everything,
                Chart.template(
                        Map.of("metrics.prometheusRule.enabled", true, "metrics.grafanaDashboard.enabled", true)),
                Chart.template(Map.of(
                        "metrics.serviceMonitor.enabled",
                        true,
                        "ingress.enabled",
                        true,
                        "ingress.sectors.mode",
                        "prefix",
                        "ingress.tls[0].secretName",
                        "synergy-tls",
                        "ingress.tls[0].hosts[0]",
                        "synergy.example.org")),
                Chart.template(Map.of(
                        "global.database.existingSecretPrefix",
                        "synergy-db-",
                        "global.database.userKey",
                        "username",
                        "global.jwt.existingSecret",
                        "synergy-jwt",
                        "services.aggregation.autoscaling.enabled",
                        true,
                        "services.waste.pdb.minAvailable",
                        1,
                        "global.tmpVolume.medium",
                        "Memory",
                        "global.image.pullSecrets[0]",
                        "registry-login")))) {
            assertThat(rendered.docs()).isNotEmpty();
            List<String> problems = new ArrayList<>();
            rendered.docs().forEach(d -> problems.addAll(KubeModel.problems(d)));
            assertThat(problems).isEmpty();
        }
    }

    @Test
    void everyManifestCarriesTheRecommendedLabels() {
        for (JsonNode doc : everything.docs()) {
            Map<String, String> labels = labels(doc.path("metadata"));
            assertThat(labels)
                    .as(KubeModel.typeKey(doc) + " "
                            + doc.path("metadata").path("name").asText())
                    .containsEntry("app.kubernetes.io/part-of", "synergy")
                    .containsEntry("app.kubernetes.io/instance", Chart.RELEASE)
                    .containsKeys("app.kubernetes.io/name", "app.kubernetes.io/component");
        }
    }

    @Test
    void defaultValuesRenderTheServicesAndNoOptionalParts() {
        assertThat(defaults.ofKind("KafkaTopic")).isEmpty();
        assertThat(defaults.ofKind("KafkaUser")).isEmpty();
        assertThat(defaults.ofKind("Ingress")).isEmpty();
        assertThat(defaults.ofKind("ServiceMonitor")).isEmpty();
        assertThat(defaults.ofKind("PrometheusRule")).isEmpty();
        assertThat(defaults.ofKind("ConfigMap"))
                .as("the configuration only, no dashboard")
                .hasSize(1);
        assertThat(defaults.docs().stream().map(KubeModel::typeKey).collect(Collectors.toSet()))
                .containsExactlyInAnyOrder(
                        "apps/v1 Deployment",
                        "v1 Service",
                        "v1 ConfigMap",
                        "v1 Secret",
                        "v1 ServiceAccount",
                        "autoscaling/v2 HorizontalPodAutoscaler",
                        "policy/v1 PodDisruptionBudget",
                        "networking.k8s.io/v1 NetworkPolicy");
    }

    // ---------------------------------------------------------------- Deployments

    @Test
    void eightDeploymentsWithProbesOnTheQuarkusHealthEndpointsOfTheirPort() {
        Map<String, JsonNode> deployments = byName(defaults.ofKind("Deployment"));
        assertThat(deployments.keySet())
                .containsExactlyInAnyOrderElementsOf(
                        PORTS.keySet().stream().map(HelmChartTest::fullname).toList());
        PORTS.forEach((service, port) -> {
            JsonNode pod = deployments
                    .get(fullname(service))
                    .path("spec")
                    .path("template")
                    .path("spec");
            assertThat(pod.path("containers")).hasSize(1);
            JsonNode c = pod.path("containers").get(0);
            assertThat(c.path("name").asText()).isEqualTo(service);
            assertThat(c.path("ports")).hasSize(1);
            assertThat(c.path("ports").get(0).path("containerPort").isInt()).isTrue();
            assertThat(c.path("ports").get(0).path("containerPort").asInt())
                    .as(service)
                    .isEqualTo(port);
            assertThat(c.path("ports").get(0).path("name").asText()).isEqualTo("http");
            Map<String, String> probes = Map.of(
                    "startupProbe",
                    "/q/health/started",
                    "livenessProbe",
                    "/q/health/live",
                    "readinessProbe",
                    "/q/health/ready");
            probes.forEach((probe, path) -> {
                JsonNode get = c.path(probe).path("httpGet");
                assertThat(get.path("path").asText()).as(service + " " + probe).isEqualTo(path);
                // a named port resolves to the container's port of that name
                JsonNode p = get.path("port");
                assertThat(p.isInt() ? p.asInt() : namedPort(c, p.asText()))
                        .as(service + " " + probe)
                        .isEqualTo(port);
                assertThat(c.path(probe).path("failureThreshold").asInt()).isPositive();
            });
            // the startup probe gives a slow start (migrations, first Kafka connection) at least a minute
            JsonNode startup = c.path("startupProbe");
            assertThat(startup.path("periodSeconds").asInt()
                            * startup.path("failureThreshold").asInt())
                    .isGreaterThanOrEqualTo(60);
            Map<String, String> env = env(c);
            assertThat(env)
                    .containsEntry("QUARKUS_HTTP_PORT", String.valueOf(port))
                    .containsEntry("DB_PASSWORD", "<from secretKeyRef>")
                    .containsKey("JAVA_OPTS_APPEND");
            assertThat(env.get("JAVA_OPTS_APPEND")).contains("-Xmx64m");
            // a Kafka fetch's temporary direct buffer is freed after the read, not kept per thread against the 24 MB
            // cap
            assertThat(env.get("JAVA_OPTS_APPEND"))
                    .contains("-XX:MaxDirectMemorySize=24m", "-Djdk.nio.maxCachedBufferSize=262144");
            // glibc's freed memory handed back every 5 s (docs/performance.md, "Native heap trimming")
            assertThat(env.get("JAVA_OPTS_APPEND")).contains("-XX:TrimNativeHeapInterval=5000");
            assertThat(c.path("envFrom").findValuesAsText("name")).containsExactly(Chart.RELEASE + "-config");
        });
    }

    static int namedPort(JsonNode container, String name) {
        for (JsonNode p : container.path("ports")) {
            if (name.equals(p.path("name").asText())) {
                return p.path("containerPort").asInt();
            }
        }
        throw new AssertionError("no container port named " + name);
    }

    @Test
    void everyContainerHasResourceRequestsAndLimitsWithRequestsWithinLimits() {
        for (JsonNode d : defaults.ofKind("Deployment")) {
            JsonNode r = d.at("/spec/template/spec/containers/0/resources");
            String name = d.at("/metadata/name").asText();
            for (String res : List.of("cpu", "memory")) {
                assertThat(r.path("requests").path(res).asText())
                        .as(name + " requests." + res)
                        .isNotEmpty();
                assertThat(r.path("limits").path(res).asText())
                        .as(name + " limits." + res)
                        .isNotEmpty();
                assertThat(quantity(r.path("requests").path(res).asText()))
                        .as(name + " " + res + " request <= limit")
                        .isLessThanOrEqualTo(quantity(r.path("limits").path(res).asText()));
            }
            // the JVM's -Xmx64m (C1 only) plus metaspace, code cache and threads (~200-215 MiB measured under load) fit
            // the limit
            assertThat(quantity(r.path("limits").path("memory").asText())).isGreaterThanOrEqualTo(320.0 * 1024 * 1024);
        }
    }

    static double quantity(String q) {
        Quantity quantity = new Quantity(q);
        return Quantity.getAmountInBytes(quantity).doubleValue();
    }

    @Test
    void podsRunAsNonRootOnAReadOnlyRootFileSystemWithAWritableTmp() {
        for (JsonNode d : defaults.ofKind("Deployment")) {
            JsonNode pod = d.at("/spec/template/spec");
            JsonNode c = pod.at("/containers/0");
            assertThat(pod.at("/securityContext/runAsNonRoot").asBoolean()).isTrue();
            assertThat(pod.at("/securityContext/runAsUser").asInt()).isPositive();
            assertThat(c.at("/securityContext/readOnlyRootFilesystem").asBoolean())
                    .isTrue();
            assertThat(c.at("/securityContext/allowPrivilegeEscalation").isBoolean())
                    .isTrue();
            assertThat(c.at("/securityContext/allowPrivilegeEscalation").asBoolean())
                    .isFalse();
            assertThat(texts(c.at("/securityContext/capabilities/drop"))).contains("ALL");
            assertThat(pod.path("automountServiceAccountToken").asBoolean(true)).isFalse();
            JsonNode mount = c.path("volumeMounts").get(0);
            assertThat(mount.path("mountPath").asText()).isEqualTo("/tmp");
            JsonNode volume = pod.path("volumes").get(0);
            assertThat(volume.path("name").asText())
                    .isEqualTo(mount.path("name").asText());
            assertThat(volume.path("emptyDir").isObject()).isTrue();
        }
    }

    @Test
    void podsAreAnnotatedForPrometheusOnTheirOwnPort() {
        for (JsonNode d : defaults.ofKind("Deployment")) {
            JsonNode annotations = d.at("/spec/template/metadata/annotations");
            assertThat(annotations.path("prometheus.io/scrape").asText()).isEqualTo("true");
            assertThat(annotations.path("prometheus.io/path").asText()).isEqualTo("/q/metrics");
            assertThat(annotations.path("prometheus.io/port").asText())
                    .isEqualTo(d.at("/spec/template/spec/containers/0/ports/0/containerPort")
                            .asText());
            assertThat(annotations.path("checksum/config").asText()).hasSize(64);
        }
    }

    @Test
    void imagesFollowTheQuarkusContainerImageNamingWithGlobalAndPerServiceOverrides() {
        for (JsonNode d : defaults.ofKind("Deployment")) {
            String service = d.at("/spec/template/spec/containers/0/name").asText();
            assertThat(d.at("/spec/template/spec/containers/0/image").asText())
                    .isEqualTo("ghcr.io/qingdao-synergy/" + service + ":1.0.0");
        }
        Chart.Rendered custom = Chart.template(Map.of(
                "global.image.registry", "registry.qingdao.example:5000",
                "global.image.group", "synergy",
                "global.image.tag", "1.2.3",
                "services.energy.image.tag", "1.2.4-hotfix",
                "services.waste.image.registry", "mirror.example",
                "services.waste.image.repository", "waste"));
        Map<String, JsonNode> deployments = byName(custom.ofKind("Deployment"));
        assertThat(deployments
                        .get(fullname("aggregation-service"))
                        .at("/spec/template/spec/containers/0/image")
                        .asText())
                .isEqualTo("registry.qingdao.example:5000/synergy/aggregation-service:1.2.3");
        assertThat(deployments
                        .get(fullname("energy-service"))
                        .at("/spec/template/spec/containers/0/image")
                        .asText())
                .isEqualTo("registry.qingdao.example:5000/synergy/energy-service:1.2.4-hotfix");
        assertThat(deployments
                        .get(fullname("waste-service"))
                        .at("/spec/template/spec/containers/0/image")
                        .asText())
                .isEqualTo("mirror.example/synergy/waste:1.2.3");
    }

    @Test
    void theAggregationAddsItsYoungGenerationSizingAfterTheCommonJvmOptions() {
        Map<String, String> aggregation =
                env(defaults.get("Deployment", fullname("aggregation-service")).at("/spec/template/spec/containers/0"));
        Map<String, String> energy =
                env(defaults.get("Deployment", fullname("energy-service")).at("/spec/template/spec/containers/0"));
        // later flags win: the extra options come after the common ones, which the other services get unchanged
        assertThat(aggregation.get("JAVA_OPTS_APPEND"))
                .startsWith(energy.get("JAVA_OPTS_APPEND") + " ")
                .endsWith("-XX:NewRatio=1 -XX:SurvivorRatio=3 -XX:MinHeapFreeRatio=40 -XX:MaxHeapFreeRatio=70")
                // a heap for a city's facts (issue 19), after the common -Xmx64m
                .contains(" -Xmx160m ");
        assertThat(energy.get("JAVA_OPTS_APPEND")).doesNotContain("NewRatio");
    }

    @Test
    void theAggregationRedirectsTheRegistrysFormerPathsToWhereClientsReachTheRegistryService() {
        Map<String, String> inCluster =
                env(defaults.get("Deployment", fullname("aggregation-service")).at("/spec/template/spec/containers/0"));
        assertThat(inCluster)
                .containsEntry("SYNERGY_LINKS_REGISTRY", "http://" + fullname("registry-service") + ":8086");
        Map<String, String> viaIngress = env(Chart.template(Map.of(
                        "ingress.enabled",
                        true,
                        "ingress.tls[0].secretName",
                        "synergy-tls",
                        "ingress.tls[0].hosts[0]",
                        "synergy.example.org"))
                .get("Deployment", fullname("aggregation-service"))
                .at("/spec/template/spec/containers/0"));
        assertThat(viaIngress).containsEntry("SYNERGY_LINKS_REGISTRY", "https://synergy.example.org");
        Map<String, String> given = env(Chart.template(Map.of("links.registry", "https://registry.qingdao.example"))
                .get("Deployment", fullname("aggregation-service"))
                .at("/spec/template/spec/containers/0"));
        assertThat(given).containsEntry("SYNERGY_LINKS_REGISTRY", "https://registry.qingdao.example");
        // only the aggregation redirects
        assertThat(env(defaults.get("Deployment", fullname("registry-service")).at("/spec/template/spec/containers/0")))
                .doesNotContainKey("SYNERGY_LINKS_REGISTRY");
        assertThatThrownBy(() -> Chart.templateText(Map.of("links.registry", "registry:8086")))
                .hasMessageContaining("registry");
    }

    @Test
    void theAggregationRedirectsTheConsolesFormerPathsToWhereClientsReachTheConsoleService() {
        Map<String, String> inCluster =
                env(defaults.get("Deployment", fullname("aggregation-service")).at("/spec/template/spec/containers/0"));
        assertThat(inCluster).containsEntry("SYNERGY_LINKS_CONSOLE", "http://" + fullname("console-service") + ":8087");
        Map<String, String> viaIngress = env(Chart.template(Map.of("ingress.enabled", true))
                .get("Deployment", fullname("aggregation-service"))
                .at("/spec/template/spec/containers/0"));
        assertThat(viaIngress).containsEntry("SYNERGY_LINKS_CONSOLE", "http://synergy.example.org");
        Map<String, String> given = env(Chart.template(Map.of("links.console", "https://console.qingdao.example"))
                .get("Deployment", fullname("aggregation-service"))
                .at("/spec/template/spec/containers/0"));
        assertThat(given).containsEntry("SYNERGY_LINKS_CONSOLE", "https://console.qingdao.example");
        assertThat(env(defaults.get("Deployment", fullname("console-service")).at("/spec/template/spec/containers/0")))
                .doesNotContainKey("SYNERGY_LINKS_CONSOLE");
        assertThat(labels(
                        defaults.get("Deployment", fullname("console-service")).path("metadata")))
                .containsEntry("app.kubernetes.io/component", "console")
                .doesNotContainKey("synergy.qingdao/sector");
        assertThatThrownBy(() -> Chart.templateText(Map.of("links.console", "console:8087")))
                .hasMessageContaining("console");
    }

    @Test
    void theRegistryServiceIsMasterDataNotASectorWithAFixedReplicaCountAndTheCommonJvmSizingWithMoreMetaspace() {
        JsonNode registry = defaults.get("Deployment", fullname("registry-service"));
        Map<String, String> labels = labels(registry.path("metadata"));
        assertThat(labels)
                .containsEntry("app.kubernetes.io/component", "registry")
                .doesNotContainKey("synergy.qingdao/sector");
        assertThat(registry.at("/spec/replicas").asInt()).isEqualTo(2);
        Map<String, String> energy =
                env(defaults.get("Deployment", fullname("energy-service")).at("/spec/template/spec/containers/0"));
        // the common sizing, then more class metadata for Hibernate ORM and the master data's entities (the later flag
        // wins)
        assertThat(env(registry.at("/spec/template/spec/containers/0")).get("JAVA_OPTS_APPEND"))
                .isEqualTo(energy.get("JAVA_OPTS_APPEND") + " -XX:MaxMetaspaceSize=160m");
    }

    /**
     * The JVM options and glibc's malloc settings are measured on the local run (deploy/local/services.sh, by
     * deploy/bench/run.sh) and repeated in the chart and in compose: the three run each service with the same effective
     * options (the last of a repeated flag wins; -XX:+ExitOnOutOfMemoryError is the containers' own).
     */
    @Test
    void everyServiceRunsWithTheLocalRunsJvmAndMallocOptionsInTheChartAndInCompose() throws Exception {
        String script = Files.readString(Chart.ROOT.resolve("deploy/local/services.sh"));
        String common = scriptDefault(script, "JVM_OPTS", "SERVICE_JVM_OPTS");
        Map<String, String> extra = Map.of(
                "aggregation-service", scriptDefault(script, "AGGREGATION_JVM_OPTS", "AGGREGATION_JVM_OPTS"),
                "registry-service", scriptDefault(script, "REGISTRY_JVM_OPTS", "REGISTRY_JVM_OPTS"));
        Map<String, String> malloc = new TreeMap<>();
        Matcher m = Pattern.compile("(MALLOC_[A-Z_]+)=\"\\$\\{MALLOC_[A-Z_]+:-([^}]*)}\"")
                .matcher(script);
        while (m.find()) {
            malloc.put(m.group(1), m.group(2));
        }
        assertThat(malloc).containsKey("MALLOC_ARENA_MAX");
        ComposeFileTest.parse();
        PORTS.keySet().forEach(service -> {
            Map<String, String> local = effectiveJvmOptions(common + " " + extra.getOrDefault(service, ""));
            Map<String, String> chart =
                    env(defaults.get("Deployment", fullname(service)).at("/spec/template/spec/containers/0"));
            Map<String, String> compose = ComposeFileTest.env(service);
            assertThat(effectiveJvmOptions(chart.get("JAVA_OPTS_APPEND")))
                    .as("the chart's " + service)
                    .isEqualTo(local);
            assertThat(effectiveJvmOptions(compose.get("JAVA_OPTS_APPEND")))
                    .as("compose's " + service)
                    .isEqualTo(local);
            malloc.forEach((name, value) -> {
                assertThat(chart).as("the chart's " + service).containsEntry(name, value);
                assertThat(compose).as("compose's " + service).containsEntry(name, value);
            });
        });
    }

    /** The default of {@code NAME=${VARIABLE:-default}} in a shell script. */
    static String scriptDefault(String script, String name, String variable) {
        Matcher m = Pattern.compile("(?m)^" + name + "=\\$\\{" + variable + ":-(.*)}$")
                .matcher(script);
        assertThat(m.find()).as(name + " in deploy/local/services.sh").isTrue();
        return m.group(1);
    }

    /** Each option by its name (-Xmx, -XX:NewRatio, -XX:UseSerialGC, -Dname): what the JVM ends up with. */
    static Map<String, String> effectiveJvmOptions(String options) {
        Map<String, String> effective = new TreeMap<>();
        for (String option : options.trim().split("\\s+")) {
            if (option.equals("-XX:+ExitOnOutOfMemoryError")) {
                continue;
            }
            Matcher m =
                    Pattern.compile("(-Xm[sxn]|-Xss|-XX:[+-]?|-D)([^=]*)=?(.*)").matcher(option);
            assertThat(m.matches()).as(option).isTrue();
            if (m.group(1).startsWith("-XX:") && m.group(3).isEmpty()) {
                effective.put("-XX:" + m.group(2), m.group(1).substring(4));
            } else if (m.group(1).startsWith("-X") && !m.group(1).startsWith("-XX")) {
                effective.put(m.group(1), m.group(2));
            } else {
                effective.put(m.group(1) + m.group(2), m.group(3));
            }
        }
        return effective;
    }

    @Test
    void servicesAndDeploymentsCanBeSwitchedOffAndTunedOneByOne() {
        Chart.Rendered r = Chart.template(Map.of(
                "services.waste.enabled",
                false,
                "services.energy.autoscaling.enabled",
                false,
                "services.energy.replicas",
                4,
                "services.energy.jvmOptions",
                "-Xmx256m",
                "services.energy.env.SYNERGY_FEATURE",
                "on",
                "global.env.TZ",
                "Asia/Shanghai"));
        assertThat(r.names("Deployment")).hasSize(7).doesNotContain(fullname("waste-service"));
        assertThat(r.names("Service")).hasSize(7).doesNotContain(fullname("waste-service"));
        assertThat(r.names("HorizontalPodAutoscaler"))
                .hasSize(3)
                .doesNotContain(fullname("waste-service"), fullname("energy-service"));
        JsonNode energy = r.get("Deployment", fullname("energy-service"));
        assertThat(energy.at("/spec/replicas").asInt()).isEqualTo(4);
        Map<String, String> env = env(energy.at("/spec/template/spec/containers/0"));
        assertThat(env)
                .containsEntry("JAVA_OPTS_APPEND", "-Xmx256m")
                .containsEntry("SYNERGY_FEATURE", "on")
                .containsEntry("TZ", "Asia/Shanghai");
    }

    @Test
    void resourceNamesFollowTheReleaseNameSoTwoReleasesCanShareANamespace() {
        Chart.Rendered city = Chart.Rendered.parse(Chart.templateText(Chart.CHART, "city", Map.of()));
        assertThat(city.names("Deployment")).allMatch(n -> n.startsWith("city-") && n.endsWith("-service"));
        assertThat(city.names("ConfigMap")).containsExactly("city-synergy-config");
        assertThat(city.names("Secret")).containsExactly("city-synergy-secret");
        assertThat(city.ofKind("Deployment")).allSatisfy(d -> {
            assertThat(d.at("/spec/selector/matchLabels/app.kubernetes.io~1instance")
                            .asText())
                    .isEqualTo("city");
            assertThat(d.at("/spec/template/spec/serviceAccountName").asText()).isEqualTo("city-synergy");
        });
    }

    @Test
    void theEnvironmentTheChartSetsIsWhatTheServicesConfigurationReads() throws Exception {
        // ${NAME:default} references in the services' configuration, and the properties behind SYNERGY_KAFKA_*
        StringBuilder config = new StringBuilder();
        try (var files = Files.walk(Chart.ROOT.resolve("services"))) {
            for (Path f : files.filter(f -> f.toString().contains("src" + File.separator + "main"))
                    .filter(f ->
                            f.toString().endsWith(".properties") || f.toString().endsWith(".java"))
                    .toList()) {
                config.append(Files.readString(f)).append('\n');
            }
        }
        for (String variable : List.of(
                "DB_URL",
                "DB_USER",
                "DB_PASSWORD",
                "KAFKA_BOOTSTRAP_SERVERS",
                "SYNERGY_LOG_JSON",
                "SYNERGY_TRACES_SAMPLE_RATIO",
                "SYNERGY_EVENTS_SCHEMA_BASE")) {
            assertThat(config).as("the services read ${%s}", variable).contains("${" + variable + ":");
        }
        for (String variable : List.of(
                "SYNERGY_KAFKA_SECURITY_PROTOCOL",
                "SYNERGY_KAFKA_SASL_MECHANISM",
                "SYNERGY_KAFKA_SASL_JAAS_CONFIG",
                "SYNERGY_OPS_KAFKA_SASL_JAAS_CONFIG",
                "SYNERGY_JWT_AUDIENCE")) {
            assertThat(config).as("the services read ${%s}", variable).contains("${" + variable + ":");
        }
        assertThat(config).contains("?currentSchema=");
    }

    // ---------------------------------------------------------------- Services, configuration

    @Test
    void eightServicesOnTheContractPortsSelectingTheirDeploymentsPods() {
        Map<String, JsonNode> services = byName(defaults.ofKind("Service"));
        Map<String, JsonNode> deployments = byName(defaults.ofKind("Deployment"));
        assertThat(services).hasSize(8);
        PORTS.forEach((service, port) -> {
            JsonNode s = services.get(fullname(service));
            assertThat(s).as(service).isNotNull();
            assertThat(s.at("/spec/ports/0/port").asInt()).isEqualTo(port);
            assertThat(s.at("/spec/ports/0/name").asText()).isEqualTo("http");
            assertThat(s.at("/spec/ports/0/targetPort").asText()).isEqualTo("http");
            Map<String, String> selector = labels(wrap("labels", s.path("spec").path("selector")));
            assertThat(selector).isNotEmpty();
            // the Service selects exactly its own Deployment's pods
            deployments.forEach((name, d) -> {
                Map<String, String> podLabels = labels(d.at("/spec/template/metadata"));
                assertThat(podLabels.entrySet().containsAll(selector.entrySet()))
                        .as(service + " selects " + name)
                        .isEqualTo(name.equals(fullname(service)));
            });
            JsonNode d = deployments.get(fullname(service));
            assertThat(labels(d.at("/spec/template/metadata")).entrySet())
                    .containsAll(labels(wrap("labels", d.at("/spec/selector/matchLabels")))
                            .entrySet());
        });
    }

    static JsonNode wrap(String field, JsonNode node) {
        return Chart.YAML.createObjectNode().set(field, node);
    }

    @Test
    void configMapPointsAtKafkaAndPostgresWithSaslAndThisDeploymentsAudience() {
        JsonNode data = defaults.get("ConfigMap", Chart.RELEASE + "-config").path("data");
        assertThat(data.path("KAFKA_BOOTSTRAP_SERVERS").asText()).isNotEmpty();
        assertThat(data.path("DB_URL").asText())
                .startsWith("jdbc:postgresql://")
                .doesNotContain("?");
        // each service connects as its own role: DB_USER is the Deployment's, not shared
        assertThat(data.has("DB_USER")).isFalse();
        assertThat(data.path("SYNERGY_KAFKA_SECURITY_PROTOCOL").asText()).isEqualTo("SASL_PLAINTEXT");
        assertThat(data.path("SYNERGY_KAFKA_SASL_MECHANISM").asText()).isEqualTo("SCRAM-SHA-512");
        assertThat(data.has("KAFKA_SSL_TRUSTSTORE_LOCATION")).isFalse();
        assertThat(data.path("MP_JWT_VERIFY_ISSUER").asText()).isEqualTo("https://synergy.qingdao/issuer");
        assertThat(data.path("SYNERGY_JWT_AUDIENCE").asText()).isEqualTo("synergy");
        data.fields()
                .forEachRemaining(
                        e -> assertThat(e.getValue().isTextual()).as(e.getKey()).isTrue());
    }

    static Map<String, JsonNode> secretRefs(JsonNode deployment) {
        Map<String, JsonNode> refs = new HashMap<>();
        deployment.at("/spec/template/spec/containers/0/env").forEach(e -> {
            if (e.has("valueFrom")) {
                refs.put(e.path("name").asText(), e.at("/valueFrom/secretKeyRef"));
            }
        });
        return refs;
    }

    static String serviceKey(String service) {
        return service.substring(0, service.indexOf('-'));
    }

    @Test
    void everyServiceConnectsAsItsOwnDatabaseRoleWithItsPasswordFromASecret() {
        Map<String, String> users = new TreeMap<>();
        for (JsonNode d : defaults.ofKind("Deployment")) {
            JsonNode container = d.at("/spec/template/spec/containers/0");
            String service = container.path("name").asText();
            String key = serviceKey(service);
            Map<String, String> env = env(container);
            assertThat(env).as(service).containsEntry("DB_USER", "synergy_" + key);
            users.put(service, env.get("DB_USER"));
            JsonNode password = secretRefs(d).get("DB_PASSWORD");
            assertThat(password)
                    .as(service + " DB_PASSWORD from a secretKeyRef")
                    .isNotNull();
            assertThat(password.path("name").asText()).isEqualTo(Chart.RELEASE + "-secret");
            assertThat(password.path("key").asText()).isEqualTo("DB_PASSWORD_" + key.toUpperCase(Locale.ROOT));
        }
        assertThat(users).hasSize(PORTS.size());
        assertThat(Set.copyOf(users.values()))
                .as("no two services share a role")
                .hasSize(PORTS.size());

        // a role overridden per service; two services configured with one role are refused
        Chart.Rendered renamed = Chart.template(Map.of("services.energy.database.user", "qd_energy"));
        assertThat(env(renamed.get("Deployment", fullname("energy-service")).at("/spec/template/spec/containers/0")))
                .containsEntry("DB_USER", "qd_energy");
        assertThatThrownBy(() -> Chart.templateText(Map.of("services.waste.database.user", "synergy_energy")))
                .hasMessageContaining(
                        "services.energy.database.user and services.waste.database.user are both synergy_energy");
        // the one shared role of earlier versions is refused with what to do instead
        for (String old : List.of("user", "password", "existingSecret")) {
            assertThatThrownBy(() -> Chart.templateText(Map.of("global.database." + old, "synergy")))
                    .hasMessageContaining("global.database." + old + " is gone")
                    .hasMessageContaining("services.<key>.database");
        }
    }

    @Test
    void secretCarriesEachServicesPasswordAndThePublicKeyOrTheDeploymentsReferenceExistingSecrets() {
        Map<String, Object> passwords = new LinkedHashMap<>();
        PORTS.keySet().forEach(s -> passwords.put("services." + serviceKey(s) + ".database.password", "pw-" + s));
        Chart.Rendered inline = Chart.template(passwords);
        JsonNode secret = inline.get("Secret", Chart.RELEASE + "-secret");
        PORTS.keySet()
                .forEach(s -> assertThat(decode(
                                secret.at("/data/DB_PASSWORD_" + serviceKey(s).toUpperCase(Locale.ROOT))
                                        .asText()))
                        .as(s)
                        .isEqualTo("pw-" + s));
        assertThat(secret.path("data").size()).isEqualTo(PORTS.size());
        for (JsonNode d : inline.ofKind("Deployment")) {
            assertThat(d.at("/spec/template/spec/containers/0/env").findValuesAsText("value"))
                    .as("no password as a literal value")
                    .noneMatch(v -> v.startsWith("pw-"));
        }
        assertThat(env(inline.get("Deployment", fullname("energy-service")).at("/spec/template/spec/containers/0")))
                .doesNotContainKey("MP_JWT_VERIFY_PUBLICKEY");

        // CloudNativePG managed roles: a Secret per service (synergy-db-<key>, keys username and password), one of them
        // named explicitly with other keys
        Chart.Rendered existing = Chart.template(Map.of(
                "global.database.existingSecretPrefix", "synergy-db-",
                "global.database.userKey", "username",
                "services.registry.database.existingSecret", "registry-login",
                "services.registry.database.passwordKey", "pass",
                "services.registry.database.userKey", "login",
                "global.jwt.existingSecret", "synergy-jwt"));
        assertThat(existing.ofKind("Secret")).isEmpty();
        assertThat(existing.get("ConfigMap", Chart.RELEASE + "-config")
                        .path("data")
                        .has("DB_USER"))
                .isFalse();
        for (JsonNode d : existing.ofKind("Deployment")) {
            String service = d.at("/spec/template/spec/containers/0/name").asText();
            Map<String, JsonNode> refs = secretRefs(d);
            boolean registry = service.equals("registry-service");
            String secretName = registry ? "registry-login" : "synergy-db-" + serviceKey(service);
            assertThat(refs.get("DB_PASSWORD").path("name").asText())
                    .as(service)
                    .isEqualTo(secretName);
            assertThat(refs.get("DB_PASSWORD").path("key").asText()).isEqualTo(registry ? "pass" : "password");
            assertThat(refs.get("DB_USER").path("name").asText()).isEqualTo(secretName);
            assertThat(refs.get("DB_USER").path("key").asText()).isEqualTo(registry ? "login" : "username");
            assertThat(refs.get("MP_JWT_VERIFY_PUBLICKEY").path("name").asText())
                    .isEqualTo("synergy-jwt");
            assertThat(refs.get("MP_JWT_VERIFY_PUBLICKEY").path("key").asText()).isEqualTo("publicKey");
        }

        // mixed: a password given inline for one service, existing Secrets for the others
        Chart.Rendered mixed = Chart.template(Map.of(
                "global.database.existingSecretPrefix",
                "synergy-db-",
                "services.console.database.password",
                "c0ns0le"));
        JsonNode mixedSecret = mixed.get("Secret", Chart.RELEASE + "-secret");
        assertThat(mixedSecret.path("data").size()).isEqualTo(1);
        assertThat(decode(mixedSecret.at("/data/DB_PASSWORD_CONSOLE").asText())).isEqualTo("c0ns0le");
        assertThat(secretRefs(mixed.get("Deployment", fullname("console-service")))
                        .get("DB_PASSWORD")
                        .path("name")
                        .asText())
                .isEqualTo(Chart.RELEASE + "-secret");
        assertThat(secretRefs(mixed.get("Deployment", fullname("energy-service")))
                        .get("DB_PASSWORD")
                        .path("name")
                        .asText())
                .isEqualTo("synergy-db-energy");
        assertThat(env(mixed.get("Deployment", fullname("energy-service")).at("/spec/template/spec/containers/0")))
                .containsEntry("DB_USER", "synergy_energy");
    }

    @Test
    void aPemPublicKeyFromAValuesFileGoesIntoTheSecretAndAPrivateKeyIsRefused(@TempDir Path dir) throws Exception {
        String pem = "-----BEGIN PUBLIC KEY-----\nMFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEq5lq\n-----END PUBLIC KEY-----\n";
        Path chart = Chart.copyWithValues(
                dir, Map.of("global.jwt.publicKey", pem, "services.energy.database.password", "pw"));
        Chart.Rendered r = Chart.Rendered.parse(Chart.templateText(chart, Map.of()));
        JsonNode secret = r.get("Secret", Chart.RELEASE + "-secret");
        assertThat(decode(secret.at("/data/MP_JWT_VERIFY_PUBLICKEY").asText())).isEqualTo(pem);
        assertThat(env(r.get("Deployment", fullname("aggregation-service")).at("/spec/template/spec/containers/0")))
                .containsEntry("MP_JWT_VERIFY_PUBLICKEY", "<from secretKeyRef>");

        String privateKey =
                "-----BEGIN PRIVATE KEY-----\nMIGHAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBG0wawIBAQQg\n-----END PRIVATE KEY-----\n";
        Path bad = Chart.copyWithValues(dir.resolve("bad"), Map.of("global.jwt.publicKey", privateKey));
        assertThatThrownBy(() -> Chart.templateText(bad, Map.of())).hasMessageContaining("PRIVATE key");
    }

    static String decode(String base64) {
        return new String(Base64.getDecoder().decode(base64), StandardCharsets.UTF_8);
    }

    // ---------------------------------------------------------------- HPA, PDB

    @Test
    void theFiveSectorServicesAutoscaleAndTheirDeploymentsLeaveTheReplicaCountToTheHpa() {
        Map<String, JsonNode> hpas = byName(defaults.ofKind("HorizontalPodAutoscaler"));
        assertThat(hpas.keySet())
                .containsExactlyInAnyOrderElementsOf(
                        SECTORS.stream().map(HelmChartTest::fullname).toList());
        Map<String, JsonNode> deployments = byName(defaults.ofKind("Deployment"));
        hpas.forEach((name, hpa) -> {
            assertThat(hpa.at("/spec/scaleTargetRef/kind").asText()).isEqualTo("Deployment");
            assertThat(hpa.at("/spec/scaleTargetRef/apiVersion").asText()).isEqualTo("apps/v1");
            assertThat(deployments)
                    .containsKey(hpa.at("/spec/scaleTargetRef/name").asText());
            assertThat(hpa.at("/spec/minReplicas").asInt())
                    .isBetween(1, hpa.at("/spec/maxReplicas").asInt());
            assertThat(hpa.at("/spec/metrics/0/resource/name").asText()).isEqualTo("cpu");
            assertThat(deployments.get(name).at("/spec").has("replicas"))
                    .as(name)
                    .isFalse();
        });
        // the aggregation service keeps a fixed replica count (several share the consumer group and the lock)
        assertThat(deployments
                        .get(fullname("aggregation-service"))
                        .at("/spec/replicas")
                        .asInt())
                .isEqualTo(2);
    }

    @Test
    void everyServiceHasAPodDisruptionBudgetOverItsOwnPods() {
        Map<String, JsonNode> pdbs = byName(defaults.ofKind("PodDisruptionBudget"));
        Map<String, JsonNode> deployments = byName(defaults.ofKind("Deployment"));
        assertThat(pdbs.keySet()).isEqualTo(deployments.keySet());
        pdbs.forEach((name, pdb) -> {
            assertThat(pdb.at("/spec/maxUnavailable").asInt()).isEqualTo(1);
            assertThat(pdb.at("/spec/selector/matchLabels"))
                    .isEqualTo(deployments.get(name).at("/spec/selector/matchLabels"));
        });
    }

    // ---------------------------------------------------------------- Strimzi topics

    @Test
    void withTopicsOnEveryPlatformTopicIsAStrimziKafkaTopicReplicatedThreeTimes() {
        List<JsonNode> topics = everything.ofKind("KafkaTopic");
        assertThat(topics).hasSize(29);
        Map<String, Topics.TopicSpec> expected =
                Topics.all().stream().collect(Collectors.toMap(Topics.TopicSpec::name, t -> t));
        assertThat(expected).hasSize(29);
        Map<String, JsonNode> byTopic = new TreeMap<>();
        for (JsonNode t : topics) {
            assertThat(t.path("apiVersion").asText()).isEqualTo("kafka.strimzi.io/v1beta2");
            assertThat(t.at("/metadata/labels/strimzi.io~1cluster").asText()).isEqualTo("synergy");
            assertThat(t.at("/metadata/annotations/helm.sh~1resource-policy").asText())
                    .isEqualTo("keep");
            byTopic.put(t.at("/spec/topicName").asText(), t);
        }
        assertThat(byTopic.keySet()).isEqualTo(expected.keySet());
        expected.forEach((name, spec) -> {
            JsonNode t = byTopic.get(name);
            assertThat(t.at("/metadata/name").asText()).isEqualTo(name);
            assertThat(t.at("/spec/partitions").isInt()).isTrue();
            assertThat(t.at("/spec/partitions").asInt()).as(name).isEqualTo(spec.partitions());
            assertThat(t.at("/spec/replicas").isInt()).isTrue();
            assertThat(t.at("/spec/replicas").asInt()).as(name).isEqualTo(3);
            assertThat(t.at("/spec/config/min.insync.replicas").asInt())
                    .as(name)
                    .isEqualTo(2);
            String cleanup = t.at("/spec/config/cleanup.policy").asText("delete");
            assertThat(cleanup).as(name).isEqualTo(spec.compacted() ? "compact" : "delete");
            // every configuration the platform declares for the topic (the feeds' LogAppendTime among them)
            spec.configs()
                    .forEach((key, value) -> assertThat(
                                    t.at("/spec/config").path(key).asText())
                            .as(name + " " + key)
                            .isEqualTo(value));
            assertThat(t.at("/spec/config").has(Topics.TIMESTAMP_TYPE)).as(name).isEqualTo(Topics.isFeed(name));
        });
        assertThat(byTopic.get("results.v1").at("/spec/config/cleanup.policy").asText())
                .isEqualTo("compact");
        assertThat(byTopic.get("alerts.v1").at("/spec/partitions").asInt()).isEqualTo(1);
        assertThat(byTopic.get("org-units.v1").at("/spec/config/cleanup.policy").asText())
                .isEqualTo("compact");
        assertThat(byTopic.get("org-units.v1.dlq")
                        .at("/spec/config/cleanup.policy")
                        .asText())
                .isEqualTo("compact");
        assertThat(byTopic.get("projects.v1").at("/spec/config/cleanup.policy").asText())
                .isEqualTo("compact");
        assertThat(byTopic.get("pilots.v1").at("/spec/config/cleanup.policy").asText())
                .isEqualTo("compact");
        assertThat(byTopic.get("targets.v1").at("/spec/config/cleanup.policy").asText())
                .isEqualTo("compact");
        assertThat(byTopic.get("approvals.v1").at("/spec/config/cleanup.policy").asText())
                .isEqualTo("compact");
        assertThat(byTopic.get("indicators.v1.dlq")
                        .at("/spec/config/cleanup.policy")
                        .asText("delete"))
                .isEqualTo("delete");
        assertThat(byTopic.get("approvals.v1.dlq")
                        .at("/spec/config/cleanup.policy")
                        .asText("delete"))
                .isEqualTo("delete");
        assertThat(byTopic.get("reminders.v1").at("/spec/config/cleanup.policy").asText("delete"))
                .isEqualTo("delete");
        // the default bootstrap address is that Strimzi cluster's bootstrap Service (<cluster>-kafka-bootstrap)
        assertThat(everything
                        .get("ConfigMap", Chart.RELEASE + "-config")
                        .at("/data/KAFKA_BOOTSTRAP_SERVERS")
                        .asText())
                .startsWith("synergy-kafka-bootstrap.");
    }

    @Test
    void topicsFollowTheConfiguredClusterNamespaceAndApiVersion() {
        Chart.Rendered r = Chart.template(Map.of(
                "kafkaTopics.enabled",
                true,
                "kafkaTopics.clusterName",
                "city-kafka",
                "kafkaTopics.namespace",
                "kafka",
                "kafkaTopics.apiVersion",
                "kafka.strimzi.io/v1",
                "kafkaTopics.keepOnUninstall",
                false));
        assertThat(r.ofKind("KafkaTopic")).hasSize(Topics.all().size()).allSatisfy(t -> {
            assertThat(t.at("/metadata/labels/strimzi.io~1cluster").asText()).isEqualTo("city-kafka");
            assertThat(t.at("/metadata/namespace").asText()).isEqualTo("kafka");
            assertThat(t.path("apiVersion").asText()).isEqualTo("kafka.strimzi.io/v1");
            assertThat(t.at("/metadata/annotations").isMissingNode()).isTrue();
        });
    }

    // ---------------------------------------------------------------- Ingress

    @Test
    void
            ingressSendsTheReadApiToAggregationTheRegistryAndTheConsoleWithTheDashboardToTheirServicesAndEachSectorsApiToItsService() {
        // the public surface is /api/v1 and the page at / (issue 17): "/" is exact, and /api/v1/ops is not routed
        List<JsonNode> ingresses = everything.ofKind("Ingress");
        assertThat(ingresses).hasSize(1);
        Map<String, Map<String, String>> routes = routes(ingresses);
        assertThat(routes.keySet()).doesNotContain("registry.synergy.example.org");
        Map<String, String> expected = new HashMap<>();
        for (String path : List.of("/api/v1/org-units", "/api/v1/projects", "/api/v1/pilots", "/api/v1/targets")) {
            expected.put(path, fullname("registry-service"));
        }
        for (String path : List.of(
                "/", "/dashboard", "/webjars", "/staff", "/api/v1/dashboard", "/api/v1/session", "/api/v1/sectors")) {
            expected.put(path, fullname("console-service"));
        }
        for (String path : List.of(
                "/api/v1/attainment",
                "/api/v1/synergy",
                "/api/v1/effects",
                "/api/v1/years",
                "/api/v1/inventory",
                "/api/v1/assessment")) {
            expected.put(path, fullname("aggregation-service"));
        }
        assertThat(routes.get("synergy.example.org")).containsExactlyInAnyOrderEntriesOf(expected);
        for (String sector : List.of("energy", "transport", "building", "agriculture", "waste")) {
            assertThat(routes.get(sector + ".synergy.example.org"))
                    .containsExactlyEntriesOf(Map.of("/api/v1", fullname(sector + "-service")));
        }
        assertThat(pathTypes(ingresses)).containsEntry("/", "Exact");
        assertBackendsExist(everything, ingresses);
    }

    @Test
    void thePublicIngressNeverExposesQuarkusEndpointsNorTheOpsApiUnlessAValueSaysSo() {
        for (String mode : List.of("hosts", "prefix")) {
            Chart.Rendered r = Chart.template(Map.of("ingress.enabled", true, "ingress.sectors.mode", mode));
            String aggregation = fullname("aggregation-service") + " ";
            String console = fullname("console-service") + " ";
            for (String reached : reachable(r.ofKind("Ingress"))) {
                assertThat(reached.substring(reached.indexOf(' ') + 1))
                        .as(mode + " " + reached)
                        .doesNotStartWith("/q");
                // the ops API is the console's (a sector service has no /api/v1/ops: 404)
                assertThat(reached).as(mode).doesNotStartWith(console + "/api/v1/ops");
            }
            assertThat(reachable(r.ofKind("Ingress")))
                    .as(mode)
                    .contains(
                            console + "/",
                            aggregation + "/api/v1/attainment",
                            fullname("energy-service") + " /api/v1/reports");
        }
        Chart.Rendered open = Chart.template(
                Map.of("ingress.enabled", true, "ingress.exposeOps", true, "ingress.exposeQuarkusEndpoints", true));
        assertThat(reachable(open.ofKind("Ingress")))
                .contains(
                        fullname("console-service") + " /api/v1/ops/topics",
                        fullname("aggregation-service") + " /q/metrics",
                        fullname("energy-service") + " /q/metrics");
    }

    /**
     * Which of the platform's paths the Ingresses route, as "&lt;backend service&gt; &lt;path&gt;": each Prefix path covers what
     * starts with it, an Exact one itself, a sector prefix pattern the paths it rewrites to.
     */
    static List<String> reachable(List<JsonNode> ingresses) {
        List<String> probes = List.of(
                "/",
                "/index.html",
                "/dashboard/dashboard.js",
                "/api/v1/attainment",
                "/api/v1/reports",
                "/api/v1/ops/topics",
                "/api/v1/ops/dead-letters",
                "/q/metrics",
                "/q/health/ready",
                "/q/openapi",
                "/q/swagger-ui");
        List<String> out = new ArrayList<>();
        for (JsonNode ing : ingresses) {
            for (JsonNode p : ing.at("/spec/rules").findValues("paths").stream()
                    .flatMap(a -> StreamSupport.stream(a.spliterator(), false))
                    .toList()) {
                String path = p.path("path").asText();
                String type = p.path("pathType").asText();
                for (String probe : probes) {
                    boolean hit = switch (type) {
                        case "Exact" -> probe.equals(path);
                        case "Prefix" -> probe.equals(path) || probe.startsWith(path.endsWith("/") ? path : path + "/");
                        // a sector's regular expression: what /<sector><probe> reaches after the rewrite
                        default ->
                            Pattern.compile(path).matcher("/energy" + probe).matches()
                                    || Pattern.compile(path)
                                            .matcher("/waste" + probe)
                                            .matches();
                    };
                    String reached = p.at("/backend/service/name").asText() + " " + probe;
                    if (hit && !out.contains(reached)) {
                        out.add(reached);
                    }
                }
            }
        }
        return out;
    }

    static Map<String, String> pathTypes(List<JsonNode> ingresses) {
        Map<String, String> types = new HashMap<>();
        ingresses.forEach(ing -> ing.at("/spec/rules")
                .findValues("paths")
                .forEach(a -> a.forEach(p ->
                        types.put(p.path("path").asText(), p.path("pathType").asText()))));
        return types;
    }

    @Test
    void ingressInPrefixModeRoutesASectorsApiToTheSectorServiceWithARewrite() {
        Chart.Rendered r = Chart.template(
                Map.of("ingress.enabled", true, "ingress.sectors.mode", "prefix", "ingress.className", "nginx"));
        List<JsonNode> ingresses = r.ofKind("Ingress");
        assertThat(ingresses).hasSize(2);
        JsonNode sectors = r.get("Ingress", Chart.RELEASE + "-sectors");
        assertThat(sectors.at("/metadata/annotations/nginx.ingress.kubernetes.io~1rewrite-target")
                        .asText())
                .isEqualTo("/$1");
        assertThat(sectors.at("/spec/ingressClassName").asText()).isEqualTo("nginx");
        Map<String, String> paths = routes(List.of(sectors)).get("synergy.example.org");
        assertThat(paths)
                .containsEntry("/energy/(api/v1(/.*)?)$", fullname("energy-service"))
                .containsEntry("/waste/(api/v1(/.*)?)$", fullname("waste-service"))
                .hasSize(5);
        Matcher m = Pattern.compile("/energy/(api/v1(/.*)?)$").matcher("/energy/api/v1/reports");
        assertThat(m.matches()).isTrue();
        assertThat("/" + m.group(1)).isEqualTo("/api/v1/reports");
        // the aggregation's Ingress carries no rewrite: its paths are the contract's
        assertThat(r.get("Ingress", Chart.RELEASE).at("/metadata/annotations").isMissingNode())
                .isTrue();
        assertBackendsExist(r, ingresses);
    }

    // ---------------------------------------------------------------- Kafka users, credentials, network policies

    /** A Strimzi ACL rule flattened to the model's form: "principal OPERATION TYPE name[*]". */
    static List<String> strimziAcls(JsonNode user) {
        String principal =
                user.at("/metadata/labels/synergy.qingdao~1principal").asText();
        List<String> out = new ArrayList<>();
        for (JsonNode rule : user.at("/spec/authorization/acls")) {
            JsonNode res = rule.path("resource");
            for (JsonNode op : rule.path("operations")) {
                String operation =
                        op.asText().replaceAll("([a-z])([A-Z])", "$1_$2").toUpperCase(Locale.ROOT);
                out.add(principal + " " + operation + " "
                        + res.path("type").asText().toUpperCase(Locale.ROOT) + " "
                        + res.path("name").asText()
                        + ("prefix".equals(res.path("patternType").asText()) ? "*" : ""));
            }
            assertThat(rule.path("host").asText()).isEqualTo("*");
        }
        return out;
    }

    @Test
    void theKafkaUsersCarryExactlyThePlatformsAclsWithScram() {
        List<JsonNode> users = everything.ofKind("KafkaUser");
        // every principal but the administrator, which provisions the cluster and needs no KafkaUser of the chart
        List<String> principals = Principals.all().stream()
                .filter(p -> !p.equals(Principals.ADMIN))
                .toList();
        assertThat(users)
                .extracting(
                        u -> u.at("/metadata/labels/synergy.qingdao~1principal").asText())
                .containsExactlyInAnyOrderElementsOf(principals);
        List<String> rendered = new ArrayList<>();
        for (JsonNode u : users) {
            String principal =
                    u.at("/metadata/labels/synergy.qingdao~1principal").asText();
            assertThat(u.at("/metadata/name").asText()).isEqualTo(Chart.RELEASE + "-" + principal);
            assertThat(u.at("/metadata/labels/strimzi.io~1cluster").asText()).isEqualTo("synergy");
            assertThat(u.at("/spec/authentication/type").asText()).isEqualTo("scram-sha-512");
            assertThat(u.at("/spec/authorization/type").asText()).isEqualTo("simple");
            rendered.addAll(strimziAcls(u));
        }
        assertThat(rendered)
                .doesNotHaveDuplicates()
                .containsExactlyInAnyOrderElementsOf(
                        KafkaAccess.acls().stream().map(KafkaAcl::toString).toList());
        // without the bureaus' users: the services' and ops' ACLs, nothing else
        Chart.Rendered noBureaus =
                Chart.template(Map.of("kafka.strimzi.enabled", true, "kafka.strimzi.bureaus", false));
        assertThat(noBureaus.ofKind("KafkaUser")).hasSize(Principals.services().size() + 1);
    }

    @Test
    void everyServiceTakesItsKafkaCredentialsFromASecretNeverFromAValue() {
        for (Map.Entry<String, Chart.Rendered> c : Map.of(
                        "strimzi",
                        everything,
                        "external",
                        Chart.template(Map.of("kafka.existingSecret", "city-kafka-credentials")))
                .entrySet()) {
            for (JsonNode d : c.getValue().ofKind("Deployment")) {
                JsonNode container = d.at("/spec/template/spec/containers/0");
                String service = container.path("name").asText();
                Map<String, JsonNode> refs = new HashMap<>();
                container.path("env").forEach(e -> {
                    assertThat(e.path("value").asText(""))
                            .as(service + " " + e.path("name").asText())
                            .doesNotContain("LoginModule")
                            .doesNotContainIgnoringCase("password=");
                    if (e.has("valueFrom")) {
                        refs.put(e.path("name").asText(), e.at("/valueFrom/secretKeyRef"));
                    }
                });
                List<String> principals =
                        service.equals(Principals.CONSOLE) ? List.of(service, Principals.OPS) : List.of(service);
                for (String principal : principals) {
                    JsonNode ref = refs.get(
                            principal.equals(Principals.OPS)
                                    ? "SYNERGY_OPS_KAFKA_SASL_JAAS_CONFIG"
                                    : "SYNERGY_KAFKA_SASL_JAAS_CONFIG");
                    assertThat(ref)
                            .as(c.getKey() + " " + service + " " + principal)
                            .isNotNull();
                    if (c.getKey().equals("strimzi")) {
                        assertThat(ref.path("name").asText()).isEqualTo(Chart.RELEASE + "-" + principal);
                        assertThat(ref.path("key").asText()).isEqualTo("sasl.jaas.config");
                    } else {
                        assertThat(ref.path("name").asText()).isEqualTo("city-kafka-credentials");
                        assertThat(ref.path("key").asText()).isEqualTo(principal);
                    }
                }
                assertThat(refs)
                        .as(service)
                        .doesNotContainKey(
                                service.equals(Principals.CONSOLE) ? "none" : "SYNERGY_OPS_KAFKA_SASL_JAAS_CONFIG");
            }
        }
        // the CA of a TLS listener, mounted from its Secret and named in the configuration
        Chart.Rendered tls = Chart.template(Map.of(
                "kafka.strimzi.enabled",
                true,
                "kafka.securityProtocol",
                "SASL_SSL",
                "kafka.tls.caSecret",
                "synergy-cluster-ca-cert"));
        assertThat(tls.get("ConfigMap", Chart.RELEASE + "-config")
                        .at("/data/KAFKA_SSL_TRUSTSTORE_LOCATION")
                        .asText())
                .isEqualTo("/etc/synergy/kafka-ca/ca.crt");
        for (JsonNode d : tls.ofKind("Deployment")) {
            assertThat(d.at("/spec/template/spec/volumes").findValuesAsText("secretName"))
                    .contains("synergy-cluster-ca-cert");
        }
    }

    @Test
    void aNetworkPolicyPerServiceLetsInOnlyItsHttpPortAndOutOnlyToDnsKafkaAndPostgres() {
        Map<String, JsonNode> policies = byName(defaults.ofKind("NetworkPolicy"));
        Map<String, JsonNode> deployments = byName(defaults.ofKind("Deployment"));
        assertThat(policies.keySet()).isEqualTo(deployments.keySet());
        policies.forEach((name, np) -> {
            Map<String, String> selector = labels(wrap("labels", np.at("/spec/podSelector/matchLabels")));
            assertThat(selector).isNotEmpty();
            // it selects its own Deployment's pods and no other's
            deployments.forEach((dn, d) -> assertThat(
                            labels(d.at("/spec/template/metadata")).entrySet().containsAll(selector.entrySet()))
                    .as(name + " selects " + dn)
                    .isEqualTo(dn.equals(name)));
            assertThat(texts(np.at("/spec/policyTypes"))).containsExactlyInAnyOrder("Ingress", "Egress");
            boolean sector = SECTORS.stream().anyMatch(s -> name.equals(fullname(s)));
            boolean console = name.equals(fullname("console-service"));
            JsonNode ingress = np.at("/spec/ingress");
            // a sector service also takes the console's requests (its staff pages forward to it), and from nowhere else
            assertThat(ingress).hasSize(sector ? 2 : 1);
            assertThat(ingress.get(0).path("from"))
                    .as("from somewhere, not from everywhere")
                    .isNotEmpty();
            ingress.forEach(rule ->
                    assertThat(rule.path("ports").findValuesAsText("port")).containsExactly("http"));
            if (sector) {
                assertThat(labels(wrap("labels", ingress.get(1).at("/from/0/podSelector/matchLabels"))))
                        .containsEntry("app.kubernetes.io/name", "console-service")
                        .hasSize(2);
            }
            List<String> egressPorts = new ArrayList<>();
            for (JsonNode rule : np.at("/spec/egress")) {
                assertThat(rule.path("to"))
                        .as(name + " egress to somewhere, not to everywhere")
                        .isNotEmpty();
                assertThat(rule.path("ports"))
                        .as(name + " egress on given ports")
                        .isNotEmpty();
                rule.path("ports").forEach(p -> egressPorts.add(p.path("port").asText()));
            }
            // the console's one more: to the sector services' pods (their component), on their HTTP port
            List<String> expected = new ArrayList<>(List.of("53", "53", "9092", "9093", "5432"));
            if (console) {
                expected.add("http");
                assertThat(np.at("/spec/egress").findValues("matchExpressions").toString())
                        .contains("app.kubernetes.io/component", "sector");
            }
            assertThat(egressPorts).containsExactlyInAnyOrderElementsOf(expected);
        });
        // tracing on: the collector too
        Chart.Rendered traced = Chart.template(
                Map.of("observability.tracing.otlpEndpoint", "http://otel-collector.observability.svc:4317"));
        assertThat(traced.ofKind("NetworkPolicy").get(0).at("/spec/egress").findValuesAsText("port"))
                .contains("4317");
        assertThat(Chart.template(Map.of("networkPolicy.enabled", false)).ofKind("NetworkPolicy"))
                .isEmpty();
    }

    static Map<String, Map<String, String>> routes(List<JsonNode> ingresses) {
        Map<String, Map<String, String>> routes = new TreeMap<>();
        for (JsonNode ing : ingresses) {
            for (JsonNode rule : ing.at("/spec/rules")) {
                Map<String, String> paths =
                        routes.computeIfAbsent(rule.path("host").asText(), h -> new LinkedHashMap<>());
                for (JsonNode p : rule.at("/http/paths")) {
                    paths.put(
                            p.path("path").asText(),
                            p.at("/backend/service/name").asText());
                }
            }
        }
        return routes;
    }

    static void assertBackendsExist(Chart.Rendered r, List<JsonNode> ingresses) {
        Map<String, JsonNode> services = byName(r.ofKind("Service"));
        for (JsonNode ing : ingresses) {
            for (JsonNode p : ing.at("/spec/rules").findValues("paths").stream()
                    .flatMap(a -> StreamSupport.stream(a.spliterator(), false))
                    .toList()) {
                JsonNode backend = p.at("/backend/service");
                JsonNode service = services.get(backend.path("name").asText());
                assertThat(service).as("backend " + backend).isNotNull();
                assertThat(service.at("/spec/ports").findValuesAsText("name"))
                        .contains(backend.at("/port/name").asText());
            }
        }
    }

    // ---------------------------------------------------------------- ServiceMonitor

    @Test
    void serviceMonitorScrapesQuarkusMetricsOfAllSevenServices() {
        Chart.Rendered r = Chart.template(Map.of(
                "metrics.serviceMonitor.enabled",
                true,
                "metrics.serviceMonitor.labels.release",
                "kube-prometheus-stack"));
        List<JsonNode> monitors = r.ofKind("ServiceMonitor");
        assertThat(monitors).hasSize(1);
        JsonNode sm = monitors.get(0);
        assertThat(sm.path("apiVersion").asText()).isEqualTo("monitoring.coreos.com/v1");
        assertThat(sm.at("/metadata/labels/release").asText()).isEqualTo("kube-prometheus-stack");
        assertThat(sm.at("/spec/endpoints/0/port").asText()).isEqualTo("http");
        assertThat(sm.at("/spec/endpoints/0/path").asText()).isEqualTo("/q/metrics");
        Map<String, String> match = labels(wrap("labels", sm.at("/spec/selector/matchLabels")));
        List<String> components = texts(sm.at("/spec/selector/matchExpressions/0/values"));
        List<String> selected = r.ofKind("Service").stream()
                .filter(s -> labels(s.path("metadata")).entrySet().containsAll(match.entrySet()))
                .filter(s -> components.contains(labels(s.path("metadata")).get("app.kubernetes.io/component")))
                .map(s -> s.at("/metadata/name").asText())
                .toList();
        assertThat(selected).hasSize(8);
    }

    // ---------------------------------------------------------------- alert rules, dashboard, logs, traces

    /** The conditions the issue names, one rule each at least. */
    static final Set<String> REQUIRED_ALERTS = Set.of(
            "SynergyConsumerStalled",
            "SynergyConsumerLagGrowing",
            "SynergyDeadLettersIncreasing",
            "SynergyOutboxAgeing",
            "SynergyResultsStale",
            "SynergyDataSetsOverdue",
            "SynergyHttp5xxRate");

    @Test
    void thePrometheusRuleIsTheRuleFileAndEveryRuleParsesAndNamesItsMetrics() throws Exception {
        Chart.Rendered r = Chart.template(Map.of(
                "metrics.prometheusRule.enabled",
                true,
                "metrics.prometheusRule.labels.release",
                "kube-prometheus-stack"));
        List<JsonNode> rules = r.ofKind("PrometheusRule");
        assertThat(rules).hasSize(1);
        JsonNode pr = rules.get(0);
        assertThat(pr.path("apiVersion").asText()).isEqualTo("monitoring.coreos.com/v1");
        assertThat(pr.at("/metadata/labels/release").asText()).isEqualTo("kube-prometheus-stack");
        // the rendered spec is the file, as the services' scrape tests read it
        assertThat(pr.path("spec")).isEqualTo(Chart.YAML.readTree(Files.readString(MonitoringFiles.rulesFile())));
        List<MonitoringFiles.Rule> parsed = MonitoringFiles.rules(pr.path("spec"));
        assertThat(parsed)
                .extracting(MonitoringFiles.Rule::alert)
                .doesNotHaveDuplicates()
                .containsAll(REQUIRED_ALERTS);
        for (MonitoringFiles.Rule rule : parsed) {
            assertThat(PromQl.metricNames(rule.expr()))
                    .as(rule.alert())
                    .allMatch(m -> m.startsWith("synergy_") || m.startsWith("http_server_"));
            if (rule.forDuration() != null) {
                assertThat(rule.forDuration()).as(rule.alert() + " for").matches("[0-9]+[smh]");
            }
            assertThat(rule.labels().get("severity"))
                    .as(rule.alert() + " severity")
                    .isIn("critical", "warning", "info");
            assertThat(rule.annotations()).as(rule.alert() + " annotations").containsKeys("summary", "description");
        }
        // the parser is no rubber stamp
        assertThatThrownBy(() -> PromQl.metricNames("max by (group) (synergy_kafka_consumer_lag > 0"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> PromQl.metricNames("rate(synergy_kafka_topic_records_total[5 minutes])"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(
                        PromQl.metricNames(
                                "sum by (le) (rate(http_server_requests_seconds_bucket{status=~\"5..\"}[5m])) / on (le) group_left x"))
                .containsExactly("http_server_requests_seconds_bucket", "x");
    }

    @Test
    void theGrafanaDashboardIsAConfigMapForTheSidecarWithEveryQueryParsing() throws Exception {
        Chart.Rendered r = Chart.template(Map.of(
                "metrics.grafanaDashboard.enabled",
                true,
                "metrics.grafanaDashboard.annotations.grafana_folder",
                "Synergy"));
        JsonNode cm = byName(r.ofKind("ConfigMap")).get("synergy-grafana-dashboard");
        assertThat(cm).isNotNull();
        assertThat(labels(cm.path("metadata"))).containsEntry("grafana_dashboard", "1");
        assertThat(cm.at("/metadata/annotations/grafana_folder").asText()).isEqualTo("Synergy");
        JsonNode dashboard =
                new ObjectMapper().readTree(cm.at("/data/synergy-platform.json").asText());
        assertThat(dashboard).isEqualTo(MonitoringFiles.dashboard());
        assertThat(dashboard.path("uid").asText()).isEqualTo("synergy-platform");
        List<String> queries = MonitoringFiles.dashboardQueries(dashboard);
        assertThat(queries).hasSizeGreaterThan(10).doesNotContainNull();
        assertThat(PromQl.metricNames(queries))
                .contains(
                        "synergy_kafka_consumer_lag",
                        "synergy_result_freshness_seconds_bucket",
                        "http_server_requests_seconds_bucket",
                        "synergy_reports_total");
    }

    @Test
    void logsAreJsonByDefaultTracesGoWhereAnEndpointIsGivenAndEveryServiceNamesItsSchemaBase(@TempDir Path dir) {
        JsonNode config = defaults.ofKind("ConfigMap").get(0);
        assertThat(config.at("/data/SYNERGY_LOG_JSON").asText()).isEqualTo("true");
        assertThat(config.path("data").has("QUARKUS_OTEL_EXPORTER_OTLP_ENDPOINT"))
                .as("no endpoint, nothing recorded")
                .isFalse();
        assertThat(config.path("data").has("SYNERGY_TRACES_SAMPLE_RATIO")).isFalse();
        // from a values file: --set cannot type 0.25 as a number
        Map<String, Object> values = new LinkedHashMap<>();
        values.put("observability.tracing.otlpEndpoint", "http://otel-collector.observability.svc:4317");
        values.put("observability.tracing.sampleRatio", 0.25);
        values.put("observability.jsonLogs", false);
        JsonNode traced = Chart.Rendered.parse(Chart.templateText(Chart.copyWithValues(dir, values), Map.of()))
                .ofKind("ConfigMap")
                .get(0);
        assertThat(traced.at("/data/QUARKUS_OTEL_EXPORTER_OTLP_ENDPOINT").asText())
                .isEqualTo("http://otel-collector.observability.svc:4317");
        assertThat(traced.at("/data/SYNERGY_TRACES_SAMPLE_RATIO").asText()).isEqualTo("0.25");
        assertThat(traced.at("/data/SYNERGY_LOG_JSON").asText()).isEqualTo("false");
        for (JsonNode d : defaults.ofKind("Deployment")) {
            String name = d.at("/metadata/name").asText();
            String service = name.substring((Chart.RELEASE + "-").length());
            assertThat(env(d.at("/spec/template/spec/containers/0")).get("SYNERGY_EVENTS_SCHEMA_BASE"))
                    .as(name)
                    .isEqualTo("http://" + name + "." + Chart.NAMESPACE + ".svc:" + PORTS.get(service));
        }
    }

    // ---------------------------------------------------------------- what must fail

    @Test
    void aValueOfTheWrongTypeFailsTemplateAndLintThroughTheSchema(@TempDir Path dir) {
        assertThatThrownBy(() -> Chart.templateText(Map.of("services.energy.replicas", "x")))
                .hasMessageContaining("replicas");
        assertThatThrownBy(() -> Chart.templateText(Map.of("services.energy.port", 70000)))
                .hasMessageContaining("port");
        assertThatThrownBy(() -> Chart.templateText(Map.of("services.enrgy.replicas", 3)))
                .hasMessageContaining("enrgy");
        assertThatThrownBy(() -> Chart.templateText(Map.of("ingress.enabled", true, "ingress.sectors.mode", "bogus")))
                .hasMessageContaining("mode");
        assertThatThrownBy(() -> Chart.templateText(
                        Map.of("global.database.url", "jdbc:postgresql://db:5432/synergy?currentSchema=energy")))
                .hasMessageContaining("url");
        LintResult lint = Chart.lint(Chart.copyWithValues(dir, Map.of("services.aggregation.replicas", "x")));
        assertThat(lint.isFailed()).isTrue();
        assertThat(String.join("\n", lint.getMessages())).contains("replicas");
    }

    @Test
    void aTemplateErrorFailsTheRendering() {
        // what the schema cannot say, the templates check: here min > max
        assertThatThrownBy(() -> Chart.templateText(Map.of("services.energy.autoscaling.minReplicas", 5)))
                .hasMessageContaining("minReplicas");
    }
}
