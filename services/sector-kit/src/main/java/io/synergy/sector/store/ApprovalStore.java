package io.synergy.sector.store;

import io.agroal.api.AgroalDataSource;
import io.synergy.sector.model.UnitYear;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The data sets' states in the reporting cycle ({@code data_set}), their audited transitions ({@code data_set_transition})
 * and a counter per year of both ({@code approval_version}, {@link YearVersions}), which the kept approval matrix is tagged
 * with. JDBC like the other stores; inside a transaction every statement runs on the transaction's connection.
 */
@ApplicationScoped
public class ApprovalStore {

    private final AgroalDataSource dataSource;
    private final YearVersions versions;

    public ApprovalStore(AgroalDataSource dataSource) {
        this.dataSource = dataSource;
        this.versions = new YearVersions(dataSource, "approval_version");
    }

    /**
     * Raises the year's counter of states and transitions without waiting (a slot no other transaction holds). Call it as
     * the transition's last statement: the slot stays locked until the commit.
     */
    public void raiseVersion(int year) {
        versions.raise(List.of(year));
    }

    /** The year's counter of states and transitions as committed now (by a read begun after this call). */
    public long version(int year) {
        return versions.version(year);
    }

    /** A data set's state as last changed (a data set without a row is OPEN and has no version). */
    public record StoredState(
            String orgUnit,
            int year,
            String state,
            long version,
            Instant changedAt,
            String changedBy,
            String role,
            String comment) {}

    /** A transition as audited (and published). */
    public record StoredTransition(
            String orgUnit,
            int year,
            long version,
            String action,
            String fromState,
            String toState,
            String actor,
            String role,
            String comment,
            UUID eventId,
            Instant changedAt) {}

    /** The stored states of these data sets (those that have one). */
    public Map<UnitYear, StoredState> states(Collection<UnitYear> dataSets) {
        Map<UnitYear, StoredState> out = new HashMap<>();
        if (dataSets.isEmpty()) {
            return out;
        }
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("""
                SELECT d.org_unit, d.year, d.state, d.version, d.changed_at, d.changed_by, d.role, d.comment
                  FROM data_set d JOIN unnest(?::text[], ?::int[]) AS k(org_unit, year) ON k.org_unit = d.org_unit AND k.year = d.year""")) {
            UnitYearArrays.bind(c, ps, 1, dataSets);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    StoredState s = state(rs);
                    out.put(new UnitYear(s.orgUnit(), s.year()), s);
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not read the states of " + dataSets.size() + " data set(s)", e);
        }
        return out;
    }

    /** Every stored state of a year. */
    public List<StoredState> states(int year) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("""
                SELECT org_unit, year, state, version, changed_at, changed_by, role, comment FROM data_set WHERE year = ? ORDER BY org_unit""")) {
            ps.setInt(1, year);
            List<StoredState> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(state(rs));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException("could not read the data sets of " + year, e);
        }
    }

    /** Records a transition: the audit row, and the data set's new state. */
    public void record(StoredTransition t) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement audit = c.prepareStatement("""
                        INSERT INTO data_set_transition (org_unit, year, version, action, from_state, to_state, actor, role, comment, event_id, changed_at)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)""");
                PreparedStatement state = c.prepareStatement("""
                        INSERT INTO data_set (org_unit, year, state, version, changed_at, changed_by, role, comment) VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                        ON CONFLICT (org_unit, year) DO UPDATE SET state = excluded.state, version = excluded.version,
                            changed_at = excluded.changed_at, changed_by = excluded.changed_by, role = excluded.role, comment = excluded.comment""")) {
            Timestamp at = Timestamp.from(t.changedAt());
            audit.setString(1, t.orgUnit());
            audit.setInt(2, t.year());
            audit.setLong(3, t.version());
            audit.setString(4, t.action());
            audit.setString(5, t.fromState());
            audit.setString(6, t.toState());
            audit.setString(7, t.actor());
            audit.setString(8, t.role());
            audit.setString(9, t.comment());
            audit.setObject(10, t.eventId());
            audit.setTimestamp(11, at);
            audit.executeUpdate();
            state.setString(1, t.orgUnit());
            state.setInt(2, t.year());
            state.setString(3, t.toState());
            state.setLong(4, t.version());
            state.setTimestamp(5, at);
            state.setString(6, t.actor());
            state.setString(7, t.role());
            state.setString(8, t.comment());
            state.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException("could not record the transition of " + t.orgUnit() + " " + t.year(), e);
        }
    }

    /** The transitions of a year's data sets, by data set and version. */
    public List<StoredTransition> transitions(int year) {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("""
                SELECT org_unit, year, version, action, from_state, to_state, actor, role, comment, event_id, changed_at
                  FROM data_set_transition WHERE year = ? ORDER BY org_unit, version""")) {
            ps.setInt(1, year);
            List<StoredTransition> out = new ArrayList<>();
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(new StoredTransition(
                            rs.getString(1),
                            rs.getInt(2),
                            rs.getLong(3),
                            rs.getString(4),
                            rs.getString(5),
                            rs.getString(6),
                            rs.getString(7),
                            rs.getString(8),
                            rs.getString(9),
                            rs.getObject(10, UUID.class),
                            rs.getTimestamp(11).toInstant()));
                }
            }
            return out;
        } catch (SQLException e) {
            throw new IllegalStateException("could not read the transitions of " + year, e);
        }
    }

    private static StoredState state(ResultSet rs) throws SQLException {
        return new StoredState(
                rs.getString(1),
                rs.getInt(2),
                rs.getString(3),
                rs.getLong(4),
                rs.getTimestamp(5).toInstant(),
                rs.getString(6),
                rs.getString(7),
                rs.getString(8));
    }
}
