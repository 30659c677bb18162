package io.synergy.platform.tracing;

import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.propagation.TextMapGetter;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;

/**
 * The W3C trace context of a piece of work as text ({@code 00-<trace id>-<span id>-<flags>}): what an outbox row keeps
 * until its event is published, and what a Kafka record carries in its {@code traceparent} header. Text, because it
 * outlives the thread and the process that started the work (a row may wait in the outbox through a restart).
 */
public final class Traceparent {

    /** The header (HTTP and Kafka) and the outbox column. */
    public static final String HEADER = "traceparent";

    private static final W3CTraceContextPropagator W3C = W3CTraceContextPropagator.getInstance();

    private static final TextMapGetter<String> ONE = new TextMapGetter<>() {
        @Override
        public Iterable<String> keys(String carrier) {
            return List.of(HEADER);
        }

        @Override
        public String get(String carrier, String key) {
            return HEADER.equals(key) ? carrier : null;
        }
    };

    private Traceparent() {}

    /** The traceparent of the context's span, or {@code null} when it has none (nothing to continue). */
    public static String of(Context context) {
        if (!Span.fromContext(context).getSpanContext().isValid()) {
            return null;
        }
        Map<String, String> carrier = new HashMap<>(2);
        W3C.inject(context, carrier, Map::put);
        return carrier.get(HEADER);
    }

    /** The traceparent of the work running on this thread, or {@code null}. */
    public static String current() {
        return of(Context.current());
    }

    /** A context whose parent is the remote span the text names; the root context when the text is absent or malformed. */
    public static Context parse(String traceparent) {
        if (traceparent == null || traceparent.isBlank()) {
            return Context.root();
        }
        return W3C.extract(Context.root(), traceparent.strip(), ONE);
    }

    /** The span the text names, or an invalid span context when it is absent or malformed. */
    public static SpanContext spanContext(String traceparent) {
        return Span.fromContext(parse(traceparent)).getSpanContext();
    }

    /** The last {@code traceparent} header of a Kafka record (untrusted input: a malformed one continues nothing), or {@code null}. */
    public static String of(Headers headers) {
        Header h = headers == null ? null : headers.lastHeader(HEADER);
        if (h == null || h.value() == null || h.value().length > 128) {
            return null;
        }
        String text = new String(h.value(), StandardCharsets.US_ASCII);
        return spanContext(text).isValid() ? text : null;
    }
}
