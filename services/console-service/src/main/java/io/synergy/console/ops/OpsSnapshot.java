package io.synergy.console.ops;

import io.quarkus.logging.Log;
import io.quarkus.scheduler.Scheduled;
import io.synergy.console.ops.consumers.ConsumerGroups;
import io.synergy.console.ops.consumers.ConsumersResource.GroupView;
import io.synergy.console.ops.deadletters.DeadLetterListing;
import io.synergy.console.ops.deadletters.DeadLettersResource.DeadLetterTopicView;
import io.synergy.console.ops.freshness.FreshnessService;
import io.synergy.console.ops.freshness.FreshnessService.Freshness;
import io.synergy.console.ops.topics.PlatformTopic;
import io.synergy.console.ops.topics.TopicOffsets;
import io.synergy.console.ops.topics.TopicsReader;
import io.synergy.console.ops.topics.TopicsResource.TopicsView;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;
import org.apache.kafka.clients.admin.TopicDescription;

/**
 * What the ops API answers, read in the background every {@code synergy.ops.sample-interval} and served to every reader
 * until the next: the topics, the consumer groups, the dead-letter listing and the receipts the feeds' freshness is
 * computed from. A request used to ask the broker itself (describe topics, offsets, configuration, groups; a consumer for
 * the dead letters) and the database (freshness): a few hundred milliseconds each, and 32 readers at once queued on the
 * one admin client. Now the broker and the database are asked once per refresh, whatever the number of readers.
 *
 * <p>Each answer says when it was read ({@code sampledAt}); it is at most one interval and one refresh old. A replay
 * refreshes before it answers ({@link #refreshAfterWrite}), so the operator's next listing shows it. Each part is read on
 * its own: what Kafka or the database refused (403 {@code kafka-not-authorized}, 503 {@code kafka-unavailable}) is that
 * part's answer until the next refresh, and the other parts are served as usual. The refresh also takes the samples the
 * rates, lag trends and meters come from ({@link PipelineSampler}).
 */
@ApplicationScoped
public class OpsSnapshot {

    /** One part of a snapshot: what was read, or the problem reading it was (answered as a request would have failed). */
    private record Part<T>(T value, RuntimeException failure) {

        static <T> Part<T> read(Supplier<T> read) {
            try {
                return new Part<>(read.get(), null);
            } catch (RuntimeException e) {
                return new Part<>(null, e);
            }
        }

        <U> Part<U> then(Function<T, U> next) {
            return failure != null ? new Part<>(null, failure) : read(() -> next.apply(value));
        }

        T get() {
            if (failure != null) {
                throw failure;
            }
            return value;
        }
    }

    /** Topics' descriptions and offsets, as read in one go. */
    private record Offsets(
            Map<String, TopicDescription> described, Map<String, List<TopicOffsets.PartitionOffsets>> byTopic) {}

    /** One refresh's answers; each accessor throws the problem its part was. */
    public static final class Snapshot {

        private final long startedNanos;
        private final Part<TopicsView> topics;
        private final Part<List<GroupView>> consumers;
        private final Part<Map<String, DeadLetterTopicView>> deadLetters;
        private final Part<FreshnessService.Facts> freshnessFacts;
        private final Part<Freshness> freshnessToday;

        private Snapshot(
                long startedNanos,
                Part<TopicsView> topics,
                Part<List<GroupView>> consumers,
                Part<Map<String, DeadLetterTopicView>> deadLetters,
                Part<FreshnessService.Facts> freshnessFacts,
                Part<Freshness> freshnessToday) {
            this.startedNanos = startedNanos;
            this.topics = topics;
            this.consumers = consumers;
            this.deadLetters = deadLetters;
            this.freshnessFacts = freshnessFacts;
            this.freshnessToday = freshnessToday;
        }

        public TopicsView topics() {
            return topics.get();
        }

        public List<GroupView> consumers() {
            return consumers.get();
        }

        /** Every dead-letter topic by name, with the newest {@code synergy.ops.dead-letters.default-limit} messages. */
        public Map<String, DeadLetterTopicView> deadLetters() {
            return deadLetters.get();
        }

        /** The receipts any freshness answer is computed from. */
        public FreshnessService.Facts freshnessFacts() {
            return freshnessFacts.get();
        }

