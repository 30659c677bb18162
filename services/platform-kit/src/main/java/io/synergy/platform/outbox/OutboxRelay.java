package io.synergy.platform.outbox;

import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.smallrye.mutiny.Uni;
import io.smallrye.reactive.messaging.MutinyEmitter;
import io.smallrye.reactive.messaging.TracingMetadata;
import io.smallrye.reactive.messaging.ce.OutgoingCloudEventMetadata;
import io.smallrye.reactive.messaging.kafka.api.OutgoingKafkaRecordMetadata;
import io.synergy.platform.schemas.EventSchemaConfig;
import io.synergy.platform.tracing.Traceparent;
import io.synergy.platform.worker.WakeableLoop;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.net.URI;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.microprofile.reactive.messaging.Channel;
import org.eclipse.microprofile.reactive.messaging.Message;
import org.eclipse.microprofile.reactive.messaging.Metadata;
import org.eclipse.microprofile.reactive.messaging.OnOverflow;

/**
 * Publishes the outbox to Kafka: one instance at a time (an advisory lock, so a key's events keep their order) reads
 * a batch of rows in id order, sends them as CloudEvents through the idempotent, {@code acks=all} producer of the {@code outbox}
 * channel, waits for every acknowledgement, then deletes them. If the broker is away the rows stay and wait; the relay
 * retries with exponential backoff, and the rows keep their order. A row Kafka refuses for good (too large, an invalid topic,
 * a topic this service may not write: {@link KafkaRefusals}) is moved to {@code outbox_parked} with the reason instead, and
 * the rows after it go on: one refused event must not freeze every later figure. Each event goes out as part of the trace of
 * the work that wrote it (the row's {@code traceparent}).
 *
 * <p>No database transaction is open while the relay waits for the broker: the lock is held by the session (the
 * connection), the read and the delete each commit on their own. A JTA transaction around the sends was propagated
 * (context propagation) to the producer's callback threads; when the commit ran while such a thread was still inside
 * the transaction, Narayana's clean-up of those threads ({@code ThreadActionData.purgeAction}) also dropped the
 * committing thread's own association, the enlisted connection then saw no transaction and the commit failed
 * ({@code ARJUNA016039 … Enlisted connection used without active transaction}) — and an open transaction would also have
 * been rolled back by the reaper under a slow broker while the thread still waited.
 *
 * <p>Delivery is at least once: a crash after the broker acknowledged and before the delete sends the batch again.
 * Consumers are idempotent (they keep the highest revision per key), so that is safe.
 */
@ApplicationScoped
public class OutboxRelay {

    private static final String CLAIM = """
            SELECT id, topic, record_key, ce_id, ce_type, ce_source, ce_subject, ce_time, ce_dataschema, convert_to(payload, 'UTF8'),
                   traceparent
              FROM outbox ORDER BY id LIMIT ?""";
    private static final String DELETE = "DELETE FROM outbox WHERE id = ANY (?)";
    private static final String BACKLOG = """
            SELECT count(*), extract(epoch FROM now() - min(created_at)), (SELECT count(*) FROM outbox_parked),
                   (SELECT reason FROM outbox_parked ORDER BY parked_at DESC, outbox_id DESC LIMIT 1)
              FROM outbox""";
    private static final String PARK = """
            WITH moved AS (DELETE FROM outbox WHERE id = ? RETURNING *)
            INSERT INTO outbox_parked (outbox_id, topic, record_key, ce_id, ce_type, ce_source, ce_subject, ce_time, ce_dataschema,
                                       payload, traceparent, created_at, reason)
            SELECT id, topic, record_key, ce_id, ce_type, ce_source, ce_subject, ce_time, ce_dataschema, payload, traceparent,
                   created_at, ?
              FROM moved""";

    private final AgroalDataSource dataSource;
    private final OutboxConfig config;
    private final MutinyEmitter<byte[]> emitter;
    private final MeterRegistry registry;
    private final EventSchemaConfig schemas;
    private final AtomicLong backlog = new AtomicLong();
    private final AtomicLong oldestAgeMillis = new AtomicLong();
    private final AtomicLong parkedRows = new AtomicLong();
    private volatile String lastParkedReason;
    private WakeableLoop loop;
    private Counter published;
    private Counter failures;
    private Counter parked;

