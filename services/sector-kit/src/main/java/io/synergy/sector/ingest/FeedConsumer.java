package io.synergy.sector.ingest;

import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Context;
import io.quarkus.logging.Log;
import io.smallrye.faulttolerance.api.ExponentialBackoff;
import io.smallrye.reactive.messaging.TracingMetadata;
import io.smallrye.reactive.messaging.annotations.Blocking;
import io.synergy.model.event.FeedDeadLetter;
import io.synergy.model.event.FeedDeadLetter.JudgedBy;
import io.synergy.platform.problem.FieldError;
import io.synergy.platform.problem.ProblemException;
import io.synergy.platform.tracing.Traceparent;
import io.synergy.platform.tracing.Traces;
import io.synergy.platform.tracing.WorkTags;
import io.synergy.sector.config.SectorConfig;
import io.synergy.sector.deadletter.FeedDeadLetters;
import io.synergy.sector.security.FeedIdentity;
import io.synergy.sector.security.Writer;
import io.synergy.sector.security.WriterAccess;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import java.util.stream.Collectors;
import org.apache.kafka.common.record.TimestampType;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * The Kafka feed: a bureau's system produces the same JSON as the REST body to {@code feeds.<sector>.v1}. A message
 * that cannot be parsed, validated or authorised goes to {@code feeds.<sector>.v1.dlq} with the reason in its
 * {@code dead-letter-reason} header, and the consumer carries on with the next one. Transient failures (the
 * database away) are retried in place, so the partition waits rather than losing the report; only when the retries
 * are exhausted does the message go to the dead-letter topic, from which it can be replayed.
 *
 * <p>Who sent a message is established once, before anything else ({@link #identify}): from its token, judged at the
 * time the broker appended it; or, for a replay, from the dead letter it replays. The dead letter keeps that identity
 * and never the token ({@link FeedDeadLetters}); the message is acknowledged only once its dead letter is acknowledged,
 * and if that keeps failing the feed stops ({@code failure-strategy=fail}) rather than lose it.
 */
@ApplicationScoped
public class FeedConsumer {

    private final ReportService reports;
    private final WriterAccess access;
    private final FeedDeadLetters deadLetters;
    private final Traces traces;
    private final SectorConfig config;

    public FeedConsumer(
            ReportService reports,
            WriterAccess access,
            FeedDeadLetters deadLetters,
            Traces traces,
            SectorConfig config) {
        this.reports = reports;
        this.access = access;
        this.deadLetters = deadLetters;
        this.traces = traces;
        this.config = config;
    }

    @Incoming("feed")
    @Blocking(ordered = true)
    public CompletionStage<Void> consume(Message<byte[]> message) {
        FeedRecord record = FeedRecord.of(message);
        // the message's trace goes on here (the connector's receive span, or the producer's traceparent header), so the
        // outbox
        // rows it writes, and the indicator events they become, belong to the bureau system's trace
        try (Traces.Work work = traces.start(
                "feed " + config.code().code() + " ingest",
                SpanKind.INTERNAL,
                parent(message, record),
                List.of(),
                new WorkTags(null, config.code().code(), null, null))) {
            return consume(message, record, work);
        }
    }

    private static Context parent(Message<byte[]> message, FeedRecord record) {
        return TracingMetadata.fromMessage(message)
                .map(TracingMetadata::getCurrentContext)
                .orElseGet(() -> Traceparent.parse(record.header(Traceparent.HEADER)));
    }

    private CompletionStage<Void> consume(Message<byte[]> message, FeedRecord record, Traces.Work work) {
        FeedIdentity who;
        String reason;
        RuntimeException failure;
        try {
            who = identify(record);
            try {
                ingest(record.value(), who);
                if (who.replayOf() != null) {
                    noteReplay(record, who.replayOf());
                }
                return message.ack();
            } catch (RejectedFeedMessage e) {
                work.failed(e);
                // a bureau's mistake, not the service's: one line, no stack trace; the reason travels with the dead
                // letter
                Log.warnf("feed: message %s rejected to the dead-letter topic: %s", record.position(), e.getMessage());
                reason = e.getMessage();
                failure = e;
            } catch (RuntimeException e) {
                work.failed(e);
                Log.errorf(
                        e,
                        "feed: message %s could not be stored after retries; sent to the dead-letter topic for replay",
                        record.position());
                reason = "could not be stored: " + e;
                failure = e;
            }
            UUID id = deadLetters.write(record, who, reason, failure);
            Log.debugf("feed: message %s is dead letter %s", record.position(), id);
            return message.ack();
        } catch (RuntimeException e) {
            work.failed(e);
            Log.errorf(
                    e,
                    "feed: message %s could neither be stored nor dead-lettered; the feed stops here and resumes from it on restart",
                    record.position());
            return message.nack(e);
        }
    }

    /** Bookkeeping only: the report is stored, so a failure here must not stop the feed. */
    private void noteReplay(FeedRecord record, UUID deadLetter) {
        try {
            deadLetters.stored(deadLetter, record.header(FeedDeadLetter.REPLAYED_BY));
        } catch (RuntimeException e) {
            Log.warnf(
                    "feed: replay %s of dead letter %s was stored, but not noted with the dead letter: %s",
                    record.position(), deadLetter, e);
        }
    }

    /**
     * Who produced the record. A replay (header {@code replayed-dead-letter}) is the identity recorded with the dead
     * letter it cites, whatever else it carries, a token included; any other record is its token's, judged at the broker's
     * append time when the topic stamps records with it (LogAppendTime), else at the time it is consumed — a producer
     * sets its own CreateTime freely. Retried while the database (a replay's dead letter) is away.
     */
    @Retry(maxRetries = 30, delay = 500, maxDuration = 300_000)
    @ExponentialBackoff(maxDelay = 15_000)
    FeedIdentity identify(FeedRecord record) {
        String replayOf = record.header(FeedDeadLetter.REPLAYED_DEAD_LETTER);
        if (replayOf != null) {
            return deadLetters.replayed(replayOf, record.value());
        }
        boolean appended = record.timestampType() == TimestampType.LOG_APPEND_TIME;
        Instant at = appended ? record.timestamp() : Instant.now();
        JudgedBy by = appended ? JudgedBy.LOG_APPEND_TIME : JudgedBy.CONSUMPTION_TIME;
        return new FeedIdentity(access.ofFeedHeader(record.header(WriterAccess.FEED_HEADER), at, by), at, by, null);
    }

    /** Authorises, parses, validates and stores one message; retried while the failure is transient (not a {@link ProblemException}). */
    @Retry(maxRetries = 30, delay = 500, maxDuration = 300_000, abortOn = ProblemException.class)
    @ExponentialBackoff(maxDelay = 15_000)
    void ingest(byte[] payload, FeedIdentity who) {
        try {
            // the producing system's identity: a message for a sector (or district) it may not write never enters the
            // data
            Writer writer = access.writerOf(who.identity());
            if (payload == null) {
                throw new RejectedFeedMessage("empty message (no value)");
            }
            ReportService.Outcome outcome = reports.submit(payload, ReportService.Format.JSON, "KAFKA", writer);
            Log.debugf(
                    "feed: %d report(s) %s",
                    outcome.results().size(),
                    outcome.results().stream()
                            .map(r -> r.reportId() + "=" + r.status())
                            .collect(Collectors.joining(", ")));
        } catch (RejectedFeedMessage e) {
            throw e;
        } catch (ProblemException e) {
            if (e.status() == 503) {
                // busy (IngestionAdmission): not the message's fault; retried with back-off like any transient failure
                throw new IllegalStateException(e.getMessage(), e);
            }
            throw new RejectedFeedMessage(e.getMessage()
                    + (e.errors().isEmpty()
                            ? ""
                            : ": "
                                    + e.errors().stream()
                                            .map(FieldError::toString)
                                            .collect(Collectors.joining("; "))));
        }
    }

    /** A message the feed can never accept: it goes to the dead-letter topic with this message as the reason. */
    public static class RejectedFeedMessage extends ProblemException {
        public RejectedFeedMessage(String reason) {
            super(400, "rejected-feed-message", "Feed message rejected", reason);
        }
    }
}
