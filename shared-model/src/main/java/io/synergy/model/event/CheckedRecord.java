package io.synergy.model.event;

/**
 * What a consumer's check of one record found: the event when it is valid, or why it was refused.
 *
 * @param <E> the event type
 */
public record CheckedRecord<E>(E event, Rejection rejection) {

    public boolean valid() {
        return rejection == null;
    }

    public static <E> CheckedRecord<E> accepted(E event) {
        return new CheckedRecord<>(event, null);
    }

    public static <E> CheckedRecord<E> refused(Rejection why) {
        return new CheckedRecord<>(null, why);
    }
}
