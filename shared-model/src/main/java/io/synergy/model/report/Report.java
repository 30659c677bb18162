package io.synergy.model.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * A report as a sector system sends it (REST body or Kafka feed message); schema {@code schemas/report.v1.json}.
 *
 * @param reportId idempotency key chosen by the sender, e.g. {@code qd-energy-stats/2024/370202/1}
 * @param source   the sending system
 * @param orgUnit  district code
 * @param period   {@code 2024}, {@code 2024Q3} or {@code 2024-07}
 * @param revision 1 unless a correction; a higher revision supersedes
 * @param values   data-element values
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Report(
        String reportId, String source, String orgUnit, String period, Integer revision, List<ReportValue> values) {}
