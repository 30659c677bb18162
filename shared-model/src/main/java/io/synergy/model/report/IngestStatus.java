package io.synergy.model.report;

/** What became of a submitted report. */
public enum IngestStatus {
    /** A new report: stored, its values are current, its indicators published. */
    ACCEPTED,
    /** A higher revision of a known report: it replaced the previous revision's values (the history is kept). */
    REVISED,
    /** The same report id, revision and content as one already stored: nothing changed, the original result stands. */
    DUPLICATE,
    /** A revision lower than the current one, arriving late: kept in the history, its values ignored. */
    STALE,
    /** A lower revision of a report sent together with a higher one in the same request: kept in the history only. */
    SUPERSEDED
}
