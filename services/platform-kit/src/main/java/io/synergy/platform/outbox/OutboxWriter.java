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

/**
 * Writes events to the outbox inside the caller's transaction: either the state change and its events are both
 * committed, or neither is. After the commit the relay is woken at once, so events do not wait for its next poll.
 * Each row keeps the trace context of the work that wrote it, which the relay continues when it publishes.
 */
@ApplicationScoped
public class OutboxWriter {

    private static final String INSERT = """
            INSERT INTO outbox (topic, record_key, ce_id, ce_type, ce_source, ce_subject, ce_time, ce_dataschema, payload, traceparent)
            VALUES (?, ?, ?, ?, ?, ?, ?, ?, convert_from(?, 'UTF8'), ?)""";

    private final AgroalDataSource dataSource;
    private final TransactionSynchronizationRegistry transactions;
    private final OutboxRelay relay;

    @Inject
    public OutboxWriter(
            AgroalDataSource dataSource, TransactionSynchronizationRegistry transactions, OutboxRelay relay) {
        this.dataSource = dataSource;
        this.transactions = transactions;
        this.relay = relay;
    }

    @Transactional(Transactional.TxType.MANDATORY)
    public void write(Collection<OutboxMessage> messages) {
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
}
