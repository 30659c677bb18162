package io.synergy.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;

/**
 * deploy/compose.yaml cannot be started here (no container engine): it is parsed (SnakeYAML, which resolves the
 * file's anchors and merge keys as Compose does) and checked against the platform's contract.
 */
class ComposeFileTest {

    static final Path COMPOSE = Chart.ROOT.resolve("deploy/compose.yaml");

    /** Keys of a Compose service this file may use; anything else is a typo (Compose would reject it). */
    static final Set<String> SERVICE_KEYS = Set.of(
            "image",
            "hostname",
            "restart",
            "ports",
            "environment",
            "volumes",
            "healthcheck",
            "depends_on",
            "mem_limit",
            "read_only",
            "tmpfs",
            "security_opt",
            "command",
            "build");

    static final Set<String> HEALTHCHECK_KEYS = Set.of("test", "interval", "timeout", "retries", "start_period");
    static final Set<String> TOP_KEYS = Set.of("name", "services", "volumes", "networks");

    static String text;
    static Map<String, Object> compose;
    static Map<String, Map<String, Object>> services;

    @BeforeAll
    @SuppressWarnings("unchecked")
    static void parse() throws IOException {
        text = Files.readString(COMPOSE);
        LoaderOptions options = new LoaderOptions();
        options.setAllowDuplicateKeys(false);
        compose = new Yaml(options).load(text);
        services = (Map<String, Map<String, Object>>) compose.get("services");
    }

    @SuppressWarnings("unchecked")
    static <T> T at(Object node, String... path) {
        Object current = node;
        for (String p : path) {
            assertThat(current).as("parent of " + p).isInstanceOf(Map.class);
            current = ((Map<String, Object>) current).get(p);
        }
        return (T) current;
    }

