package io.synergy.registry.orgunits;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.synergy.model.event.OrgUnitEvent;
import io.synergy.model.orgunit.OrgUnitLevel;
import java.util.Set;

/**
 * A park or an enterprise as {@code GET /api/v1/org-units} lists it (its version is the {@code ETag} of
 * {@code GET /api/v1/org-units/{code}}). Every field is present, {@code null} where it does not apply (a park's industry).
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record OrgUnitView(
        String code,
        OrgUnitLevel level,
        String zh,
        String en,
        String parent,
        String industrySection,
        String industryDivision,
        Set<String> flags,
        boolean closed) {

    static OrgUnitView of(OrgUnitEvent u) {
        return new OrgUnitView(
                u.code(),
                u.level(),
                u.zh(),
                u.en(),
                u.parent(),
                u.industrySection(),
                u.industryDivision(),
                u.flags(),
                u.closed());
    }
}