    @Inject
    public OutboxRelay(
            AgroalDataSource dataSource,
            OutboxConfig config,
            @Channel("outbox") @OnOverflow(value = OnOverflow.Strategy.BUFFER, bufferSize = 20_000)
                    MutinyEmitter<byte[]> emitter,
            MeterRegistry registry,
            EventSchemaConfig schemas) {
        this.dataSource = dataSource;
        this.config = config;
        this.emitter = emitter;
        this.registry = registry;
        this.schemas = schemas;
    }

    void start(@Observes StartupEvent event) {
        published = Counter.builder("synergy.outbox.published")
                .description("Outbox events acknowledged by Kafka")
                .register(registry);
        failures = Counter.builder("synergy.outbox.failures")
                .description("Outbox batches rolled back")
                .register(registry);
        parked = Counter.builder("synergy.outbox.parked")
                .description("Outbox rows Kafka refused for good, moved to outbox_parked")
                .register(registry);
        Gauge.builder("synergy.outbox.parked.rows", parkedRows, AtomicLong::get)
                .description("Rows in outbox_parked: events Kafka refused, kept until an operator re-queues them")
                .register(registry);
        Gauge.builder("synergy.outbox.backlog", backlog, AtomicLong::get)
                .description("Outbox rows not yet published")
                .register(registry);
        Gauge.builder("synergy.outbox.oldest.age.seconds", oldestAgeMillis, a -> a.get() / 1000.0)
                .description("Age of the oldest unpublished outbox row")
                .register(registry);
        if (!config.relayEnabled()) {
            return;
        }
        loop = new WakeableLoop(
                "outbox-relay", config.pollInterval(), config.initialBackoff(), config.maxBackoff(), () -> {
                    int sent;
                    try {
                        sent = relayBatch();
                    } catch (RuntimeException e) {
                        failures.increment();
                        refreshBacklogQuietly();
                        throw e;
                    }
                    boolean more = sent >= config.batchSize();
                    if (!more) {
                        refreshBacklogQuietly();
                    }
                    return more;
                });
        loop.start();
    }

    void stop(@Observes @Priority(1) ShutdownEvent event) {
        if (loop != null) {
            loop.stop();
        }
    }

    /** Publish as soon as the current transaction, which wrote outbox rows, has committed. */
    public void wakeUpAfterCommit(TransactionSynchronizationRegistry transactions) {
        if (loop != null) {
            loop.wakeUpAfterCommit(transactions);
        }
    }

    /**
     * Publishes one batch; returns how many rows it published. Runs outside any transaction (a caller's is suspended): the
     * connection is in auto-commit, so the read, the wait for the broker and the delete hold no transaction open. Visible
     * for tests and benchmarks.
     */
    public int relayBatch() {
        return QuarkusTransaction.suspendingExisting().call(() -> {
            try (Connection c = dataSource.getConnection()) {
                if (!relayLock(c, "pg_try_advisory_lock")) {
                    return 0; // another instance is relaying this outbox
                }
                try {
                    return publish(c);
                } finally {
                    relayLock(c, "pg_advisory_unlock");
                }
            }
        });
    }

