package io.synergy.model.orgunit;

import java.util.Set;

/**
 * What the registry knows of a park or an enterprise beyond its place in the hierarchy.
 *
 * @param industrySection  GB/T 4754-2017 section letter (A–T), enterprises only
 * @param industryDivision GB/T 4754-2017 division (two digits, within the section), enterprises only
 * @param flags            {@link EnterpriseFlag} names
 * @param closed           a closed unit keeps its history but accepts no more reports
 */
public record OrgUnitDetails(String industrySection, String industryDivision, Set<String> flags, boolean closed) {

    public OrgUnitDetails {
        flags = flags == null ? Set.of() : Set.copyOf(flags);
    }
}
