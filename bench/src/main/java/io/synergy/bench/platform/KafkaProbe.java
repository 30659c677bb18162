package io.synergy.bench.platform;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/** What the benchmark reads from the broker: end offsets, a consumer group's lag, sample records. */
final class KafkaProbe implements AutoCloseable {

    private final Properties client;
    private final Admin admin;

    /** @param client the client configuration of the broker's administrator (deploy/local/kafka-client.sh admin) */
    KafkaProbe(Properties client) {
        this.client = client;
        this.admin = Admin.create(client);
    }

    /**
     * The Kafka client configuration a benchmark phase reads the broker with: {@code --kafka-config FILE}, a client
     * properties file with the bootstrap servers and credentials (deploy/local/kafka-client.sh admin prints its path).
     */
    static Properties client(Options o) throws IOException {
        Properties p = new Properties();
        try (var in = Files.newBufferedReader(Path.of(o.required("kafka-config")))) {
            p.load(in);
        }
        return p;
    }

    List<TopicPartition> partitions(String topic) throws Exception {
        List<TopicPartition> out = new ArrayList<>();
        admin.describeTopics(List.of(topic))
                .allTopicNames()
                .get(15, TimeUnit.SECONDS)
                .get(topic)
                .partitions()
                .forEach(p -> out.add(new TopicPartition(topic, p.partition())));
        return out;
    }

    Map<TopicPartition, Long> endOffsets(Collection<String> topics) throws Exception {
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        for (String t : topics) {
            for (TopicPartition tp : partitions(t)) {
                request.put(tp, OffsetSpec.latest());
            }
        }
        Map<TopicPartition, Long> out = new HashMap<>();
        for (Map.Entry<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> e :
                admin.listOffsets(request).all().get(15, TimeUnit.SECONDS).entrySet()) {
            out.put(e.getKey(), e.getValue().offset());
        }
        return out;
    }

    /** How many records were ever appended to the topic (the sum of its partitions' end offsets). */
    long recordsAppended(String topic) throws Exception {
        return endOffsets(List.of(topic)).values().stream()
                .mapToLong(Long::longValue)
                .sum();
    }

    /** Records of these topics not yet committed by the group (a partition the group never committed counts whole). */
    long lag(String group, Collection<String> topics) throws Exception {
        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(group)
                .partitionsToOffsetAndMetadata()
                .get(15, TimeUnit.SECONDS);
        long lag = 0;
        for (Map.Entry<TopicPartition, Long> e : endOffsets(topics).entrySet()) {
            OffsetAndMetadata c = committed.get(e.getKey());
            lag += e.getValue() - (c == null ? 0 : c.offset());
        }
        return lag;
    }

    /** Up to {@code max} records of the topic from its beginning (key, value and header bytes of real events). */
    List<ConsumerRecord<byte[], byte[]>> sample(String topic, int max) throws Exception {
        Properties p = new Properties();
        p.putAll(client);
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false);
        List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(p)) {
            List<TopicPartition> partitions = partitions(topic);
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
            while (out.size() < max && System.nanoTime() < deadline) {
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(500))) {
                    if (out.size() < max) {
                        out.add(r);
                    }
                }
            }
        }
        return out;
    }

    static int headerBytes(ConsumerRecord<byte[], byte[]> r) {
        int n = 0;
        for (Header h : r.headers()) {
            n += h.key().length() + (h.value() == null ? 0 : h.value().length);
        }
        return n;
    }

    @Override
    public void close() {
        admin.close(Duration.ofSeconds(5));
    }
}
