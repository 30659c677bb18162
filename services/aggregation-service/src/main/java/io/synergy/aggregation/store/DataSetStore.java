package io.synergy.aggregation.store;

import io.agroal.api.AgroalDataSource;
import io.synergy.model.approval.ApprovalState;
import io.synergy.model.catalogue.Sector;
import io.synergy.model.event.ApprovalEvent;
import io.synergy.model.orgunit.OrgUnit;
import io.synergy.model.orgunit.OrgUnitLevel;
import io.synergy.model.orgunit.OrgUnits;
import io.synergy.results.view.DataSets;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The data sets' states (table {@code data_set_state}) as approvals.v1 says them, and which are accepted: the official
 * view holds the facts of the accepted data sets only. A data set is a sector's figures of one district for one year; an
 * enterprise's or park's facts belong to its district's data set (as the sector services file them), and the facts of
 * the city or a group belong to none (no data set of theirs can be accepted).
 */
@ApplicationScoped
public class DataSetStore {

    private final AgroalDataSource dataSource;
    private final FactStore facts;

    DataSetStore(AgroalDataSource dataSource, FactStore facts) {
        this.facts = facts;
        this.dataSource = dataSource;
    }

    /** A data set: sector code, district, year. */
    public record Key(String sector, String district, int year) {}

    /** What applying a transition did. */
    public enum Applied {
        /** Its version was not above the stored one (a redelivery, a replay): nothing changed. */
        ALREADY,
        /** Stored; the data set is accepted as much as it was (e.g. SUBMITTED → APPROVED): the official view is unchanged. */
        STATE,
        /** Stored, and the data set became accepted or stopped being so: the official view of its year and later changes. */
        ACCEPTANCE
    }

