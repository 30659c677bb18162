package io.synergy.sector.ingest;

import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import io.synergy.sector.security.Writer;
import io.synergy.sector.security.WriterAccess;

import io.quarkus.logging.Log;
import io.smallrye.faulttolerance.api.ExponentialBackoff;
import io.smallrye.reactive.messaging.annotations.Blocking;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Context;
import io.smallrye.reactive.messaging.TracingMetadata;
import io.synergy.platform.problem.FieldError;
import io.synergy.platform.problem.ProblemException;
import io.synergy.platform.tracing.Traceparent;
import io.synergy.platform.tracing.Traces;
import io.synergy.platform.tracing.WorkTags;
import io.synergy.sector.config.SectorConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.List;
import java.util.concurrent.CompletionStage;
import java.util.stream.Collectors;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.eclipse.microprofile.reactive.messaging.Message;

/**
 * The Kafka feed: a bureau's system produces the same JSON as the REST body to {@code feeds.<sector>.v1}. A message
 * that cannot be parsed or validated goes to {@code feeds.<sector>.v1.dlq} with the reason in its
 * {@code dead-letter-reason} header, and the consumer carries on with the next one. Transient failures (the
 * database away) are retried in place, so the partition waits rather than losing the report; only when the retries
 * are exhausted does the message go to the dead-letter topic, from which it can be replayed.
 */
@ApplicationScoped
public class FeedConsumer {

    @Inject
    ReportService reports;

    @Inject
    WriterAccess access;

    @Inject
    Traces traces;

    @Inject
    SectorConfig config;

    private static String header(Message<byte[]> message, String name) {
        return message.getMetadata(IncomingKafkaRecordMetadata.class)
                .map(m -> m.getHeaders().lastHeader(name))
                .map(h -> h.value() == null ? null : new String(h.value(), java.nio.charset.StandardCharsets.UTF_8))
                .orElse(null);
    }

    @Incoming("feed")
    @Blocking(ordered = true)
    public CompletionStage<Void> consume(Message<byte[]> message) {
        // the message's trace goes on here (the connector's receive span, or the producer's traceparent header), so the outbox
        // rows it writes, and the indicator events they become, belong to the bureau system's trace
        try (Traces.Work work = traces.start("feed " + config.code().code() + " ingest", SpanKind.INTERNAL, parent(message), List.of(),
                new WorkTags(null, config.code().code(), null, null))) {
            return consume(message, work);
        }
    }

    private static Context parent(Message<byte[]> message) {
        return TracingMetadata.fromMessage(message).map(TracingMetadata::getCurrentContext)
                .orElseGet(() -> Traceparent.parse(header(message, Traceparent.HEADER)));
    }

    private CompletionStage<Void> consume(Message<byte[]> message, Traces.Work work) {
        try {
            ingest(message.getPayload(), header(message, WriterAccess.FEED_HEADER));
            return message.ack();
        } catch (RejectedFeedMessage e) {
            work.failed(e);
            // a bureau's mistake, not the service's: one line, no stack trace; the reason travels with the dead letter
            Log.warnf("feed: message rejected to the dead-letter topic: %s", e.getMessage());
            return message.nack(e);
        } catch (RuntimeException e) {
            work.failed(e);
            Log.errorf(e, "feed: message could not be stored after retries; sent to the dead-letter topic for replay");
            return message.nack(e);
        }
    }

    /** Parses, validates and stores one message; retried while the failure is transient (not a {@link ProblemException}). */
    @Retry(maxRetries = 30, delay = 500, maxDuration = 300_000, abortOn = ProblemException.class)
    @ExponentialBackoff(maxDelay = 15_000)
    void ingest(byte[] payload, String authorization) {
        if (payload == null) {
            throw new RejectedFeedMessage("empty message (no value)");
        }
        try {
            // the producing system's identity: a message for a sector (or district) it may not write never enters the data
            Writer writer = access.ofFeedHeader(authorization);
            ReportService.Outcome outcome = reports.submit(payload, ReportService.Format.JSON, "KAFKA", writer);
            Log.debugf("feed: %d report(s) %s", outcome.results().size(),
                    outcome.results().stream().map(r -> r.reportId() + "=" + r.status()).collect(Collectors.joining(", ")));
        } catch (RejectedFeedMessage e) {
            throw e;
        } catch (ProblemException e) {
            throw new RejectedFeedMessage(e.getMessage() + (e.errors().isEmpty() ? "" : ": " + e.errors().stream()
                    .map(FieldError::toString).collect(Collectors.joining("; "))));
        }
    }

    /** A message the feed can never accept: it goes to the dead-letter topic with this message as the reason. */
    public static class RejectedFeedMessage extends ProblemException {
        public RejectedFeedMessage(String reason) {
            super(400, "rejected-feed-message", "Feed message rejected", reason);
        }
    }
}
