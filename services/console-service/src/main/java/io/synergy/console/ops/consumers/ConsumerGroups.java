package io.synergy.console.ops.consumers;

import io.synergy.console.ops.PipelineSampler;
import io.synergy.console.ops.kafka.OpsKafka;
import io.synergy.console.ops.topics.PlatformTopic;
import io.synergy.console.ops.topics.TopicOffsets;
import io.synergy.model.catalogue.Sector;
import io.synergy.platform.problem.ProblemException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.GroupAuthorizationException;
import org.apache.kafka.common.errors.GroupIdNotFoundException;

/**
 * The platform's consumer groups and their lag: for every partition of the topics a group reads, end offset minus
 * committed offset. A partition the group never committed counts from the partition's start (the consumers are set to
 * {@code auto.offset.reset=earliest}, so that is where they would begin): a group that has not started yet shows the
 * whole backlog waiting for it rather than zero.
 */
@ApplicationScoped
public class ConsumerGroups {

    private final OpsKafka kafka;
    private final TopicOffsets topics;

    @Inject
    ConsumerGroups(OpsKafka kafka, TopicOffsets topics) {
        this.kafka = kafka;
        this.topics = topics;
    }

    public record PartitionLag(int partition, Long committedOffset, long startOffset, long endOffset, long lag) {}

    public record TopicLag(String topic, long lag, List<PartitionLag> partitions) {}

    /** Lag of one group, without its members (what the sampler and the gauges need). */
    public record GroupLag(String group, long totalLag, List<TopicLag> topics) {}

    public record Member(String memberId, String clientId, String host, List<String> assignedPartitions) {}

    /** The platform's groups with the topics each is meant to read, in a stable order. */
    public static Map<String, List<String>> platformGroups() {
        Map<String, List<String>> groups = new LinkedHashMap<>();
        groups.put(
                PlatformTopic.AGGREGATION_GROUP,
                PlatformTopic.all().stream()
                        .filter(t -> PlatformTopic.AGGREGATION_GROUP.equals(t.consumerGroup()))
                        .map(PlatformTopic::name)
                        .toList());
        // the console reads the same topics as the aggregation, for the feeds' freshness
        groups.put(PlatformTopic.CONSOLE_GROUP, groups.get(PlatformTopic.AGGREGATION_GROUP));
        for (Sector s : Sector.values()) {
            String group = PlatformTopic.feedGroup(s);
            groups.put(
                    group,
                    PlatformTopic.all().stream()
                            .filter(t -> group.equals(t.consumerGroup()))
                            .map(PlatformTopic::name)
                            .toList());
        }
        for (String group : List.of(
                PlatformTopic.TARGETS_GROUP,
                PlatformTopic.APPROVALS_GROUP,
                PlatformTopic.PROJECTS_GROUP,
                PlatformTopic.PILOTS_GROUP)) {
            groups.put(
                    group,
                    PlatformTopic.all().stream()
                            .filter(t -> group.equals(t.consumerGroup()))
                            .map(PlatformTopic::name)
                            .toList());
        }
        return groups;
    }

    /**
     * Lag of every platform group, from the end offsets in {@code known} (a sample just taken, by topic) where they are
     * there, and from the broker for the topics they are not (a topic a group committed to that is not the platform's).
     */
    public List<GroupLag> lags(Map<String, List<TopicOffsets.PartitionOffsets>> known) {
        Map<String, List<String>> groups = platformGroups();
        Map<String, KafkaFuture<Map<TopicPartition, OffsetAndMetadata>>> committedFutures = new LinkedHashMap<>();
        groups.keySet()
                .forEach(g -> committedFutures.put(
                        g, kafka.admin().listConsumerGroupOffsets(g).partitionsToOffsetAndMetadata()));
        Map<String, Map<TopicPartition, OffsetAndMetadata>> committed = new HashMap<>();
        committedFutures.forEach((g, f) -> {
            try {
                committed.put(g, kafka.await(f));
            } catch (ProblemException e) {
                // Kafka's answer names no group: this one was refused
                throw e.getCause() instanceof GroupAuthorizationException
                        ? OpsKafka.notAuthorized(GroupAuthorizationException.forGroupId(g))
                        : e;
            }
        });

        Set<String> topicNames = new LinkedHashSet<>();
        groups.values().forEach(topicNames::addAll);
        committed.values().forEach(m -> m.keySet().forEach(tp -> topicNames.add(tp.topic())));
        Map<String, List<TopicOffsets.PartitionOffsets>> offsets = new HashMap<>(known);
        topicNames.removeAll(known.keySet());
        if (!topicNames.isEmpty()) {
            offsets.putAll(topics.offsets(topics.describe(topicNames)));
        }

        List<GroupLag> out = new ArrayList<>();
        groups.forEach((group, expected) -> out.add(lag(group, expected, committed.get(group), offsets)));
        return out;
    }

