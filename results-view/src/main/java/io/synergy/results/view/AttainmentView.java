package io.synergy.results.view;

import io.synergy.method.attainment.AttainmentStatus;
import io.synergy.method.results.UnitYearResult;
import io.synergy.method.results.YearCoverage;
import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * Target attainment (目标完成度) of every targeted indicator for one org unit and year — {@code GET /api/v1/attainment}
 * (its shape is part of the public contract).
 *
 * @param summary    how many indicators have each status
 * @param version    the result's version (one more with every change)
 * @param computedAt when that version was computed
 */
public record AttainmentView(String period, String orgUnit, Name name, boolean provisional, YearCoverage coverage,
        List<UnitYearResult.AttainmentRow> indicators, Map<AttainmentStatus, Integer> summary, double shareAchievedOrOnTrack, boolean complete,
        List<String> incomplete, long version, Instant computedAt) {

    public static AttainmentView of(ResultDocument document, Name name) {
        UnitYearResult r = document.result();
        return new AttainmentView(Integer.toString(r.year()), r.orgUnit(), name, r.provisional(), r.coverage(), r.attainment(),
                r.summary().counts(), r.summary().shareAchievedOrOnTrack(), r.complete(), r.incomplete(), document.version(), document.computedAt());
    }
}
