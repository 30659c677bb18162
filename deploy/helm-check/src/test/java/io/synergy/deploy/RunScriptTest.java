package io.synergy.deploy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * deploy/local/run.sh ends right after stopping what it started: status 130 after Ctrl-C (SIGINT), 143 after SIGTERM, 1 when a
 * service died. The real script runs, with its real traps and wait loop; only its step scripts (PostgreSQL, Kafka, the services,
 * tokens) are stand-ins (SYNERGY_LOCAL_DIR) that start a {@code sleep} per service and record what they are asked to do.
 */
class RunScriptTest {

    static final List<String> SERVICES =
            List.of("aggregation", "energy", "transport", "building", "agriculture", "waste", "registry", "console");

    @Test
    void ctrlCStopsEverythingAndExitsWith130() throws Exception {
        assertStopsAndExits("INT", 130);
    }

    @Test
    void sigtermStopsEverythingAndExitsWith143() throws Exception {
        assertStopsAndExits("TERM", 143);
    }

    @Test
    void aServiceWithoutItsPidFileCountsAsStoppedAndTheScriptEnds(@TempDir Path dir) throws Exception {
        Run run = start(dir);
        // what "kill -0 $(cat missing.pid || echo 0)" got wrong: signal 0 to process group 0 always succeeds
        Files.delete(dir.resolve("run/energy.pid"));
        assertThat(run.ends(20)).as("the script ends: %s", run.output).isTrue();
        assertThat(run.process.exitValue()).isEqualTo(1);
        assertThat(String.join("\n", run.output))
                .contains("[run] energy stopped unexpectedly")
                .contains("[run] stopped");
        assertThat(Files.readAllLines(dir.resolve("calls.log"))).containsOnlyOnce("services stop", "kafka stop");
    }

    void assertStopsAndExits(String signal, int status) throws Exception {
        Path dir = Files.createTempDirectory("run-sh-");
        Run run = start(dir);
        List<Long> children = SERVICES.stream()
                .map(s -> pid(dir.resolve("run/" + s + ".pid")))
                .toList();
        long sent = System.nanoTime();
        assertThat(new ProcessBuilder("kill", "-" + signal, Long.toString(run.process.pid()))
                        .start()
                        .waitFor())
                .isZero();
        assertThat(run.ends(10))
                .as("the script ends after SIG%s: %s", signal, run.output)
                .isTrue();
        assertThat(Duration.ofNanos(System.nanoTime() - sent))
                .as("at once, not after a second signal")
                .isLessThan(Duration.ofSeconds(5));
        assertThat(run.process.exitValue()).isEqualTo(status);
        assertThat(String.join("\n", run.output)).contains("[run] stopping").contains("[run] stopped");
        assertThat(Files.readAllLines(dir.resolve("calls.log"))).containsOnlyOnce("services stop", "kafka stop");
        // stopped by the stand-in's "services.sh stop" (a zombie left for a container's init to reap counts as stopped)
        await().atMost(Duration.ofSeconds(5))
                .untilAsserted(() -> assertThat(children).noneMatch(RunScriptTest::running));
    }

    record Run(Process process, List<String> output, Thread reader) {

        /** Waits for the script to end and its output to be read to the end; true if it ended within the time. */
        boolean ends(long seconds) throws InterruptedException {
            if (!process.waitFor(seconds, TimeUnit.SECONDS)) {
                return false;
            }
            reader.join(5_000);
            return true;
        }
    }

    /** Starts run.sh against the stand-ins and waits until it says the platform is running. */
    static Run start(Path dir) throws IOException {
        Path fake = Files.createDirectories(dir.resolve("fake"));
        Path runDir = Files.createDirectories(dir.resolve("run"));
        Path calls = dir.resolve("calls.log");
        script(fake.resolve("postgres.sh"), "echo postgres >> '" + calls + "'");
        script(fake.resolve("token.sh"), "echo test-token");
        script(fake.resolve("kafka.sh"), """
                echo "kafka $1" >> '%s'
                case $1 in
                  start) sleep 300 >/dev/null 2>&1 & echo $! > "$SYNERGY_RUN_DIR/broker.pid" ;;
                  stop) kill "$(cat "$SYNERGY_RUN_DIR/broker.pid")" 2>/dev/null; rm -f "$SYNERGY_RUN_DIR/broker.pid" ;;
                esac""".formatted(calls));
        script(fake.resolve("services.sh"), """
                echo "services $1" >> '%s'
                for s in %s; do
                  case $1 in
                    start) sleep 300 >/dev/null 2>&1 & echo $! > "$SYNERGY_RUN_DIR/$s.pid" ;;
                    stop) [ -f "$SYNERGY_RUN_DIR/$s.pid" ] && kill "$(cat "$SYNERGY_RUN_DIR/$s.pid")" 2>/dev/null
                          rm -f "$SYNERGY_RUN_DIR/$s.pid" ;;
                  esac
                done""".formatted(calls, String.join(" ", SERVICES)));
        // perl (an essential Debian package) restores SIGINT's default first: a shell started in the background (as a
        // build
        // may be) inherits SIGINT ignored, and bash cannot trap a signal that was ignored when it started
        ProcessBuilder pb = new ProcessBuilder(
                        "perl",
                        "-e",
                        "$SIG{INT} = 'DEFAULT'; $SIG{TERM} = 'DEFAULT'; exec @ARGV",
                        "bash",
                        Chart.ROOT.resolve("deploy/local/run.sh").toString())
                .redirectErrorStream(true);
        pb.environment().put("SYNERGY_LOCAL_DIR", fake.toString());
        pb.environment().put("SYNERGY_RUN_DIR", runDir.toString());
        pb.environment().put("SKIP_BUILD", "1");
        pb.environment().put("NO_DEMO", "1");
        Process p = pb.start();
        List<String> output = new CopyOnWriteArrayList<>();
        Thread reader = new Thread(() -> {
            try (BufferedReader r =
                    new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = r.readLine(); line != null; line = r.readLine()) {
                    output.add(line);
                }
            } catch (IOException e) {
                output.add("(output unreadable: " + e + ")");
            }
        });
        reader.setDaemon(true);
        reader.start();
        await().atMost(Duration.ofSeconds(30))
                .until(() -> output.stream().anyMatch(l -> l.contains("Synergy is running")) || !p.isAlive());
        assertThat(p.isAlive()).as("run.sh is running: %s", output).isTrue();
        assertThat(output)
                .as("each step says how long it took")
                .anyMatch(l -> l.matches("\\[run\\] services: [0-9]+ s"));
        return new Run(p, output, reader);
    }

    static void script(Path file, String body) throws IOException {
        Files.writeString(file, "#!/usr/bin/env bash\n" + body + "\n");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwx------"));
    }

    static boolean running(long pid) {
        try {
            String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
            return stat.charAt(stat.lastIndexOf(')') + 2) != 'Z';
        } catch (IOException e) {
            return false;
        }
    }

    static long pid(Path file) {
        try {
            return Long.parseLong(Files.readString(file).strip());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
