package io.synergy.model.event;

/**
 * Why a consumer refused a record: what goes into the dead letter's {@code dead-letter-reason} header and the metric.
 *
 * @param kind    a short, stable word for the class of fault (a metric tag: {@code schema}, {@code not-json}, {@code org-unit}…)
 * @param field   the field at fault ({@code eventId}, {@code parent}), or {@code null} when the record as a whole is
 * @param message what is wrong, for a person
 */
public record Rejection(String kind, String field, String message) {

    /** The record is not JSON, or not UTF-8. */
    public static final String NOT_JSON = "not-json";
    /** The record has no value (a tombstone where none is expected). */
    public static final String EMPTY = "empty";
    /** The value does not match the event's JSON Schema. */
    public static final String SCHEMA = "schema";
    /** The consumer failed on it for a reason of its own (a bug): the record still must not stop the stream. */
    public static final String INTERNAL = "internal";

    /** {@code field: message}, or the message alone. */
    public String reason() {
        return field == null ? message : field + ": " + message;
    }
}