    /**
     * Stores the transition (in the caller's transaction) if its version is above the stored one. When the data set's
     * acceptance changed, moves the facts' {@code data_sets} version (the official table is built again) and requests the
     * recompute of its year and the later ones (a year's synergy window holds the years before it), of every unit: the
     * district's own result, the city's and its groups' sums, and every district's panel score (the panel normalises each
     * district against all of them) change with it.
     */
    public Applied apply(Connection c, ApprovalEvent e) throws SQLException {
        int year = Integer.parseInt(e.period());
        ApprovalState before = null;
        try (PreparedStatement ps = c.prepareStatement(
                "SELECT state FROM data_set_state WHERE sector = ? AND org_unit = ? AND year = ? FOR UPDATE")) {
            ps.setString(1, e.sector());
            ps.setString(2, e.orgUnit());
            ps.setInt(3, year);
            try (ResultSet rs = ps.executeQuery()) {
                if (rs.next()) {
                    before = ApprovalState.valueOf(rs.getString(1));
                }
            }
        }
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO data_set_state (sector, org_unit, year, state, version, changed_at) VALUES (?, ?, ?, ?, ?, ?)
                ON CONFLICT (sector, org_unit, year) DO UPDATE
                   SET state = excluded.state, version = excluded.version, changed_at = excluded.changed_at, received_at = now()
                 WHERE data_set_state.version < excluded.version
                RETURNING version""")) {
            ps.setString(1, e.sector());
            ps.setString(2, e.orgUnit());
            ps.setInt(3, year);
            ps.setString(4, e.state().name());
            ps.setLong(5, e.version());
            ps.setTimestamp(6, Timestamp.from(e.changedAt()));
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return Applied.ALREADY;
                }
            }
        }
        if ((before == ApprovalState.ACCEPTED) == (e.state() == ApprovalState.ACCEPTED)) {
            return Applied.STATE;
        }
        facts.requestRecompute(c, List.of(year));
        // last: the row's lock is held only until the commit (as the facts' writers do)
        try (PreparedStatement ps = c.prepareStatement("UPDATE fact_version SET data_sets = data_sets + 1")) {
            ps.executeUpdate();
        }
        return Applied.ACCEPTANCE;
    }

    /**
     * The versions the official facts are kept at: the facts' (moved by every transaction that changed a fact) and the
     * acceptances' (moved by every change of a data set's acceptance).
     */
    public record OfficialVersion(long facts, long acceptances) {}

    /**
     * Both versions in one statement: read one after the other, a consumer committing facts between the two reads made
     * the acceptances seem to have moved, and the official table was built again from every fact — 1.5 M at city scale,
     * in a recompute pass under a stream of reports (issue 19).
     */
    public OfficialVersion officialVersion(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT version, data_sets FROM fact_version");
                ResultSet rs = ps.executeQuery()) {
            return rs.next() ? new OfficialVersion(rs.getLong(1), rs.getLong(2)) : new OfficialVersion(0, 0);
        }
    }

    /** The accepted data sets as the caller's transaction sees them. */
    public Accepted accepted(Connection c) throws SQLException {
        Set<Key> keys = new HashSet<>();
        try (PreparedStatement ps = c.prepareStatement(
                        "SELECT sector, org_unit, year FROM data_set_state WHERE state = 'ACCEPTED'");
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                keys.add(new Key(rs.getString(1), rs.getString(2), rs.getInt(3)));
            }
        }
        return new Accepted(Set.copyOf(keys));
    }

    /** The accepted data sets as now committed. */
    public Accepted accepted() {
        try (Connection c = dataSource.getConnection()) {
            return accepted(c);
        } catch (SQLException e) {
            throw new IllegalStateException("could not read the data sets' states", e);
        }
    }

    /** The state of every data set of a year as now committed (a data set without a record is OPEN). */
    public Map<Key, String> states(int year) {
        Map<Key, String> states = new HashMap<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps =
                        c.prepareStatement("SELECT sector, org_unit, state FROM data_set_state WHERE year = ?")) {
            ps.setInt(1, year);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    states.put(new Key(rs.getString(1), rs.getString(2), year), rs.getString(3));
                }
            }
        } catch (SQLException e) {
            throw new IllegalStateException("could not read the data sets' states", e);
        }
        return Map.copyOf(states);
    }

    /** The districts whose data sets an answer about {@code orgUnit} rests on (see {@link Accepted#count}). */
    public static Set<String> districtsOf(OrgUnits units, String orgUnit) {
        return Accepted.districtsOf(units, orgUnit);
    }

    /** The accepted data sets at one moment. */
    public record Accepted(Set<Key> keys) {

        /** Whether a fact of {@code orgUnit} (a district, or a park or enterprise in one) in that sector and year is official. */
        public boolean official(OrgUnits units, String sector, String orgUnit, int year) {
            return units.districtOf(orgUnit)
                    .map(d -> keys.contains(new Key(sector, d.code(), year)))
                    .orElse(false);
        }

        /**
         * The data sets of a unit and year accepted of those expected: every sector of every district the unit covers
         * (the city: all; a group: its members; a district: itself; a park or enterprise: its district).
         */
        public DataSets count(OrgUnits units, String orgUnit, int year) {
            Set<String> districts = districtsOf(units, orgUnit);
            int accepted = 0;
            for (String d : districts) {
                for (Sector s : Sector.values()) {
                    if (keys.contains(new Key(s.code(), d, year))) {
                        accepted++;
                    }
                }
            }
            return new DataSets(accepted, districts.size() * Sector.values().length);
        }

        private static Set<String> districtsOf(OrgUnits units, String orgUnit) {
            OrgUnit u = units.find(orgUnit).orElse(null);
            Set<String> out = new HashSet<>();
            if (u == null) {
                return out;
            }
            if (u.level() == OrgUnitLevel.CITY) {
                units.districts().forEach(d -> out.add(d.code()));
            } else if (u.level() == OrgUnitLevel.GROUP) {
                u.members().stream().filter(units::isDistrict).forEach(out::add);
            } else {
                units.districtOf(orgUnit).ifPresent(d -> out.add(d.code()));
            }
            return out;
        }
    }
}
