package io.synergy.console.ops;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.synergy.console.ops.consumers.ConsumerGroups;
import io.synergy.console.ops.topics.PlatformTopic;
import io.synergy.console.ops.topics.TopicOffsets;
import io.synergy.platform.metrics.KnownGauges;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Remembers samples of the pipeline, taken with every {@link OpsSnapshot} (every {@code synergy.ops.sample-interval}): the
 * end offset of every platform topic and the total lag of every platform consumer group. Kafka keeps no history, so message rates ("msgs/s over the last minute") and
 * lag trends can only come from remembering earlier samples; a few minutes of them are kept in memory (per instance,
 * lost on restart — Prometheus keeps the long history from the metrics registered here).
 *
 * <p>The samples also feed the Micrometer meters, so a Prometheus scrape never waits on Kafka:
 * {@code synergy.kafka.topic.records{topic}} (end offset, a counter: use {@code rate()}; registered once first sampled),
 * {@code synergy.kafka.consumer.lag{group}} and {@code synergy.kafka.dlq.depth{topic}} (gauges, absent while Kafka is away: unknown
 * is not zero, and not NaN either).
 */
@ApplicationScoped
public class PipelineSampler {

    /** One observation of a number at an instant. */
    public record Sample(Instant at, long value) {}

    /** Messages per second over a window, and the span the samples actually covered (shorter just after start). */
    public record Rate(double perSecond, long coveredSeconds) {}

    private final OpsConfig config;
    private final MeterRegistry registry;
    private final Map<String, Deque<Sample>> topicEnds = new ConcurrentHashMap<>();
    private final Map<String, Deque<Sample>> groupLags = new ConcurrentHashMap<>();
    private final Map<String, Double> topicRecords = new ConcurrentHashMap<>();
    private KnownGauges dlqDepth;
    private KnownGauges groupLag;
    private final AtomicReference<String> lastError = new AtomicReference<>();
    private volatile Instant lastSampleAt;

    @Inject
    PipelineSampler(OpsConfig config, MeterRegistry registry) {
        this.config = config;
        this.registry = registry;
    }

    // with the bean, not on StartupEvent: the snapshot's first refresh may come before that event is observed
    @PostConstruct
    void registerMeters() {
        dlqDepth = new KnownGauges(
                registry, "synergy.kafka.dlq.depth", "Messages retained in the dead-letter topic", "topic");
        groupLag = new KnownGauges(
                registry,
                "synergy.kafka.consumer.lag",
                "Records the group has yet to consume, over all its partitions",
                "group");
    }

    /** The topic's record counter, registered the first time its end offset is known (the last known value stays: it only grows). */
    private void topicRecords(String topic, long end) {
        if (topicRecords.put(topic, (double) end) == null) {
            FunctionCounter.builder("synergy.kafka.topic.records", topicRecords, m -> m.get(topic))
                    .description(
                            "End offset summed over the topic's partitions: records ever written (rate() gives msgs/s)")
                    .tag("topic", topic)
                    .register(registry);
        }
    }

    /**
     * Remembers one sample of the pipeline, taken by {@link OpsSnapshot}: the end offsets of the platform's topics
     * ({@code null} if they could not be read) and the platform groups' lag ({@code null} if it could not be read).
     * What could not be read turns its gauges unknown: a dashboard must not show "no lag" while Kafka is away.
     */
    void observe(
            Instant now,
            Map<String, List<TopicOffsets.PartitionOffsets>> offsets,
            List<ConsumerGroups.GroupLag> lags,
            RuntimeException failure) {
        if (offsets != null) {
            for (PlatformTopic t : PlatformTopic.all()) {
                List<TopicOffsets.PartitionOffsets> p = offsets.get(t.name());
                if (p == null) {
                    continue;
                }
                long end = TopicOffsets.sumEnd(p);
                record(topicEnds, t.name(), new Sample(now, end));
                topicRecords(t.name(), end);
                if (PlatformTopic.DEAD_LETTER.equals(t.kind())) {
                    dlqDepth.set(t.name(), TopicOffsets.sumRetained(p));
                }
            }
        } else {
            dlqDepth.allUnknown();
        }
        if (lags != null) {
            for (ConsumerGroups.GroupLag g : lags) {
                record(groupLags, g.group(), new Sample(now, g.totalLag()));
                groupLag.set(g.group(), g.totalLag());
            }
        } else {
            groupLag.allUnknown();
        }
        if (failure == null) {
            lastSampleAt = now;
            if (lastError.getAndSet(null) != null) {
                Log.info("pipeline sampler: Kafka answers again");
            }
        } else if (lastError.getAndSet(failure.getMessage()) == null) {
            Log.warnf(
                    "pipeline sampler: could not sample Kafka (rates and lag gauges unknown until it answers): %s",
                    failure.getMessage());
        }
    }

    private void record(Map<String, Deque<Sample>> history, String key, Sample s) {
        Deque<Sample> d = history.computeIfAbsent(key, k -> new ArrayDeque<>());
        synchronized (d) {
            d.addLast(s);
            Instant horizon = s.at().minus(config.rateHistory());
            while (!d.isEmpty() && d.peekFirst().at().isBefore(horizon)) {
                d.removeFirst();
            }
        }
    }

    /**
     * Records per second written to the topic over the last {@code window}: the difference between the newest sample
     * and the oldest one inside the window. {@code null} until two samples exist.
     */
    public Rate rate(String topic, Duration window) {
        Sample[] span = span(topicEnds.get(topic), window);
        if (span == null) {
            return null;
        }
        double seconds = Duration.between(span[0].at(), span[1].at()).toMillis() / 1000.0;
        return new Rate((span[1].value() - span[0].value()) / seconds, Math.round(seconds));
    }

    /** How the group's total lag moved over the last {@code window}: growing, shrinking or steady; {@code null} if unknown. */
    public String lagTrend(String group, Duration window) {
        Sample[] span = span(groupLags.get(group), window);
        if (span == null) {
            return null;
        }
        long delta = span[1].value() - span[0].value();
        return delta > 0 ? "growing" : delta < 0 ? "shrinking" : "steady";
    }

    private static Sample[] span(Deque<Sample> history, Duration window) {
        if (history == null) {
            return null;
        }
        synchronized (history) {
            if (history.size() < 2) {
                return null;
            }
            Sample newest = history.peekLast();
            Instant from = newest.at().minus(window);
            Sample oldest = null;
            for (Sample s : history) {
                if (!s.at().isBefore(from)) {
                    oldest = s;
                    break;
                }
            }
            if (oldest == null || oldest == newest) {
                return null;
            }
            return new Sample[] {oldest, newest};
        }
    }

    public Instant lastSampleAt() {
        return lastSampleAt;
    }

    /** Why the last sample failed, or {@code null} if it succeeded. */
    public String lastError() {
        return lastError.get();
    }
}
