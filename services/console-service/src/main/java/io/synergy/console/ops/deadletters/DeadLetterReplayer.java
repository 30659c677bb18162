package io.synergy.console.ops.deadletters;

import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.synergy.console.ops.OpsConfig;
import io.synergy.console.ops.kafka.OpsKafka;
import io.synergy.console.ops.topics.PlatformTopic;
import io.synergy.model.event.FeedDeadLetter.Identity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;

/**
 * Re-produces a feed's dead letters to that feed, after the cause was fixed (a catalogue entry added, an enterprise
 * registered, a bureau's district code corrected...). The target is the feed of the dead-letter topic and nothing else
 * (feeds.energy.v1.dlq → feeds.energy.v1), whatever the message's headers say: they come from a topic, and the replay is
 * written with the aggregation's identity. The dead-letter topics of the aggregation's own consumers are never replayed.
 *
 * <p>The record keeps its key (so it lands on the same partition as the original and keeps per-key order), its value and
 * its own headers; the dead-letter headers and any credential are dropped, and {@code replayed-dead-letter} (the dead
 * letter's id), {@code replayed-from}, {@code replayed-by} and {@code replay-count} are added. It carries no token: the
 * sector service authorises it as the identity it recorded under that id when it wrote the dead letter, if the payload is
 * the same (docs/security.md). So a dead letter without an id (written before identities were recorded, or not by a sector
 * service) or whose producer was never authenticated is refused here: a replay could not authorise it anyway.
 *
 * <p>Why replaying is safe: the feed consumers are idempotent (a report id and its revision decide), so a message replayed
 * twice is recognised as a duplicate. Why a loop guard anyway: a message that still fails goes back to the dead-letter
 * topic with its headers, {@code replay-count} included; past {@code synergy.ops.dead-letters.max-replays} it is refused
 * instead of circling between the feed and its dead-letter topic.
 */
@ApplicationScoped
public class DeadLetterReplayer {

    private final OpsKafka kafka;
    private final ReplayAudit audit;
    private final OpsConfig config;
    private final MeterRegistry metrics;
    public static final String REPLAYED = "REPLAYED";
    public static final String WOULD_REPLAY = "WOULD_REPLAY";
    public static final String REFUSED = "REFUSED";
    public static final String FAILED = "FAILED";
    public static final String NOT_FOUND = "NOT_FOUND";

    @Inject
    DeadLetterReplayer(OpsKafka kafka, ReplayAudit audit, OpsConfig config, MeterRegistry metrics) {
        this.kafka = kafka;
        this.audit = audit;
        this.config = config;
        this.metrics = metrics;
    }

    /**
     * What happened to one chosen message; {@code identity} is who its dead letter names as the producer, whom the sector
     * service will authorise the replay as ({@code null} if it names none).
     */
    public record Outcome(
            int partition,
            long offset,
            String key,
            String reason,
            String outcome,
            String targetTopic,
            Integer targetPartition,
            Long targetOffset,
            int replayCount,
            String detail,
            Long auditId,
            String deadLetterId,
            Identity identity) {}

    private record InFlight(
            ConsumerRecord<byte[], byte[]> record,
            ReplayAudit.Attempt attempt,
            String note,
            long auditId,
            Future<RecordMetadata> ack) {}

    /** The topic the dead letters of {@code deadLetterTopic} are replayed to: its feed; {@code null} if it is not a feed's. */
    public static String target(String deadLetterTopic) {
        return PlatformTopic.feedOf(deadLetterTopic).map(PlatformTopic::name).orElse(null);
    }