        /** The freshness of every sector as of the refresh's day. */
        public Freshness freshnessToday() {
            return freshnessToday.get();
        }
    }

    private final PipelineSampler sampler;
    private final TopicOffsets offsets;
    private final TopicsReader topics;
    private final ConsumerGroups groups;
    private final DeadLetterListing deadLetters;
    private final FreshnessService freshness;
    /** One refresh at a time; a reader that needs one waits for it rather than asking the broker too. */
    private final ReentrantLock refreshing = new ReentrantLock();

    private volatile Snapshot current;

    OpsSnapshot(
            PipelineSampler sampler,
            TopicOffsets offsets,
            TopicsReader topics,
            ConsumerGroups groups,
            DeadLetterListing deadLetters,
            FreshnessService freshness) {
        this.sampler = sampler;
        this.offsets = offsets;
        this.topics = topics;
        this.groups = groups;
        this.deadLetters = deadLetters;
        this.freshness = freshness;
    }

    @Scheduled(every = "${synergy.ops.sample-interval}", concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void scheduled() {
        // a refresh under way (after a write, or the first reader's) is as good as this one
        if (refreshing.tryLock()) {
            try {
                current = refresh();
            } finally {
                refreshing.unlock();
            }
        }
    }

    /** The latest snapshot; before the first one, the first one (the reader waits for it). */
    public Snapshot current() {
        Snapshot s = current;
        return s != null ? s : refreshedIf(first -> first == null);
    }

    /**
     * Refreshes now, after an operator's action changed what the ops API shows: the next answer reflects it. A refresh
     * begun after the action covers it too. Never throws: what failed is the refreshed part's answer.
     */
    public void refreshAfterWrite() {
        long written = System.nanoTime();
        refreshedIf(s -> s == null || s.startedNanos - written < 0);
    }

    private Snapshot refreshedIf(Predicate<Snapshot> stale) {
        refreshing.lock();
        try {
            Snapshot s = current;
            if (stale.test(s)) {
                s = refresh();
                current = s;
            }
            return s;
        } finally {
            refreshing.unlock();
        }
    }

    private Snapshot refresh() {
        long started = System.nanoTime();
        Instant now = Instant.now();
        Part<Offsets> all = Part.read(
                () -> read(PlatformTopic.all().stream().map(PlatformTopic::name).toList()));
        // the groups' lag from the end offsets just read (asked of the broker again only if they could not be)
        Part<List<ConsumerGroups.GroupLag>> lags = Part.read(
                () -> groups.lags(all.value() == null ? Map.of() : all.value().byTopic()));
        sampler.observe(
                now,
                all.value() == null ? null : all.value().byTopic(),
                lags.value(),
                all.failure() != null ? all.failure() : lags.failure());

        List<PlatformTopic> dlqTopics = PlatformTopic.deadLetterTopics();
        // a topic the ops principal may not describe (an ACL missing) fails the listing of all; the dead-letter topics
        // are then read on their own, as their listing did before it came from the snapshot
        Part<Offsets> dlq = all.failure() == null
                ? all
                : Part.read(
                        () -> read(dlqTopics.stream().map(PlatformTopic::name).toList()));
        Snapshot before = current;
        Map<String, DeadLetterTopicView> previous =
                before == null || before.deadLetters.value() == null ? Map.of() : before.deadLetters.value();

        Part<FreshnessService.Facts> facts = Part.read(() -> freshness.facts(now));
        if (facts.failure() != null) {
            Log.debugf(
                    "ops snapshot: the receipts could not be read: %s",
                    facts.failure().getMessage());
        }
        return new Snapshot(
                started,
                all.then(o -> topics.read(now, o.described(), o.byTopic())),
                lags.then(l -> groups.views(now, l, sampler)),
                dlq.then(o ->
                        deadLetters.list(now, dlqTopics, o.described(), o.byTopic(), deadLetters.kept(), previous)),
                facts,
                facts.then(f -> freshness.freshness(freshness.today(), null, f)));
    }

    private Offsets read(List<String> names) {
        Map<String, TopicDescription> described = offsets.describe(names);
        return new Offsets(described, offsets.offsets(described));
    }
}
