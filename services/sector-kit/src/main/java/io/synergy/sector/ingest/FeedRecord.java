package io.synergy.sector.ingest;

import io.smallrye.reactive.messaging.kafka.api.IncomingKafkaRecordMetadata;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.record.TimestampType;
import org.eclipse.microprofile.reactive.messaging.Message;

/** A consumed feed record: where it was read, its key and value as bytes, its headers and its timestamp with whose clock set it. */
public record FeedRecord(
        String topic,
        int partition,
        long offset,
        byte[] key,
        byte[] value,
        Headers headers,
        Instant timestamp,
        TimestampType timestampType) {

    static FeedRecord of(Message<byte[]> message) {
        IncomingKafkaRecordMetadata<?, ?> m = message.getMetadata(IncomingKafkaRecordMetadata.class)
                .orElseThrow(() -> new IllegalStateException("a feed message without its Kafka record"));
        return new FeedRecord(
                m.getTopic(),
                m.getPartition(),
                m.getOffset(),
                (byte[]) m.getKey(),
                message.getPayload(),
                m.getHeaders(),
                m.getTimestamp(),
                m.getTimestampType());
    }

    /** The last value of a header, as UTF-8 text; {@code null} without one. */
    public String header(String name) {
        Header h = headers.lastHeader(name);
        return h == null || h.value() == null ? null : new String(h.value(), StandardCharsets.UTF_8);
    }

    /** {@code <topic>/<partition>/<offset>}, for logs. */
    public String position() {
        return topic + "/" + partition + "/" + offset;
    }
}
