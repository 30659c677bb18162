package io.synergy.sector.deadletter;

import io.smallrye.faulttolerance.api.ExponentialBackoff;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.synergy.model.event.FeedDeadLetter;
import io.synergy.model.event.FeedDeadLetter.Identity;
import io.synergy.model.event.FeedDeadLetter.JudgedBy;
import io.synergy.sector.ingest.FeedRecord;
import io.synergy.sector.security.FeedIdentity;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Metadata;

/**
 * The feed's dead letters, written by this service rather than by SmallRye's dead-letter strategy, which copies every
 * header of the failed message — the producing system's token among them — into a topic operators browse. A dead letter
 * is recorded in this service's schema first ({@link DeadLetterStore}: its id, the verified identity, the payload's
 * digest), then produced to {@code feeds.<sector>.v1.dlq} and acknowledged by the broker; only then is the feed message
 * acknowledged, so nothing is lost between the two topics. A replay cites the id; {@link #replayed} finds the identity
 * it is to be authorised as (docs/security.md).
 */
@ApplicationScoped
public class FeedDeadLetters {

    private final DeadLetterStore store;
    private final MutinyEmitter<byte[]> topic;

    public FeedDeadLetters(DeadLetterStore store, @Channel("feed-dead-letters") MutinyEmitter<byte[]> topic) {
        this.store = store;
        this.topic = topic;
    }

    /**
     * Writes the dead letter of a feed record: the record's key and value, its headers less any credential and less the
     * platform's own ({@code dead-letter-*}, which a producer must not be able to set), and the dead-letter headers: id,
     * reason, where it was consumed, and the identity instead of the token. Retried while the database or the broker is
     * away (the feed waits meanwhile); if it still fails the caller must not acknowledge the record.
     *
     * @return the dead letter's id
     */
    @Retry(maxRetries = -1, delay = 500, maxDuration = 600_000)
    @ExponentialBackoff(maxDelay = 30_000)
    public UUID write(FeedRecord record, FeedIdentity who, String reason, Throwable failure) {
        UUID id = store.record(
                record.topic(),
                record.partition(),
                record.offset(),
                sha256(record.value()),
                reason,
                who.identity(),
                who.judgedAt(),
                who.judgedBy(),
                who.replayOf());
        RecordHeaders headers = new RecordHeaders();
        for (Header h : record.headers()) {
            if (!FeedDeadLetter.isCredential(h.key()) && !FeedDeadLetter.isPlatformHeader(h.key())) {
                headers.add(h.key(), h.value());
            }
        }
        add(headers, FeedDeadLetter.ID, id.toString());
        add(headers, FeedDeadLetter.REASON, reason);
        add(headers, FeedDeadLetter.EXCEPTION, failure.getClass().getName());
        if (failure.getCause() != null) {
            add(headers, FeedDeadLetter.CAUSE, String.valueOf(failure.getCause().getMessage()));
        }
        add(headers, FeedDeadLetter.TOPIC, record.topic());
        add(headers, FeedDeadLetter.PARTITION, Integer.toString(record.partition()));
        add(headers, FeedDeadLetter.OFFSET, Long.toString(record.offset()));
        who.identity().headers().forEach((k, v) -> add(headers, k, v));
        add(headers, FeedDeadLetter.JUDGED_AT, who.judgedAt().toString());
        add(headers, FeedDeadLetter.JUDGED_BY, who.judgedBy().header());
        OutgoingKafkaRecordMetadata<byte[]> kafka = OutgoingKafkaRecordMetadata.<byte[]>builder()
                .withKey(record.key())
                .withHeaders(headers)
                .build();
        // waits for the broker's acknowledgement (acks=all): the caller acknowledges the feed record only after it
        topic.sendMessageAndAwait(Message.of(record.value(), Metadata.of(kafka)));
        return id;
    }

    /**
     * Who a replayed record is from: the identity recorded with the dead letter it cites, if this service wrote that dead
     * letter and the record's value is that dead letter's value. Anything else — an unknown id, another payload, a dead
     * letter that was unauthenticated itself — is unauthenticated, with the reason; no header of the record is believed.
     */
    public FeedIdentity replayed(String deadLetterId, byte[] value) {
        Instant now = Instant.now();
        UUID id;
        try {
            id = UUID.fromString(deadLetterId.strip());
        } catch (IllegalArgumentException e) {
            return recorded(
                    Identity.unauthenticated("unauthenticated: the replay cites '" + deadLetterId
                            + "', which is not a dead letter's id"),
                    now,
                    null);
        }
        Optional<DeadLetterStore.Recorded> found = store.find(id);
        if (found.isEmpty()) {
            return recorded(
                    Identity.unauthenticated("unauthenticated: the replay cites an unknown dead letter (" + id
                            + "): only a dead letter this service wrote is replayed as the identity recorded with it"),
                    now,
                    null);
        }
        DeadLetterStore.Recorded dead = found.get();
        if (!Objects.equals(dead.payloadSha256(), sha256(value))) {
            return recorded(
                    Identity.unauthenticated(
                            "unauthenticated: the replay's payload is not the payload of dead letter " + id),
                    now,
                    null);
        }
        if (!dead.identity().authenticated()) {
            return recorded(
                    Identity.unauthenticated("unauthenticated: dead letter " + id + " had no valid token ("
                            + dead.identity().failure()
                            + "); a replay cannot authorise it: the producing system must send it again"),
                    dead.judgedAt(),
                    id);
        }
        return recorded(dead.identity(), dead.judgedAt(), id);
    }

    /** Notes that the replay of a dead letter was stored. */
    public void stored(UUID deadLetter, String replayedBy) {
        store.replayed(
                deadLetter, replayedBy == null ? null : replayedBy.substring(0, Math.min(replayedBy.length(), 200)));
    }

    private static FeedIdentity recorded(Identity identity, Instant judgedAt, UUID replayOf) {
        return new FeedIdentity(identity, judgedAt, JudgedBy.RECORDED, replayOf);
    }

    private static void add(RecordHeaders headers, String key, String value) {
        headers.add(key, value == null ? null : value.getBytes(StandardCharsets.UTF_8));
    }

    static String sha256(byte[] value) {
        if (value == null) {
            return null;
        }
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(value));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
