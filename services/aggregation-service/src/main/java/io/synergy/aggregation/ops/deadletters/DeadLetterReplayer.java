package io.synergy.aggregation.ops.deadletters;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.synergy.aggregation.ops.OpsConfig;
import io.synergy.aggregation.ops.kafka.OpsKafka;
import io.synergy.aggregation.ops.topics.PlatformTopic;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * Re-produces dead letters to the topic they failed on, after the cause was fixed (a catalogue entry added, a bureau's
 * district code corrected...). The record keeps its key (so it lands on the same partition as the original and keeps
 * per-key order), its value and its own headers; the dead-letter headers are dropped and {@code replayed-from},
 * {@code replayed-by} and {@code replay-count} are added.
 *
 * <p>Why replaying is safe: the feed consumers are idempotent (a report id and its revision decide), so a message replayed
 * twice is recognised as a duplicate. Why a loop guard anyway: a message that still fails goes back to the dead-letter
 * topic with its headers, {@code replay-count} included; past {@code synergy.ops.dead-letters.max-replays} it is refused
 * instead of circling between the feed and its dead-letter topic.
 */
@ApplicationScoped
public class DeadLetterReplayer {

    @Inject
    OpsKafka kafka;

    @Inject
    ReplayAudit audit;

    @Inject
    OpsConfig config;

    @Inject
    MeterRegistry metrics;

    public static final String REPLAYED = "REPLAYED";
    public static final String WOULD_REPLAY = "WOULD_REPLAY";
    public static final String REFUSED = "REFUSED";
    public static final String FAILED = "FAILED";
    public static final String NOT_FOUND = "NOT_FOUND";

    /** What happened to one chosen message. */
    public record Outcome(int partition, long offset, String key, String reason, String outcome, String targetTopic, Integer targetPartition,
            Long targetOffset, int replayCount, String detail, Long auditId) {
    }

    private record InFlight(ConsumerRecord<byte[], byte[]> record, String target, int count, long auditId, Future<RecordMetadata> ack) {
    }

    /** Replays the records (all read from {@code topic}); with {@code dryRun} only says what would happen, records nothing. */
    public List<Outcome> replay(String topic, List<ConsumerRecord<byte[], byte[]>> records, String operator, boolean dryRun) {
        List<Outcome> outcomes = new ArrayList<>();
        List<InFlight> inFlight = new ArrayList<>();
        int maxReplays = config.deadLetters().maxReplays();
        for (ConsumerRecord<byte[], byte[]> r : records) {
            String key = text(r.key());
            String reason = DeadLetterHeaders.text(r.headers(), DeadLetterHeaders.REASON);
            int previous = DeadLetterHeaders.replayCount(r.headers());
            String target = target(topic, r);
            String refusal = refusal(topic, target, previous, maxReplays);
            if (refusal != null) {
                Long id = dryRun ? null : audit.refused(operator, topic, r.partition(), r.offset(), key, reason, target, previous, refusal);
                outcomes.add(new Outcome(r.partition(), r.offset(), key, reason, REFUSED, target, null, null, previous, refusal, id));
                count(REFUSED, dryRun);
                continue;
            }
            if (dryRun) {
                outcomes.add(new Outcome(r.partition(), r.offset(), key, reason, WOULD_REPLAY, target, null, null, previous + 1, null, null));
                continue;
            }
            long id = audit.pending(operator, topic, r.partition(), r.offset(), key, reason, target, previous + 1);
            Future<RecordMetadata> ack;
            try {
                ack = kafka.producer().send(new ProducerRecord<>(target, null, r.key(), r.value(), headers(topic, r, operator, previous + 1)));
            } catch (RuntimeException e) {
                ack = CompletableFuture.failedFuture(e);
            }
            inFlight.add(new InFlight(r, target, previous + 1, id, ack));
        }
        // sent asynchronously above (one batch to the broker), acknowledged here
        for (InFlight f : inFlight) {
            ConsumerRecord<byte[], byte[]> r = f.record();
            String key = text(r.key());
            String reason = DeadLetterHeaders.text(r.headers(), DeadLetterHeaders.REASON);
            try {
                RecordMetadata m = f.ack().get(kafka.timeout().toMillis() * 3, TimeUnit.MILLISECONDS);
                audit.replayed(f.auditId(), m.partition(), m.offset());
                outcomes.add(new Outcome(r.partition(), r.offset(), key, reason, REPLAYED, f.target(), m.partition(), m.offset(), f.count(), null,
                        f.auditId()));
                count(REPLAYED, false);
                Log.infof("dead letter %s/%d/%d replayed to %s/%d/%d by %s", topic, r.partition(), r.offset(), f.target(), m.partition(), m.offset(),
                        operator);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                outcomes.add(failed(f, key, reason, e));
            } catch (ExecutionException | TimeoutException e) {
                outcomes.add(failed(f, key, reason, e instanceof ExecutionException ? e.getCause() : e));
            }
        }
        outcomes.sort((a, b) -> a.partition() != b.partition() ? Integer.compare(a.partition(), b.partition()) : Long.compare(a.offset(), b.offset()));
        return outcomes;
    }

    private Outcome failed(InFlight f, String key, String reason, Throwable e) {
        String detail = "not acknowledged by Kafka: " + e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
        audit.failed(f.auditId(), detail);
        count(FAILED, false);
        return new Outcome(f.record().partition(), f.record().offset(), key, reason, FAILED, f.target(), null, null, f.count(), detail, f.auditId());
    }

    /** The topic the message failed on: its {@code dead-letter-topic} header, else the dead-letter topic's name less {@code .dlq}. */
    static String target(String deadLetterTopic, ConsumerRecord<byte[], byte[]> r) {
        String header = DeadLetterHeaders.text(r.headers(), DeadLetterHeaders.TOPIC);
        return header == null || header.isBlank() ? PlatformTopic.sourceOf(deadLetterTopic) : header.strip();
    }

    /** Why the message must not be replayed, or {@code null}. */
    private static String refusal(String deadLetterTopic, String target, int previous, int maxReplays) {
        if (previous >= maxReplays) {
            return "already replayed " + previous + " times (limit " + maxReplays + "): it keeps failing, fix its cause or discard it";
        }
        // the header comes from the message: only ever write to a topic of the platform that a consumer of ours reads
        PlatformTopic t = PlatformTopic.find(target).orElse(null);
        if (t == null || PlatformTopic.DEAD_LETTER.equals(t.kind()) || target.equals(deadLetterTopic)) {
            return "target topic '" + target + "' is not a platform topic that can be replayed to";
        }
        return null;
    }

    private static RecordHeaders headers(String topic, ConsumerRecord<byte[], byte[]> r, String operator, int count) {
        RecordHeaders h = new RecordHeaders();
        for (Header header : r.headers()) {
            if (!DeadLetterHeaders.isAddedByFailureHandling(header.key())) {
                h.add(header.key(), header.value());
            }
        }
        h.add(DeadLetterHeaders.REPLAYED_FROM, (topic + "/" + r.partition() + "/" + r.offset()).getBytes(StandardCharsets.UTF_8));
        h.add(DeadLetterHeaders.REPLAYED_BY, operator.getBytes(StandardCharsets.UTF_8));
        h.add(DeadLetterHeaders.REPLAY_COUNT, Integer.toString(count).getBytes(StandardCharsets.UTF_8));
        return h;
    }

    private void count(String outcome, boolean dryRun) {
        if (!dryRun) {
            metrics.counter("synergy.ops.replays", "outcome", outcome).increment();
        }
    }

    private static String text(byte[] b) {
        return b == null ? null : new String(b, StandardCharsets.UTF_8);
    }
}
