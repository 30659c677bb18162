package io.synergy.results.view;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.synergy.method.results.UnitYearResult;
import java.time.Instant;

/**
 * A result as the aggregation stores it and publishes it on {@code results.v1} ({@code {version, computedAt, view,
 * dataSets, result}}, schemas/result.v1.json): every answer about a stored result is built from this typed document, read
 * once, never from its JSON by field names.
 *
 * @param version    one more each time the org unit's result of the year (in this view) changed
 * @param computedAt when that version was computed
 * @param view       which facts it is computed from; a document published before the views is the latest
 * @param dataSets   the data sets accepted of those expected for the unit and year; {@code null} in a document published
 *                   before the views
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ResultDocument(
        long version, Instant computedAt, ResultView view, DataSets dataSets, UnitYearResult result) {

    public ResultDocument {
        view = view == null ? ResultView.LATEST : view;
    }

    /** A latest result without a count (as documents were before the views). */
    public ResultDocument(long version, Instant computedAt, UnitYearResult result) {
        this(version, computedAt, ResultView.LATEST, null, result);
    }

    public String orgUnit() {
        return result.orgUnit();
    }

    public int year() {
        return result.year();
    }
}
