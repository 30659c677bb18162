package io.synergy.console.ops.topics;

import io.synergy.console.ops.kafka.OpsKafka;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/**
 * Partitions and offsets of topics, read with the admin client: what both the ops API and the periodic sampler need.
 */
@ApplicationScoped
public class TopicOffsets {

    private final OpsKafka kafka;

    @Inject
    TopicOffsets(OpsKafka kafka) {
        this.kafka = kafka;
    }

    /** Offsets of one partition: records from {@code start} (inclusive) to {@code end} (exclusive) are retained. */
    public record PartitionOffsets(int partition, long start, long end) {

        /** Records retained now (for a compacted topic an upper bound: compaction leaves gaps). */
        public long retained() {
            return Math.max(0, end - start);
        }
    }

    /** The topics' descriptions; a topic that does not exist is absent from the answer. */
    public Map<String, TopicDescription> describe(Collection<String> topics) {
        Map<String, KafkaFuture<TopicDescription>> futures =
                kafka.admin().describeTopics(topics).topicNameValues();
        Map<String, TopicDescription> out = new LinkedHashMap<>();
        long deadline = System.nanoTime() + kafka.timeout().toNanos();
        for (Map.Entry<String, KafkaFuture<TopicDescription>> f : futures.entrySet()) {
            try {
                long left = Math.max(1, deadline - System.nanoTime());
                out.put(f.getKey(), f.getValue().get(left, TimeUnit.NANOSECONDS));
            } catch (ExecutionException e) {
                if (e.getCause() instanceof TopicAuthorizationException) {
                    // Kafka's answer names no topic: this one was refused
                    throw OpsKafka.notAuthorized(new TopicAuthorizationException(Set.of(f.getKey())));
                }
                if (!(e.getCause() instanceof UnknownTopicOrPartitionException)) {
                    throw OpsKafka.unavailable(e.getCause());
                }
            } catch (TimeoutException e) {
                throw OpsKafka.unavailable(e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw OpsKafka.unavailable(e);
            }
        }
        return out;
    }

    /** Start and end offsets of every partition of the described topics, per topic, by partition number. */
    public Map<String, List<PartitionOffsets>> offsets(Map<String, TopicDescription> topics) {
        List<TopicPartition> partitions = partitions(topics);
        Map<TopicPartition, Long> starts = kafka.offsetNumbers(partitions, OffsetSpec.earliest());
        Map<TopicPartition, Long> ends = kafka.offsetNumbers(partitions, OffsetSpec.latest());
        Map<String, List<PartitionOffsets>> out = new HashMap<>();
        for (TopicPartition tp : partitions) {
            out.computeIfAbsent(tp.topic(), t -> new ArrayList<>())
                    .add(new PartitionOffsets(tp.partition(), starts.getOrDefault(tp, 0L), ends.getOrDefault(tp, 0L)));
        }
        out.values().forEach(l -> l.sort((a, b) -> Integer.compare(a.partition(), b.partition())));
        return out;
    }

    public static List<TopicPartition> partitions(Map<String, TopicDescription> topics) {
        List<TopicPartition> out = new ArrayList<>();
        topics.forEach((name, d) -> d.partitions().forEach(p -> out.add(new TopicPartition(name, p.partition()))));
        return out;
    }

    public static long sumEnd(List<PartitionOffsets> partitions) {
        return partitions == null
                ? 0
                : partitions.stream().mapToLong(PartitionOffsets::end).sum();
    }

    public static long sumRetained(List<PartitionOffsets> partitions) {
        return partitions == null
                ? 0
                : partitions.stream().mapToLong(PartitionOffsets::retained).sum();
    }
}
