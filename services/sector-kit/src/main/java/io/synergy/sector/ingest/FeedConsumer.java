package io.synergy.sector.ingest;

import io.smallrye.faulttolerance.api.ExponentialBackoff;
import io.smallrye.reactive.messaging.annotations.Blocking;
import io.synergy.platform.problem.FieldError;
import io.synergy.platform.problem.ProblemException;
import io.quarkus.logging.Log;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.stream.Collectors;
import org.eclipse.microprofile.faulttolerance.Retry;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * The Kafka feed: a bureau's system produces the same JSON as the REST body to {@code feeds.<sector>.v1}. A message
 * that cannot be parsed or validated goes to {@code feeds.<sector>.v1.dlq} with the reason in its
 * {@code dead-letter-reason} header, and the consumer carries on with the next one. Transient failures (the
 * database away) are retried in place, so the partition waits rather than losing the report.
 */
@ApplicationScoped
public class FeedConsumer {

    @Inject
    ReportService reports;

    @Incoming("feed")
    @Blocking(ordered = true)
    @Retry(maxRetries = 30, delay = 500, maxDuration = 300_000, abortOn = ProblemException.class)
    @ExponentialBackoff(maxDelay = 15_000)
    public void consume(byte[] payload) {
        if (payload == null) {
            throw new RejectedFeedMessage("empty message (no value)");
        }
        try {
            ReportService.Outcome outcome = reports.submit(payload, ReportService.Format.JSON, "KAFKA");
            Log.debugf("feed: %d report(s) %s", outcome.results().size(),
                    outcome.results().stream().map(r -> r.reportId() + "=" + r.status()).collect(Collectors.joining(", ")));
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
