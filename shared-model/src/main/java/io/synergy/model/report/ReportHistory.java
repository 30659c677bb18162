package io.synergy.model.report;

import java.time.Instant;
import java.util.List;

/**
 * A report's history: every revision received, newest first.
 *
 * @param currentRevision the revision whose values are current ({@code null} when none is)
 */
public record ReportHistory(String reportId, Integer currentRevision, List<RevisionEntry> revisions) {

    /**
     * One revision as received.
     *
     * @param status  CURRENT, SUPERSEDED or STALE
     * @param channel REST, CSV or KAFKA
     * @param sentBy  the subject of the token it came with ({@code null} for revisions stored before it was recorded)
     * @param values  in the catalogue's units (no unit given: each data element's canonical one)
     * @param result  the answer it was given
     */
    public record RevisionEntry(
            int revision,
            String status,
            String channel,
            String sentBy,
            Instant receivedAt,
            String source,
            String orgUnit,
            String period,
            List<ReportValue> values,
            IngestResult result) {}
}
