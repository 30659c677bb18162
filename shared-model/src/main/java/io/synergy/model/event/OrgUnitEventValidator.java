package io.synergy.model.event;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.synergy.model.orgunit.IndustryClassification;
import io.synergy.model.orgunit.OrgUnit;
import io.synergy.model.orgunit.OrgUnitLevel;
import io.synergy.model.orgunit.OrgUnits;
import io.synergy.model.orgunit.UnifiedSocialCreditCode;
import java.util.regex.Pattern;

/**
 * Checks one record of {@code org-units.v1} before a service's registry takes it: UTF-8 JSON keyed by its code, the
 * event's JSON Schema ({@code schemas/org-unit-event.v1.json}), then the registry's rules — a park's code is its
 * district's code, {@code P} and two digits; an enterprise's is a valid unified social credit code; a unit keeps its level;
 * a park lies in a district, an enterprise in a park or a district; industry classification and flags for enterprises only;
 * a version within bounds.
 */
public final class OrgUnitEventValidator {

    public static final String KEY = "key";
    public static final String CODE = "code";
    public static final String LEVEL = "level";
    public static final String PARENT = "parent";
    public static final String INDUSTRY = "industry";
    public static final String FLAGS = "flags";
    public static final String VERSION = "version";
    public static final String TEXT = "text";

    /** The highest version accepted: a forged huge version would make every later change of the unit look old. */
    public static final long MAX_VERSION = 1_000_000;
    /** Longest name or operator stored (the registry's own limit for names). */
    public static final int MAX_TEXT = 200;

    private static final Pattern PARK_CODE = Pattern.compile("\\d{6}P\\d{2}");
    private static final Pattern CONTROL = Pattern.compile("\\p{Cntrl}");

    private final ObjectMapper json = IndicatorEventValidator.strictReader();
    private final EventSchemas schemas = EventSchemas.shared();

    /** What a check found: the event (when it could be read), and why it was refused ({@code null} when valid). */
    public record Checked(OrgUnitEvent event, Rejection rejection) {

        public boolean valid() {
            return rejection == null;
        }

        /** Refused only because its parent is not (yet) known: on a re-read topic the parent may still come. */
        public boolean parentUnknown() {
            return rejection != null
                    && PARENT.equals(rejection.kind())
                    && rejection.message().startsWith(UNKNOWN_PARENT);
        }
    }

    private static final String UNKNOWN_PARENT = "unknown parent";

    /**
     * Checks a record's key and value against the registry as this service knows it now. A record that is valid in itself
     * but names a parent the registry does not know is refused with {@link Checked#parentUnknown()}.
     */
    public Checked check(String key, byte[] value, OrgUnits units) {
        IndicatorEventValidator.Parsed parsed = IndicatorEventValidator.parse(value, json);
        if (parsed.rejection() != null) {
            return new Checked(null, parsed.rejection());
        }
        Rejection schema = schemas.check(EventSchemas.ORG_UNIT_EVENT, parsed.text());
        if (schema != null) {
            return new Checked(null, schema);
        }
        JsonNode version = parsed.tree().get("version");
        if (!version.canConvertToLong() || version.asLong() > MAX_VERSION) {
            return refused(
                    VERSION,
                    "version",
                    IndicatorEventValidator.abbreviate(version.asText()) + " is above " + MAX_VERSION);
        }
        OrgUnitEvent e;
        try {
            e = json.treeToValue(parsed.tree(), OrgUnitEvent.class);
        } catch (Exception ex) {
            return refused(Rejection.SCHEMA, null, "does not map to an org-unit event: " + ex.getMessage());
        }
        if (!e.code().equals(key)) {
            return refused(
                    KEY,
                    "code",
                    "the record's key '" + (key == null ? "" : IndicatorEventValidator.abbreviate(key))
                            + "' is not its code " + e.code() + " (org-units.v1 is compacted by code)");
        }
        return new Checked(e, rules(e, units));
    }

    private static Rejection rules(OrgUnitEvent e, OrgUnits units) {
        if (e.level() == OrgUnitLevel.PARK) {
            if (!PARK_CODE.matcher(e.code()).matches()) {
                return new Rejection(
                        CODE, "code", "a park's code is its district's code, P and two digits, e.g. 370211P01");
            }
            if (e.industrySection() != null || e.industryDivision() != null) {
                return new Rejection(INDUSTRY, "industrySection", "an industry classification is for enterprises");
            }
            if (!e.flags().isEmpty()) {
                return new Rejection(FLAGS, "flags", "flags are for enterprises");
            }
        } else {
            String problem = UnifiedSocialCreditCode.problem(e.code()).orElse(null);
            if (problem != null) {
                return new Rejection(CODE, "code", "not a valid unified social credit code (统一社会信用代码): " + problem);
            }
            problem = IndustryClassification.problem(e.industrySection(), e.industryDivision())
                    .orElse(null);
            if (problem != null) {
                return new Rejection(INDUSTRY, "industryDivision", problem);
            }
        }
        for (String[] t : new String[][] {{"zh", e.zh()}, {"en", e.en()}, {"changedBy", e.changedBy()}}) {
            if (t[1].length() > MAX_TEXT || CONTROL.matcher(t[1]).find()) {
                return new Rejection(TEXT, t[0], "at most " + MAX_TEXT + " characters, no control characters");
            }
        }
        OrgUnit existing = units.find(e.code()).orElse(null);
        if (existing != null && existing.level() != e.level()) {
            return new Rejection(
                    LEVEL, "level", e.code() + " is a " + existing.level() + "; a unit's level cannot change");
        }
        OrgUnit parent = units.find(e.parent()).orElse(null);
        if (parent == null) {
            return new Rejection(
                    PARENT,
                    "parent",
                    UNKNOWN_PARENT + " '" + IndicatorEventValidator.abbreviate(e.parent()) + "': not a district"
                            + (e.level() == OrgUnitLevel.ENTERPRISE ? " or a registered park" : "") + " of "
                            + units.city().code());
        }
        try {
            units.withUnit(e.toOrgUnit());
        } catch (IllegalArgumentException ex) {
            return new Rejection(PARENT, "parent", ex.getMessage());
        }
        if (e.level() == OrgUnitLevel.PARK && !e.code().startsWith(e.parent())) {
            return new Rejection(CODE, "code", "a park's code starts with its district's code " + e.parent());
        }
        return null;
    }

    private static Checked refused(String kind, String field, String message) {
        return new Checked(null, new Rejection(kind, field, message));
    }
}
