package io.synergy.console.ops.deadletters;

import io.agroal.api.AgroalDataSource;
import io.synergy.model.event.FeedDeadLetter.Identity;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * The replay audit ({@code dead_letter_replay}). Each statement commits on its own (auto-commit): the PENDING row must be
 * durable before the record is produced, whatever happens next.
 */
@ApplicationScoped
public class ReplayAudit {

    private final AgroalDataSource dataSource;

    @Inject
    ReplayAudit(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
    }

    /**
     * One audit row. {@code identity} is the identity the dead letter's headers name (what the sector service recorded under
     * {@code deadLetterId}, and will authorise the replay as); {@code null} when they name none.
     */
    public record Entry(
            long id,
            Instant requestedAt,
            Instant completedAt,
            String operator,
            String deadLetterTopic,
            int deadLetterPartition,
            long deadLetterOffset,
            String key,
            String reason,
            String deadLetterId,
            Identity identity,
            String targetTopic,
            Integer targetPartition,
            Long targetOffset,
            int replayCount,
            String outcome,
            String detail) {}

    /** What an operator asked to replay: the dead letter, who it names as its producer, where it is to go. */
    public record Attempt(
            String operator,
            String topic,
            int partition,
            long offset,
            String key,
            String reason,
            String deadLetterId,
            Identity identity,
            String target,
            int replayCount) {}

    /** Records an attempt before it is made; returns its id. */
    public long pending(Attempt attempt) {
        return insert(attempt, "PENDING", null);
    }

    /** Records a message that was not replayed, with why. */
    public long refused(Attempt attempt, String why) {
        return insert(attempt, "REFUSED", why);
    }

    private long insert(Attempt a, String outcome, String detail) {
        String sql = """
                INSERT INTO dead_letter_replay (operator, dead_letter_topic, dead_letter_partition, dead_letter_offset, record_key, reason,
                    target_topic, replay_count, outcome, detail, completed_at, dead_letter_id, identity_authenticated, identity_subject,
                    identity_roles, identity_districts, identity_token_expires_at, identity_failure)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, CASE WHEN ? = 'PENDING' THEN NULL ELSE now() END, ?, ?, ?, ?, ?, ?, ?) RETURNING id""";
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, a.operator());
            ps.setString(2, a.topic());
            ps.setInt(3, a.partition());
            ps.setLong(4, a.offset());
            ps.setString(5, a.key());
            ps.setString(6, a.reason());
            ps.setString(7, a.target());
            ps.setInt(8, a.replayCount());
            ps.setString(9, outcome);
            ps.setString(10, detail);
            ps.setString(11, outcome);
            ps.setString(12, a.deadLetterId());
            Identity i = a.identity();
            ps.setObject(13, i == null ? null : i.authenticated(), Types.BOOLEAN);
            ps.setString(14, i == null ? null : i.subject());
            ps.setArray(15, i == null ? null : c.createArrayOf("text", i.roles().toArray()));
            ps.setArray(
                    16,
                    i == null || i.districts() == null
                            ? null
                            : c.createArrayOf("text", i.districts().toArray()));
            ps.setTimestamp(17, i == null || i.tokenExpiresAt() == null ? null : Timestamp.from(i.tokenExpiresAt()));
            ps.setString(18, i == null ? null : i.failure());
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not write the replay audit", e);
        }
    }

    public void replayed(long id, int targetPartition, long targetOffset) {
        complete(id, "REPLAYED", targetPartition, targetOffset, null);
    }

    public void failed(long id, String detail) {
        complete(id, "FAILED", null, null, detail);
    }

    private void complete(long id, String outcome, Integer partition, Long offset, String detail) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(
                        "UPDATE dead_letter_replay SET outcome = ?, target_partition = ?, target_offset = ?, detail = ?, completed_at = now() WHERE id = ?")) {
            ps.setString(1, outcome);
            if (partition == null) {
                ps.setNull(2, Types.INTEGER);
                ps.setNull(3, Types.BIGINT);
            } else {
                ps.setInt(2, partition);
                ps.setLong(3, offset);
            }
            ps.setString(4, detail);
            ps.setLong(5, id);
            ps.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("could not complete the replay audit row " + id, e);
        }
    }

    /** The newest entries, optionally of one dead-letter topic. */
    public List<Entry> newest(String topic, int limit) {
        String sql = """
                SELECT id, requested_at, completed_at, operator, dead_letter_topic, dead_letter_partition, dead_letter_offset, record_key, reason,
                       target_topic, target_partition, target_offset, replay_count, outcome, detail, dead_letter_id, identity_authenticated,
                       identity_subject, identity_roles, identity_districts, identity_token_expires_at, identity_failure
                  FROM dead_letter_replay WHERE (?::text IS NULL OR dead_letter_topic = ?) ORDER BY id DESC LIMIT ?""";
        List<Entry> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(sql)) {
            ps.setString(1, topic);
            ps.setString(2, topic);
            ps.setInt(3, limit);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new Entry(
                            rs.getLong(1),
                            instant(rs.getTimestamp(2)),
                            instant(rs.getTimestamp(3)),
                            rs.getString(4),
                            rs.getString(5),
                            rs.getInt(6),
                            rs.getLong(7),
                            rs.getString(8),
                            rs.getString(9),
                            rs.getString(16),
                            identity(rs),
                            rs.getString(10),
                            (Integer) rs.getObject(11),
                            (Long) rs.getObject(12),
                            rs.getInt(13),
                            rs.getString(14),
                            rs.getString(15)));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not read the replay audit", e);
        }
        return out;
    }

    private static Instant instant(Timestamp t) {
        return t == null ? null : t.toInstant();
    }

    private static Identity identity(ResultSet rs) throws SQLException {
        Boolean authenticated = (Boolean) rs.getObject(17);
        if (authenticated == null) {
            return null;
        }
        return authenticated
                ? Identity.verified(
                        rs.getString(18),
                        strings(rs.getArray(19)),
                        strings(rs.getArray(20)),
                        instant(rs.getTimestamp(21)))
                : Identity.unauthenticated(rs.getString(22));
    }

    private static List<String> strings(Array array) throws SQLException {
        return array == null
                ? null
                : Arrays.stream((Object[]) array.getArray())
                        .map(String::valueOf)
                        .toList();
    }

    /** {@code partition/offset} of every message of the topic that was replayed successfully. */
    public Set<String> replayedMessages(String topic) {
        Set<String> out = new HashSet<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(
                        "SELECT DISTINCT dead_letter_partition, dead_letter_offset FROM dead_letter_replay WHERE dead_letter_topic = ? AND outcome = 'REPLAYED'")) {
            ps.setString(1, topic);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getInt(1) + "/" + rs.getLong(2));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not read the replay audit", e);
        }
        return out;
    }
}
