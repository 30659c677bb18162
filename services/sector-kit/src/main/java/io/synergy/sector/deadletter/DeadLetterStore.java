package io.synergy.sector.deadletter;

import io.agroal.api.AgroalDataSource;
import io.synergy.model.event.FeedDeadLetter.Identity;
import io.synergy.model.event.FeedDeadLetter.JudgedBy;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The feed's dead letters in this service's schema ({@code feed_dead_letter}): what a replay is checked against. Each
 * statement commits on its own (auto-commit): a dead letter's row must be durable before its record is produced.
 */
@ApplicationScoped
public class DeadLetterStore {

    private final AgroalDataSource dataSource;

    public DeadLetterStore(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /** A dead letter as recorded: the digest of its payload and who produced it. */
    public record Recorded(UUID id, String payloadSha256, Identity identity, Instant judgedAt) {}

    /**
     * Records a dead letter and returns its id; a record consumed again (redelivered before its offset was committed) keeps
     * the id it was given the first time, so a dead letter is written once per record however often it is retried.
     */
    public UUID record(
            String topic,
            int partition,
            long offset,
            String payloadSha256,
            String reason,
            Identity identity,
            Instant judgedAt,
            JudgedBy judgedBy,
            UUID replayOf) {
        String sql = """
                INSERT INTO feed_dead_letter (id, source_topic, source_partition, source_offset, payload_sha256, reason, authenticated, subject,
                    roles, districts, token_expires_at, authentication_failure, judged_at, judged_by, replay_of)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (source_topic, source_partition, source_offset) DO UPDATE SET reason = EXCLUDED.reason
                RETURNING id""";
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setObject(1, UUID.randomUUID());
            ps.setString(2, topic);
            ps.setInt(3, partition);
            ps.setLong(4, offset);
            ps.setString(5, payloadSha256);
            ps.setString(6, reason);
            ps.setBoolean(7, identity.authenticated());
            ps.setString(8, identity.subject());
            ps.setArray(9, c.createArrayOf("text", identity.roles().toArray()));
            ps.setArray(
                    10,
                    identity.districts() == null
                            ? null
                            : c.createArrayOf("text", identity.districts().toArray()));
            ps.setTimestamp(11, identity.tokenExpiresAt() == null ? null : Timestamp.from(identity.tokenExpiresAt()));
            ps.setString(12, identity.failure());
            ps.setTimestamp(13, Timestamp.from(judgedAt));
            ps.setString(14, judgedBy.header());
            ps.setObject(15, replayOf);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getObject(1, UUID.class);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(
                    "could not record the dead letter of " + topic + "/" + partition + "/" + offset, e);
        }
    }

    public Optional<Recorded> find(UUID id) {
        String sql = """
                SELECT payload_sha256, authenticated, subject, roles, districts, token_expires_at, authentication_failure, judged_at
                  FROM feed_dead_letter WHERE id = ?""";
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setObject(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                Identity identity = rs.getBoolean(2)
                        ? Identity.verified(
                                rs.getString(3),
                                strings(rs.getArray(4)),
                                rs.getArray(5) == null ? null : strings(rs.getArray(5)),
                                rs.getTimestamp(6) == null
                                        ? null
                                        : rs.getTimestamp(6).toInstant())
                        : Identity.unauthenticated(rs.getString(7));
                return Optional.of(new Recorded(
                        id, rs.getString(1), identity, rs.getTimestamp(8).toInstant()));
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not read dead letter " + id, e);
        }
    }

    /** Notes that a replay of the dead letter was stored, and the operator its {@code replayed-by} header names. */
    public void replayed(UUID id, String by) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(
                        "UPDATE feed_dead_letter SET replays = replays + 1, last_replayed_at = now(), last_replayed_by = ? WHERE id = ?")) {
            ps.setString(1, by);
            ps.setObject(2, id);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("could not note the replay of dead letter " + id, e);
        }
    }

    private static List<String> strings(Array array) throws SQLException {
        return Arrays.stream((Object[]) array.getArray()).map(String::valueOf).toList();
    }
}
