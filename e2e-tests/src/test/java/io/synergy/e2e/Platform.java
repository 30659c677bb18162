package io.synergy.e2e;

import io.restassured.RestAssured;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.LocalTime;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * The platform as processes, driven through the same scripts as the local run: a Kafka broker on 127.0.0.1:9092 —
 * SASL/SCRAM-SHA-512 and the platform's ACLs, as deploy/local/kafka.sh runs it, with the credentials it makes in
 * target/e2e/kafka/credentials — and the eight services on 8080–8087 against the database synergy_e2e, emptied at start,
 * each as its own Kafka principal and PostgreSQL role. One platform per test JVM.
 */
final class Platform {

    static final Path ROOT =
            Path.of(System.getProperty("synergy.root", "..")).toAbsolutePath().normalize();
    static final Path DIR =
            Path.of(System.getProperty("synergy.e2e.dir", "target/e2e")).toAbsolutePath();
    static final Map<String, Integer> PORTS = new LinkedHashMap<>();

    static {
        PORTS.put("aggregation", 8080);
        PORTS.put("energy", 8081);
        PORTS.put("transport", 8082);
        PORTS.put("building", 8083);
        PORTS.put("agriculture", 8084);
        PORTS.put("waste", 8085);
        PORTS.put("registry", 8086);
        PORTS.put("console", 8087);
    }

    /**
     * The services' Kafka clients, as environment variables (Quarkus reads {@code KAFKA_*} as {@code kafka.*}, the settings
     * of every channel): a consumer that stops heart-beating — a service killed, as the fault tests do — leaves its group
     * after the broker's shortest session (6 s, group.min.session.timeout.ms) instead of the client's 45 s, and so its
     * partitions go to a new instance that much sooner. A consumer that leaves in order (a service stopped) leaves at
     * once either way.
     *
     * <p>And SmallRye's poll timeout, for every channel (MP_MESSAGING_CONNECTOR_SMALLRYE_KAFKA_POLL_TIMEOUT): a service
     * stopped in order pauses each of its channels in turn and sleeps twice the poll timeout before it commits and closes
     * the consumer (graceful-shutdown), 2 s a channel with the default 1 s. The aggregation has seven channels: it took
     * 10 s to stop, ScalingIT waited for its second instance that long, and deploy/local/services.sh stop killed the first
     * after 10 s. With 250 ms the same shutdown (pause, wait, commit, leave) sleeps 0.5 s a channel.
     */
    static final Map<String, String> KAFKA_CLIENTS = Map.of(
            "KAFKA_SESSION_TIMEOUT_MS",
            "6000",
            "KAFKA_HEARTBEAT_INTERVAL_MS",
            "1500",
            "MP_MESSAGING_CONNECTOR_SMALLRYE_KAFKA_POLL_TIMEOUT",
            "250");

    /**
     * The broker's JVM (deploy/local/kafka.sh, KAFKA_JVM_OPTS): C1 only, as the services run. The tests start it three
     * times (the platform, after the outage, after the sector service's kill) and wait for each start; on C1 it is
     * ready with about 40 % less CPU, a few seconds sooner on a loaded machine. A deployment's broker keeps C2.
     */
    static final Map<String, String> KAFKA_BROKER = Map.of("KAFKA_JVM_OPTS", "-XX:TieredStopAtLevel=1");

    private static boolean started;

    private Platform() {}

