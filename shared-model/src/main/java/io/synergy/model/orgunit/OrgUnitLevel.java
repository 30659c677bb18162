package io.synergy.model.orgunit;

/** Where an org unit sits in the hierarchy: city → district → park → enterprise; groups are sets of districts. */
public enum OrgUnitLevel {
    CITY,
    DISTRICT,
    /** A named set of districts, e.g. {@code central-urban} (中心城区). */
    GROUP,
    /** An industrial park (园区) inside a district; its figures are the sums of its enterprises. */
    PARK,
    /** An enterprise (企业), identified by its unified social credit code, in a park or directly in a district. */
    ENTERPRISE
}
