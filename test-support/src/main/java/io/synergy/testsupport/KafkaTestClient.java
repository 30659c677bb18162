package io.synergy.testsupport;

import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Reads and writes topics of a real broker from a test: plain Kafka clients, String keys and values.
 *
 * <p>Reading assigns every partition of the topic and seeks to the beginning — no consumer group, so no rebalance to
 * wait for. One admin client and one producer are kept for the client's life; {@link #close()} releases them.
 */
public final class KafkaTestClient implements AutoCloseable {

    private final String bootstrap;
    private Admin admin;
    private KafkaProducer<String, byte[]> producer;

    public KafkaTestClient(String bootstrap) {
        this.bootstrap = bootstrap;
    }

    /** Sends one record and waits for the broker's acknowledgement. */
    public void send(String topic, String key, String value, Map<String, String> headers) {
        sendBytes(topic, key, value == null ? null : value.getBytes(StandardCharsets.UTF_8), headers);
    }

    public void send(String topic, String key, String value) {
        send(topic, key, value, Map.of());
    }

    /** Sends raw bytes (a message that is not even text, a null value) and waits for the acknowledgement. */
    public void sendBytes(String topic, String key, byte[] value, Map<String, String> headers) {
        sendAt(topic, key, value, headers, null);
    }

    /**
     * Sends a record whose producer sets its timestamp ({@code null}: the producer's clock, as usual) — a producer may
     * claim any CreateTime; a topic with {@code message.timestamp.type=LogAppendTime} replaces it with the broker's.
     */
    public synchronized void sendAt(
            String topic, String key, byte[] value, Map<String, String> headers, Instant timestamp) {
        if (producer == null) {
            Properties p = new Properties();
            p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
            p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
            p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
            p.put(ProducerConfig.ACKS_CONFIG, "all");
            p.put(ProducerConfig.LINGER_MS_CONFIG, "0");
            producer = new KafkaProducer<>(p);
        }
        try {
            ProducerRecord<String, byte[]> r =
                    new ProducerRecord<>(topic, null, timestamp == null ? null : timestamp.toEpochMilli(), key, value);
            headers.forEach((k, v) -> r.headers().add(k, v.getBytes(StandardCharsets.UTF_8)));
            producer.send(r).get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("could not send to " + topic, e);
        }
    }

    /** A record as the test sees it; {@code timestampType} is {@code CreateTime} or {@code LogAppendTime}. */
    public record Received(
            String topic,
            int partition,
            long offset,
            String key,
            String value,
            Map<String, String> headers,
            Instant timestamp,
            String timestampType) {}

    /** Reads the topic from the beginning until {@code done} holds for what was read, or fails after {@code timeout}. */
    public List<Received> readUntil(String topic, Predicate<List<Received>> done, Duration timeout) {
        List<Received> seen = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = consumer()) {
            List<TopicPartition> partitions = new ArrayList<>();
            // a topic that does not exist yet (auto-created on first write) has no partitions: wait for them
            await().atMost(timeout).pollInterval(Duration.ofMillis(100)).until(() -> {
                for (PartitionInfo info : consumer.partitionsFor(topic, Duration.ofSeconds(5))) {
                    partitions.add(new TopicPartition(topic, info.partition()));
                }
                return !partitions.isEmpty();
            });
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            await().atMost(timeout).pollInterval(Duration.ofMillis(1)).until(() -> {
                consumer.poll(Duration.ofMillis(100)).forEach(r -> seen.add(received(r)));
                return done.test(seen);
            });
        }
        return seen;
    }

    /** Every record the topic holds up to its end offsets at the time of the call: what a test needs to assert that a record is absent. */
    public List<Received> readAll(String topic, Duration timeout) {
        List<Received> seen = new ArrayList<>();
        try (KafkaConsumer<String, String> consumer = consumer()) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, timeout).stream()
                    .map(i -> new TopicPartition(topic, i.partition()))
                    .toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> ends = consumer.endOffsets(partitions, timeout);
            // offsets may have gaps (compaction, transaction markers): done once each position has passed the end
            await().atMost(timeout).pollInterval(Duration.ofMillis(1)).until(() -> {
                for (ConsumerRecord<String, String> r : consumer.poll(Duration.ofMillis(100))) {
                    if (r.offset() < ends.get(new TopicPartition(topic, r.partition()))) {
                        seen.add(received(r));
                    }
                }
                return partitions.stream().allMatch(tp -> consumer.position(tp) >= ends.get(tp));
            });
        }
        return seen;
    }

    /** A topic's configuration value as the broker reports it (e.g. {@code message.timestamp.type}). */
    public synchronized String topicConfig(String topic, String name) {
        try {
            ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
            return admin().describeConfigs(List.of(resource))
                    .all()
                    .get(30, TimeUnit.SECONDS)
                    .get(resource)
                    .get(name)
                    .value();
        } catch (Exception e) {
            throw new IllegalStateException("could not read the configuration of " + topic, e);
        }
    }

    private KafkaConsumer<String, String> consumer() {
        Properties p = new Properties();
        p.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        return new KafkaConsumer<>(p);
    }

    private static Received received(ConsumerRecord<String, String> r) {
        Map<String, String> h = new HashMap<>();
        for (Header header : r.headers()) {
            h.put(header.key(), header.value() == null ? null : new String(header.value(), StandardCharsets.UTF_8));
        }
        return new Received(
                r.topic(),
                r.partition(),
                r.offset(),
                r.key(),
                r.value(),
                h,
                Instant.ofEpochMilli(r.timestamp()),
                r.timestampType().toString());
    }

    /** The sum of the end offsets of a topic's partitions: how many records it ever received. */
    public synchronized long endOffsetSum(String topic) {
        try {
            int partitions = admin().describeTopics(List.of(topic))
                    .allTopicNames()
                    .get(30, TimeUnit.SECONDS)
                    .get(topic)
                    .partitions()
                    .size();
            Map<TopicPartition, OffsetSpec> request = new HashMap<>();
            for (int i = 0; i < partitions; i++) {
                request.put(new TopicPartition(topic, i), OffsetSpec.latest());
            }
            return admin().listOffsets(request).all().get(30, TimeUnit.SECONDS).values().stream()
                    .mapToLong(o -> o.offset())
                    .sum();
        } catch (Exception e) {
            throw new IllegalStateException("could not read the end offsets of " + topic, e);
        }
    }

    private synchronized Admin admin() {
        if (admin == null) {
            Properties p = new Properties();
            p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
            admin = Admin.create(p);
        }
        return admin;
    }

    @Override
    public synchronized void close() {
        if (admin != null) {
            admin.close(Duration.ofSeconds(5));
            admin = null;
        }
        if (producer != null) {
            producer.close(Duration.ofSeconds(5));
            producer = null;
        }
    }
}
