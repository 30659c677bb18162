package io.synergy.method.results;

/**
 * The latest annual value of a sector indicator or published data element for one district, as received in an
 * indicator event.
 */
public record Fact(
        String code, String orgUnit, int year, Double value, Double numerator, Double denominator, boolean complete) {}
