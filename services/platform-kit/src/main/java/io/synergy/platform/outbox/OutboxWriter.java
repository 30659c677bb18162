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
import java.sql.Timestamp;
import java.util.Collection;
import org.eclipse.microprofile.config.inject.ConfigProperty;

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

    private static final String INSERT = """
            INSERT INTO outbox (topic, record_key, ce_id, ce_type, ce_source, ce_subject, ce_time, ce_dataschema, payload, traceparent)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, convert_from(?, 'UTF8'), ?)""";

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
            @ConfigProperty(name = "mp.messaging.outgoing.outbox.max.request.size") int maxRequestSize) {
        this.dataSource = dataSource;
        this.transactions = transactions;
        this.relay = relay;
        this.maxRequestSize = maxRequestSize;
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
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(INSERT)) {
            JdbcBatches.execute(ps, messages, (s, m) -> {
                s.setString(1, m.topic());
                s.setString(2, m.key());
                s.setObject(3, m.id());
                s.setString(4, m.type());
                s.setString(5, m.source());
                s.setString(6, m.subject());
                s.setTimestamp(7, Timestamp.from(m.time()));
                s.setString(8, m.dataSchema());
                s.setBytes(9, m.payload());
                s.setString(10, m.traceparent() != null ? m.traceparent() : current);
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
