package io.synergy.platform.tracing;

import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;
import java.util.Map;

/**
 * Starts the platform's own spans — work that no HTTP request or Kafka record of the framework wraps: a consumer's
 * batch, a recompute, the outbox relay's sends. A span continues the trace it is given (the {@code traceparent} of the
 * record or the outbox row that caused it) and links to the other traces it serves, so one report can be followed from its REST call or feed
 * message through the sector service, Kafka and the aggregation to the result it changed.
 */
@ApplicationScoped
public class Traces {

    /** Links kept per span (the OpenTelemetry SDK's default limit): a span over a large batch links to its first ones. */
    public static final int MAX_LINKS = 128;

    private static final AttributeKey<String> MESSAGING_SYSTEM = AttributeKey.stringKey("messaging.system");
    private static final AttributeKey<String> MESSAGING_DESTINATION =
            AttributeKey.stringKey("messaging.destination.name");
    private static final AttributeKey<String> MESSAGING_OPERATION = AttributeKey.stringKey("messaging.operation");

    private final Tracer tracer;

    Traces(OpenTelemetry openTelemetry) {
        this.tracer = openTelemetry.getTracer("io.synergy");
    }

    /**
     * Starts a span as a child of {@code parent} (the root context: a new trace) with links to {@code links}, makes it
     * current and puts its tags into the MDC; {@link Work#close()} ends it and restores the MDC.
     */
    public Work start(String name, SpanKind kind, Context parent, Collection<SpanContext> links, WorkTags tags) {
        var builder = tracer.spanBuilder(name).setSpanKind(kind).setParent(parent);
        SpanContext parentSpan = Span.fromContext(parent).getSpanContext();
        links.stream()
                .filter(SpanContext::isValid)
                .filter(l -> !l.equals(parentSpan))
                .distinct()
                .limit(MAX_LINKS)
                .forEach(builder::addLink);
        Span span = builder.startSpan();
        tags.on(span);
        Scope scope = span.makeCurrent();
        return new Work(span, scope, tags.putMdc());
    }

    /**
     * The span of one record sent to {@code topic}, a child of {@code parent}: started, not made current — it ends when the
     * broker answers, on the producer's thread. Named and tagged as OpenTelemetry's messaging conventions name a publish.
     */
    public Span producer(String topic, Context parent) {
        return tracer.spanBuilder(topic + " publish")
                .setSpanKind(SpanKind.PRODUCER)
                .setParent(parent)
                .setAttribute(MESSAGING_SYSTEM, "kafka")
                .setAttribute(MESSAGING_DESTINATION, topic)
                .setAttribute(MESSAGING_OPERATION, "publish")
                .startSpan();
    }

    /** A span of the platform's own, current until closed. */
    public static final class Work implements AutoCloseable {

        private final Span span;
        private final Scope scope;
        private final Map<String, Object> mdcBefore;

        Work(Span span, Scope scope, Map<String, Object> mdcBefore) {
            this.span = span;
            this.scope = scope;
            this.mdcBefore = mdcBefore;
        }

        public Span span() {
            return span;
        }

        /** Tags learnt while working (the report ids of a batch once it is parsed): on the span, and in the MDC until {@link #close()}. */
        public void tag(WorkTags tags) {
            tags.on(span);
            tags.putMdc();
        }

        /** Records why the work failed (the exception goes on rethrowing). */
        public void failed(Throwable t) {
            span.recordException(t);
            span.setStatus(StatusCode.ERROR, String.valueOf(t.getMessage()));
        }

        @Override
        public void close() {
            WorkTags.restore(mdcBefore);
            scope.close();
            span.end();
        }
    }
}
