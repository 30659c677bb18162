package io.synergy.model.event;

import static io.synergy.model.kafka.Principals.AGGREGATION;
import static io.synergy.model.kafka.Principals.CONSOLE;
import static io.synergy.model.kafka.Principals.OPS;
import static io.synergy.model.kafka.Principals.REGISTRY;
import static io.synergy.model.kafka.TopicAccess.writtenBy;

import io.synergy.model.catalogue.Sector;
import io.synergy.model.kafka.Principals;
import io.synergy.model.kafka.TopicAccess;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** Topic names: {@code <what>.<sector>.v<version>}. See docs/events.md. */
public final class Topics {

    public static final String RESULTS = "results.v1";
    public static final String ALERTS = "alerts.v1";
    /** The registry of parks and enterprises, compacted (key: the unit's code). */
    public static final String ORG_UNITS = "org-units.v1";
    /** The targets allocated to org units (目标分解), compacted (key: {@code <indicator>|<orgUnit>}); see {@link TargetEvent}. */
    public static final String TARGETS = "targets.v1";
    /**
     * Indicator events the aggregation refused (any of the five {@code indicators.<sector>.v1}), with the reason in
     * headers. Browse only: a replay must never write an {@code indicators.*} topic, only the sector service that owns it does.
     */
    public static final String INDICATORS_DEAD_LETTERS = "indicators.v1.dlq";
    /**
     * Records of {@code org-units.v1} a service refused. Compacted, keyed by the source partition and offset, because
     * every service and every restart reads the whole registry again and dead-letters the same record again.
     */
    public static final String ORG_UNITS_DEAD_LETTERS = ORG_UNITS + ".dlq";
    /**
     * Records of {@code targets.v1} the aggregation refused. Compacted, keyed by the source partition and offset: a
     * redelivered record's letter replaces the first.
     */
    public static final String TARGETS_DEAD_LETTERS = TARGETS + ".dlq";
    /** Key projects (重点工程) of the registry, compacted (key: the project's code). */
    public static final String PROJECTS = "projects.v1";
    /** Pilots and designations (试点示范) of the registry, compacted (key: the pilot's code). */
    public static final String PILOTS = "pilots.v1";
    /**
     * Records of {@code projects.v1} the aggregation refused. Compacted, keyed by the source partition and offset: a
     * redelivered record's letter replaces the first.
     */
    public static final String PROJECTS_DEAD_LETTERS = PROJECTS + ".dlq";
    /** Records of {@code pilots.v1} the aggregation refused; as {@link #PROJECTS_DEAD_LETTERS}. */
    public static final String PILOTS_DEAD_LETTERS = PILOTS + ".dlq";
    /**
     * The data sets' transitions in the reporting cycle (审核确认), from the five sector services, compacted (key:
     * {@code <sector>|<orgUnit>|<period>}); see {@link ApprovalEvent}.
     */
    public static final String APPROVALS = "approvals.v1";
    /**
     * Records of {@code approvals.v1} the registry or the aggregation refused, with the reason in headers (browse only; each
     * consumer group commits its offsets, so a record is refused once by each reader).
     */
    public static final String APPROVALS_DEAD_LETTERS = APPROVALS + ".dlq";
    /**
     * Reminders of data sets due soon or overdue, for mail or SMS gateways (key: {@code <sector>|<orgUnit>|<period>}); see
     * {@link ReminderEvent}. Not compacted: every reminder is a message of its own, not a newer state of its key.
     */
    public static final String REMINDERS = "reminders.v1";

    private Topics() {}

    /** Partitions of every topic by default: enough for three consumers of a group, few enough for one laptop. */
    public static final int DEFAULT_PARTITIONS = 3;

    /**
     * A platform topic and how it is to be created.
     *
     * @param name       topic name
     * @param partitions partition count (a dead-letter topic has its source topic's count)
     * @param compacted  {@code cleanup.policy=compact}: only the latest record per key matters
     * @param access     who may produce to it and consume it: the broker's ACLs are derived from it (KafkaAccess)
     */
    public record TopicSpec(String name, int partitions, boolean compacted, TopicAccess access) {

        /**
         * Its topic-level configuration, wherever topics are created (TopicProvisioner, the tests' KafkaBroker, the chart's
         * KafkaTopic resources): compaction, and for a feed the broker's clock as every record's timestamp — a feed
         * message's token is judged at that time, and a producer could set its own CreateTime freely (docs/security.md).
         */
        public Map<String, String> configs() {
            Map<String, String> configs = new TreeMap<>();
            if (compacted) {
                configs.put("cleanup.policy", "compact");
            }
            if (isFeed(name)) {
                configs.put(TIMESTAMP_TYPE, LOG_APPEND_TIME);
            }
            return configs;
        }
    }

