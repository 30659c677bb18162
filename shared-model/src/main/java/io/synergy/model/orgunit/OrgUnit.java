package io.synergy.model.orgunit;

import java.util.List;

/**
 * An organisation unit: the city, a district (区/市), a configured group of districts, an industrial park or an
 * enterprise.
 *
 * @param code    GB/T 2260 code ({@code 370202}), group name ({@code central-urban}), park code ({@code 370211P01}) or an
 *                enterprise's 18-character unified social credit code
 * @param level   where it sits in the hierarchy
 * @param zh      Chinese name
 * @param en      English name
 * @param members for a group, the district codes it sums; for the city, every district; empty otherwise
 * @param parent  the unit above it: the city for a district, a district for a park, a park or district for an enterprise
 * @param details park and enterprise attributes ({@code null} for the city, districts and groups)
 */
public record OrgUnit(
        String code,
        OrgUnitLevel level,
        String zh,
        String en,
        List<String> members,
        String parent,
        OrgUnitDetails details) {

    public OrgUnit {
        members = List.copyOf(members);
    }

    /** The districts whose numerators and denominators add up to this unit (city, group or district). */
    public List<String> districtsToSum() {
        return level == OrgUnitLevel.DISTRICT ? List.of(code) : members;
    }

    /** The same unit under another parent (an enterprise moved to another park). */
    public OrgUnit withParent(String newParent) {
        return new OrgUnit(code, level, zh, en, members, newParent, details);
    }

    public boolean closed() {
        return details != null && details.closed();
    }
}
