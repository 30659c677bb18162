package io.synergy.console.ops.kafka;

import io.synergy.console.ops.OpsConfig;
import io.synergy.platform.kafka.KafkaClientProperties;
import io.synergy.platform.problem.ProblemException;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.ListOffsetsResult;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.config.SaslConfigs;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.ClusterAuthorizationException;
import org.apache.kafka.common.errors.GroupAuthorizationException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.eclipse.microprofile.config.Config;

/**
 * The ops API's Kafka clients: one long-lived {@link Admin} (cheap to keep, expensive to create per request: it opens
 * connections and fetches metadata), one producer for replays created on first use, and short-lived consumers for
 * browsing. All are configured from the same {@code kafka.*} properties as the messaging channels (servers, TLS, SASL
 * mechanism), but authenticate as the ops API's own principal ({@code synergy.ops.kafka-jaas-config}, principal {@code ops}),
 * not as the console service: its ACLs describe every topic and group, read the dead-letter topics and write the feed
 * topics only (replays), and they moved with the ops API from the aggregation (docs/security.md). The console's own
 * readers ({@link #ownReader}: the results view on results.v1) authenticate as the service's principal, console-service.
 */
@ApplicationScoped
public class OpsKafka {

    private final Config config;
    private final OpsConfig ops;
    private Properties own;
    private Properties common;
    private Duration timeout;
    private Admin admin;
    private KafkaProducer<byte[], byte[]> producer;

    @Inject
    OpsKafka(Config config, OpsConfig ops) {
        this.config = config;
        this.ops = ops;
    }

