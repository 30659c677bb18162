package io.synergy.console.ops.topics;

import io.synergy.console.ops.PipelineSampler;
import io.synergy.console.ops.kafka.OpsKafka;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
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
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The platform's topics as an operator wants to see them: size, growth, configuration and dead letters. */
@RolesAllowed("ops")
@Path("/api/v1/ops/topics")
@Tag(name = "ops")
public class TopicsResource {

    @Inject
    OpsKafka kafka;

    @Inject
    TopicOffsets offsets;

    @Inject
    PipelineSampler sampler;

    public record PartitionView(
            int partition, long startOffset, long endOffset, long retained, Instant lastMessageAt) {}

    public record Rates(PipelineSampler.Rate lastMinute, PipelineSampler.Rate last5Minutes) {}

    public record DeadLetterSibling(String topic, long depth) {}

    public record TopicView(
            String name,
            String kind,
            String sector,
            String eventType,
            String consumerGroup,
            boolean exists,
            int partitions,
            Integer replicationFactor,
            String cleanupPolicy,
            Long retentionMs,
            long endOffset,
            long retained,
            Instant lastMessageAt,
            Rates rates,
            DeadLetterSibling deadLetters,
            List<PartitionView> partitionOffsets) {}

    public record TopicsView(Instant sampledAt, List<TopicView> topics) {}

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(
            summary =
                    "Every platform topic: partitions, start/end offsets per partition and in total, msgs/s over 1 and 5 min, "
                            + "cleanup policy, last message time, and for a feed the depth of its dead-letter topic",
            description =
                    "Rates come from end offsets sampled every synergy.ops.sample-interval; null until two samples exist. 503 when Kafka does not answer.")
    public TopicsView topics() {
        List<PlatformTopic> platform = PlatformTopic.all();
        Map<String, TopicDescription> described =
                offsets.describe(platform.stream().map(PlatformTopic::name).toList());
        Map<String, List<TopicOffsets.PartitionOffsets>> byTopic = offsets.offsets(described);
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
        return new TopicsView(sampler.lastSampleAt(), out);
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