    private static GroupLag lag(
            String group,
            List<String> expected,
            Map<TopicPartition, OffsetAndMetadata> committed,
            Map<String, List<TopicOffsets.PartitionOffsets>> offsets) {
        Set<String> read = new LinkedHashSet<>(expected);
        committed.keySet().forEach(tp -> read.add(tp.topic()));
        List<TopicLag> topicLags = new ArrayList<>();
        long total = 0;
        for (String topic : read) {
            List<PartitionLag> partitions = new ArrayList<>();
            long topicLag = 0;
            for (TopicOffsets.PartitionOffsets p : offsets.getOrDefault(topic, List.of())) {
                OffsetAndMetadata c = committed.get(new TopicPartition(topic, p.partition()));
                Long position = c == null ? null : c.offset();
                // a committed offset below the retained start (records deleted by retention) can't be read any more
                // either
                long from = position == null ? p.start() : Math.max(position, p.start());
                long lag = Math.max(0, p.end() - from);
                partitions.add(new PartitionLag(p.partition(), position, p.start(), p.end(), lag));
                topicLag += lag;
            }
            topicLags.add(new TopicLag(topic, topicLag, partitions));
            total += topicLag;
        }
        return new GroupLag(group, total, topicLags);
    }

    /**
     * The groups' view ({@code GET /api/v1/ops/consumers}) from their lag as sampled at {@code sampledAt}: state and members
     * asked of the broker, the trend from the sampler's history (which holds that sample).
     */
    public List<ConsumersResource.GroupView> views(Instant sampledAt, List<GroupLag> lags, PipelineSampler sampler) {
        Map<String, ConsumerGroupDescription> described =
                describe(lags.stream().map(GroupLag::group).toList());
        List<ConsumersResource.GroupView> out = new ArrayList<>();
        for (GroupLag lag : lags) {
            ConsumerGroupDescription d = described.get(lag.group());
            List<Member> members = d == null ? List.of() : members(d);
            out.add(new ConsumersResource.GroupView(
                    lag.group(),
                    d == null
                            ? "DEAD"
                            : d.groupState() == null
                                    ? "UNKNOWN"
                                    : d.groupState().name(),
                    d == null || d.type() == null ? null : d.type().name(),
                    members.size(),
                    members,
                    lag.totalLag(),
                    sampler.lagTrend(lag.group(), Duration.ofMinutes(1)),
                    lag.topics(),
                    sampledAt));
        }
        return List.copyOf(out);
    }

    /** State and members of the groups; a group unknown to the cluster (its service never ran) is absent. */
    public Map<String, ConsumerGroupDescription> describe(Collection<String> groups) {
        Map<String, ConsumerGroupDescription> out = new TreeMap<>();
        Map<String, KafkaFuture<ConsumerGroupDescription>> futures =
                kafka.admin().describeConsumerGroups(groups).describedGroups();
        for (Map.Entry<String, KafkaFuture<ConsumerGroupDescription>> f : futures.entrySet()) {
            try {
                out.put(f.getKey(), kafka.await(f.getValue()));
            } catch (ProblemException e) {
                // the KIP-848 coordinator answers "not found" where the classic one answered an empty DEAD group
                if (!(e.getCause() instanceof GroupIdNotFoundException)) {
                    throw e;
                }
            }
        }
        return out;
    }

    public static List<Member> members(ConsumerGroupDescription d) {
        List<Member> members = new ArrayList<>();
        for (MemberDescription m : d.members()) {
            List<String> assigned = m.assignment().topicPartitions().stream()
                    .sorted((a, b) -> a.topic().equals(b.topic())
                            ? Integer.compare(a.partition(), b.partition())
                            : a.topic().compareTo(b.topic()))
                    .map(tp -> tp.topic() + "-" + tp.partition())
                    .toList();
            members.add(new Member(m.consumerId(), m.clientId(), m.host(), assigned));
        }
        return members;
    }
}
