package io.synergy.console.ops.topics;

import io.synergy.console.ops.PipelineSampler;
import io.synergy.console.ops.kafka.OpsKafka;
import io.synergy.console.ops.topics.TopicsResource.DeadLetterSibling;
import io.synergy.console.ops.topics.TopicsResource.PartitionView;
import io.synergy.console.ops.topics.TopicsResource.Rates;
import io.synergy.console.ops.topics.TopicsResource.TopicView;
import io.synergy.console.ops.topics.TopicsResource.TopicsView;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.ConfigResource;

/**
 * The topics' view ({@code GET /api/v1/ops/topics}) from one sample of their offsets: what the ops snapshot keeps and
 * serves. Asks the broker for what the sample lacks (each partition's newest timestamp, the topics' configuration).
 */
@ApplicationScoped
public class TopicsReader {

    private final OpsKafka kafka;
    private final PipelineSampler sampler;

    TopicsReader(OpsKafka kafka, PipelineSampler sampler) {
        this.kafka = kafka;
        this.sampler = sampler;
    }

    /** Every platform topic as sampled at {@code sampledAt} (rates from the sampler's history, which holds that sample). */
    public TopicsView read(
            Instant sampledAt,
            Map<String, TopicDescription> described,
            Map<String, List<TopicOffsets.PartitionOffsets>> byTopic) {
        List<PlatformTopic> platform = PlatformTopic.all();
        Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> newest =
                kafka.offsets(TopicOffsets.partitions(described), OffsetSpec.maxTimestamp());
        Map<String, Config> configs = configs(described.keySet());

        List<TopicView> out = new ArrayList<>();
        for (PlatformTopic t : platform) {
            TopicDescription d = described.get(t.name());
            if (d == null) {
                out.add(new TopicView(
                        t.name(),
                        t.kind(),
                        t.sector(),
                        t.eventType(),
                        t.consumerGroup(),
                        false,
                        0,
                        null,
                        null,
                        null,
                        0,
                        0,
                        null,
                        null,
                        null,
                        List.of()));
                continue;
            }
            List<PartitionView> partitions = new ArrayList<>();
            Instant topicNewest = null;
            for (TopicOffsets.PartitionOffsets p : byTopic.getOrDefault(t.name(), List.of())) {
                ListOffsetsResult.ListOffsetsResultInfo info = newest.get(new TopicPartition(t.name(), p.partition()));
                // an empty partition answers timestamp -1
                Instant last = info == null || info.timestamp() < 0 ? null : Instant.ofEpochMilli(info.timestamp());
                if (last != null && (topicNewest == null || last.isAfter(topicNewest))) {
                    topicNewest = last;
                }
                partitions.add(new PartitionView(p.partition(), p.start(), p.end(), p.retained(), last));
            }
            Config c = configs.get(t.name());
            String cleanup = value(c, "cleanup.policy");
            String retention = value(c, "retention.ms");
            DeadLetterSibling dlq = t.deadLetters() == null
                    ? null
                    : new DeadLetterSibling(t.deadLetters(), TopicOffsets.sumRetained(byTopic.get(t.deadLetters())));
            out.add(new TopicView(
                    t.name(),
                    t.kind(),
                    t.sector(),
                    t.eventType(),
                    t.consumerGroup(),
                    true,
                    d.partitions().size(),
                    d.partitions().isEmpty()
                            ? null
                            : d.partitions().get(0).replicas().size(),
                    cleanup,
                    retention == null ? null : Long.valueOf(retention),
                    partitions.stream().mapToLong(PartitionView::endOffset).sum(),
                    partitions.stream().mapToLong(PartitionView::retained).sum(),
                    topicNewest,
                    new Rates(
                            sampler.rate(t.name(), Duration.ofMinutes(1)),
                            sampler.rate(t.name(), Duration.ofMinutes(5))),
                    dlq,
                    partitions));
        }
        return new TopicsView(sampledAt, out);
    }

    private Map<String, Config> configs(Collection<String> topics) {
        List<ConfigResource> resources = topics.stream()
                .map(n -> new ConfigResource(ConfigResource.Type.TOPIC, n))
                .toList();
        Map<String, Config> out = new HashMap<>();
        kafka.await(kafka.admin().describeConfigs(resources).all()).forEach((r, c) -> out.put(r.name(), c));
        return out;
    }

    private static String value(Config c, String name) {
        if (c == null) {
            return null;
        }
        ConfigEntry e = c.get(name);
        return e == null ? null : e.value();
    }
}
