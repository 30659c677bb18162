package io.synergy.aggregation.orgunits;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import io.quarkus.runtime.StartupEvent;
import io.synergy.aggregation.recompute.Recomputer;
import io.synergy.aggregation.store.FactStore;
import io.synergy.model.event.CloudEventTypes;
import io.synergy.model.event.OrgUnitEvent;
import io.synergy.model.event.Topics;
import io.synergy.model.orgunit.EnterpriseFlag;
import io.synergy.model.orgunit.IndustryClassification;
import io.synergy.model.orgunit.OrgUnit;
import io.synergy.model.orgunit.OrgUnitLevel;
import io.synergy.model.orgunit.OrgUnits;
import io.synergy.model.orgunit.UnifiedSocialCreditCode;
import io.synergy.platform.orgunits.OrgUnitRegistry;
import io.synergy.platform.outbox.OutboxMessage;
import io.synergy.platform.outbox.OutboxWriter;
import io.synergy.platform.problem.FieldError;
import io.synergy.platform.problem.ProblemException;
import io.synergy.platform.transaction.AfterCommit;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;
import java.sql.Array;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The registry of parks and enterprises: validates changes, stores them, publishes each one on {@code org-units.v1}
 * through the outbox (same transaction), and keeps this instance's {@link OrgUnitRegistry} current. When an
 * enterprise moves or closes, the years it has data for are recomputed (district totals made of enterprises move with it).
 */
@ApplicationScoped
public class OrgUnitService {

    /** A park: its district's code, {@code P}, two digits ({@code 370211P01}). */
    static final Pattern PARK_CODE = Pattern.compile("\\d{6}P\\d{2}");

    @Inject
    AgroalDataSource dataSource;

    @Inject
    OrgUnitRegistry registry;

    @Inject
    OutboxWriter outbox;

    @Inject
    ObjectMapper json;

    @Inject
    TransactionSynchronizationRegistry transactions;

    @Inject
    Recomputer recomputer;

    /** At start, this instance's registry learns every stored unit (parks first, so enterprises find their parent). */
    void load(@Observes @Priority(5) StartupEvent event) throws SQLException {
        for (OrgUnitEvent e : all()) {
            registry.apply(e);
        }
    }

