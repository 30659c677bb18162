package io.synergy.model.event;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.synergy.model.catalogue.Sector;
import io.synergy.model.orgunit.OrgUnits;
import io.synergy.model.project.ProjectCatalogue;

/**
 * Checks one record of {@code approvals.v1} before a consumer applies it (the registry's deadlines, the aggregation's
 * official view): strict UTF-8 JSON, the event's JSON Schema ({@code schemas/approval-event.v1.json}), a known sector, a
 * district of the registry as the consumer knows it, a year of the plan, and the key {@code <sector>|<orgUnit>|<period>}
 * of its own fields. One check for every reader, so a record one refuses the other refuses too.
 */
public final class ApprovalEventValidator {

    /** The kinds of refusal beyond the schema's. */
    public static final String SECTOR = "sector";

    public static final String DISTRICT = "district";
    public static final String YEAR = "year";
    public static final String KEY = "key";

    private final ObjectMapper json = IndicatorEventValidator.strictReader();
    private final EventSchemas schemas = EventSchemas.shared();
    private final OrgUnits orgUnits;

    /** @param orgUnits the registry the consumer judges the district by */
    public ApprovalEventValidator(OrgUnits orgUnits) {
        this.orgUnits = orgUnits;
    }

    /** What a check found: the event when valid, or why it was refused. */
    public record Checked(ApprovalEvent event, Rejection rejection) {

        public boolean valid() {
            return rejection == null;
        }

        static Checked refused(String kind, String field, String message) {
            return new Checked(null, new Rejection(kind, field, message));
        }
    }

    /** Checks a record's key and value; the first fault found is the reason. */
    public Checked check(String key, byte[] value) {
        IndicatorEventValidator.Parsed parsed = IndicatorEventValidator.parse(value, json);
        if (parsed.rejection() != null) {
            return new Checked(null, parsed.rejection());
        }
        Rejection schema = schemas.check(EventSchemas.APPROVAL_EVENT, parsed.text());
        if (schema != null) {
            return new Checked(null, schema);
        }
        ApprovalEvent e;
        try {
            e = json.treeToValue(parsed.tree(), ApprovalEvent.class);
        } catch (Exception ex) {
            return Checked.refused(Rejection.SCHEMA, null, "does not read as an approval event");
        }
        if (Sector.find(e.sector()).isEmpty()) {
            return Checked.refused(SECTOR, "sector", "'" + e.sector() + "' is not a sector");
        }
        if (!orgUnits.isDistrict(e.orgUnit())) {
            return Checked.refused(DISTRICT, "orgUnit", "'" + e.orgUnit() + "' is not a district of the registry");
        }
        int year;
        try {
            year = Integer.parseInt(e.period());
        } catch (NumberFormatException ex) {
            return Checked.refused(YEAR, "period", "'" + e.period() + "' is not a year");
        }
        if (year < ProjectCatalogue.FIRST_YEAR || year > ProjectCatalogue.LAST_YEAR) {
            return Checked.refused(
                    YEAR,
                    "period",
                    "'" + e.period() + "' is not a year from " + ProjectCatalogue.FIRST_YEAR + " to "
                            + ProjectCatalogue.LAST_YEAR);
        }
        if (!e.key().equals(key)) {
            return Checked.refused(KEY, null, "the record's key '" + key + "' is not the event's, " + e.key());
        }
        return new Checked(e, null);
    }
}