    static synchronized void start() {
        if (started) {
            return;
        }
        try {
            deleteRecursively(DIR.resolve("kafka"));
            Files.createDirectories(DIR);
            if ("root".equals(System.getProperty("user.name"))) {
                // the services' roles and schemas in synergy_e2e (deploy/local/test.sh does it too, for a run that is
                // not root)
                run(List.of("deploy/local/postgres.sh"), Map.of("DATABASES", "synergy_e2e"));
            }
            kafka("start");
            Runtime.getRuntime().addShutdownHook(new Thread(Platform::stop));
            started = true;
            run(List.of("deploy/local/services.sh", "start"), Map.of("FRESH_DB", "1"));
            authenticateAsEverything();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static synchronized void stop() {
        if (!started) {
            return;
        }
        started = false;
        run(List.of("deploy/local/services.sh", "stop"), Map.of());
        kafka("stop");
    }

    static void services(String command, String... names) {
        List<String> cmd = new ArrayList<>(List.of("deploy/local/services.sh", command));
        cmd.addAll(List.of(names));
        run(cmd, Map.of());
    }

    static void kafka(String command) {
        run(List.of("deploy/local/kafka.sh", command), KAFKA_BROKER);
    }

    /** Runs these steps at the same time (each a script of its own: a broker's and a service's start) and waits for all. */
    static void concurrently(Runnable... steps) {
        ExecutorService threads = Executors.newFixedThreadPool(steps.length);
        try {
            CompletableFuture.allOf(Stream.of(steps)
                            .map(step -> CompletableFuture.runAsync(step, threads))
                            .toArray(CompletableFuture[]::new))
                    .join();
        } finally {
            threads.shutdown();
        }
    }

    /** A bearer token for these roles, signed with the platform's key by deploy/local/token.sh. */
    static String token(String... roles) {
        List<String> command = new ArrayList<>(List.of("deploy/local/token.sh"));
        command.addAll(List.of(roles));
        ProcessBuilder pb = new ProcessBuilder(command).directory(ROOT.toFile());
        pb.environment().put("SYNERGY_KEY_DIR", DIR.resolve("keys").toString());
        try {
            Process p = pb.start();
            String token = new String(p.getInputStream().readAllBytes()).strip();
            if (!p.waitFor(30, TimeUnit.SECONDS) || p.exitValue() != 0 || token.isEmpty()) {
                throw new IllegalStateException(
                        "token.sh failed: " + new String(p.getErrorStream().readAllBytes()));
            }
            return token;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /**
     * The Kafka client configuration of one of the platform's principals ({@code admin}, {@code bureau-energy},
     * {@code aggregation-service}…) on the broker, as deploy/local/kafka-client.sh prints it for anyone.
     */
    static Properties kafkaClient(String principal) {
        ProcessBuilder pb = new ProcessBuilder("deploy/local/kafka-client.sh", principal).directory(ROOT.toFile());
        pb.environment().put("KAFKA_RUN_DIR", DIR.resolve("kafka").toString());
        try {
            Process p = pb.start();
            String path = new String(p.getInputStream().readAllBytes()).strip();
            if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
                throw new IllegalStateException("kafka-client.sh " + principal + " failed: "
                        + new String(p.getErrorStream().readAllBytes()));
            }
            Properties properties = new Properties();
            try (var in = Files.newBufferedReader(Path.of(path))) {
                properties.load(in);
            }
            return properties;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A secret deploy/local/kafka.sh made for a principal (its password), for a process started here directly. */
    private static String kafkaPassword(String principal) {
        try {
            return Files.readString(DIR.resolve("kafka/credentials/" + principal + ".password"))
                    .strip();
        } catch (IOException e) {
            throw new IllegalStateException("no Kafka credentials of " + principal + ": was the broker started?", e);
        }
    }

    /** Every request of the end-to-end tests is sent as a system that may do everything, unless it says otherwise. */
    static void authenticateAsEverything() {
        String header = "Bearer "
                + token(
                        "feed:energy",
                        "feed:transport",
                        "feed:building",
                        "feed:agriculture",
                        "feed:waste",
                        "reader",
                        "ops");
        RestAssured.replaceFiltersWith((request, response, ctx) -> {
            if (!request.getHeaders().hasHeaderWithName("Authorization")) {
                request.header("Authorization", header);
            }
            return ctx.next(request, response);
        });
    }

    /**
     * A second instance of the aggregation service, on {@code port}, against the same broker, database and consumer group
     * (what a second Kubernetes replica is). The caller destroys it.
     */
    static Process secondAggregation(int port) {
        ProcessBuilder pb = new ProcessBuilder(
                        "java",
                        "-Xms32m",
                        "-Xmx160m",
                        "-XX:+UseSerialGC",
                        "-XX:TieredStopAtLevel=1", // C1 only, as deploy/local/services.sh runs the first instance
                        "-jar",
                        ROOT.resolve("services/aggregation-service/target/quarkus-app/quarkus-run.jar")
                                .toString())
                .directory(ROOT.toFile())
                .redirectErrorStream(true)
                .redirectOutput(
                        ProcessBuilder.Redirect.appendTo(new File(DIR.toFile(), "aggregation-" + port + ".log")));
        pb.environment().put("QUARKUS_HTTP_PORT", Integer.toString(port));
        pb.environment().put("DB_URL", "jdbc:postgresql://127.0.0.1:5432/synergy_e2e");
        pb.environment().put("DB_USER", "synergy_aggregation");
        pb.environment().put("DB_PASSWORD", "synergy_aggregation");
        pb.environment().put("KAFKA_BOOTSTRAP_SERVERS", "127.0.0.1:9092");
        pb.environment().putAll(KAFKA_CLIENTS);
        pb.environment().put("SYNERGY_KAFKA_PASSWORD", kafkaPassword("aggregation-service"));
        pb.environment().put("SYNERGY_OPS_KAFKA_PASSWORD", kafkaPassword("ops"));
        pb.environment()
                .put(
                        "SYNERGY_JWT_PUBLIC_KEY_LOCATION",
                        DIR.resolve("keys/public.pem").toString());
        try {
            return pb.start();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Resident set size of a service or of the broker ("kafka"), in MiB, from ps. */
    static long rssMiB(String name) {
        try {
            Path pid = name.equals("kafka") ? DIR.resolve("kafka/broker.pid") : DIR.resolve(name + ".pid");
            Process p = new ProcessBuilder(
                            "ps", "-o", "rss=", "-p", Files.readString(pid).strip())
                    .start();
            String out = new String(p.getInputStream().readAllBytes()).strip();
            p.waitFor(10, TimeUnit.SECONDS);
            return Long.parseLong(out) / 1024;
        } catch (Exception e) {
            return -1;
        }
    }

    private static void run(List<String> command, Map<String, String> env) {
        ProcessBuilder pb = new ProcessBuilder(command)
                .directory(ROOT.toFile())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(new File(DIR.toFile(), "platform.log")));
        pb.environment().put("SYNERGY_RUN_DIR", DIR.toString());
        pb.environment().put("KAFKA_RUN_DIR", DIR.resolve("kafka").toString());
        pb.environment().put("DB_NAME", "synergy_e2e");
        pb.environment().put("SYNERGY_KEY_DIR", DIR.resolve("keys").toString());
        pb.environment().putAll(KAFKA_CLIENTS);
        pb.environment().putAll(env);
        try {
            Files.createDirectories(DIR);
            long start = System.nanoTime();
            Process p = pb.start();
            if (!p.waitFor(240, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException(
                        String.join(" ", command) + " did not finish; see " + DIR.resolve("platform.log"));
            }
            if (p.exitValue() != 0) {
                throw new IllegalStateException(String.join(" ", command) + " failed (" + p.exitValue() + "); see "
                        + DIR.resolve("platform.log") + ":\n" + tail(DIR.resolve("platform.log")));
            }
            // how long each step took, for the test time's figures (docs/architecture.md, "Test time (CI)")
            Files.writeString(
                    DIR.resolve("platform.log"),
                    String.format(
                            Locale.ROOT,
                            "[platform] %s %s: %.1f s%n",
                            LocalTime.now().truncatedTo(ChronoUnit.MILLIS),
                            String.join(" ", command),
                            (System.nanoTime() - start) / 1e9),
                    StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
        } catch (IOException e) {
            return "";
        }
    }

    private static void deleteRecursively(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (Stream<Path> s = Files.walk(dir)) {
                s.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }
}
