package io.synergy.aggregation.store;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.synergy.method.results.KeyProjectReductions;
import io.synergy.model.event.PilotEvent;
import io.synergy.model.event.ProjectEvent;
import io.synergy.model.project.ProjectCatalogue;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * The key projects and pilots as projects.v1 and pilots.v1 carry them (tables {@code project} and {@code pilot}): the
 * latest version of each code, the event as received. A version not above the stored one changes nothing.
 */
@ApplicationScoped
public class ProjectStore {

    private final ObjectMapper json;
    private final TargetStore targets;

    ProjectStore(ObjectMapper json, TargetStore targets) {
        this.json = json;
        this.targets = targets;
    }

    /**
     * Stores the project (in the caller's transaction) if its version is above the stored one, and requests the recompute
     * of every unit from the first year whose E5 it changes ({@link KeyProjectReductions#firstChangedYear}; none when it
     * changes no delivery). Returns whether it stored it.
     */
    public boolean apply(Connection c, ProjectEvent e) throws SQLException {
        Stored before = stored(c, "project", e.code(), e.version());
        if (before != null && before.newer()) {
            return false;
        }
        upsert(c, "project", e.code(), e.version(), e.orgUnit(), write(json, e));
        Integer from = KeyProjectReductions.firstChangedYear(
                before == null ? null : read(json, before.event(), ProjectEvent.class),
                e,
                ProjectCatalogue.FIRST_YEAR,
                ProjectCatalogue.LAST_YEAR);
        if (from != null) {
            targets.requestRecompute(c, null, from);
        }
        return true;
    }

    /** Stores the pilot (in the caller's transaction) if its version is above the stored one; returns whether it did. */
    public boolean apply(Connection c, PilotEvent e) throws SQLException {
        Stored before = stored(c, "pilot", e.code(), e.version());
        if (before != null && before.newer()) {
            return false;
        }
        upsert(c, "pilot", e.code(), e.version(), e.orgUnit(), write(json, e));
        return true;
    }

    /** Every project stored, in code order. */
    public List<ProjectEvent> projects(Connection c) throws SQLException {
        return all(c, "project", json, ProjectEvent.class);
    }

    /** Every pilot stored, in code order. */
    public List<PilotEvent> pilots(Connection c) throws SQLException {
        return all(c, "pilot", json, PilotEvent.class);
    }

    /**
     * The stored event of a code.
     *
     * @param newer its version is not below the record's: the record changes nothing
     */
    private record Stored(boolean newer, String event) {}

    /** The stored event of the code, locked, or {@code null} when there is none. */
    private static Stored stored(Connection c, String table, String code, long version) throws SQLException {
        try (PreparedStatement ps =
                c.prepareStatement("SELECT version, event FROM " + table + " WHERE code = ? FOR UPDATE")) {
            ps.setString(1, code);
            try (ResultSet rs = ps.executeQuery()) {
                if (!rs.next()) {
                    return null;
                }
                return new Stored(rs.getLong(1) >= version, rs.getString(2));
            }
        }
    }

    private static void upsert(Connection c, String table, String code, long version, String orgUnit, String event)
            throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("INSERT INTO " + table
                + " (code, version, org_unit, event) VALUES (?, ?, ?, ?) ON CONFLICT (code) DO UPDATE SET version = "
                + "excluded.version, org_unit = excluded.org_unit, event = excluded.event, received_at = now()")) {
            ps.setString(1, code);
            ps.setLong(2, version);
            ps.setString(3, orgUnit);
            ps.setString(4, event);
            ps.executeUpdate();
        }
    }

    private static <E> List<E> all(Connection c, String table, ObjectMapper json, Class<E> type) throws SQLException {
        List<E> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT event FROM " + table + " ORDER BY code");
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(read(json, rs.getString(1), type));
            }
        }
        return out;
    }

    private static String write(ObjectMapper json, Object event) {
        try {
            return json.writeValueAsString(event);
        } catch (JsonProcessingException ex) {
            throw new IllegalStateException(ex);
        }
    }

    private static <E> E read(ObjectMapper json, String text, Class<E> type) {
        try {
            return json.readValue(text, type);
        } catch (JsonProcessingException ex) {
            throw new IllegalStateException("a stored " + type.getSimpleName() + " does not read back", ex);
        }
    }
}
