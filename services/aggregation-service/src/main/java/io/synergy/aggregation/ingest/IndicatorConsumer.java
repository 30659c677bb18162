package io.synergy.aggregation.ingest;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.context.Context;
import io.smallrye.reactive.messaging.TracingMetadata;
import io.smallrye.reactive.messaging.annotations.Blocking;
import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordBatchMetadata;
import io.synergy.aggregation.recompute.Recomputer;
import io.synergy.aggregation.store.FactStore;
import io.synergy.model.event.IndicatorEvent;
import io.synergy.platform.tracing.Traceparent;
import io.synergy.platform.tracing.Traces;
import io.synergy.platform.tracing.WorkTags;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import io.smallrye.faulttolerance.api.ExponentialBackoff;
import jakarta.transaction.Transactional;
import org.eclipse.microprofile.faulttolerance.Retry;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Consumes every sector's indicator topic in batches: one transaction per batch upserts the facts (highest revision
 * wins, so redeliveries and stale events change nothing) and records which years need recomputing. The offsets are
 * committed only after the transaction, so a crash replays the batch, harmlessly.
 */
@ApplicationScoped
public class IndicatorConsumer {

    @Inject
    ObjectMapper json;

    @Inject
    FactWriter writer;

    @Inject
    MeterRegistry metrics;

    @Inject
    Traces traces;

    /**
     * One batch, one transaction. A failure (the database restarting) is retried with backoff for up to ten minutes
     * before the batch is given up to the failure strategy: the partition waits rather than skipping events.
     */
    @Incoming("indicators")
    @Blocking(ordered = true)
    @Retry(maxRetries = -1, delay = 500, maxDuration = 600_000)
    @ExponentialBackoff(maxDelay = 15_000)
    public void consume(List<String> payloads, IncomingKafkaRecordBatchMetadata<String, String> batch) throws SQLException {
        // the batch continues the trace of its first record and links to the others' (each record's traceparent, as its
        // sector service's outbox relay sent it); the recompute requests it writes carry this span on to the recompute
        List<Context> records = recordContexts(batch);
        try (Traces.Work work = traces.start("indicators consume", SpanKind.CONSUMER, records.isEmpty() ? Context.root() : records.get(0),
                records.stream().map(r -> Span.fromContext(r).getSpanContext()).toList(), WorkTags.NONE)) {
            work.span().setAttribute("messaging.batch.message_count", payloads.size());
            try {
                consume(payloads, work);
            } catch (SQLException | RuntimeException e) {
                work.failed(e);
                throw e;
            }
        }
    }

    /** Each record's trace: the connector's receive span when tracing made one, else the record's traceparent header. */
    private static List<Context> recordContexts(IncomingKafkaRecordBatchMetadata<String, String> batch) {
        List<Context> contexts = new ArrayList<>();
        if (batch == null) {
            return contexts;
        }
        for (ConsumerRecord<String, String> r : batch.getRecords()) {
            TracingMetadata tracing = batch.getMetadataForRecord(r, TracingMetadata.class);
            Context c = tracing != null && tracing.getCurrentContext() != null ? tracing.getCurrentContext()
                    : Traceparent.parse(Traceparent.of(r.headers()));
            if (Span.fromContext(c).getSpanContext().isValid()) {
                contexts.add(c);
            }
        }
        return contexts;
    }

    private void consume(List<String> payloads, Traces.Work work) throws SQLException {
        List<IndicatorEvent> events = new ArrayList<>(payloads.size());
        for (String p : payloads) {
            try {
                IndicatorEvent e = json.readValue(p, IndicatorEvent.class);
                if (e.code() == null || e.orgUnit() == null || e.period() == null || e.eventId() == null || e.computedAt() == null) {
                    throw new IllegalArgumentException("missing required attributes");
                }
                Integer.parseInt(e.period());
                events.add(e);
            } catch (Exception ex) {
                // our own services produce these events: a bad one is a bug to look at, not a reason to stop the pipeline
                metrics.counter("synergy.events.rejected").increment();
                Log.errorf("unreadable indicator event skipped (%s): %.200s", ex.getMessage(), p);
            }
        }
        work.tag(new WorkTags(WorkTags.summary(events.stream().map(IndicatorEvent::reportId).toList()),
                WorkTags.summary(events.stream().map(IndicatorEvent::sector).toList()),
                WorkTags.summary(events.stream().map(IndicatorEvent::orgUnit).toList()),
                WorkTags.summary(events.stream().map(IndicatorEvent::period).toList())));
        // the retry wraps the transaction (a separate bean), so each attempt starts a fresh one
        writer.write(events);
        metrics.counter("synergy.events.consumed").increment(payloads.size());
    }

    /** Upserts a batch's facts and records the years to recompute, in one transaction. */
    @ApplicationScoped
    public static class FactWriter {

        @Inject
        FactStore facts;

        @Inject
        AgroalDataSource dataSource;

        @Inject
        Recomputer recomputer;

        @Transactional
        public void write(List<IndicatorEvent> events) throws SQLException {
            try (Connection c = dataSource.getConnection()) {
                Set<Integer> years = facts.upsert(c, events);
                if (!years.isEmpty()) {
                    recomputer.requestedInTransaction();
                }
            }
        }
    }
}