    /** The topic configuration that says whose clock stamps a record: {@code CreateTime} (the producer's) or {@code LogAppendTime}. */
    public static final String TIMESTAMP_TYPE = "message.timestamp.type";

    public static final String LOG_APPEND_TIME = "LogAppendTime";

    /**
     * Every topic of the platform, for provisioning (local run, tests, the Helm chart's KafkaTopic and KafkaUser resources),
     * each with who may write and read it (docs/security.md): a sector's feed is written by its bureau (and by the ops API's
     * replays) and read by its sector service, which alone writes the sector's indicators and dead letters.
     */
    public static List<TopicSpec> all() {
        List<TopicSpec> all = new ArrayList<>();
        for (Sector s : Sector.values()) {
            String service = Principals.service(s);
            all.add(new TopicSpec(
                    feed(s),
                    DEFAULT_PARTITIONS,
                    false,
                    writtenBy(Principals.bureau(s), OPS).readBy(service)));
            all.add(new TopicSpec(
                    feedDeadLetters(s),
                    DEFAULT_PARTITIONS,
                    false,
                    writtenBy(service).readBy(OPS)));
            all.add(new TopicSpec(
                    indicators(s), DEFAULT_PARTITIONS, false, writtenBy(service).readBy(AGGREGATION, CONSOLE)));
        }
        all.add(new TopicSpec(
                RESULTS, DEFAULT_PARTITIONS, true, writtenBy(AGGREGATION).readBy(CONSOLE)));
        all.add(new TopicSpec(ALERTS, 1, false, writtenBy(AGGREGATION).readBy(CONSOLE)));
        all.add(new TopicSpec(ORG_UNITS, 1, true, writtenBy(REGISTRY).readBy(Principals.services())));
        all.add(new TopicSpec(
                INDICATORS_DEAD_LETTERS,
                DEFAULT_PARTITIONS,
                false,
                writtenBy(AGGREGATION).readBy(OPS)));
        all.add(new TopicSpec(
                ORG_UNITS_DEAD_LETTERS,
                1,
                true,
                writtenBy(Principals.services()).readBy(OPS)));
        // the registry's key projects and pilots: the aggregation counts them (E5, the report, the units' designations)
        all.add(new TopicSpec(PROJECTS, 1, true, writtenBy(REGISTRY).readBy(AGGREGATION)));
        all.add(new TopicSpec(
                PROJECTS_DEAD_LETTERS, 1, true, writtenBy(AGGREGATION).readBy(OPS)));
        all.add(new TopicSpec(PILOTS, 1, true, writtenBy(REGISTRY).readBy(AGGREGATION)));
        all.add(new TopicSpec(
                PILOTS_DEAD_LETTERS, 1, true, writtenBy(AGGREGATION).readBy(OPS)));
        all.add(new TopicSpec(TARGETS, 1, true, writtenBy(REGISTRY).readBy(AGGREGATION)));
        all.add(new TopicSpec(
                TARGETS_DEAD_LETTERS, 1, true, writtenBy(AGGREGATION).readBy(OPS)));
        all.add(new TopicSpec(
                APPROVALS, 1, true, writtenBy(Principals.sectorServices()).readBy(REGISTRY, AGGREGATION)));
        all.add(new TopicSpec(
                APPROVALS_DEAD_LETTERS,
                1,
                false,
                writtenBy(REGISTRY, AGGREGATION).readBy(OPS)));
        // reminders.v1 is for mail or SMS gateways outside the platform: none of its services reads it
        all.add(new TopicSpec(REMINDERS, 1, false, writtenBy(REGISTRY)));
        return all;
    }

    /** Reports produced by a bureau's system (the same JSON as the REST body). */
    public static String feed(Sector sector) {
        return "feeds." + sector.code() + ".v1";
    }

    /** Whether the topic is a sector's feed ({@code feeds.<sector>.v1}, not its dead letters). */
    public static boolean isFeed(String name) {
        for (Sector s : Sector.values()) {
            if (feed(s).equals(name)) {
                return true;
            }
        }
        return false;
    }

    /** Feed messages that could not be parsed or validated, with the reason in headers. */
    public static String feedDeadLetters(Sector sector) {
        return feed(sector) + ".dlq";
    }

    /** Indicator events a sector service publishes through its outbox. */
    public static String indicators(Sector sector) {
        return "indicators." + sector.code() + ".v1";
    }

    /** The sector whose indicator topic this is ({@code indicators.energy.v1} → energy), or empty. */
    public static Optional<Sector> sectorOfIndicators(String topic) {
        for (Sector s : Sector.values()) {
            if (indicators(s).equals(topic)) {
                return Optional.of(s);
            }
        }
        return Optional.empty();
    }
}
