package io.synergy.sector.model;

/** A data element of an org unit in a year: what a request changed, and what the combined-state rules look at. */
public record ValueKey(String orgUnit, String dataElement, int year) {}
