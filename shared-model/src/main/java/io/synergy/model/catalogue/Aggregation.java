package io.synergy.model.catalogue;

/** How a data element's finer periods roll up to the year (DHIS2's aggregation type). */
public enum Aggregation {
    /** Flows (tonnes, trips): the year is the sum of its months or quarters. */
    SUM,
    /** Levels (stocks, capacities): the year is its latest period. */
    LAST
}
