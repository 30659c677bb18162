package io.synergy.platform.outbox;

import io.agroal.api.AgroalDataSource;
import io.synergy.platform.tracing.Traceparent;
import io.synergy.platform.transaction.JdbcBatches;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.Collection;
import java.util.List;

/**
 * Writes events to the outbox inside the caller's transaction: either the state change and its events are both
 * committed, or neither is. After the commit the relay is woken at once, so events do not wait for its next poll.
 * Each row keeps the trace context of the work that wrote it, which the relay continues when it publishes.
 *
 * <p>Nothing is accepted that cannot be published: {@link #write} refuses an event above the outbox producer's
 * {@code max.request.size} ({@link EventTooLargeException}, a 413 problem or a dead letter; the caller's transaction rolls
 * back). The limit is that one producer setting; a topic's {@code max.message.bytes} must not be lower (docs/events.md).
 */
@ApplicationScoped
public class OutboxWriter {

    /**
     * The rows as one array per column, in id order as given: one statement per {@link #SLICE_ROWS} events (the ingestion
     * writes its events under the data sets' locks, so the time of this statement is every other writer's wait). The time
     * goes as ISO-8601 text, which PostgreSQL reads with its offset whatever the session's time zone.
     */
    private static final String INSERT = """
            INSERT INTO outbox (topic, record_key, ce_id, ce_type, ce_source, ce_subject, ce_time, ce_dataschema, payload, traceparent)
            SELECT t, k, i, ty, so, su, ti::timestamptz, d, convert_from(p, 'UTF8'), tp
              FROM unnest(?::text[], ?::text[], ?::uuid[], ?::text[], ?::text[], ?::text[], ?::text[], ?::text[], ?::bytea[], ?::text[])
                   WITH ORDINALITY AS m(t, k, i, ty, so, su, ti, d, p, tp, n)
             ORDER BY n""";

    /** Events per statement: a thousand-report batch writes about two thousand of ~350 bytes; a recompute ~60 of ~35 KB. */
    private static final int SLICE_ROWS = 1_000;

    /**
     * What a record carries besides its data and the attributes {@link #recordBytes} counts: Kafka's batch and record framing
     * (~70 bytes), the {@code ce_*} header names, {@code ce_id}, {@code ce_time}, the content type and the base URL that makes
     * {@code dataschema} absolute. Generous on purpose: an event this close to the limit is refused rather than risked.
     */
    static final int ENVELOPE_BYTES = 2048;

    private final AgroalDataSource dataSource;
    private final TransactionSynchronizationRegistry transactions;
    private final OutboxRelay relay;
    private final int maxRequestSize;

    @Inject
    public OutboxWriter(
            AgroalDataSource dataSource,
            TransactionSynchronizationRegistry transactions,
            OutboxRelay relay,
            OutboxConfig config) {
        this.dataSource = dataSource;
        this.transactions = transactions;
        this.relay = relay;
        this.maxRequestSize = config.maxRecordBytes();
    }

    /**
     * Writes events of work a client asked for (a report, a registry change, an approval): an event Kafka would refuse is
     * refused here, with the field to shorten, and nothing of the transaction is stored.
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void write(Collection<OutboxMessage> messages) {
        for (OutboxMessage m : messages) {
            long bytes = recordBytes(m);
            if (bytes > maxRequestSize) {
                throw new EventTooLargeException(m, bytes, maxRequestSize);
            }
        }
        writeDerived(messages);
    }

    /**
     * Writes events derived from state already stored (the aggregation's results): there is no client to refuse, and failing
     * the work would freeze every figure computed with it. An event Kafka refuses is parked by the relay instead, kept and
     * reported (docs/operations.md, "Parked outbox events").
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public void writeDerived(Collection<OutboxMessage> messages) {
        if (messages.isEmpty()) {
            return;
        }
        // the trace of the work writing the events, unless an event names its own
        String current = Traceparent.current();
        List<OutboxMessage> rows = List.copyOf(messages);
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(INSERT)) {
            JdbcBatches.executeArrays(ps, rows, SLICE_ROWS, (s, slice) -> {
                s.setArray(1, JdbcBatches.column(c, "text", slice, OutboxMessage::topic));
                s.setArray(2, JdbcBatches.column(c, "text", slice, OutboxMessage::key));
                s.setArray(3, JdbcBatches.column(c, "uuid", slice, OutboxMessage::id));
                s.setArray(4, JdbcBatches.column(c, "text", slice, OutboxMessage::type));
                s.setArray(5, JdbcBatches.column(c, "text", slice, OutboxMessage::source));
                s.setArray(6, JdbcBatches.column(c, "text", slice, OutboxMessage::subject));
                s.setArray(7, JdbcBatches.column(c, "text", slice, m -> m.time().toString()));
                s.setArray(8, JdbcBatches.column(c, "text", slice, OutboxMessage::dataSchema));
                s.setArray(9, JdbcBatches.column(c, "bytea", slice, OutboxMessage::payload));
                s.setArray(
                        10,
                        JdbcBatches.column(c, "text", slice, m -> m.traceparent() != null ? m.traceparent() : current));
            });
        } catch (SQLException e) {
            throw new IllegalStateException("could not write " + messages.size() + " outbox rows", e);
        }
        relay.wakeUpAfterCommit(transactions);
    }

    /** An upper bound of the record's size as the producer measures it against {@code max.request.size}. */
    static long recordBytes(OutboxMessage m) {
        return ENVELOPE_BYTES
                + (long) m.payload().length
                + utf8(m.key())
                + utf8(m.type())
                + utf8(m.source())
                + utf8(m.subject())
                + utf8(m.dataSchema())
                + utf8(m.traceparent());
    }

    /** UTF-8 bytes of a text: at most three per {@code char} (a surrogate pair is four bytes for two). */
    private static long utf8(String s) {
        return s == null ? 0 : 3L * s.length();
    }
}
