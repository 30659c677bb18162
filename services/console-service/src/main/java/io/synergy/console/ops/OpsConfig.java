package io.synergy.console.ops;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.time.ZoneId;

/** Settings of the ops API and the dashboard's live updates ({@code synergy.ops.*}). */
@ConfigMapping(prefix = "synergy.ops")
public interface OpsConfig {

    /**
     * The reporting calendar: annual data of year Y is due by this month-day of year Y+1 ({@code MM-dd}, default 31 March,
     * when the statistics bureaus publish the previous year's figures).
     */
    @WithDefault("03-31")
    String annualDue();

    /** The time zone the calendar's dates are read in (the bureaus' local time). */
    @WithDefault("Asia/Shanghai")
    ZoneId zone();

    /**
     * The {@code sasl.jaas.config} of the ops API's own Kafka principal ({@code ops}): describe topics, groups and offsets,
     * read the dead-letter topics, replay to the feed topics — nothing the aggregation's own principal may do, and nothing
     * else. Its password from the environment (SYNERGY_OPS_KAFKA_PASSWORD, or the whole line as
     * SYNERGY_OPS_KAFKA_SASL_JAAS_CONFIG), never from a file of the repository.
     */
    String kafkaJaasConfig();

    /** How long a single Kafka admin call of the ops API may take before it answers 503. */
    @WithDefault("5s")
    Duration kafkaTimeout();

    /** Timeout of the readiness probe's Kafka check: short, a probe must answer quickly. */
    @WithDefault("2s")
    Duration healthTimeout();

    /** How far back the end-offset samples (message rates, lag trend) reach. */
    @WithDefault("6m")
    Duration rateHistory();

    /**
     * How often the ops snapshot is taken ({@code OpsSnapshot}): the topics, consumer groups, dead letters and receipts the
     * ops API answers from, and the end offsets and lag the rates, trends and synergy.kafka.* meters come from. An answer is
     * at most this and one refresh old.
     */
    @WithDefault("2s")
    Duration sampleInterval();

    /** How often the synergy.freshness.overdue.datasets gauges are recomputed. */
    @WithDefault("60s")
    Duration freshnessInterval();

    DeadLetters deadLetters();

    Dashboard dashboard();

    interface Dashboard {

        /** How often the result table's fingerprint is checked for the dashboard's live updates. */
        @WithDefault("2s")
        Duration pollInterval();
    }

    interface DeadLetters {

        /** Messages listed per dead-letter topic when {@code limit} is not given. */
        @WithDefault("20")
        int defaultLimit();

        /** Upper bound of {@code limit}: browsing reads the messages into memory. */
        @WithDefault("500")
        int maxLimit();

        /** Characters of a message value shown; the rest is cut (a dead letter can be a multi-megabyte CSV). */
        @WithDefault("4000")
        int valueChars();

        /** Loop guard: a message whose {@code replay-count} header has reached this is not replayed again. */
        @WithDefault("3")
        int maxReplays();

        /** Upper bound of one {@code "all": true} replay; a bigger backlog is replayed in several requests. */
        @WithDefault("10000")
        int maxReplayBatch();
    }
}
