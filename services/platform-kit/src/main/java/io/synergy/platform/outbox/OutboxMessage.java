package io.synergy.platform.outbox;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;

/**
 * An event waiting in the outbox: a Kafka record with the CloudEvents attributes it will carry as {@code ce_*}
 * headers (binary content mode) and its JSON data, as UTF-8 bytes — the form it is stored, published and consumed in,
 * so a large document (a result, ~35 KB) is never turned into a {@code String} and back on its way.
 *
 * <p>{@code traceparent} is the W3C trace context of the work that wrote the event (a REST call, a feed message, a
 * recompute); the relay sends the event as part of that trace. {@code null}: the writer takes the current one.
 */
public record OutboxMessage(
        String topic,
        String key,
        UUID id,
        String type,
        String source,
        String subject,
        Instant time,
        String dataSchema,
        byte[] payload,
        String traceparent) {

    /** An event of the current trace. */
    public OutboxMessage(
            String topic,
            String key,
            UUID id,
            String type,
            String source,
            String subject,
            Instant time,
            String dataSchema,
            byte[] payload) {
        this(topic, key, id, type, source, subject, time, dataSchema, payload, null);
    }

    /** An event of the current trace whose JSON data is at hand as text. */
    public OutboxMessage(
            String topic,
            String key,
            UUID id,
            String type,
            String source,
            String subject,
            Instant time,
            String dataSchema,
            String payload) {
        this(topic, key, id, type, source, subject, time, dataSchema, payload.getBytes(StandardCharsets.UTF_8), null);
    }
}
