package io.synergy.model.event;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.synergy.model.orgunit.OrgUnitLevel;
import io.synergy.model.orgunit.OrgUnits;
import io.synergy.model.project.PilotStatus;
import io.synergy.model.project.ProjectCatalogue;
import io.synergy.model.project.ProjectStatus;
import io.synergy.model.project.Substance;
import java.math.BigDecimal;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * Checks one record of {@code projects.v1} or {@code pilots.v1} before a consumer counts it (the plan's E5, the report's
 * key-project and pilot sections, the designations of the unit synergy): UTF-8 JSON, the event's JSON Schema, a version
 * within bounds, the key equal to the event's code, then the registry's own rules. A project: a type of the catalogue with
 * its clause, a district, park or enterprise that is registered, a status history that starts with a status, never goes
 * back in time, moves only as {@link ProjectStatus#next()} allows and ends with the status, reductions of substances the
 * type records (each once, at most {@link #MAX_REDUCTION} t/a), a verified one only of a completed project and with its
 * document. A pilot: a programme of the catalogue with its clause, a registered unit of a level the programme designates,
 * an industry of the programme exactly when it is one by industry, a year and document unless only applied for.
 */
public final class ProjectEventValidator {

    public static final String KEY = "key";
    public static final String TYPE = "type";
    public static final String PROGRAMME = "programme";
    public static final String ORG_UNIT = "org-unit";
    public static final String STATUS = "status";
    public static final String REDUCTION = "reduction";
    public static final String DOCUMENT = "document";
    public static final String INDUSTRY = "industry";
    public static final String YEAR = "year";
    public static final String VERSION = "version";
    public static final String TEXT = "text";

    /** The highest version accepted: a forged huge version would make every later change of the key look old. */
    public static final long MAX_VERSION = OrgUnitEventValidator.MAX_VERSION;
    /** The largest reduction a project may record, t/a (the registry's own bound). */
    public static final BigDecimal MAX_REDUCTION = new BigDecimal("10000000");
    /** The most status changes and responsible units a record may carry. */
    public static final int MAX_ENTRIES = 200;

    private static final Pattern CONTROL = Pattern.compile("\\p{Cntrl}");
    private static final Set<OrgUnitLevel> PROJECT_LEVELS =
            EnumSet.of(OrgUnitLevel.DISTRICT, OrgUnitLevel.PARK, OrgUnitLevel.ENTERPRISE);

    private final ObjectMapper json = IndicatorEventValidator.strictReader();
    private final EventSchemas schemas = EventSchemas.shared();
    private final ProjectCatalogue catalogue;
    private final OrgUnits units;

    /** @param units the org units as the consumer knows them now */
    public ProjectEventValidator(ProjectCatalogue catalogue, OrgUnits units) {
        this.catalogue = catalogue;
        this.units = units;
    }

    /** Checks a record of projects.v1. */
    public CheckedRecord<ProjectEvent> project(String key, byte[] value) {
        return check(key, value, EventSchemas.PROJECT_EVENT, ProjectEvent.class, ProjectEvent::code, this::rules);
    }

    /** Checks a record of pilots.v1. */
    public CheckedRecord<PilotEvent> pilot(String key, byte[] value) {
        return check(key, value, EventSchemas.PILOT_EVENT, PilotEvent.class, PilotEvent::code, this::rules);
    }

    private <E> CheckedRecord<E> check(
            String key,
            byte[] value,
            String schema,
            Class<E> type,
            Function<E, String> code,
            Function<E, Rejection> rules) {
        IndicatorEventValidator.Parsed parsed = IndicatorEventValidator.parse(value, json);
        if (parsed.rejection() != null) {
            return CheckedRecord.refused(parsed.rejection());
        }
        Rejection invalid = schemas.check(schema, parsed.text());
        if (invalid != null) {
            return CheckedRecord.refused(invalid);
        }
        JsonNode version = parsed.tree().get("version");
        if (!version.canConvertToLong() || version.asLong() > MAX_VERSION) {
            return CheckedRecord.refused(new Rejection(
                    VERSION,
                    "version",
                    IndicatorEventValidator.abbreviate(version.asText()) + " is above " + MAX_VERSION));
        }
        E e;
        try {
            e = json.treeToValue(parsed.tree(), type);
        } catch (Exception ex) {
            return CheckedRecord.refused(
                    new Rejection(Rejection.SCHEMA, null, "does not map to the event: " + ex.getMessage()));
        }
        if (!code.apply(e).equals(key)) {
            return CheckedRecord.refused(new Rejection(
                    KEY,
                    "code",
                    "the record's key '" + (key == null ? "" : IndicatorEventValidator.abbreviate(key))
                            + "' is not its code " + code.apply(e) + " (the topic is compacted by code)"));
        }
        Rejection fault = rules.apply(e);
        return fault == null ? CheckedRecord.accepted(e) : CheckedRecord.refused(fault);
    }

    private Rejection rules(ProjectEvent e) {
        Optional<ProjectCatalogue.ProjectType> type = catalogue.type(e.type());
        if (type.isEmpty()) {
            return new Rejection(TYPE, "type", "'" + e.type() + "' is not a project type of the catalogue");
        }
        if (type.get().clause() != e.clause()) {
            return new Rejection(
                    TYPE,
                    "clause",
                    e.clause() + " is not the clause of " + e.type() + " ("
                            + type.get().clause() + ")");
        }
        Rejection unit =
                unit(e.orgUnit(), PROJECT_LEVELS, "a key project belongs to a district, a park or an enterprise");
        if (unit != null) {
            return unit;
        }
        Rejection text = texts(e.zh(), e.en(), e.leadDepartment(), e.changedBy(), e.verificationDocument());
        if (text != null) {
            return text;
        }
        if (e.responsibleUnits().size() > MAX_ENTRIES || e.statusHistory().size() > MAX_ENTRIES) {
            return new Rejection(
                    TEXT, "statusHistory", "at most " + MAX_ENTRIES + " status changes and responsible units");
        }
        for (String u : e.responsibleUnits()) {
            Rejection r = text("responsibleUnits", u);
            if (r != null) {
                return r;
            }
        }
        if (e.completionYear() != null && e.completionYear() < e.startYear()) {
            return new Rejection(
                    YEAR, "completionYear", e.completionYear() + " is before the start year " + e.startYear());
        }
        ProjectEvent.StatusChange previous = null;
        for (int k = 0; k < e.statusHistory().size(); k++) {
            ProjectEvent.StatusChange c = e.statusHistory().get(k);
            if (previous != null
                    && (c.since().isBefore(previous.since())
                            || !previous.status().next().contains(c.status()))) {
                return new Rejection(
                        STATUS,
                        "statusHistory[" + k + "]",
                        c.status() + " since " + c.since() + " cannot follow " + previous.status() + " since "
                                + previous.since());
            }
            previous = c;
        }
        if (previous == null || previous.status() != e.status()) {
            return new Rejection(STATUS, "status", e.status() + " is not the last status of its history");
        }
        Set<Substance> seen = EnumSet.noneOf(Substance.class);
        boolean anyVerified = false;
        for (int k = 0; k < e.reductions().size(); k++) {
            ProjectEvent.Reduction r = e.reductions().get(k);
            String at = "reductions[" + k + "].";
            if (!seen.add(r.substance())) {
                return new Rejection(REDUCTION, at + "substance", r.substance() + " twice");
            }
            if (!type.get().substances().contains(r.substance())) {
                return new Rejection(
                        REDUCTION, at + "substance", e.type() + " records no reduction of " + r.substance());
            }
            for (BigDecimal v : List.of(
                    r.planned() == null ? BigDecimal.ZERO : r.planned(),
                    r.verified() == null ? BigDecimal.ZERO : r.verified())) {
                if (v.signum() < 0 || v.compareTo(MAX_REDUCTION) > 0) {
                    return new Rejection(REDUCTION, at + "planned", "t/a from 0 to " + MAX_REDUCTION.toPlainString());
                }
            }
            if (r.verified() != null) {
                anyVerified = true;
                if (e.status() != ProjectStatus.COMPLETED) {
                    return new Rejection(
                            REDUCTION,
                            at + "verified",
                            "only a completed project has a verified reduction (status is " + e.status() + ")");
                }
            }
        }
        if (anyVerified && e.verificationDocument() == null) {
            return new Rejection(DOCUMENT, "verificationDocument", "is required with a verified reduction (核定文件)");
        }
        return null;
    }

    private Rejection rules(PilotEvent e) {
        Optional<ProjectCatalogue.Programme> programme = catalogue.programme(e.programme());
        if (programme.isEmpty()) {
            return new Rejection(PROGRAMME, "programme", "'" + e.programme() + "' is not a programme of the catalogue");
        }
        ProjectCatalogue.Programme p = programme.get();
        if (p.clause() != e.clause()) {
            return new Rejection(
                    PROGRAMME, "clause", e.clause() + " is not the clause of " + p.code() + " (" + p.clause() + ")");
        }
        Rejection unit = unit(e.orgUnit(), p.orgUnitLevels(), p.code() + " designates " + p.orgUnitLevels());
        if (unit != null) {
            return unit;
        }
        boolean byIndustry = !p.industries().isEmpty();
        if (byIndustry != (e.industry() != null)
                || (byIndustry && !p.industries().contains(e.industry()))) {
            return new Rejection(
                    INDUSTRY,
                    "industry",
                    byIndustry ? "one of " + p.industries() : p.code() + " is not a programme by industry");
        }
        boolean applied = e.status() == PilotStatus.APPLIED;
        if (!applied && (e.yearDesignated() == null || e.document() == null)) {
            return new Rejection(
                    YEAR, "yearDesignated", "a designation has its year and document (only APPLIED has none)");
        }
        return texts(e.document(), e.changedBy());
    }

    private Rejection unit(String code, Set<OrgUnitLevel> levels, String rule) {
        return units.find(code).map(u -> levels.contains(u.level())).orElse(false)
                ? null
                : new Rejection(
                        ORG_UNIT,
                        "orgUnit",
                        "'" + IndicatorEventValidator.abbreviate(String.valueOf(code)) + "' is not a registered unit: "
                                + rule);
    }

    private static Rejection texts(String... values) {
        for (String v : values) {
            Rejection r = text("text", v);
            if (r != null) {
                return r;
            }
        }
        return null;
    }

    private static Rejection text(String field, String value) {
        return value != null
                        && (value.length() > OrgUnitEventValidator.MAX_TEXT
                                || CONTROL.matcher(value).find())
                ? new Rejection(
                        TEXT, field, "at most " + OrgUnitEventValidator.MAX_TEXT + " characters, no control characters")
                : null;
    }
}
