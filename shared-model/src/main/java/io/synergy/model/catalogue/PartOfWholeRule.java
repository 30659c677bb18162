package io.synergy.model.catalogue;

/**
 * A validation rule: within one report, a part may not exceed its whole (non-fossil ≤ total, green trips ≤ trips…).
 *
 * @param id    rule id, shown in errors
 * @param part  data element that is a part
 * @param whole data element that is the whole
 */
public record PartOfWholeRule(String id, String part, String whole) {}
