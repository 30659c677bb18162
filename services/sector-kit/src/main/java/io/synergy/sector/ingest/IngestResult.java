package io.synergy.sector.ingest;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * The answer for one report: {@code {"reportId", "revision", "status", "indicators": [...]}} (the public contract),
 * with a message when the status needs one.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record IngestResult(String reportId, int revision, IngestStatus status, String message, List<IndicatorSnapshot> indicators) {

    /** An indicator of the report's district and year as it stands after the report. */
    public record IndicatorSnapshot(String indicator, String orgUnit, String period, Double value, String unit, long revision, boolean complete) {
    }

    public IngestResult withStatus(IngestStatus s, String m) {
        return new IngestResult(reportId, revision, s, m, indicators);
    }

    /** Whether this answer created anything (201) or only repeated a known state (200). */
    public boolean created() {
        return status == IngestStatus.ACCEPTED || status == IngestStatus.REVISED;
    }
}