    /** Compose's ${VAR:-default}, as an engine without that variable set would see it. */
    static String interpolateDefaults(String value) {
        Matcher m = Pattern.compile("\\$\\{([A-Z_][A-Z0-9_]*):-([^}]*)}").matcher(value);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            m.appendReplacement(out, Matcher.quoteReplacement(m.group(2)));
        }
        m.appendTail(out);
        return out.toString();
    }

    static Map<String, String> env(String service) {
        Map<String, Object> env = at(services.get(service), "environment");
        assertThat(env).as(service + " environment (a map)").isNotNull();
        Map<String, String> strings = new java.util.HashMap<>();
        env.forEach((k, v) -> strings.put(k, interpolateDefaults(String.valueOf(v))));
        return strings;
    }

    @Test
    void usesOnlyKnownComposeKeysAndNoObsoleteVersion() {
        // x-* keys are Compose extensions (here: the anchors shared by the eight services)
        assertThat(TOP_KEYS)
                .containsAll(compose.keySet().stream()
                        .filter(k -> !k.startsWith("x-"))
                        .toList());
        assertThat(compose).doesNotContainKey("version");
        services.forEach((name, s) -> {
            assertThat(SERVICE_KEYS).as(name).containsAll(s.keySet());
            assertThat(HEALTHCHECK_KEYS)
                    .as(name + " healthcheck")
                    .containsAll(((Map<String, ?>) s.get("healthcheck")).keySet());
        });
    }

    @Test
    void everyVariableHasADefaultSoTheFileRunsWithoutAnEnvFile() {
        Matcher m = Pattern.compile("\\$\\{([^}]*)}").matcher(text);
        List<String> withoutDefault = new ArrayList<>();
        while (m.find()) {
            if (!m.group(1).matches("[A-Z_][A-Z0-9_]*:-.*")) {
                withoutDefault.add(m.group());
            }
        }
        assertThat(withoutDefault).isEmpty();
    }

    @Test
    void kafkaPostgresAndTheEightServices() {
        assertThat(services.keySet())
                .containsExactlyInAnyOrder(
                        "kafka",
                        "postgres",
                        "aggregation-service",
                        "energy-service",
                        "transport-service",
                        "building-service",
                        "agriculture-service",
                        "waste-service",
                        "registry-service",
                        "console-service");
    }

    @Test
    void theAggregationRedirectsTheRegistrysFormerPathsToTheRegistryServiceAsTheHostReachesIt() {
        assertThat(env("aggregation-service"))
                .containsEntry(
                        "SYNERGY_LINKS_REGISTRY", "http://127.0.0.1:" + HelmChartTest.PORTS.get("registry-service"));
        assertThat(env("aggregation-service"))
                .containsEntry(
                        "SYNERGY_LINKS_CONSOLE", "http://127.0.0.1:" + HelmChartTest.PORTS.get("console-service"));
    }

    @Test
    void kafkaIsASingleKraftNodeOfTheOfficialImage() {
        Map<String, Object> kafka = services.get("kafka");
        assertThat((String) kafka.get("image")).matches("apache/kafka:4\\.1\\.\\d+");
        Map<String, String> env = env("kafka");
        assertThat(env.get("KAFKA_PROCESS_ROLES")).isEqualTo("broker,controller");
        assertThat(env)
                .containsKeys(
                        "CLUSTER_ID",
                        "KAFKA_NODE_ID",
                        "KAFKA_CONTROLLER_QUORUM_VOTERS",
                        "KAFKA_CONTROLLER_LISTENER_NAMES",
                        "KAFKA_LOG_DIRS");
        assertThat(env.get("KAFKA_CONTROLLER_QUORUM_VOTERS")).isEqualTo(env.get("KAFKA_NODE_ID") + "@kafka:29093");
        // every listener has a protocol, and the containers' bootstrap address is an advertised listener
        List<String> listeners = List.of(env.get("KAFKA_LISTENERS").split(","));
        String protocols = env.get("KAFKA_LISTENER_SECURITY_PROTOCOL_MAP");
        for (String l : listeners) {
            assertThat(protocols).contains(l.substring(0, l.indexOf(':')) + ":");
        }
        assertThat(env.get("KAFKA_ADVERTISED_LISTENERS"))
                .contains("://kafka:19092")
                .contains("://localhost:9092");
        assertThat(env.get("KAFKA_OFFSETS_TOPIC_REPLICATION_FACTOR")).isEqualTo("1");
        assertThat(env.get("KAFKA_TRANSACTION_STATE_LOG_REPLICATION_FACTOR")).isEqualTo("1");
        // the data survives a restart
        assertThat((List<String>) at(kafka, "volumes"))
                .anySatisfy(v -> assertThat(v).endsWith(":" + env.get("KAFKA_LOG_DIRS")));
        assertThat(ports("kafka")).containsExactly("127.0.0.1:9092:9092");
    }

    @Test
    void postgresFifteenCreatesTheSynergyRoleAndDatabase() {
        Map<String, Object> pg = services.get("postgres");
        assertThat((String) pg.get("image")).matches("postgres:15(\\.\\d+)?(-.*)?");
        Map<String, String> env = env("postgres");
        assertThat(env)
                .containsEntry("POSTGRES_USER", "synergy")
                .containsEntry("POSTGRES_DB", "synergy")
                .containsKey("POSTGRES_PASSWORD");
        assertThat(ports("postgres")).containsExactly("127.0.0.1:5432:5432");
        assertThat(String.valueOf((Object) at(pg, "healthcheck", "test"))).contains("pg_isready");
        // the services log in with the role the image creates
        assertThat(env("energy-service").get("DB_PASSWORD")).isEqualTo(env.get("POSTGRES_PASSWORD"));
    }

    @Test
    void theSevenServicesOnTheContractPortsWithTheirEnvironment() {
        HelmChartTest.PORTS.forEach((service, port) -> {
            Map<String, Object> s = services.get(service);
            assertThat(s).as(service).isNotNull();
            assertThat(interpolateDefaults((String) s.get("image")))
                    .isEqualTo("ghcr.io/qingdao-synergy/" + service + ":1.0.0");
            assertThat(ports(service)).containsExactly("127.0.0.1:" + port + ":" + port);
            Map<String, String> env = env(service);
            assertThat(env)
                    .containsEntry("QUARKUS_HTTP_PORT", String.valueOf(port))
                    .containsEntry("DB_URL", "jdbc:postgresql://postgres:5432/synergy")
                    .containsEntry("DB_USER", "synergy")
                    .containsEntry("KAFKA_BOOTSTRAP_SERVERS", "kafka:19092")
                    .containsEntry("SYNERGY_KAFKA_CREATE_TOPICS", "true")
                    .containsEntry("SYNERGY_KAFKA_REPLICATION_FACTOR", "1")
                    .containsKeys("DB_PASSWORD", "JAVA_OPTS_APPEND");
            assertThat(env.get("DB_URL")).doesNotContain("?");
            assertThat(env.get("JAVA_OPTS_APPEND")).contains("-Xmx64m");
            // the health check asks the service's own readiness endpoint on its own port
            String health = String.valueOf((Object) at(s, "healthcheck", "test"));
            assertThat(health).contains("/dev/tcp/127.0.0.1/" + port).contains("/q/health/ready");
            // started only once Kafka and PostgreSQL are healthy
            Map<String, Map<String, String>> dependsOn = at(s, "depends_on");
            assertThat(dependsOn.keySet()).containsExactlyInAnyOrder("kafka", "postgres");
            dependsOn.values().forEach(d -> assertThat(d).containsEntry("condition", "service_healthy"));
        });
    }

    @Test
    void everyContainerHasAHealthCheckAndARestartPolicy() {
        services.forEach((name, s) -> {
            assertThat(at(s, "healthcheck", "test") instanceof List<?>).as(name).isTrue();
            assertThat((Object) at(s, "healthcheck", "interval")).as(name).isNotNull();
            assertThat((String) s.get("restart")).as(name).isEqualTo("unless-stopped");
        });
    }

    @Test
    void namedVolumesAreDeclared() {
        Map<String, Object> volumes = at(compose, "volumes");
        services.forEach((name, s) -> {
            List<String> mounts = at(s, "volumes");
            if (mounts != null) {
                for (String m : mounts) {
                    String source = m.substring(0, m.indexOf(':'));
                    if (!source.startsWith(".") && !source.startsWith("/")) {
                        assertThat(volumes).as(name + " mounts " + source).containsKey(source);
                    }
                }
            }
        });
    }

    @SuppressWarnings("unchecked")
    static List<String> ports(String service) {
        return ((List<Object>) services.get(service).get("ports"))
                .stream().map(p -> interpolateDefaults(String.valueOf(p))).toList();
    }
}
