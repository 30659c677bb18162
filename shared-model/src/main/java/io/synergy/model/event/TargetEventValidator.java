package io.synergy.model.event;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.synergy.model.catalogue.Indicator;
import io.synergy.model.target.Allocation;
import io.synergy.model.target.TargetRules;
import java.time.LocalDate;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Checks one record of {@code targets.v1} before a consumer judges attainment by it: UTF-8 JSON, the event's JSON Schema
 * ({@code schemas/target-event.v1.json}), a version within bounds, the key {@code <indicator>|<orgUnit>} of its own
 * fields, then the registry's own rules ({@link TargetRules}): an indicator with a target in the catalogue, a unit targets
 * are allocated to (the city, a district, a group), and each allocation with a value in the indicator's range, years
 * within bounds, a 文号 as the registry stores it, and one allocation per day in force.
 */
public final class TargetEventValidator {

    public static final String KEY = "key";
    public static final String INDICATOR = "indicator";
    public static final String ORG_UNIT = "org-unit";
    public static final String VALUE = "value";
    public static final String YEAR = "year";
    public static final String DOCUMENT = "document";
    public static final String EFFECTIVE_FROM = "effective-from";
    public static final String VERSION = "version";
    public static final String TEXT = "text";

    /** The highest version accepted: a forged huge version would make every later change of the key look old. */
    public static final long MAX_VERSION = OrgUnitEventValidator.MAX_VERSION;
    /** The most allocations one key may carry: a document a year for a century is far fewer. */
    public static final int MAX_ALLOCATIONS = 500;

    private static final Pattern CONTROL = Pattern.compile("\\p{Cntrl}");

    private final ObjectMapper json = IndicatorEventValidator.strictReader();
    private final EventSchemas schemas = EventSchemas.shared();
    private final TargetRules rules;

    /** @param rules the catalogue and the org units the consumer judges by */
    public TargetEventValidator(TargetRules rules) {
        this.rules = rules;
    }

    /** What a check found: the event when valid, or why it was refused. */
    public record Checked(TargetEvent event, Rejection rejection) {

        public boolean valid() {
            return rejection == null;
        }
    }

    /** Checks a record's key and value. */
    public Checked check(String key, byte[] value) {
        IndicatorEventValidator.Parsed parsed = IndicatorEventValidator.parse(value, json);
        if (parsed.rejection() != null) {
            return refused(parsed.rejection());
        }
        Rejection schema = schemas.check(EventSchemas.TARGET_EVENT, parsed.text());
        if (schema != null) {
            return refused(schema);
        }
        JsonNode version = parsed.tree().get("version");
        if (!version.canConvertToLong() || version.asLong() > MAX_VERSION) {
            return refused(new Rejection(
                    VERSION,
                    "version",
                    IndicatorEventValidator.abbreviate(version.asText()) + " is above " + MAX_VERSION));
        }
        TargetEvent e;
        try {
            e = json.treeToValue(parsed.tree(), TargetEvent.class);
        } catch (Exception ex) {
            return refused(new Rejection(Rejection.SCHEMA, null, "does not map to a target event: " + ex.getMessage()));
        }
        String own = TargetEvent.key(e.indicator(), e.orgUnit());
        if (!own.equals(key)) {
            return refused(new Rejection(
                    KEY,
                    "indicator",
                    "the record's key '" + (key == null ? "" : IndicatorEventValidator.abbreviate(key))
                            + "' is not its " + own + " (targets.v1 is compacted by indicator|orgUnit)"));
        }
        Rejection fault = rules(e);
        return fault == null ? new Checked(e, null) : refused(fault);
    }

    private Rejection rules(TargetEvent e) {
        Optional<Indicator> indicator = rules.indicator(e.indicator());
        if (indicator.isEmpty()) {
            return new Rejection(INDICATOR, "indicator", "'" + e.indicator() + "' has no target in the catalogue");
        }
        if (rules.unit(e.orgUnit()).isEmpty()) {
            return new Rejection(
                    ORG_UNIT,
                    "orgUnit",
                    "'" + e.orgUnit() + "' is not the city, a district or a group: targets are allocated to those");
        }
        Rejection changedBy = text("changedBy", e.changedBy());
        if (changedBy != null) {
            return changedBy;
        }
        if (e.allocations().size() > MAX_ALLOCATIONS) {
            return new Rejection(VALUE, "allocations", "at most " + MAX_ALLOCATIONS + " allocations");
        }
        Set<LocalDate> days = new HashSet<>();
        for (int k = 0; k < e.allocations().size(); k++) {
            Allocation a = e.allocations().get(k);
            String at = "allocations[" + k + "].";
            Optional<String> problem = TargetRules.valueProblem(indicator.get(), a.value());
            if (problem.isPresent()) {
                return new Rejection(VALUE, at + "value", problem.get());
            }
            problem = TargetRules.yearProblem(a.targetYear());
            if (problem.isPresent()) {
                return new Rejection(YEAR, at + "targetYear", problem.get());
            }
            problem = TargetRules.yearProblem(a.firstYear());
            if (problem.isPresent()) {
                return new Rejection(YEAR, at + "effectiveFrom", problem.get());
            }
            if (!TargetRules.normaliseDocument(a.document())
                    .map(a.document()::equals)
                    .orElse(false)) {
                return new Rejection(DOCUMENT, at + "document", TargetRules.DOCUMENT_RULE + ", written with 〔〕");
            }
            Rejection r = text(at + "setBy", a.setBy());
            if (r != null) {
                return r;
            }
            if (!days.add(a.effectiveFrom())) {
                return new Rejection(
                        EFFECTIVE_FROM,
                        at + "effectiveFrom",
                        a.effectiveFrom() + " twice: one allocation per day in force");
            }
        }
        return null;
    }

    private static Rejection text(String field, String value) {
        return value.length() > OrgUnitEventValidator.MAX_TEXT
                        || CONTROL.matcher(value).find()
                ? new Rejection(
                        TEXT, field, "at most " + OrgUnitEventValidator.MAX_TEXT + " characters, no control characters")
                : null;
    }

    private static Checked refused(Rejection why) {
        return new Checked(null, why);
    }
}
