package io.synergy.registry.orgunits;

import java.util.Set;

/**
 * A park or enterprise as a client creates or changes it (JSON body, or one CSV row).
 *
 * @param level            {@code PARK} or {@code ENTERPRISE}
 * @param parent           a district for a park; a park or district for an enterprise
 * @param industrySection  GB/T 4754 section letter (enterprises)
 * @param industryDivision GB/T 4754 two-digit division (enterprises)
 * @param flags            CARBON_MARKET (重点排放单位), KEY_POLLUTER (重点排污单位), CLEANER_PRODUCTION_AUDIT (强制性清洁生产审核)
 */
public record OrgUnitChange(
        String code,
        String level,
        String zh,
        String en,
        String parent,
        String industrySection,
        String industryDivision,
        Set<String> flags,
        Boolean closed) {

    /** The same change of the unit {@code code} (a {@code PUT}'s, whose path names it). */
    public OrgUnitChange withCode(String code) {
        return new OrgUnitChange(code, level, zh, en, parent, industrySection, industryDivision, flags, closed);
    }
}
