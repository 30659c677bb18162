package io.synergy.testsupport;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.synergy.model.catalogue.Sector;
import io.synergy.model.event.IndicatorEvent;
import io.synergy.model.event.Topics;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Publishes many indicator events as the sector services' outbox relays would (the sector's indicator topic, key
 * {@code code|district}, CloudEvents headers), without waiting for each: {@link #flush()} waits for every acknowledgement.
 */
public final class IndicatorProducer implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private final KafkaProducer<String, String> producer;
    private final List<Future<RecordMetadata>> acks = new ArrayList<>();

    public IndicatorProducer(String bootstrap) {
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.LINGER_MS_CONFIG, "10");
        producer = new KafkaProducer<>(p);
    }

    public void send(IndicatorEvent e) {
        try {
            ProducerRecord<String, String> r =
                    new ProducerRecord<>(Topics.indicators(Sector.of(e.sector())), e.key(), JSON.writeValueAsString(e));
            r.headers().add("ce_id", e.eventId().getBytes(StandardCharsets.UTF_8));
            r.headers().add("ce_type", "cn.qingdao.synergy.indicator.v1".getBytes(StandardCharsets.UTF_8));
            acks.add(producer.send(r));
        } catch (JsonProcessingException ex) {
            throw new IllegalStateException(ex);
        }
    }

    /** Waits until the broker has acknowledged every event sent so far. */
    public void flush() {
        try {
            for (Future<RecordMetadata> a : acks) {
                a.get(30, TimeUnit.SECONDS);
            }
        } catch (Exception e) {
            throw new IllegalStateException("indicator events were not acknowledged", e);
        }
        acks.clear();
    }

    @Override
    public void close() {
        producer.close();
    }
}
