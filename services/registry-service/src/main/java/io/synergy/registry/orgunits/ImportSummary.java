package io.synergy.registry.orgunits;

/**
 * What a CSV import did (all rows or none).
 *
 * @param rows      the CSV's data rows
 * @param created   units new to the registry
 * @param changed   existing units whose content changed (a new version each)
 * @param unchanged rows equal to the stored unit (no new version, no event)
 * @param durationMs how long the import took, parsing to commit (also in the Server-Timing header of every answer)
 */
public record ImportSummary(int rows, long created, long changed, long unchanged, long durationMs) {}
