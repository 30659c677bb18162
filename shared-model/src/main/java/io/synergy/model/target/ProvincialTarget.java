package io.synergy.model.target;

/**
 * The province's assignment of a provincial target to Qingdao (E3, E4, E5), as configured: it replaces the catalogue's
 * default or placeholder as the plan's target.
 *
 * @param value    the target, in the indicator's unit
 * @param document the 文号 of the document that assigns it
 */
public record ProvincialTarget(double value, String document) {}