    /** Replays the records (all read from {@code topic}); with {@code dryRun} only says what would happen, records nothing. */
    public List<Outcome> replay(
            String topic, List<ConsumerRecord<byte[], byte[]>> records, String operator, boolean dryRun) {
        List<Outcome> outcomes = new ArrayList<>();
        List<InFlight> inFlight = new ArrayList<>();
        int maxReplays = config.deadLetters().maxReplays();
        String target = target(topic);
        for (ConsumerRecord<byte[], byte[]> r : records) {
            int previous = DeadLetterHeaders.replayCount(r.headers());
            Identity identity = DeadLetterHeaders.identity(r.headers()).orElse(null);
            ReplayAudit.Attempt attempt = new ReplayAudit.Attempt(
                    operator,
                    topic,
                    r.partition(),
                    r.offset(),
                    text(r.key()),
                    DeadLetterHeaders.text(r.headers(), DeadLetterHeaders.REASON),
                    DeadLetterHeaders.text(r.headers(), DeadLetterHeaders.ID),
                    identity,
                    target,
                    previous);
            String refusal = refusal(topic, attempt, maxReplays);
            if (refusal != null) {
                Long id = dryRun ? null : audit.refused(attempt, refusal);
                outcomes.add(outcome(attempt, REFUSED, null, previous, refusal, id));
                count(REFUSED, dryRun);
                continue;
            }
            String note = steered(r, target);
            if (dryRun) {
                outcomes.add(outcome(attempt, WOULD_REPLAY, null, previous + 1, note, null));
                continue;
            }
            ReplayAudit.Attempt counted = new ReplayAudit.Attempt(
                    operator,
                    topic,
                    r.partition(),
                    r.offset(),
                    attempt.key(),
                    attempt.reason(),
                    attempt.deadLetterId(),
                    identity,
                    target,
                    previous + 1);
            long id = audit.pending(counted);
            Future<RecordMetadata> ack;
            try {
                ack = kafka.producer()
                        .send(new ProducerRecord<>(
                                target,
                                null,
                                r.key(),
                                r.value(),
                                headers(topic, r, attempt.deadLetterId(), operator, previous + 1)));
            } catch (RuntimeException e) {
                ack = CompletableFuture.failedFuture(e);
            }
            inFlight.add(new InFlight(r, counted, note, id, ack));
        }
        // sent asynchronously above (one batch to the broker), acknowledged here
        for (InFlight f : inFlight) {
            ConsumerRecord<byte[], byte[]> r = f.record();
            try {
                RecordMetadata m = f.ack().get(kafka.timeout().toMillis() * 3, TimeUnit.MILLISECONDS);
                audit.replayed(f.auditId(), m.partition(), m.offset());
                outcomes.add(outcome(f.attempt(), REPLAYED, m, f.attempt().replayCount(), f.note(), f.auditId()));
                count(REPLAYED, false);
                Log.infof(
                        "dead letter %s/%d/%d replayed to %s/%d/%d by %s, as %s",
                        topic,
                        r.partition(),
                        r.offset(),
                        m.topic(),
                        m.partition(),
                        m.offset(),
                        operator,
                        f.attempt().identity().subject());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                outcomes.add(failed(f, e));
            } catch (ExecutionException | TimeoutException e) {
                outcomes.add(failed(f, e instanceof ExecutionException ? e.getCause() : e));
            }
        }
        outcomes.sort((a, b) -> a.partition() != b.partition()
                ? Integer.compare(a.partition(), b.partition())
                : Long.compare(a.offset(), b.offset()));
        return outcomes;
    }

    private static Outcome outcome(
            ReplayAudit.Attempt a, String outcome, RecordMetadata m, int replayCount, String detail, Long auditId) {
        return new Outcome(
                a.partition(),
                a.offset(),
                a.key(),
                a.reason(),
                outcome,
                a.target(),
                m == null ? null : m.partition(),
                m == null ? null : m.offset(),
                replayCount,
                detail,
                auditId,
                a.deadLetterId(),
                a.identity());
    }

    private Outcome failed(InFlight f, Throwable e) {
        String detail = "not acknowledged by Kafka: " + e.getClass().getSimpleName()
                + (e.getMessage() == null ? "" : ": " + e.getMessage());
        audit.failed(f.auditId(), detail);
        count(FAILED, false);
        return outcome(f.attempt(), FAILED, null, f.attempt().replayCount(), detail, f.auditId());
    }

    /** Why the message must not be replayed, or {@code null}. */
    private static String refusal(String deadLetterTopic, ReplayAudit.Attempt a, int maxReplays) {
        if (a.target() == null) {
            return "'" + deadLetterTopic
                    + "' is not the dead-letter topic of a feed: its messages are browsed, never replayed";
        }
        if (a.replayCount() >= maxReplays) {
            return "already replayed " + a.replayCount() + " times (limit " + maxReplays
                    + "): it keeps failing, fix its cause or discard it";
        }
        if (a.deadLetterId() == null || a.deadLetterId().isBlank() || a.identity() == null) {
            return "no recorded identity (no " + DeadLetterHeaders.ID
                    + "): the dead letter was written before the sector services recorded who "
                    + "produced a message, or not by one; a replay carries no token, so its producing system must send it again";
        }
        if (!a.identity().authenticated()) {
            return "unauthenticated when it was received (" + a.identity().failure()
                    + "): a replay cannot authorise it, its producing system "
                    + "must send it again with a valid token";
        }
        return null;
    }

    /** A note when the message's own dead-letter-topic header names another topic than the one it is replayed to. */
    private static String steered(ConsumerRecord<byte[], byte[]> r, String target) {
        String header = DeadLetterHeaders.text(r.headers(), DeadLetterHeaders.TOPIC);
        return header == null || header.strip().equals(target)
                ? null
                : "its " + DeadLetterHeaders.TOPIC + " header names '" + header.strip()
                        + "', which is ignored: a dead letter goes back to its feed only";
    }

    private static RecordHeaders headers(
            String topic, ConsumerRecord<byte[], byte[]> r, String deadLetterId, String operator, int count) {
        RecordHeaders h = new RecordHeaders();
        for (Header header : r.headers()) {
            if (!DeadLetterHeaders.isDroppedOnReplay(header.key())) {
                h.add(header.key(), header.value());
            }
        }
        h.add(DeadLetterHeaders.REPLAYED_DEAD_LETTER, deadLetterId.strip().getBytes(StandardCharsets.UTF_8));
        h.add(
                DeadLetterHeaders.REPLAYED_FROM,
                (topic + "/" + r.partition() + "/" + r.offset()).getBytes(StandardCharsets.UTF_8));
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
