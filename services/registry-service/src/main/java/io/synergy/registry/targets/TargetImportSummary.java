package io.synergy.registry.targets;

/**
 * What an import of an allocation did (all rows or none).
 *
 * @param rows      the upload's data rows
 * @param added     allocations new to their (indicator, org unit)
 * @param replaced  allocations of a day already allocated, set differently
 * @param unchanged rows equal to the stored allocation (no new version, no event)
 * @param targets   (indicator, org unit)s changed: a new version and a {@code targets.v1} event each
 * @param durationMs how long the import took, parsing to commit (as the registry's other imports say)
 */
public record TargetImportSummary(int rows, int added, int replaced, int unchanged, int targets, long durationMs) {}
