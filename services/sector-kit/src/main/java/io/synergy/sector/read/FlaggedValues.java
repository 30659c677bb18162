package io.synergy.sector.read;

import io.synergy.model.report.ReportFlag;
import java.time.Instant;
import java.util.List;

/**
 * A page of values accepted but flagged for review.
 *
 * @param period     the period asked for ({@code null}: every period)
 * @param nextCursor the cursor of the next page; {@code null} on the last page
 */
public record FlaggedValues(ReportFlag flag, String period, List<FlaggedEntry> items, String nextCursor) {

    /**
     * A value of a current revision accepted but flagged for review.
     *
     * @param id             the flag's id: a reviewer acknowledges it as {@code POST /api/v1/reports/flags/{id}/acknowledge}
     * @param previousPeriod the period it was compared with (the same period a year earlier)
     * @param acknowledged   the reviewer's acknowledgement, or {@code null}: the data set cannot be approved before it
     */
    public record FlaggedEntry(
            long id,
            String reportId,
            int revision,
            String orgUnit,
            String period,
            String dataElement,
            double value,
            String unit,
            String previousPeriod,
            double previousValue,
            String channel,
            String sentBy,
            Instant receivedAt,
            Acknowledged acknowledged) {}

    /** Who acknowledged a flagged value, when, and their comment. */
    public record Acknowledged(String by, Instant at, String comment) {}
}
