package io.synergy.model.report;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * One data-element value of a report.
 *
 * @param dataElement catalogue code
 * @param value       the quantity
 * @param unit        optional; the catalogue's unit is assumed when absent, other accepted units are converted
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ReportValue(String dataElement, Double value, String unit) {}