    private int publish(Connection c) throws SQLException {
        List<Long> ids = new ArrayList<>();
        List<Uni<Throwable>> outcomes = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement(CLAIM)) {
            ps.setInt(1, config.batchSize());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ids.add(rs.getLong(1));
                    // each send's own outcome (null: acknowledged), so that one refused record is told from the others
                    outcomes.add(emitter.sendMessage(toMessage(rs, schemas))
                            .onItemOrFailure()
                            .transform((ok, failure) -> failure));
                }
            }
        }
        if (ids.isEmpty()) {
            return 0;
        }
        // a timeout (the broker away or slow) fails the whole batch, as before: every row stays and is sent again in
        // order
        List<Throwable> failures =
                Uni.join().all(outcomes).andFailFast().await().atMost(config.sendTimeout());
        List<Long> sent = new ArrayList<>();
        int done = 0;
        for (; done < ids.size(); done++) {
            Throwable failure = failures.get(done);
            if (failure == null) {
                sent.add(ids.get(done));
            } else if (KafkaRefusals.isPermanent(failure)) {
                park(c, ids.get(done), KafkaRefusals.reason(failure));
            } else {
                break; // a failure that may pass: this row and all after it wait, in order, for the next run
            }
        }
        if (!sent.isEmpty()) {
            try (PreparedStatement ps = c.prepareStatement(DELETE)) {
                Array array = c.createArrayOf("bigint", sent.toArray());
                ps.setArray(1, array);
                ps.executeUpdate();
            }
            published.increment(sent.size());
        }
        if (done < ids.size()) {
            throw new IllegalStateException(
                    "outbox row " + ids.get(done) + " could not be published (" + failures.get(done)
                            + "); it and the rows after it wait",
                    failures.get(done));
        }
        return ids.size();
    }

    /**
     * Moves a row Kafka refused for good to {@code outbox_parked}, with the reason, in one statement: it is kept (nothing
     * accepted is lost) and no longer holds back the rows after it. Counted and logged, so that operators see it at once.
     */
    private void park(Connection c, long id, String reason) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement(PARK)) {
            ps.setLong(1, id);
            ps.setString(2, reason);
            ps.executeUpdate();
        }
        parked.increment();
        Log.errorf(
                "outbox row %d parked in outbox_parked: Kafka refused it (%s); the rows after it go on (docs/operations.md,"
                        + " \"Parked outbox events\")",
                id, reason);
    }

    /**
     * One relay per outbox (per schema) at a time, across instances: two relays publishing interleaved batches could put a key's
     * later event on the topic before its earlier one. With one relay, rows go out in id (commit) order. The lock belongs to the
     * session, taken ({@code pg_try_advisory_lock}) before a batch and given back ({@code pg_advisory_unlock}) after it on the same
     * connection, so that it spans the wait for the broker without a transaction; a connection that breaks meanwhile ends its
     * session and so the lock. Same key as the transaction-scoped lock relays took before, so the two exclude each other.
     */
    private static boolean relayLock(Connection c, String function) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT " + function + "(4, hashtext(current_schema()))");
                ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getBoolean(1);
        }
    }

    /**
     * The row as a CloudEvent: {@code dataschema} absolute (CloudEvents types it as a URI; the row keeps the schema's path, the
     * base is where this service serves it), and the row's trace continued: the Kafka connector's producer span becomes a child
     * of the stored context and its {@code traceparent} header goes out with the record.
     */
    private static Message<byte[]> toMessage(ResultSet rs, EventSchemaConfig schemas) throws SQLException {
        String dataSchema = rs.getString(9);
        OutgoingCloudEventMetadata<byte[]> ce = OutgoingCloudEventMetadata.<byte[]>builder()
                .withId(rs.getObject(4, UUID.class).toString())
                .withType(rs.getString(5))
                .withSource(URI.create(rs.getString(6)))
                .withSubject(rs.getString(7))
                .withTimestamp(rs.getTimestamp(8).toInstant().atZone(ZoneOffset.UTC))
                .withDataContentType("application/json")
                .withDataSchema(schemas.absolute(dataSchema))
                .build();
        OutgoingKafkaRecordMetadata<String> kafka = OutgoingKafkaRecordMetadata.<String>builder()
                .withTopic(rs.getString(2))
                .withKey(rs.getString(3))
                .build();
        return Message.of(
                rs.getBytes(10),
                Metadata.of(ce, kafka, TracingMetadata.withCurrent(Traceparent.parse(rs.getString(11)))));
    }

    private void refreshBacklog() {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(BACKLOG);
                ResultSet rs = ps.executeQuery()) {
            rs.next();
            backlog.set(rs.getLong(1));
            oldestAgeMillis.set(Math.round(rs.getDouble(2) * 1000));
            parkedRows.set(rs.getLong(3));
            lastParkedReason = rs.getString(4);
        } catch (SQLException e) {
            throw new IllegalStateException("could not read the outbox backlog", e);
        }
    }

    private void refreshBacklogQuietly() {
        try {
            refreshBacklog();
        } catch (RuntimeException e) {
            Log.debug("outbox backlog unknown", e);
        }
    }

    /**
     * Whether the {@code outbox} channel's emitter has lost its subscription for good (the Kafka sink cancelled it after an
     * {@link Error} in its sending chain): no later send can succeed until the service restarts. {@link OutboxRelayLiveness}
     * reports it.
     */
    public boolean channelCancelled() {
        return emitter.isCancelled();
    }

    /** Rows waiting, as last counted. */
    public long backlog() {
        return backlog.get();
    }

    /** Rows in {@code outbox_parked}, as last counted. */
    public long parkedRows() {
        return parkedRows.get();
    }

    /** Why the row parked last was refused, as last read; {@code null} when none is parked. */
    public String lastParkedReason() {
        return lastParkedReason;
    }

    public Duration oldestAge() {
        return Duration.ofMillis(oldestAgeMillis.get());
    }
}
