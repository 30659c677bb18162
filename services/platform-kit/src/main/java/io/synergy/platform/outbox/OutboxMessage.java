package io.synergy.platform.outbox;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.UUID;

/**
 * An event waiting in the outbox: a Kafka record with the CloudEvents attributes it will carry as {@code ce_*}
 * headers (binary content mode) and its JSON data, as UTF-8 bytes — the form it is stored, published and consumed in,
 * so a large document (a result, ~35 KB) is never turned into a {@code String} and back on its way.
 */
public record OutboxMessage(String topic, String key, UUID id, String type, String source, String subject, Instant time,
        String dataSchema, byte[] payload) {

    /** An event whose JSON data is at hand as text. */
    public OutboxMessage(String topic, String key, UUID id, String type, String source, String subject, Instant time, String dataSchema,
            String payload) {
        this(topic, key, id, type, source, subject, time, dataSchema, payload.getBytes(StandardCharsets.UTF_8));
    }
}
