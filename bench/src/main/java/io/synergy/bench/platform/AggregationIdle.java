package io.synergy.bench.platform;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Waits until the platform has caught up with what it was sent: every sector's outbox published, every indicator event
 * consumed by the aggregation, no recompute waiting and the aggregation's outbox published too. The phases that
 * measure one thing (freshness, the read load, one report's recompute) start from there, so they measure their own
 * work and not a backlog an earlier phase left.
 *
 * <pre>java -cp bench/target/benchmarks.jar io.synergy.bench.platform.AggregationIdle --timeout 300 [--out idle.properties]</pre>
 * writes {@code idle=true|false}, {@code waited.s} and, when it gave up early because nothing moved any more (a consumer
 * that stopped), {@code stalled=true} with the backlog left; exits 0 either way (a phase that starts on a busy platform says so).
 */
public final class AggregationIdle {

    static final List<String> INDICATOR_TOPICS = List.of(
            "indicators.energy.v1",
            "indicators.transport.v1",
            "indicators.building.v1",
            "indicators.agriculture.v1",
            "indicators.waste.v1");
    /** Rows not yet published or served, in every schema that feeds the results. */
    static final String PENDING =
            "SELECT (SELECT count(*) FROM aggregation.recompute_request) + (SELECT count(*) FROM aggregation.outbox)"
                    + " + (SELECT count(*) FROM energy.outbox) + (SELECT count(*) FROM transport.outbox) + (SELECT count(*) FROM building.outbox)"
                    + " + (SELECT count(*) FROM agriculture.outbox) + (SELECT count(*) FROM waste.outbox) + (SELECT count(*) FROM registry.outbox)";

    private AggregationIdle() {}

    public static void main(String[] args) throws Exception {
        Options o = new Options(args);
        int timeout = o.integer("timeout", 300);
        long start = System.nanoTime();
        Outcome outcome = await(
                o.string("bootstrap", "127.0.0.1:9092"),
                o.string("jdbc", "jdbc:postgresql://127.0.0.1:5432/synergy_bench"),
                timeout,
                o.integer("stall", STALL_SECONDS));
        double waited = (System.nanoTime() - start) / 1e9;
        System.out.printf(
                "[idle] %s after %.1f s%n",
                outcome.idle() ? "the platform is idle" : outcome.stalled() ? "nothing moves any more" : "still busy",
                waited);
        String out = o.string("out", null);
        if (out != null) {
            new ResultFile()
                    .put("idle", outcome.idle())
                    .put("waited.s", waited)
                    .put("timeout.s", timeout)
                    .put("stalled", outcome.stalled())
                    .put("lag.left", outcome.lag())
                    .put("pending.left", outcome.pending())
                    .write(Path.of(out));
        }
    }

    /** How long a backlog may stay exactly as it is before the wait gives up: the aggregation has stopped working it off. */
    static final int STALL_SECONDS = 120;

    /** Idle, or why not: what was left, and whether it had stopped moving. */
    record Outcome(boolean idle, boolean stalled, long lag, long pending) {}

    static boolean await(String bootstrap, String jdbc, int timeoutSeconds) throws Exception {
        return await(bootstrap, jdbc, timeoutSeconds, STALL_SECONDS).idle();
    }

    /**
     * Polls every 500 ms until three checks in a row find no lag and nothing pending; not idle if that did not happen
     * within the timeout, or if the backlog stayed exactly the same for {@code stallSeconds} (a consumer that stopped:
     * waiting longer would only waste the run). A busy platform is measured anyway, and the report says so.
     */
    static Outcome await(String bootstrap, String jdbc, int timeoutSeconds, int stallSeconds) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(timeoutSeconds);
        int idleChecks = 0;
        long lag = -1;
        long pending = -1;
        long lastChange = System.nanoTime();
        try (KafkaProbe kafka = new KafkaProbe(bootstrap);
                Connection db = DriverManager.getConnection(jdbc, "synergy", "synergy");
                Statement st = db.createStatement()) {
            while (System.nanoTime() < deadline) {
                long nowLag = kafka.lag("aggregation-service", INDICATOR_TOPICS);
                long nowPending;
                try (ResultSet rs = st.executeQuery(PENDING)) {
                    rs.next();
                    nowPending = rs.getLong(1);
                }
                if (nowLag != lag || nowPending != pending) {
                    lastChange = System.nanoTime();
                }
                lag = nowLag;
                pending = nowPending;
                idleChecks = lag == 0 && pending == 0 ? idleChecks + 1 : 0;
                if (idleChecks >= 3) {
                    return new Outcome(true, false, 0, 0);
                }
                if (System.nanoTime() - lastChange > TimeUnit.SECONDS.toNanos(stallSeconds)) {
                    System.err.printf(
                            "[idle] nothing moved for %d s: %,d indicator events not consumed, %,d rows pending%n",
                            stallSeconds, lag, pending);
                    return new Outcome(false, true, lag, pending);
                }
                Thread.sleep(500); // polling another process's progress
            }
        }
        System.err.println("[idle] the platform was still busy after " + timeoutSeconds + " s");
        return new Outcome(false, false, lag, pending);
    }
}
