package io.synergy.console.ops.topics;

import io.synergy.model.catalogue.Sector;
import io.synergy.model.event.CloudEventTypes;
import io.synergy.model.event.Topics;
import io.synergy.model.kafka.KafkaAccess;
import java.util.List;
import java.util.Optional;

/**
 * What the platform knows about one of its topics beyond Kafka's metadata: its role, its sector, the CloudEvents type
 * it carries, the consumer group that reads it and, for a feed, its dead-letter sibling. Derived from
 * {@link Topics#all()} and the naming rule of docs/events.md, so a new sector needs no change here.
 *
 * @param name          topic name
 * @param kind          feed, dead-letter, indicators, results, alerts, org-units, projects, pilots or targets
 * @param sector        sector code for per-sector topics, else {@code null}
 * @param eventType     CloudEvents type of its records, {@code null} when they are not CloudEvents (feeds)
 * @param consumerGroup the platform's consumer group reading it, {@code null} if none of ours does
 * @param deadLetters   the dead-letter topic of what is refused from it (a feed's own, {@code indicators.v1.dlq} for the
 *                      indicator topics, {@code org-units.v1.dlq}, {@code targets.v1.dlq}), else {@code null}
 * @param partitions    the partition count it is provisioned with
 * @param compacted     provisioned with {@code cleanup.policy=compact}
 */