    @PostConstruct
    void init() {
        this.timeout = ops.kafkaTimeout();
        this.own = KafkaClientProperties.all(config);
        this.common = new Properties();
        common.putAll(own);
        common.put(SaslConfigs.SASL_JAAS_CONFIG, ops.kafkaJaasConfig());
        Properties p = filtered(AdminClientConfig.configNames());
        p.put(AdminClientConfig.CLIENT_ID_CONFIG, "console-service-ops-admin");
        p.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, Long.toString(timeout.toMillis()));
        p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, Long.toString(timeout.toMillis()));
        // the admin client keeps retrying metadata in the background; don't let a broker outage grow its backoff to
        // minutes
        p.put(AdminClientConfig.RECONNECT_BACKOFF_MAX_MS_CONFIG, "2000");
        this.admin = Admin.create(p);
    }

    private Properties filtered(Set<String> known) {
        return KafkaClientProperties.filtered(common, known);
    }

    public Admin admin() {
        return admin;
    }

    public Duration timeout() {
        return timeout;
    }

    /** The producer replays go through: idempotent, acknowledged by all in-sync replicas, raw bytes. */
    public synchronized KafkaProducer<byte[], byte[]> producer() {
        if (producer == null) {
            Properties p = filtered(ProducerConfig.configNames());
            p.put(ProducerConfig.CLIENT_ID_CONFIG, "console-service-ops-replay");
            p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
            p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, ByteArraySerializer.class.getName());
            p.put(ProducerConfig.ACKS_CONFIG, "all");
            p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
            p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, Long.toString(timeout.toMillis()));
            p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, Long.toString(timeout.toMillis()));
            p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, Long.toString(timeout.toMillis() * 2));
            producer = new KafkaProducer<>(p);
        }
        return producer;
    }

    /**
     * A consumer for reading a few records by {@code assign} + {@code seek}: no group id, so it never joins a group or
     * commits an offset — browsing a dead-letter topic must not move anybody's position. The caller closes it.
     */
    public KafkaConsumer<byte[], byte[]> browsingConsumer() {
        return reader("console-service-ops-browse");
    }

    /** A consumer like {@link #browsingConsumer()}, under its own client id, as the ops principal. */
    public KafkaConsumer<byte[], byte[]> reader(String clientId) {
        return reader(common, clientId);
    }

    /**
     * A consumer like {@link #reader}, but as the console service's own principal (its {@code kafka.sasl.jaas.config}):
     * the results view reads results.v1 with one, which the ops principal may not read.
     */
    public KafkaConsumer<byte[], byte[]> ownReader(String clientId) {
        return reader(own, clientId);
    }

    private KafkaConsumer<byte[], byte[]> reader(Properties base, String clientId) {
        Properties p = KafkaClientProperties.filtered(base, ConsumerConfig.configNames());
        p.remove(ConsumerConfig.GROUP_ID_CONFIG);
        p.put(ConsumerConfig.CLIENT_ID_CONFIG, clientId);
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        // a seek below the log start (records deleted by retention meanwhile) lands on the first retained record
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, ByteArrayDeserializer.class.getName());
        p.put(ConsumerConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, Long.toString(timeout.toMillis()));
        p.put(ConsumerConfig.REQUEST_TIMEOUT_MS_CONFIG, Long.toString(timeout.toMillis()));
        p.put(ConsumerConfig.MAX_POLL_RECORDS_CONFIG, "500");
        return new KafkaConsumer<>(p);
    }

    /** Offsets of the partitions at {@code spec} (earliest, latest, max timestamp). */
    public Map<TopicPartition, ListOffsetsResult.ListOffsetsResultInfo> offsets(
            Collection<TopicPartition> partitions, OffsetSpec spec) {
        Map<TopicPartition, OffsetSpec> request = new HashMap<>();
        partitions.forEach(tp -> request.put(tp, spec));
        return await(admin.listOffsets(request).all());
    }

    /** Offsets as plain numbers. */
    public Map<TopicPartition, Long> offsetNumbers(Collection<TopicPartition> partitions, OffsetSpec spec) {
        Map<TopicPartition, Long> out = new HashMap<>();
        offsets(partitions, spec).forEach((tp, info) -> out.put(tp, info.offset()));
        return out;
    }

    /**
     * Waits for an admin result within the ops timeout; Kafka away or slow becomes a 503 problem, Kafka refusing the ops
     * principal (an ACL missing) a 403 {@code kafka-not-authorized} problem.
     */
    public <T> T await(KafkaFuture<T> future) {
        try {
            return future.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw unavailable(e);
        } catch (ExecutionException e) {
            throw unavailable(e.getCause());
        } catch (TimeoutException e) {
            throw unavailable(e);
        }
    }

    /**
     * The problem of a failed Kafka call: {@link #notAuthorized} when the broker refused the ops principal, 503
     * {@code kafka-unavailable} otherwise (away, slow).
     */
    public static ProblemException unavailable(Throwable cause) {
        if (cause instanceof AuthorizationException denied) {
            return notAuthorized(denied);
        }
        String why = cause == null
                ? "unknown"
                : cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : ": " + cause.getMessage());
        ProblemException problem = new ProblemException(
                503, "kafka-unavailable", "Kafka is not available", "The Kafka cluster did not answer: " + why);
        if (cause != null) {
            problem.initCause(cause); // so that callers can tell an expected answer (e.g. unknown group) from an outage
        }
        return problem;
    }

    /**
     * Kafka answered, and refused: the ops principal lacks an ACL for the operation (a deployment whose ACLs are older or
     * narrower than the platform's model, docs/security.md). A 403 of its own type, so that the dashboard says "not
     * authorised" rather than "Kafka down", and naming what was refused; not the caller's fault, whose {@code ops} role
     * was checked before.
     */
    public static ProblemException notAuthorized(AuthorizationException denied) {
        String what;
        if (denied instanceof TopicAuthorizationException t) {
            what = t.unauthorizedTopics().isEmpty() ? "a topic" : "topics " + new TreeSet<>(t.unauthorizedTopics());
        } else if (denied instanceof GroupAuthorizationException g) {
            what = g.groupId() == null ? "a consumer group" : "consumer group " + g.groupId();
        } else {
            what = denied instanceof ClusterAuthorizationException ? "the cluster" : "a resource";
        }
        ProblemException problem = new ProblemException(
                403,
                KAFKA_NOT_AUTHORIZED,
                "Not authorised by Kafka",
                "Kafka refused the ops API's principal access to " + what + " ("
                        + denied.getClass().getSimpleName() + ": " + denied.getMessage()
                        + "); its ACLs lack this operation, see docs/security.md");
        problem.initCause(denied);
        return problem;
    }

    /** The problem type slug of {@link #notAuthorized}. */
    public static final String KAFKA_NOT_AUTHORIZED = "kafka-not-authorized";

    @PreDestroy
    synchronized void close() {
        if (producer != null) {
            producer.close(Duration.ofSeconds(5));
            producer = null;
        }
        admin.close(Duration.ofSeconds(5));
    }
}
