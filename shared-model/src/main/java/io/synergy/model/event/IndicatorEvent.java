package io.synergy.model.event;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.time.Instant;

/**
 * The annual value of one sector indicator (or published data element) for one district, as a sector service
 * computed it after accepting a report. Carried as the data of a CloudEvent of type {@link CloudEventTypes#INDICATOR}
 * on the topic {@code indicators.<sector>.v1}, keyed by {@link #key()}; schema {@code schemas/indicator-event.v1.json}.
 *
 * <p>{@code revision} increases by one each time the value of (code, orgUnit, period) is recomputed, so a consumer
 * keeps the highest revision and ignores duplicates and stale redeliveries.
 *
 * @param eventId     unique id (also the CloudEvent id)
 * @param sector      sector code ({@code energy})
 * @param kind        indicator or data element
 * @param code        indicator id ({@code E1}) or data-element code ({@code energy.emissions.co2})
 * @param orgUnit     district code
 * @param period      the year ({@code 2024})
 * @param value       the value, or {@code null} when the inputs no longer allow one (e.g. a revision removed them)
 * @param numerator   numerator in its data element's unit (for a total: the total)
 * @param denominator denominator in its data element's unit ({@code null} for totals)
 * @param unit        unit of {@code value}
 * @param revision    per-(code, orgUnit, period) version, starting at 1
 * @param complete    {@code false} when the year is built from months or quarters that do not yet cover it
 * @param reportId    the report whose acceptance produced this value
 * @param computedAt  when the sector service computed it
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record IndicatorEvent(
        String eventId,
        String sector,
        EventKind kind,
        String code,
        String orgUnit,
        String period,
        Double value,
        Double numerator,
        Double denominator,
        String unit,
        long revision,
        boolean complete,
        String reportId,
        Instant computedAt) {

    /** The record key: all events of one (code, district) land on one partition, in order. */
    public String key() {
        return code + "|" + orgUnit;
    }

    /** The CloudEvent subject: {@code <orgUnit>/<code>/<period>}. */
    public String subject() {
        return orgUnit + "/" + code + "/" + period;
    }
}
