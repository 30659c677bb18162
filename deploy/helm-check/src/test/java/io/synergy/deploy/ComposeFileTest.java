package io.synergy.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import io.synergy.model.kafka.Principals;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
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
            "build",
            "env_file");
    /** One-shot containers: they run to completion (no restart, no health check) and the services wait for that. */
    static final Set<String> ONE_SHOT = Set.of("kafka-init");

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
        Map<String, String> strings = new HashMap<>();
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
            if (!ONE_SHOT.contains(name)) {
                assertThat(HEALTHCHECK_KEYS)
                        .as(name + " healthcheck")
                        .containsAll(((Map<String, ?>) s.get("healthcheck")).keySet());
            }
        });
    }

    @Test
    void everyVariableHasADefaultButTheSecretsWhichSayHowToMakeThem() {
        // issue 17: no password has a default in a committed file; deploy/compose-credentials.sh makes them
        // (deploy/.env)
        Matcher m = Pattern.compile("\\$\\{([^}]*)}").matcher(text);
        List<String> neither = new ArrayList<>();
        while (m.find()) {
            boolean defaulted = m.group(1).matches("[A-Z_][A-Z0-9_]*:-.*");
            boolean secret = m.group(1)
                    .matches(
                            "SYNERGY_(KAFKA_PASSWORD_[A-Z_]+|DB_PASSWORD(_[A-Z]+)?):\\?run deploy/compose-credentials\\.sh");
            assertThat(defaulted && m.group(1).contains("PASSWORD"))
                    .as("a default password: " + m.group())
                    .isFalse();
            if (!defaulted && !secret) {
                neither.add(m.group());
            }
        }
        assertThat(neither).isEmpty();
    }

    @Test
    void kafkaAuthenticatesEveryClientAndEachServiceAsItsOwnPrincipal() throws IOException {
        String start = Files.readString(Chart.ROOT.resolve("deploy/kafka-broker/compose/start.sh"));
        // every listener is SASL; the clients' mechanism is SCRAM-SHA-512; nobody is allowed what no ACL allows
        Matcher map =
                Pattern.compile("listener\\.security\\.protocol\\.map=(.*)").matcher(start);
        assertThat(map.find()).isTrue();
        for (String entry : map.group(1).split(",")) {
            assertThat(entry).endsWith(":SASL_PLAINTEXT");
        }
        assertThat(start)
                .contains(
                        "sasl.enabled.mechanisms=SCRAM-SHA-512",
                        "allow.everyone.if.no.acl.found=false",
                        "super.users=User:admin",
                        "--add-scram");
        assertThat((List<Object>) at(services.get("kafka"), "command")).containsExactly("bash", "/synergy/start.sh");
        // each service's own principal, its password from deploy/.env; the console's ops API also as ops
        for (String service : HelmChartTest.PORTS.keySet()) {
            String variable =
                    "SYNERGY_KAFKA_PASSWORD_" + service.toUpperCase(Locale.ROOT).replace('-', '_');
            assertThat(String.valueOf((Object) at(services.get(service), "environment", "SYNERGY_KAFKA_PASSWORD")))
                    .as(service)
                    .isEqualTo("${" + variable + ":?run deploy/compose-credentials.sh}");
            assertThat(env(service))
                    .containsEntry("SYNERGY_KAFKA_SECURITY_PROTOCOL", "SASL_PLAINTEXT")
                    .doesNotContainKey("SYNERGY_KAFKA_CREATE_TOPICS");
        }
        assertThat(String.valueOf(
                        (Object) at(services.get("console-service"), "environment", "SYNERGY_OPS_KAFKA_PASSWORD")))
                .isEqualTo("${SYNERGY_KAFKA_PASSWORD_OPS:?run deploy/compose-credentials.sh}");
        // the script that makes the secrets knows every principal of the platform
        String credentials = Files.readString(Chart.ROOT.resolve("deploy/compose-credentials.sh"));
        for (String principal : Principals.all()) {
            assertThat(credentials).as(principal).containsPattern("\\b" + Pattern.quote(principal) + "\\b");
        }
        // the services start once kafka-init has provisioned the topics and ACLs
        assertThat((Object) at(services.get("kafka-init"), "command"))
                .isEqualTo(List.of("bash", "/synergy/provision.sh"));
        assertThat(String.valueOf((Object) at(services.get("energy-service"), "depends_on", "kafka-init", "condition")))
                .isEqualTo("service_completed_successfully");
    }

    @Test
    void kafkaPostgresAndTheEightServices() {
        assertThat(services.keySet())
                .containsExactlyInAnyOrder(
                        "kafka",
                        "kafka-init",
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
    void kafkaIsASingleKraftNodeOfTheOfficialImage() throws IOException {
        Map<String, Object> kafka = services.get("kafka");
        assertThat((String) kafka.get("image")).matches("apache/kafka:4\\.1\\.\\d+");
        Map<String, String> env = env("kafka");
        assertThat(env).containsKeys("CLUSTER_ID", "KAFKA_LOG_DIRS");
        String start = Files.readString(Chart.ROOT.resolve("deploy/kafka-broker/compose/start.sh"));
        assertThat(start)
                .contains(
                        "process.roles=broker,controller",
                        "controller.quorum.voters=1@kafka:29093",
                        "controller.listener.names=CONTROLLER",
                        "offsets.topic.replication.factor=1",
                        "transaction.state.log.replication.factor=1");
        // every listener has a protocol, and the containers' bootstrap address is an advertised listener
        Matcher listeners = Pattern.compile("\\nlisteners=(.*)").matcher(start);
        assertThat(listeners.find()).isTrue();
        Matcher protocols =
                Pattern.compile("listener\\.security\\.protocol\\.map=(.*)").matcher(start);
        assertThat(protocols.find()).isTrue();
        for (String l : listeners.group(1).split(",")) {
            assertThat(protocols.group(1)).contains(l.substring(0, l.indexOf(':')) + ":");
        }
        assertThat(start).contains("advertised.listeners=INTERNAL://kafka:19092,HOST://localhost:9092");
        // the data survives a restart
        assertThat((List<String>) at(kafka, "volumes"))
                .anySatisfy(v -> assertThat(v).endsWith(":" + env.get("KAFKA_LOG_DIRS")));
        assertThat(ports("kafka")).containsExactly("127.0.0.1:9092:9092");
    }

    static String serviceKey(String service) {
        return service.substring(0, service.indexOf('-'));
    }

    static String dbPasswordVariable(String service) {
        return "SYNERGY_DB_PASSWORD_" + serviceKey(service).toUpperCase(Locale.ROOT);
    }

    @Test
    void postgresFifteenCreatesTheDatabaseAndARolePerServiceOwningItsSchema() throws IOException {
        Map<String, Object> pg = services.get("postgres");
        assertThat((String) pg.get("image")).matches("postgres:15(\\.\\d+)?(-.*)?");
        Map<String, String> env = env("postgres");
        assertThat(env)
                .containsEntry("POSTGRES_USER", "synergy")
                .containsEntry("POSTGRES_DB", "synergy")
                .containsKey("POSTGRES_PASSWORD");
        assertThat(ports("postgres")).containsExactly("127.0.0.1:5432:5432");
        assertThat(String.valueOf((Object) at(pg, "healthcheck", "test"))).contains("pg_isready");
        // on the first start the image runs the init script, which creates the roles and their schemas with the roles'
        // passwords from deploy/.env -- the same variables the services log in with
        List<String> volumes = at(pg, "volumes");
        assertThat(volumes)
                .contains(
                        "./postgres/compose-init.sh:/docker-entrypoint-initdb.d/10-synergy-roles.sh:ro",
                        "./postgres:/synergy/postgres:ro");
        Path init = Chart.ROOT.resolve("deploy/postgres/compose-init.sh");
        assertThat(Files.isExecutable(init))
                .as("the entrypoint runs an executable init script")
                .isTrue();
        assertThat(Files.readString(init)).contains("/synergy/postgres/roles.sh");
        for (String service : HelmChartTest.PORTS.keySet()) {
            String variable = dbPasswordVariable(service);
            String reference = "${" + variable + ":?run deploy/compose-credentials.sh}";
            assertThat(String.valueOf((Object) at(pg, "environment", variable)))
                    .as("postgres gets " + variable)
                    .isEqualTo(reference);
            assertThat(String.valueOf((Object) at(services.get(service), "environment", "DB_PASSWORD")))
                    .as(service + " logs in with its own role's password")
                    .isEqualTo(reference);
        }
        // what the script creates: a role that may log in and nothing more, owning its service's schema
        String roles = Files.readString(Chart.ROOT.resolve("deploy/postgres/roles.sh"));
        Matcher list = Pattern.compile("SYNERGY_DB_SERVICES=\"([^\"]*)\"").matcher(roles);
        assertThat(list.find()).isTrue();
        assertThat(List.of(list.group(1).split(" ")))
                .containsExactlyElementsOf(HelmChartTest.PORTS.keySet().stream()
                        .map(ComposeFileTest::serviceKey)
                        .toList());
        assertThat(roles)
                .contains("CREATE ROLE ${role} LOGIN PASSWORD '${password}' NOSUPERUSER NOCREATEDB NOCREATEROLE")
                .contains("CREATE SCHEMA IF NOT EXISTS ${s} AUTHORIZATION synergy_${s}");
        assertThat(Files.readString(init))
                .contains("SYNERGY_DB_PASSWORD_${s^^}")
                .contains("synergy_role_sql \"synergy_$s\"")
                .contains("synergy_schema_sql \"$s\"");
    }

    @Test
    void theCredentialsScriptMakesEverySecretTheFileNeedsAndKeepsThemOnASecondRun(@TempDir Path dir) throws Exception {
        Path script = dir.resolve("compose-credentials.sh");
        Files.copy(Chart.ROOT.resolve("deploy/compose-credentials.sh"), script);
        Files.writeString(dir.resolve(".env"), "SYNERGY_DB_PASSWORD_ENERGY=kept\n");
        run(script);
        String first = Files.readString(dir.resolve(".env"));
        run(script);
        assertThat(Files.readString(dir.resolve(".env"))).as("idempotent").isEqualTo(first);
        Map<String, String> made = new HashMap<>();
        first.lines().forEach(l -> made.put(l.substring(0, l.indexOf('=')), l.substring(l.indexOf('=') + 1)));
        assertThat(made).containsEntry("SYNERGY_DB_PASSWORD_ENERGY", "kept");
        // the broker's containers read deploy/kafka.env: the Kafka passwords, none of the database's
        List<String> kafkaEnv = Files.readAllLines(dir.resolve("kafka.env"));
        assertThat(kafkaEnv)
                .isNotEmpty()
                .allMatch(l -> l.startsWith("SYNERGY_KAFKA_PASSWORD_"))
                .containsExactlyInAnyOrderElementsOf(first.lines()
                        .filter(l -> l.startsWith("SYNERGY_KAFKA_PASSWORD_"))
                        .toList());
        for (String broker : List.of("kafka", "kafka-init")) {
            assertThat(String.valueOf(services.get(broker).get("env_file")))
                    .as(broker + " reads only the Kafka passwords")
                    .contains("kafka.env")
                    .doesNotContain("path=.env");
        }
        Matcher m = Pattern.compile("\\$\\{([A-Z_0-9]+):\\?run deploy/compose-credentials\\.sh}")
                .matcher(text);
        Set<String> needed = new TreeSet<>();
        while (m.find()) {
            needed.add(m.group(1));
        }
        assertThat(needed)
                .contains("SYNERGY_DB_PASSWORD", "SYNERGY_DB_PASSWORD_AGGREGATION", "SYNERGY_DB_PASSWORD_CONSOLE");
        assertThat(made.keySet()).containsAll(needed);
        // a password of its own per role
        List<String> dbPasswords = HelmChartTest.PORTS.keySet().stream()
                .map(s -> made.get(dbPasswordVariable(s)))
                .toList();
        assertThat(Set.copyOf(dbPasswords)).hasSize(HelmChartTest.PORTS.size());
    }

    static void run(Path script) throws Exception {
        Process p = new ProcessBuilder("bash", script.toString())
                .redirectErrorStream(true)
                .start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(p.waitFor()).as(out).isZero();
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
                    .containsEntry("DB_USER", "synergy_" + serviceKey(service))
                    .containsEntry("KAFKA_BOOTSTRAP_SERVERS", "kafka:19092")
                    .containsKeys("DB_PASSWORD", "JAVA_OPTS_APPEND");
            assertThat(env.get("DB_URL")).doesNotContain("?");
            // the aggregation holds a city's facts (issue 19): a heap of up to 160 MB; the others 64 MB
            assertThat(env.get("JAVA_OPTS_APPEND"))
                    .contains(service.equals("aggregation-service") ? "-Xmx160m" : "-Xmx64m");
            // a Kafka fetch's temporary direct buffer is freed after the read, not kept per thread against the 24 MB
            // cap
            assertThat(env.get("JAVA_OPTS_APPEND"))
                    .contains("-XX:MaxDirectMemorySize=24m", "-Djdk.nio.maxCachedBufferSize=262144");
            // glibc's freed memory handed back every 5 s (docs/performance.md, "Native heap trimming")
            assertThat(env.get("JAVA_OPTS_APPEND")).contains("-XX:TrimNativeHeapInterval=5000");
            // the health check asks the service's own readiness endpoint on its own port
            String health = String.valueOf((Object) at(s, "healthcheck", "test"));
            assertThat(health).contains("/dev/tcp/127.0.0.1/" + port).contains("/q/health/ready");
            // started only once the topics and ACLs are provisioned and PostgreSQL is healthy
            Map<String, Map<String, String>> dependsOn = at(s, "depends_on");
            assertThat(dependsOn).containsOnlyKeys("kafka-init", "postgres");
            assertThat(dependsOn.get("kafka-init")).containsEntry("condition", "service_completed_successfully");
            assertThat(dependsOn.get("postgres")).containsEntry("condition", "service_healthy");
        });
        assertThat(HelmChartTest.PORTS.keySet().stream()
                        .map(service -> env(service).get("DB_USER"))
                        .distinct())
                .as("no two services share a database role")
                .hasSize(HelmChartTest.PORTS.size());
    }

    @Test
    void everyContainerHasAHealthCheckAndARestartPolicy() {
        services.forEach((name, s) -> {
            if (ONE_SHOT.contains(name)) {
                assertThat((String) s.get("restart")).as(name).isEqualTo("no");
                return;
            }
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
