package io.synergy.results.view;

import io.synergy.method.results.UnitYearResult;
import java.time.Instant;

/**
 * A result as the aggregation stores it and publishes it on {@code results.v1} ({@code {version, computedAt, result}},
 * schemas/result.v1.json): every answer about a stored result is built from this typed document, read once, never from its
 * JSON by field names.
 *
 * @param version    one more each time the org unit's result of the year changed
 * @param computedAt when that version was computed
 */
public record ResultDocument(long version, Instant computedAt, UnitYearResult result) {

    public String orgUnit() {
        return result.orgUnit();
    }

    public int year() {
        return result.year();
    }
}
