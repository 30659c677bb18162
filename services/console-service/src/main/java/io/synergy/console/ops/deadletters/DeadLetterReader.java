package io.synergy.console.ops.deadletters;

import io.synergy.console.ops.kafka.OpsKafka;
import io.synergy.console.ops.topics.TopicOffsets;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.AuthorizationException;

/**
 * Reads records of a dead-letter topic by position: a consumer without a group, {@code assign} + {@code seek}, closed
 * after the request. Nothing is committed, so browsing moves no consumer's position and never rebalances anything.
 */
@ApplicationScoped
public class DeadLetterReader {

    private final OpsKafka kafka;

    @Inject
    DeadLetterReader(OpsKafka kafka) {
        this.kafka = kafka;
    }

    /** Offset range to read in one partition: {@code [from, to)}. */
    public record Range(int partition, long from, long to) {}

    /** The newest {@code limit} records of the topic (over all partitions, by timestamp, newest first). */
    public List<ConsumerRecord<byte[], byte[]>> newest(
            String topic, List<TopicOffsets.PartitionOffsets> partitions, int limit) {
        List<Range> ranges = new ArrayList<>();
        // the newest N overall are among the newest N of each partition
        for (TopicOffsets.PartitionOffsets p : partitions) {
            if (p.end() > p.start()) {
                ranges.add(new Range(p.partition(), Math.max(p.start(), p.end() - limit), p.end()));
            }
        }
        List<ConsumerRecord<byte[], byte[]>> records = read(topic, ranges);
        records.sort(Comparator.comparingLong((ConsumerRecord<byte[], byte[]> r) -> r.timestamp())
                .reversed()
                .thenComparing(Comparator.comparingLong((ConsumerRecord<byte[], byte[]> r) -> r.offset())
                        .reversed()));
        return records.size() > limit ? new ArrayList<>(records.subList(0, limit)) : records;
    }

    /** Most records of a compacted topic read for a listing: what retention keeps of org-units.v1.dlq is far less. */
    static final int MAX_COMPACTED = 10_000;

    /**
     * The newest record of each key of a compacted topic (at most the newest {@link #MAX_COMPACTED} records read), newest
     * first: one entry per key, as the topic holds once compaction has run.
     */
    public List<ConsumerRecord<byte[], byte[]>> latestPerKey(
            String topic, List<TopicOffsets.PartitionOffsets> partitions) {
        List<Range> ranges = new ArrayList<>();
        for (TopicOffsets.PartitionOffsets p : partitions) {
            if (p.end() > p.start()) {
                ranges.add(new Range(p.partition(), Math.max(p.start(), p.end() - MAX_COMPACTED), p.end()));
            }
        }
        Map<String, ConsumerRecord<byte[], byte[]>> latest = new HashMap<>();
        for (ConsumerRecord<byte[], byte[]> r : read(topic, ranges)) {
            latest.put(
                    r.key() == null
                            ? "(no key) " + r.partition() + "/" + r.offset()
                            : new String(r.key(), StandardCharsets.UTF_8),
                    r);
        }
        List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>(latest.values());
        out.sort(Comparator.comparingLong((ConsumerRecord<byte[], byte[]> r) -> r.timestamp())
                .reversed()
                .thenComparing(Comparator.comparingLong((ConsumerRecord<byte[], byte[]> r) -> r.offset())
                        .reversed()));
        return out;
    }

    /** The records at the given offsets of the given partitions (missing ones — deleted, never written — are absent). */
    public List<ConsumerRecord<byte[], byte[]>> at(String topic, Map<Integer, Set<Long>> wanted) {
        List<Range> ranges = new ArrayList<>();
        wanted.forEach((partition, offsets) -> ranges.add(new Range(
                partition,
                offsets.stream().min(Long::compare).orElseThrow(),
                offsets.stream().max(Long::compare).orElseThrow() + 1)));
        List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
        for (ConsumerRecord<byte[], byte[]> r : read(topic, ranges)) {
            if (wanted.getOrDefault(r.partition(), Set.of()).contains(r.offset())) {
                out.add(r);
            }
        }
        return out;
    }

    /** Every record in the ranges, in partition and offset order. */
    public List<ConsumerRecord<byte[], byte[]>> read(String topic, Collection<Range> ranges) {
        List<ConsumerRecord<byte[], byte[]>> out = new ArrayList<>();
        if (ranges.isEmpty()) {
            return out;
        }
        Map<TopicPartition, Range> byPartition = new TreeMap<>(Comparator.comparingInt(TopicPartition::partition));
        ranges.forEach(r -> byPartition.put(new TopicPartition(topic, r.partition()), r));
        try (KafkaConsumer<byte[], byte[]> consumer = kafka.browsingConsumer()) {
            consumer.assign(byPartition.keySet());
            // never wait for offsets that don't exist yet: clamp each range to the partition's end
            Map<TopicPartition, Long> ends = consumer.endOffsets(byPartition.keySet(), kafka.timeout());
            byPartition.replaceAll(
                    (tp, r) -> new Range(r.partition(), r.from(), Math.min(r.to(), ends.getOrDefault(tp, 0L))));
            byPartition
                    .entrySet()
                    .removeIf(e -> e.getValue().from() >= e.getValue().to());
            consumer.pause(consumer.assignment().stream()
                    .filter(tp -> !byPartition.containsKey(tp))
                    .toList());
            byPartition.forEach((tp, r) -> consumer.seek(tp, r.from()));
            long deadline = System.nanoTime() + kafka.timeout().toNanos();
            while (!byPartition.isEmpty()) {
                if (System.nanoTime() > deadline) {
                    throw OpsKafka.unavailable(
                            new TimeoutException("reading " + topic + " took longer than " + kafka.timeout()));
                }
                for (ConsumerRecord<byte[], byte[]> r : consumer.poll(Duration.ofMillis(200))) {
                    Range range = byPartition.get(new TopicPartition(topic, r.partition()));
                    if (range != null && r.offset() >= range.from() && r.offset() < range.to()) {
                        out.add(r);
                    }
                }
                // done with a partition once its position passed the range (offsets may have gaps: compaction,
                // transactions)
                byPartition
                        .entrySet()
                        .removeIf(e ->
                                consumer.position(e.getKey()) >= e.getValue().to());
                consumer.pause(consumer.assignment().stream()
                        .filter(tp -> !byPartition.containsKey(tp))
                        .toList());
            }
        } catch (AuthorizationException e) {
            // the ops principal may not read this topic: an ACL is missing, Kafka itself answered
            throw OpsKafka.notAuthorized(e);
        }
        out.sort(Comparator.comparingInt((ConsumerRecord<byte[], byte[]> r) -> r.partition())
                .thenComparingLong(ConsumerRecord::offset));
        return out;
    }
}
