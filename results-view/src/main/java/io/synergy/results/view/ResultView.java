package io.synergy.results.view;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import io.synergy.platform.query.Queries;
import java.util.Arrays;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Which facts a result is computed from (issue 15, docs/reporting-cycle.md): {@code latest}, every report accepted for
 * storage so far (the figures as they come in); {@code official}, only the facts of the data sets the city's sector bureau
 * has accepted (已审定) — what the city is assessed on. Every results endpoint takes {@code view=official|latest} (default
 * {@code latest}); the aggregation stores and publishes each org unit's result of a year in both.
 */
public enum ResultView {
    LATEST,
    OFFICIAL;

    private static final Set<String> CODES =
            Arrays.stream(values()).map(ResultView::code).collect(Collectors.toUnmodifiableSet());

    /** As the API and results.v1 say it: {@code latest}, {@code official}. */
    @JsonValue
    public String code() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** {@code latest} (default) or {@code official}; anything else is a 400 problem naming {@code view}. */
    public static ResultView parse(String view) {
        return of(Queries.choice("view", view, LATEST.code(), CODES));
    }

    @JsonCreator
    static ResultView of(String code) {
        return valueOf(code.toUpperCase(Locale.ROOT));
    }

    /**
     * The record key of a result on the compacted results.v1: {@code <orgUnit>:<year>} for the latest (as before the
     * views: a consumer that knows only that key keeps reading the latest results), {@code <orgUnit>:<year>:official}.
     */
    public String key(String orgUnit, int year) {
        return this == LATEST ? orgUnit + ":" + year : orgUnit + ":" + year + ":" + code();
    }
}
