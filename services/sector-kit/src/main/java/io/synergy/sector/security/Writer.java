package io.synergy.sector.security;

import io.synergy.model.orgunit.OrgUnit;
import io.synergy.model.orgunit.OrgUnits;
import java.util.Set;

/**
 * Who submits reports and where they may write: the token's subject, and the districts of its {@code districts}
 * claim ({@code null}: every district of the city).
 */
public record Writer(String name, Set<String> districts) {

    /**
     * Whether the writer may write an org unit: a district of its claim, or an enterprise registered in one (directly or
     * through a park — the registry's hierarchy decides, as for the roll-ups). An org unit the registry does not know
     * lies in no district, so only a writer without a district limit may name it (and is then told it is unknown).
     */
    public boolean mayWrite(String orgUnit, OrgUnits units) {
        return districts == null
                || units.districtOf(orgUnit)
                        .map(OrgUnit::code)
                        .filter(districts::contains)
                        .isPresent();
    }
}