    public List<OrgUnitEvent> all() throws SQLException {
        List<OrgUnitEvent> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM org_unit ORDER BY level DESC, code");
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(read(rs));
            }
        }
        return out;
    }

    static final String COLUMNS = "code, level, name_zh, name_en, parent, industry_section, industry_division, flags, closed, version, changed_at, changed_by";

    private static OrgUnitEvent read(ResultSet rs) throws SQLException {
        Array flags = rs.getArray(8);
        return new OrgUnitEvent(rs.getString(1), OrgUnitLevel.valueOf(rs.getString(2)), rs.getString(3), rs.getString(4), rs.getString(5),
                rs.getString(6), rs.getString(7), new TreeSet<>(Arrays.asList((String[]) flags.getArray())), rs.getBoolean(9), rs.getLong(10),
                rs.getTimestamp(11).toInstant(), rs.getString(12));
    }

    /** What a change did. */
    public record Outcome(OrgUnitEvent unit, boolean created, boolean changed) {
    }

    /**
     * Creates or updates units in one transaction (a CSV import is all or nothing). Every fault of every unit is
     * reported at once, with the path of the field ({@code code}, {@code [3].parent}).
     */
    @Transactional
    public List<Outcome> apply(List<OrgUnitChange> changes, List<String> paths, String operator) {
        try (Connection c = dataSource.getConnection()) {
            lockRegistry(c);
            Map<String, OrgUnitEvent> stored = new LinkedHashMap<>();
            for (OrgUnitEvent e : all(c)) {
                stored.put(e.code(), e);
            }
            // validate against the registry as it will be: parks of the same request may be parents of its enterprises
            OrgUnits view = registry.current();
            List<FieldError> errors = new ArrayList<>();
            List<OrgUnitEvent> next = new ArrayList<>();
            List<Integer> order = new ArrayList<>();
            for (int i = 0; i < changes.size(); i++) {
                order.add(i);
            }
            order.sort(Comparator.comparing(i -> "ENTERPRISE".equals(changes.get(i).level()))); // parks first
            Instant now = Instant.now();
            OrgUnitEvent[] byIndex = new OrgUnitEvent[changes.size()];
            for (int i : order) {
                OrgUnitEvent e = validate(changes.get(i), stored.get(changes.get(i).code()), paths.get(i), view, errors, operator, now);
                if (e != null) {
                    try {
                        view = view.withUnit(e.toOrgUnit());
                        byIndex[i] = e;
                    } catch (IllegalArgumentException ex) {
                        errors.add(new FieldError(paths.get(i) + "parent", ex.getMessage()));
                    }
                }
            }
            if (!errors.isEmpty()) {
                throw ProblemException.invalid(errors.size() + (errors.size() == 1 ? " fault" : " faults") + "; nothing was changed", errors);
            }
            List<Outcome> outcomes = new ArrayList<>();
            List<OutboxMessage> events = new ArrayList<>();
            boolean rollUpsChanged = false;
            for (int i = 0; i < byIndex.length; i++) {
                OrgUnitEvent e = byIndex[i];
                OrgUnitEvent old = stored.get(e.code());
                boolean changed = old == null || !sameContent(old, e);
                if (changed) {
                    upsert(c, e);
                    events.add(new OutboxMessage(Topics.ORG_UNITS, e.code(), UUID.randomUUID(), CloudEventTypes.ORG_UNIT,
                            CloudEventTypes.AGGREGATION_SOURCE, e.code(), now, CloudEventTypes.ORG_UNIT_SCHEMA, write(e)));
                    rollUpsChanged |= old != null && (!Objects.equals(old.parent(), e.parent()) || old.closed() != e.closed());
                    stored.put(e.code(), e);
                }
                outcomes.add(new Outcome(changed ? e : old, old == null, changed));
            }
            outbox.write(events);
            if (rollUpsChanged) {
                // an enterprise moved: every year it has figures for may sum differently now
                FactStore.requestRecompute(c, factYears(c));
                recomputer.requestedInTransaction();
            }
            List<OrgUnitEvent> applied = outcomes.stream().filter(Outcome::changed).map(Outcome::unit).toList();
            AfterCommit.run(transactions, () -> applied.forEach(registry::apply));
            return outcomes;
        } catch (SQLException e) {
            throw new IllegalStateException("could not store org units", e);
        }
    }

    private OrgUnitEvent validate(OrgUnitChange ch, OrgUnitEvent old, String path, OrgUnits view, List<FieldError> errors, String operator,
            Instant now) {
        int before = errors.size();
        OrgUnitLevel level = null;
        if (ch.level() == null || !(ch.level().equals("PARK") || ch.level().equals("ENTERPRISE"))) {
            errors.add(new FieldError(path + "level", "must be PARK or ENTERPRISE"));
        } else {
            level = OrgUnitLevel.valueOf(ch.level());
        }
        if (old != null && level != null && old.level() != level) {
            errors.add(new FieldError(path + "level", ch.code() + " is registered as a " + old.level() + "; the level cannot change"));
        }
        if (ch.code() == null || ch.code().isBlank()) {
            errors.add(new FieldError(path + "code", "is required"));
        } else if (level == OrgUnitLevel.PARK && !PARK_CODE.matcher(ch.code()).matches()) {
            errors.add(new FieldError(path + "code", "a park's code is its district's code, P and two digits, e.g. 370211P01"));
        } else if (level == OrgUnitLevel.ENTERPRISE) {
            UnifiedSocialCreditCode.problem(ch.code()).ifPresent(p -> errors.add(new FieldError(path + "code",
                    "not a valid unified social credit code (统一社会信用代码): " + p)));
        }
        if (ch.zh() == null || ch.zh().isBlank() || ch.zh().length() > 200) {
            errors.add(new FieldError(path + "zh", "the Chinese name is required (at most 200 characters)"));
        }
        if (ch.en() != null && ch.en().length() > 200) {
            errors.add(new FieldError(path + "en", "at most 200 characters"));
        }
        if (ch.parent() == null || view.find(ch.parent()).isEmpty()) {
            errors.add(new FieldError(path + "parent", "'" + ch.parent() + "' is not a district" + (level == OrgUnitLevel.ENTERPRISE ? " or a park" : "")
                    + " of the registry"));
        } else if (level == OrgUnitLevel.PARK && ch.code() != null && PARK_CODE.matcher(ch.code()).matches() && !ch.code().startsWith(ch.parent())) {
            errors.add(new FieldError(path + "code", "a park's code starts with its district's code " + ch.parent()));
        }
        if (level == OrgUnitLevel.ENTERPRISE) {
            IndustryClassification.problem(ch.industrySection(), ch.industryDivision())
                    .ifPresent(p -> errors.add(new FieldError(path + "industryDivision", p)));
        }
        Set<String> flags = ch.flags() == null ? Set.of() : new TreeSet<>(ch.flags());
        for (String f : flags) {
            if (Arrays.stream(EnterpriseFlag.values()).noneMatch(x -> x.name().equals(f))) {
                errors.add(new FieldError(path + "flags", "'" + f + "' is not one of " + Arrays.toString(EnterpriseFlag.values())));
            } else if (level == OrgUnitLevel.PARK) {
                errors.add(new FieldError(path + "flags", "flags are for enterprises"));
            }
        }
        if (errors.size() > before) {
            return null;
        }
        boolean closed = ch.closed() != null ? ch.closed() : old != null && old.closed();
        return new OrgUnitEvent(ch.code(), level, ch.zh(), ch.en() == null ? "" : ch.en(), ch.parent(),
                level == OrgUnitLevel.ENTERPRISE ? ch.industrySection() : null, level == OrgUnitLevel.ENTERPRISE ? ch.industryDivision() : null,
                flags, closed, old == null ? 1 : old.version() + 1, now, operator);
    }

    private static boolean sameContent(OrgUnitEvent a, OrgUnitEvent b) {
        return a.level() == b.level() && a.zh().equals(b.zh()) && a.en().equals(b.en()) && a.parent().equals(b.parent())
                && Objects.equals(a.industrySection(), b.industrySection()) && Objects.equals(a.industryDivision(), b.industryDivision())
                && a.flags().equals(b.flags()) && a.closed() == b.closed();
    }

    private static void lockRegistry(Connection c) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("SELECT pg_advisory_xact_lock(5, 0)")) {
            ps.executeQuery().close();
        }
    }

    private static List<OrgUnitEvent> all(Connection c) throws SQLException {
        List<OrgUnitEvent> out = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT " + COLUMNS + " FROM org_unit"); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                out.add(read(rs));
            }
        }
        return out;
    }

    private static void upsert(Connection c, OrgUnitEvent e) throws SQLException {
        try (PreparedStatement ps = c.prepareStatement("""
                INSERT INTO org_unit (code, level, name_zh, name_en, parent, industry_section, industry_division, flags, closed, version, changed_at, changed_by)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                ON CONFLICT (code) DO UPDATE SET name_zh = excluded.name_zh, name_en = excluded.name_en, parent = excluded.parent,
                    industry_section = excluded.industry_section, industry_division = excluded.industry_division, flags = excluded.flags,
                    closed = excluded.closed, version = excluded.version, changed_at = excluded.changed_at, changed_by = excluded.changed_by""")) {
            ps.setString(1, e.code());
            ps.setString(2, e.level().name());
            ps.setString(3, e.zh());
            ps.setString(4, e.en());
            ps.setString(5, e.parent());
            ps.setString(6, e.industrySection());
            ps.setString(7, e.industryDivision());
            ps.setArray(8, c.createArrayOf("text", e.flags().toArray()));
            ps.setBoolean(9, e.closed());
            ps.setLong(10, e.version());
            ps.setTimestamp(11, Timestamp.from(e.changedAt()));
            ps.setString(12, e.changedBy());
            ps.executeUpdate();
        }
    }

    private static List<Integer> factYears(Connection c) throws SQLException {
        List<Integer> years = new ArrayList<>();
        try (PreparedStatement ps = c.prepareStatement("SELECT DISTINCT year FROM indicator_fact"); ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                years.add(rs.getInt(1));
            }
        }
        return years;
    }

    private String write(Object o) {
        try {
            return json.writeValueAsString(o);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The units as the API lists them, from this instance's registry (parks and enterprises). */
    public List<OrgUnit> list(OrgUnitLevel level, String parent, String industry) {
        OrgUnits units = registry.current();
        List<OrgUnit> out = new ArrayList<>();
        for (OrgUnit u : units.everything()) {
            if (u.level() != OrgUnitLevel.PARK && u.level() != OrgUnitLevel.ENTERPRISE) {
                continue;
            }
            if (level != null && u.level() != level) {
                continue;
            }
            if (parent != null && !parent.equals(u.parent()) && !units.districtOf(u.code()).map(d -> d.code().equals(parent)).orElse(false)) {
                continue;
            }
            if (industry != null && (u.details() == null || u.details().industrySection() == null
                    || !(industry.equals(u.details().industrySection()) || industry.equals(u.details().industryDivision())))) {
                continue;
            }
            out.add(u);
        }
        return out;
    }
}
