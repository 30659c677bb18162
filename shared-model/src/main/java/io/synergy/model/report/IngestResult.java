package io.synergy.model.report;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * The answer for one report: {@code {"reportId", "revision", "status", "indicators": [...]}} (the public contract),
 * with a message when the status needs one, and the flags of values accepted but to be reviewed.
 *
 * @param flags   the kinds of flag raised on the report's values ({@code IMPLAUSIBLE_CHANGE}); absent when none
 * @param flagged each flagged value; absent when none
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record IngestResult(
        String reportId,
        int revision,
        IngestStatus status,
        String message,
        List<IndicatorSnapshot> indicators,
        List<ReportFlag> flags,
        List<FlaggedValue> flagged) {

    public IngestResult(
            String reportId, int revision, IngestStatus status, String message, List<IndicatorSnapshot> indicators) {
        this(reportId, revision, status, message, indicators, null, null);
    }

    /** An indicator of the report's district and year as it stands after the report. */
    public record IndicatorSnapshot(
            String indicator,
            String orgUnit,
            String period,
            Double value,
            String unit,
            long revision,
            boolean complete) {}

    /**
     * A value accepted but flagged for review.
     *
     * @param previousPeriod the period it was compared with (the same period a year earlier)
     * @param previousValue  that period's value, in the same unit
     */
    public record FlaggedValue(
            ReportFlag flag,
            String dataElement,
            double value,
            String unit,
            String period,
            String previousPeriod,
            double previousValue) {}

    public IngestResult withStatus(IngestStatus s, String m) {
        return new IngestResult(reportId, revision, s, m, indicators, flags, flagged);
    }

    /** The same result with these flagged values (none: no flags at all). */
    public IngestResult withFlagged(List<FlaggedValue> values) {
        return values.isEmpty()
                ? this
                : new IngestResult(
                        reportId,
                        revision,
                        status,
                        message,
                        indicators,
                        values.stream().map(FlaggedValue::flag).distinct().toList(),
                        List.copyOf(values));
    }

    /** Whether this answer created anything (201) or only repeated a known state (200). */
    public boolean created() {
        return status == IngestStatus.ACCEPTED || status == IngestStatus.REVISED;
    }
}