public record PlatformTopic(
        String name,
        String kind,
        String sector,
        String eventType,
        String consumerGroup,
        String deadLetters,
        int partitions,
        boolean compacted) {

    public static final String FEED = "feed";
    public static final String DEAD_LETTER = "dead-letter";
    public static final String INDICATORS = "indicators";
    public static final String RESULTS = "results";
    public static final String ALERTS = "alerts";
    public static final String ORG_UNITS = "org-units";
    public static final String PROJECTS = "projects";
    public static final String PILOTS = "pilots";
    public static final String TARGETS = "targets";
    public static final String APPROVALS = "approvals";
    public static final String REMINDERS = "reminders";

    /** The consumer group of the aggregation service (mp.messaging.incoming.indicators.group.id), as the broker's ACLs name it. */
    public static final String AGGREGATION_GROUP = KafkaAccess.AGGREGATION_GROUP;
    /** The aggregation's consumer group of targets.v1 (mp.messaging.incoming.targets.group.id), as the broker's ACLs name it. */
    public static final String TARGETS_GROUP = KafkaAccess.TARGETS_GROUP;
    /** The aggregation's consumer group of approvals.v1 (the official view), as the broker's ACLs name it. */
    public static final String APPROVALS_GROUP = KafkaAccess.AGGREGATION_APPROVALS_GROUP;
    /** The aggregation's consumer groups of projects.v1 and pilots.v1, as the broker's ACLs name them. */
    public static final String PROJECTS_GROUP = KafkaAccess.PROJECTS_GROUP;

    public static final String PILOTS_GROUP = KafkaAccess.PILOTS_GROUP;

    /** The console's own group on the indicator topics (the feeds' freshness, mp.messaging.incoming.indicators.group.id). */
    public static final String CONSOLE_GROUP = KafkaAccess.CONSOLE_GROUP;

    /** A sector service's feed consumer group (sector-kit: {@code <sector>-service-feed}), as the broker's ACLs name it. */
    public static String feedGroup(Sector s) {
        return KafkaAccess.feedGroup(s);
    }

    /** Every platform topic, in the order of {@link Topics#all()}. */
    public static List<PlatformTopic> all() {
        return Topics.all().stream().map(PlatformTopic::of).toList();
    }

    public static Optional<PlatformTopic> find(String name) {
        return all().stream().filter(t -> t.name().equals(name)).findFirst();
    }

    public static List<PlatformTopic> deadLetterTopics() {
        return all().stream().filter(t -> DEAD_LETTER.equals(t.kind())).toList();
    }

    private static PlatformTopic of(Topics.TopicSpec spec) {
        String n = spec.name();
        for (Sector s : Sector.values()) {
            if (n.equals(Topics.feed(s))) {
                return new PlatformTopic(
                        n,
                        FEED,
                        s.code(),
                        null,
                        feedGroup(s),
                        Topics.feedDeadLetters(s),
                        spec.partitions(),
                        spec.compacted());
            }
            if (n.equals(Topics.feedDeadLetters(s))) {
                return new PlatformTopic(
                        n, DEAD_LETTER, s.code(), null, null, null, spec.partitions(), spec.compacted());
            }
            if (n.equals(Topics.indicators(s))) {
                return new PlatformTopic(
                        n,
                        INDICATORS,
                        s.code(),
                        CloudEventTypes.INDICATOR,
                        AGGREGATION_GROUP,
                        Topics.INDICATORS_DEAD_LETTERS,
                        spec.partitions(),
                        spec.compacted());
            }
        }
        if (n.equals(Topics.RESULTS)) {
            return new PlatformTopic(
                    n, RESULTS, null, CloudEventTypes.RESULT, null, null, spec.partitions(), spec.compacted());
        }
        if (n.equals(Topics.ALERTS)) {
            return new PlatformTopic(
                    n, ALERTS, null, CloudEventTypes.ALERT, null, null, spec.partitions(), spec.compacted());
        }
        if (n.equals(Topics.ORG_UNITS)) {
            // every service reads it with a group of its own per start, never committed: no group of ours to watch
            return new PlatformTopic(
                    n,
                    ORG_UNITS,
                    null,
                    CloudEventTypes.ORG_UNIT,
                    null,
                    Topics.ORG_UNITS_DEAD_LETTERS,
                    spec.partitions(),
                    spec.compacted());
        }
        if (n.equals(Topics.PROJECTS)) {
            // the registry's key projects (重点工程): the aggregation counts them (E5, the report; RegistryTopicConsumers)
            return new PlatformTopic(
                    n,
                    PROJECTS,
                    null,
                    CloudEventTypes.PROJECT,
                    PROJECTS_GROUP,
                    Topics.PROJECTS_DEAD_LETTERS,
                    spec.partitions(),
                    spec.compacted());
        }
        if (n.equals(Topics.PILOTS)) {
            // the registry's pilots and designations (试点示范): the aggregation shows them with the units' synergy
            return new PlatformTopic(
                    n,
                    PILOTS,
                    null,
                    CloudEventTypes.PILOT,
                    PILOTS_GROUP,
                    Topics.PILOTS_DEAD_LETTERS,
                    spec.partitions(),
                    spec.compacted());
        }
        if (n.equals(Topics.TARGETS)) {
            // the registry's allocations of targets (目标分解): the aggregation judges attainment by them (TargetConsumer)
            return new PlatformTopic(
                    n,
                    TARGETS,
                    null,
                    CloudEventTypes.TARGET,
                    TARGETS_GROUP,
                    Topics.TARGETS_DEAD_LETTERS,
                    spec.partitions(),
                    spec.compacted());
        }
        if (n.equals(Topics.APPROVALS)) {
            // the five sector services' data set transitions (审核确认), all on one topic: the aggregation's official view
            // reads them (ApprovalConsumer; the group watched here), as does the registry for its deadlines
            return new PlatformTopic(
                    n,
                    APPROVALS,
                    null,
                    CloudEventTypes.APPROVAL,
                    APPROVALS_GROUP,
                    Topics.APPROVALS_DEAD_LETTERS,
                    spec.partitions(),
                    spec.compacted());
        }
        if (n.equals(Topics.REMINDERS)) {
            // the registry's reminders of data sets due soon or overdue (截止提醒), for mail or SMS gateways outside the
            // platform
            return new PlatformTopic(
                    n, REMINDERS, null, CloudEventTypes.REMINDER, null, null, spec.partitions(), spec.compacted());
        }
        if (n.equals(Topics.INDICATORS_DEAD_LETTERS)
                || n.equals(Topics.ORG_UNITS_DEAD_LETTERS)
                || n.equals(Topics.TARGETS_DEAD_LETTERS)
                || n.equals(Topics.PROJECTS_DEAD_LETTERS)
                || n.equals(Topics.PILOTS_DEAD_LETTERS)
                || n.equals(Topics.APPROVALS_DEAD_LETTERS)) {
            return new PlatformTopic(n, DEAD_LETTER, null, null, null, null, spec.partitions(), spec.compacted());
        }
        return new PlatformTopic(n, "other", null, null, null, null, spec.partitions(), spec.compacted());
    }

    /**
     * Whether the ops API may replay this dead-letter topic: a feed's only. {@code indicators.v1.dlq}, {@code org-units.v1.dlq}
     * and {@code targets.v1.dlq} are browse only — their records came from topics that only the platform's own services may
     * write (an indicator topic belongs to its sector service, org-units.v1 and targets.v1 to the registry): a fix goes to
     * that service, not into a replay.
     */
    public boolean replayable() {
        return feedOf(name).isPresent();
    }

    /**
     * The topic this dead-letter topic's records came from, {@code null} when they came from several (each record's
     * {@code dead-letter-topic} header names its own).
     */
    public String sourceTopic() {
        return Topics.INDICATORS_DEAD_LETTERS.equals(name) ? null : sourceOf(name);
    }

    /**
     * The feed whose dead-letter topic this is — the only topic a dead letter of it is ever replayed to, whatever the
     * message's headers say. Empty for any other topic, a dead-letter topic of the aggregation's own consumers
     * included: those are browsed, never replayed (a replay must not write indicators, results, alerts or org units).
     */
    public static Optional<PlatformTopic> feedOf(String deadLetterTopic) {
        return all().stream()
                .filter(t -> FEED.equals(t.kind()) && deadLetterTopic.equals(t.deadLetters()))
                .findFirst();
    }

    /**
     * The source topic of a dead-letter topic by the naming rule ({@code feeds.energy.v1.dlq} → {@code feeds.energy.v1}), as
     * the ops API shows it; replays go by {@link #feedOf} alone.
     */
    public static String sourceOf(String deadLetterTopic) {
        return deadLetterTopic.endsWith(".dlq")
                ? deadLetterTopic.substring(0, deadLetterTopic.length() - ".dlq".length())
                : deadLetterTopic;
    }
}
