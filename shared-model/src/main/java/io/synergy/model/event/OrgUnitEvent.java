package io.synergy.model.event;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.synergy.model.orgunit.OrgUnit;
import io.synergy.model.orgunit.OrgUnitDetails;
import io.synergy.model.orgunit.OrgUnitLevel;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * A park or an enterprise as the registry (registry service) holds it, published on the compacted topic
 * {@code org-units.v1} (key: the code) after every change; the sector services keep their copy of the registry from it.
 * Type {@link CloudEventTypes#ORG_UNIT}; schema {@code schemas/org-unit-event.v1.json}.
 *
 * @param version increases with every change of the unit; a consumer ignores a version it has already applied
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record OrgUnitEvent(
        String code,
        OrgUnitLevel level,
        String zh,
        String en,
        String parent,
        String industrySection,
        String industryDivision,
        Set<String> flags,
        boolean closed,
        long version,
        Instant changedAt,
        String changedBy) {

    public OrgUnit toOrgUnit() {
        return new OrgUnit(
                code,
                level,
                zh,
                en,
                List.of(),
                parent,
                new OrgUnitDetails(industrySection, industryDivision, flags, closed));
    }
}
