package io.synergy.model.orgunit;

/** Where an org unit sits in the hierarchy (GB/T 2260 codes for city and districts). */
public enum OrgUnitLevel {
    CITY,
    DISTRICT,
    /** A named set of districts, e.g. {@code central-urban} (中心城区). */
    GROUP
}
