package io.synergy.console.ops.deadletters;

import io.synergy.console.ops.OpsConfig;
import io.synergy.console.ops.deadletters.DeadLettersResource.DeadLetterTopicView;
import io.synergy.console.ops.deadletters.DeadLettersResource.MessageView;
import io.synergy.console.ops.topics.PlatformTopic;
import io.synergy.console.ops.topics.TopicOffsets;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * The dead-letter topics' listing ({@code GET /api/v1/ops/dead-letters}) from one sample of their offsets: what the ops
 * snapshot keeps (the newest {@code synergy.ops.dead-letters.default-limit} messages of each topic) and what a request
 * for more reads at once. A topic whose offsets did not move since the previous listing keeps its messages (the same
 * offsets hold the same records): only a topic that changed is read again, and only its {@code replayed} flags are
 * taken anew from the audit each time.
 */
@ApplicationScoped
public class DeadLetterListing {

    private final DeadLetterReader reader;
    private final ReplayAudit audit;
    private final OpsConfig config;

    DeadLetterListing(DeadLetterReader reader, ReplayAudit audit, OpsConfig config) {
        this.reader = reader;
        this.audit = audit;
        this.config = config;
    }

    /** Messages per topic the snapshot keeps: a request for at most this many is answered from it. */
    public int kept() {
        return config.deadLetters().defaultLimit();
    }

    /**
     * The listing of {@code topics}, by name, with the newest {@code limit} messages of each.
     *
     * @param previous the previous listing with the same limit, by name (its messages are reused where the offsets did not
     *                 move), or empty
     */
    public Map<String, DeadLetterTopicView> list(
            Instant sampledAt,
            List<PlatformTopic> topics,
            Map<String, TopicDescription> described,
            Map<String, List<TopicOffsets.PartitionOffsets>> byTopic,
            int limit,
            Map<String, DeadLetterTopicView> previous) {
        Map<String, DeadLetterTopicView> out = new LinkedHashMap<>();
        for (PlatformTopic t : topics) {
            if (!described.containsKey(t.name())) {
                out.put(
                        t.name(),
                        new DeadLetterTopicView(
                                t.name(),
                                t.sector(),
                                t.sourceTopic(),
                                t.replayable(),
                                false,
                                0,
                                List.of(),
                                Map.of(),
                                List.of(),
                                sampledAt));
                continue;
            }
            List<TopicOffsets.PartitionOffsets> partitions = byTopic.getOrDefault(t.name(), List.of());
            long depth = TopicOffsets.sumRetained(partitions);
            DeadLetterTopicView before = previous.get(t.name());
            List<MessageView> messages = new ArrayList<>();
            if (t.compacted() && depth > 0) {
                if (before != null && before.exists() && before.partitions().equals(partitions)) {
                    depth = before.depth();
                    messages.addAll(before.messages());
                } else {
                    // org-units.v1.dlq: every service, at every start, writes its letters again under the same key;
                    // until compaction removes the older ones, the newest per key is the one entry of its source record
                    List<ConsumerRecord<byte[], byte[]>> latest = reader.latestPerKey(t.name(), partitions);
                    depth = latest.size();
                    latest.stream().limit(limit).forEach(r -> messages.add(view(r, Set.of())));
                }
            } else if (limit > 0 && depth > 0) {
                Set<String> replayed = audit.replayedMessages(t.name());
                if (before != null && before.exists() && before.partitions().equals(partitions)) {
                    before.messages()
                            .forEach(
                                    m -> messages.add(m.replayed(replayed.contains(m.partition() + "/" + m.offset()))));
                } else {
                    reader.newest(t.name(), partitions, limit).forEach(r -> messages.add(view(r, replayed)));
                }
            }
            out.put(
                    t.name(),
                    new DeadLetterTopicView(
                            t.name(),
                            t.sector(),
                            t.sourceTopic(),
                            t.replayable(),
                            true,
                            depth,
                            partitions,
                            reasons(messages),
                            List.copyOf(messages),
                            sampledAt));
        }
        return out;
    }

    /** The topic's listing with its newest {@code limit} messages only (and their reasons). */
    static DeadLetterTopicView cut(DeadLetterTopicView v, int limit) {
        if (v.messages().size() <= limit) {
            return v;
        }
        List<MessageView> shown = v.messages().subList(0, limit);
        return new DeadLetterTopicView(
                v.topic(),
                v.sector(),
                v.sourceTopic(),
                v.replayable(),
                v.exists(),
                v.depth(),
                v.partitions(),
                reasons(shown),
                List.copyOf(shown),
                v.sampledAt());
    }

    /** The listed messages per {@code dead-letter-reason}. */
    private static Map<String, Long> reasons(List<MessageView> messages) {
        Map<String, Long> reasons = new TreeMap<>();
        messages.forEach(m -> reasons.merge(m.reason() == null ? "(no reason header)" : m.reason(), 1L, Long::sum));
        return reasons;
    }

    private MessageView view(ConsumerRecord<byte[], byte[]> r, Set<String> replayed) {
        int max = config.deadLetters().valueChars();
        String value = r.value() == null ? null : new String(r.value(), StandardCharsets.UTF_8);
        boolean truncated = value != null && value.length() > max;
        Map<String, String> headers = DeadLetterHeaders.decode(r.headers());
        return new MessageView(
                r.partition(),
                r.offset(),
                Instant.ofEpochMilli(r.timestamp()),
                r.key() == null ? null : new String(r.key(), StandardCharsets.UTF_8),
                truncated ? value.substring(0, max) : value,
                truncated,
                r.value() == null ? 0 : r.value().length,
                headers.get(DeadLetterHeaders.REASON),
                headers.get(DeadLetterHeaders.CAUSE),
                headers.get(DeadLetterHeaders.TOPIC),
                integer(headers.get(DeadLetterHeaders.PARTITION)),
                longValue(headers.get(DeadLetterHeaders.OFFSET)),
                DeadLetterHeaders.replayCount(r.headers()),
                replayed.contains(r.partition() + "/" + r.offset()),
                headers.get(DeadLetterHeaders.ID),
                DeadLetterHeaders.identity(r.headers()).orElse(null),
                headers);
    }

    private static Integer integer(String s) {
        try {
            return s == null ? null : Integer.valueOf(s.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static Long longValue(String s) {
        try {
            return s == null ? null : Long.valueOf(s.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
