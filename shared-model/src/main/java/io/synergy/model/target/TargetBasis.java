package io.synergy.model.target;

/** How far a target's value is its document's own. */
public enum TargetBasis {
    /** The document sets this value: the plan's own targets, a configured provincial assignment, an allocation. */
    DOCUMENT,
    /** A default: Shandong's province-wide figure from the document, standing in for the province's assignment to Qingdao. */
    DEFAULT,
    /** No document gives the value (E5's): it stands in until the assignment is configured or allocated to the city. */
    PLACEHOLDER
}
