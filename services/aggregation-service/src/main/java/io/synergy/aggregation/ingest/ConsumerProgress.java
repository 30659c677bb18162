package io.synergy.aggregation.ingest;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.TopicPartition;

/**
 * Whether this instance's indicator consumer is making progress: {@code RUNNING}, or {@code STALLED} on a batch it cannot
 * store for a transient reason (the database away, the broker not acknowledging its dead letters), with the partitions and
 * offsets it waits at, the reason and since when. The consumer keeps retrying a stalled batch, and loses nothing; the
 * readiness check, the ops API ({@code GET /api/v1/ops/consumers}) and the gauges {@code synergy.consumer.stalled} and
 * {@code synergy.consumer.stalled.seconds} say so. A bad record never stalls it: that goes to the dead letters.
 */
@ApplicationScoped
public class ConsumerProgress {

    public static final String RUNNING = "RUNNING";
    public static final String STALLED = "STALLED";

    /** Where a stalled batch starts in one partition: the first offset not yet stored. */
    public record Position(String topic, int partition, long offset) {}

    /**
     * The consumer as this instance sees it.
     *
     * @param state     RUNNING or STALLED
     * @param since     when the batch first failed ({@code null} while running)
     * @param reason    the last failure ({@code null} while running)
     * @param attempts  failed attempts on the stalled batch
     * @param positions the partitions and offsets the stalled batch starts at
     * @param lastBatchAt when a batch was last stored
     */
    public record View(
            String state, Instant since, String reason, int attempts, List<Position> positions, Instant lastBatchAt) {}

    private volatile View view = new View(RUNNING, null, null, 0, List.of(), null);
    private volatile boolean stopping;

    public ConsumerProgress(MeterRegistry metrics) {
        Gauge.builder("synergy.consumer.stalled", this, p -> STALLED.equals(p.view.state()) ? 1 : 0)
                .description("1 while the indicator consumer retries a batch it cannot store (database away), else 0")
                .tag("group", "aggregation-service")
                .register(metrics);
        Gauge.builder(
                        "synergy.consumer.stalled.seconds",
                        this,
                        p -> p.view.since() == null
                                ? 0
                                : Duration.between(p.view.since(), Instant.now())
                                                .toMillis()
                                        / 1000.0)
                .description("How long the indicator consumer has been stalled")
                .tag("group", "aggregation-service")
                .register(metrics);
    }

    public View view() {
        return view;
    }

    /** The batch was stored: running again (and say so if it was stalled). */
    void stored() {
        View v = view;
        if (STALLED.equals(v.state())) {
            Log.infof(
                    "indicator consumer: running again after %s stalled (%d failed attempts)",
                    Duration.between(v.since(), Instant.now()), v.attempts());
        }
        view = new View(RUNNING, null, null, 0, List.of(), Instant.now());
    }

    /** An attempt at the batch failed for a transient reason; it will be retried. */
    void failed(ConsumerRecords<?, ?> batch, Exception e) {
        View v = view;
        String reason = describe(e);
        Instant since = STALLED.equals(v.state()) ? v.since() : Instant.now();
        if (!STALLED.equals(v.state())) {
            Log.warnf("indicator consumer: STALLED at %s, retrying: %s", positions(batch), reason);
        }
        view = new View(STALLED, since, reason, v.attempts() + 1, positions(batch), v.lastBatchAt());
    }

    /**
     * Waits before the next attempt; {@code false} if the service is stopping (the batch is then given up uncommitted and
     * read again at the next start).
     */
    synchronized boolean pause(Duration d) {
        long deadline = System.nanoTime() + d.toNanos();
        while (!stopping) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                return true;
            }
            try {
                wait(Math.max(1, left / 1_000_000));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }
        return false;
    }

    synchronized void stop(@Observes @Priority(1) ShutdownEvent event) {
        stopping = true;
        notifyAll();
    }

    private static List<Position> positions(ConsumerRecords<?, ?> batch) {
        Map<String, Position> first = new TreeMap<>();
        for (TopicPartition tp : batch.partitions()) {
            List<? extends ConsumerRecord<?, ?>> records = batch.records(tp);
            if (!records.isEmpty()) {
                first.put(
                        tp.topic() + "-" + String.format("%05d", tp.partition()),
                        new Position(tp.topic(), tp.partition(), records.get(0).offset()));
            }
        }
        return new ArrayList<>(first.values());
    }

    /** The exception and its causes, for a person: {@code PSQLException: Connection refused}. */
    static String describe(Throwable e) {
        StringBuilder s = new StringBuilder();
        for (Throwable t = e; t != null && s.length() < 500; t = t.getCause() == t ? null : t.getCause()) {
            if (t.getMessage() != null && s.indexOf(t.getMessage()) < 0) {
                s.append(s.length() == 0 ? "" : " ← ")
                        .append(t.getClass().getSimpleName())
                        .append(": ")
                        .append(t.getMessage().lines().findFirst().orElse(""));
            }
        }
        return s.length() == 0 ? e.getClass().getSimpleName() : s.toString();
    }
}
