package io.synergy.platform.tracing;

import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.trace.Span;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.BiConsumer;
import org.jboss.logging.MDC;

/**
 * What a piece of work is about — the report, its sector, org unit and period — put on its span (attributes
 * {@code synergy.report.id}, {@code synergy.sector}, {@code synergy.org_unit}, {@code synergy.period}) and into the logging
 * context (MDC keys {@code reportId}, {@code sector}, {@code orgUnit}, {@code period}), so traces and JSON log lines can
 * be searched and joined on them. A value that is not known is left out.
 */
public record WorkTags(String reportId, String sector, String orgUnit, String period) {

    public static final AttributeKey<String> REPORT_ID = AttributeKey.stringKey("synergy.report.id");
    public static final AttributeKey<String> SECTOR = AttributeKey.stringKey("synergy.sector");
    public static final AttributeKey<String> ORG_UNIT = AttributeKey.stringKey("synergy.org_unit");
    public static final AttributeKey<String> PERIOD = AttributeKey.stringKey("synergy.period");

    /** The MDC keys, in the order of the components. */
    public static final String MDC_REPORT_ID = "reportId";

    public static final String MDC_SECTOR = "sector";
    public static final String MDC_ORG_UNIT = "orgUnit";
    public static final String MDC_PERIOD = "period";

    public static final WorkTags NONE = new WorkTags(null, null, null, null);

    /**
     * The tags of work over several items (a batch of reports): a value all items share is kept as it is; differing values
     * read {@code "<first> (+n)"}, so a line still names one item to start from and says there are more.
     */
    public static String summary(Collection<String> values) {
        String first = null;
        long distinct = values.stream().filter(v -> v != null).distinct().count();
        for (String v : values) {
            if (v != null) {
                first = v;
                break;
            }
        }
        return first == null ? null : distinct <= 1 ? first : first + " (+" + (distinct - 1) + ")";
    }

    /** Sets the tags on the span. */
    public void on(Span span) {
        each((key, value) -> span.setAttribute(attribute(key), value));
    }

    /** Sets the tags on the current span and in the MDC of the current request (Quarkus keeps a request's MDC in its context). */
    public void onCurrentRequest() {
        on(Span.current());
        each(MDC::put);
    }

    /**
     * Puts the tags into the MDC; returns what the four keys held before, for {@link #restore(Map)} — all four, so that tags
     * added later by the work itself (a report id found while parsing) go when it ends too.
     */
    Map<String, Object> putMdc() {
        Map<String, Object> before = new LinkedHashMap<>();
        for (String key : new String[] {MDC_REPORT_ID, MDC_SECTOR, MDC_ORG_UNIT, MDC_PERIOD}) {
            before.put(key, MDC.get(key));
        }
        each(MDC::put);
        return before;
    }

    static void restore(Map<String, Object> before) {
        before.forEach((key, value) -> {
            if (value == null) {
                MDC.remove(key);
            } else {
                MDC.put(key, value);
            }
        });
    }

    private void each(BiConsumer<String, String> action) {
        if (reportId != null) {
            action.accept(MDC_REPORT_ID, reportId);
        }
        if (sector != null) {
            action.accept(MDC_SECTOR, sector);
        }
        if (orgUnit != null) {
            action.accept(MDC_ORG_UNIT, orgUnit);
        }
        if (period != null) {
            action.accept(MDC_PERIOD, period);
        }
    }

    private static AttributeKey<String> attribute(String mdcKey) {
        return switch (mdcKey) {
            case MDC_REPORT_ID -> REPORT_ID;
            case MDC_SECTOR -> SECTOR;
            case MDC_ORG_UNIT -> ORG_UNIT;
            default -> PERIOD;
        };
    }
}
