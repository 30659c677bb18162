package io.synergy.model.target;

/** Where the target of an (indicator, org unit, year) comes from (docs/reporting-cycle.md, 目标分解). */
public enum TargetSource {
    /** The plan's own target (the catalogue, or the configured provincial assignment), applying to the unit by default. */
    PLAN,
    /** Set for that unit by a document (分解目标): an allocation in force in that year. */
    ALLOCATED,
    /** No target: the plan's does not apply to the unit (an absolute quantity, T1 outside 中心城区) and none is allocated. */
    NONE
}
