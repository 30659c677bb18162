package io.synergy.platform.outbox;

import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.context.Context;
import io.quarkus.logging.Log;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.synergy.platform.kafka.KafkaClientProperties;
import io.synergy.platform.schemas.EventSchemaConfig;
import io.synergy.platform.tracing.Traceparent;
import io.synergy.platform.tracing.Traces;
import io.synergy.platform.worker.WakeableLoop;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.nio.charset.StandardCharsets;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReferenceArray;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Publishes the outbox to Kafka: one instance at a time (an advisory lock, so a key's events keep their order) reads
 * a batch of rows in id order, sends them as CloudEvents (binary mode: the {@code ce_*} headers) through its own idempotent,
 * {@code acks=all} producer, waits for every acknowledgement, then deletes them. If the broker is away the rows stay and
 * wait; the relay retries with exponential backoff, and the rows keep their order. A row Kafka refuses for good (too large,
 * an invalid topic, a topic this service may not write: {@link KafkaRefusals}) is moved to {@code outbox_parked} with the
 * reason instead, and the rows after it go on: one refused event must not freeze every later figure. Each event goes out as
 * part of the trace of the work that wrote it (the row's {@code traceparent}): a producer span, child of the stored context,
 * whose own context the record carries in its {@code traceparent} header.
 *
 * <p>The producer is Kafka's own, not a messaging channel's: a channel's per-record chain (its emitter, context propagation,
 * a retry stage per record) cost ~14 KB of garbage per event on this thread, a third of a sector service's allocation under
 * ingestion (docs/performance.md, "Native heap trimming, and the outbox relay's allocation"), and an {@link Error} inside it
 * cancelled the channel for good until a restart. An {@link Error} on the way now only costs the producer: the relay closes
 * it, the rows wait, and the next run opens a new one. A batch whose acknowledgements do not all arrive in time — the producer
 * itself fails every record by its delivery timeout, shorter than {@code send-timeout}, so one that says nothing has lost its
 * I/O thread — is treated the same way.
 *
 * <p>No database transaction is open while the relay waits for the broker: the lock is held by the session (the
 * connection), the read and the delete each commit on their own, so a slow broker never holds a transaction for the
 * reaper to roll back while the thread still waits.
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

    /** The CloudEvents version the {@code ce_specversion} header names. */
    static final String SPEC_VERSION = "1.0";

    private final AgroalDataSource dataSource;
    private final OutboxConfig config;
    private final MeterRegistry registry;
    private final EventSchemaConfig schemas;
    private final Traces traces;
    private final Properties producerProperties;
    private final AtomicLong backlog = new AtomicLong();
    private final AtomicLong oldestAgeMillis = new AtomicLong();
    private final AtomicLong parkedRows = new AtomicLong();
    private volatile String lastParkedReason;
    private WakeableLoop loop;
    private Producer<String, byte[]> producer;
    private Counter published;
    private Counter failures;
    private Counter parked;

    @Inject
    public OutboxRelay(
            AgroalDataSource dataSource,
            OutboxConfig config,
            MeterRegistry registry,
            EventSchemaConfig schemas,
            Traces traces,
            Config kafka,
            @ConfigProperty(name = "quarkus.application.name") String service) {
        this.dataSource = dataSource;
        this.config = config;
        this.registry = registry;
        this.schemas = schemas;
        this.traces = traces;
        this.producerProperties = producerProperties(config, KafkaClientProperties.all(kafka), service);
    }

    /**
     * The cluster's settings (the application's {@code kafka.*}, as for every client), then the outbox's: idempotent and
     * {@code acks=all}, so a key's events reach the topic once each and in order; a record is failed by the producer itself
     * (delivery timeout) well before the relay stops waiting for it ({@code send-timeout}); then the operator's
     * {@code synergy.outbox.producer.*}.
     */
    static Properties producerProperties(OutboxConfig config, Properties cluster, String service) {
        Properties p = KafkaClientProperties.filtered(cluster, ProducerConfig.configNames());
        long sendTimeout = config.sendTimeout().toMillis();
        p.put(ProducerConfig.CLIENT_ID_CONFIG, service + "-outbox");
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
        p.put(ProducerConfig.LINGER_MS_CONFIG, Long.toString(config.linger().toMillis()));
        p.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, Integer.toString(config.maxRecordBytes()));
        p.put(ProducerConfig.BUFFER_MEMORY_CONFIG, Long.toString(config.bufferBytes()));
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, Long.toString(sendTimeout / 2));
        p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, Long.toString(sendTimeout / 2));
        p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, Long.toString(sendTimeout * 3 / 4));
        p.putAll(config.producer());
        return p;
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
        discardProducer(config.sendTimeout());
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
        Producer<String, byte[]> kafka = producer();
        List<Long> ids = new ArrayList<>();
        Acknowledgements acks = new Acknowledgements(config.batchSize());
        try (PreparedStatement ps = c.prepareStatement(CLAIM)) {
            ps.setInt(1, config.batchSize());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    int index = ids.size();
                    ids.add(rs.getLong(1));
                    ProducerRecord<String, byte[]> record;
                    try {
                        record = toRecord(rs, schemas);
                    } catch (RuntimeException e) {
                        // a row no record can be made of (a dataschema that is no URI) would hold every later row for
                        // ever: parked like a row Kafka refuses, with the reason
                        acks.arrived(index, new UnpublishableRowException(e));
                        continue;
                    }
                    Span span = traces.producer(record.topic(), Traceparent.parse(rs.getString(11)));
                    String traceparent = Traceparent.of(Context.root().with(span));
                    if (traceparent != null) {
                        header(record.headers(), Traceparent.HEADER, traceparent);
                    }
                    send(kafka, record, span, acks, index);
                    Throwable refused = acks.failure(index);
                    if (refused != null && !KafkaRefusals.isPermanent(refused)) {
                        break; // refused before it was sent (no metadata within max.block.ms): the rows after it wait
                    }
                }
            }
        }
        if (ids.isEmpty()) {
            return 0;
        }
        if (!acks.awaitAll(ids.size(), config.sendTimeout())) {
            // the producer fails every record by its delivery timeout, shorter than this wait: one that said nothing
            // has lost its I/O thread (an Error there). A new one is opened for the next run; every row waits, in order
            discardProducer(Duration.ZERO);
            throw new IllegalStateException("the outbox producer did not answer for " + ids.size() + " events within "
                    + config.sendTimeout() + "; a new producer is opened for the next run, and the rows wait in order");
        }
        List<Long> sent = new ArrayList<>();
        int done = 0;
        for (; done < ids.size(); done++) {
            Throwable failure = acks.failure(done);
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
                    "outbox row " + ids.get(done) + " could not be published (" + acks.failure(done)
                            + "); it and the rows after it wait",
                    acks.failure(done));
        }
        return ids.size();
    }

    /**
     * Hands one record to the producer; its acknowledgement (or failure) arrives in {@code acks} and ends its span — at once
     * when the producer refuses it before sending (too large, no metadata within {@code max.block.ms}, an interrupt). An
     * {@link Error} costs the producer (closed, a new one next run), not the relay.
     */
    private void send(
            Producer<String, byte[]> kafka,
            ProducerRecord<String, byte[]> record,
            Span span,
            Acknowledgements acks,
            int index) {
        try {
            kafka.send(record, (metadata, failure) -> {
                if (failure != null) {
                    span.recordException(failure);
                    span.setStatus(StatusCode.ERROR, String.valueOf(failure.getMessage()));
                }
                span.end();
                acks.arrived(index, failure);
            });
        } catch (RuntimeException e) {
            span.recordException(e);
            span.end();
            acks.arrived(index, e);
        } catch (Error e) {
            span.end();
            discardProducer(Duration.ZERO);
            throw new IllegalStateException(
                    "the outbox producer failed (" + e
                            + "); a new one is opened for the next run, and the rows wait in order",
                    e);
        }
    }

    /** A row the relay cannot make a Kafka record of: refused for good, as Kafka's own refusals are ({@link KafkaRefusals}). */
    static final class UnpublishableRowException extends RuntimeException {

        UnpublishableRowException(RuntimeException cause) {
            super("the row is no valid event: " + cause, cause);
        }
    }

    /** The acknowledgements of one batch: each record's failure ({@code null}: acknowledged), counted as they arrive. */
    private static final class Acknowledgements {

        private final AtomicReferenceArray<Throwable> failures;
        private final Semaphore arrived = new Semaphore(0);

        Acknowledgements(int capacity) {
            this.failures = new AtomicReferenceArray<>(capacity);
        }

        void arrived(int index, Throwable failure) {
            failures.set(index, failure);
            arrived.release();
        }

        /** Whether all {@code count} have arrived within {@code timeout}. */
        boolean awaitAll(int count, Duration timeout) {
            try {
                return arrived.tryAcquire(count, timeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return false;
            }
        }

        Throwable failure(int index) {
            return failures.get(index);
        }
    }

    private synchronized Producer<String, byte[]> producer() {
        if (producer == null) {
            producer = new KafkaProducer<>(producerProperties, new StringSerializer(), new ByteArraySerializer());
        }
        return producer;
    }

    /** Closes the producer (what it still holds fails); the next batch opens a new one. */
    private synchronized void discardProducer(Duration wait) {
        if (producer != null) {
            Producer<String, byte[]> closing = producer;
            producer = null;
            try {
                closing.close(wait);
            } catch (RuntimeException e) {
                Log.debug("outbox producer did not close cleanly", e);
            }
        }
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
     * The row as a CloudEvent in binary mode, with the headers SmallRye Reactive Messaging's Kafka connector writes and reads:
     * {@code ce_specversion}, {@code ce_id}, {@code ce_type}, {@code ce_source}, {@code ce_subject}, {@code content-type},
     * {@code ce_dataschema} (absolute: CloudEvents types it as a URI; the row keeps the schema's path, the base is where this
     * service serves it) and {@code ce_time} (ISO 8601, UTC); the optional attributes only when the row has them.
     */
    static ProducerRecord<String, byte[]> toRecord(ResultSet rs, EventSchemaConfig schemas) throws SQLException {
        ProducerRecord<String, byte[]> record = new ProducerRecord<>(rs.getString(2), rs.getString(3), rs.getBytes(10));
        Headers h = record.headers();
        header(h, "ce_specversion", SPEC_VERSION);
        header(h, "ce_id", rs.getObject(4, UUID.class).toString());
        header(h, "ce_type", rs.getString(5));
        header(h, "ce_source", rs.getString(6));
        String subject = rs.getString(7);
        if (subject != null) {
            header(h, "ce_subject", subject);
        }
        header(h, "content-type", "application/json");
        String dataSchema = rs.getString(9);
        if (dataSchema != null) {
            header(h, "ce_dataschema", schemas.absolute(dataSchema).toString());
        }
        header(
                h,
                "ce_time",
                DateTimeFormatter.ISO_OFFSET_DATE_TIME.format(
                        rs.getTimestamp(8).toInstant().atOffset(ZoneOffset.UTC)));
        return record;
    }

    private static void header(Headers headers, String name, String value) {
        headers.add(name, value.getBytes(StandardCharsets.UTF_8));
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
