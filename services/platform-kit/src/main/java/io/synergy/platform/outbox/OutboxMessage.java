package io.synergy.platform.outbox;

import java.time.Instant;
import java.util.UUID;

/**
 * An event waiting in the outbox: a Kafka record with the CloudEvents attributes it will carry as {@code ce_*}
 * headers (binary content mode) and its JSON data.
 */
public record OutboxMessage(String topic, String key, UUID id, String type, String source, String subject, Instant time,
        String dataSchema, String payload) {
}
