package io.synergy.model.orgunit;

import java.util.List;

/**
 * An organisation unit: the city, one of its districts (区/市), or a configured group of districts.
 *
 * @param code    GB/T 2260 code ({@code 370202}) or group name ({@code central-urban})
 * @param level   city, district or group
 * @param zh      Chinese name
 * @param en      English name
 * @param members for a group, the district codes it sums; for the city, every district; empty for a district
 */
public record OrgUnit(String code, OrgUnitLevel level, String zh, String en, List<String> members) {

    public OrgUnit {
        members = List.copyOf(members);
    }

    /** The districts whose numerators and denominators add up to this unit. */
    public List<String> districtsToSum() {
        return level == OrgUnitLevel.DISTRICT ? List.of(code) : members;
    }
}
