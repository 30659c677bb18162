package io.synergy.registry.shared;

/**
 * An entity of the registry that is published whole after every change: its {@code @Version} is the event's version
 * and the API's {@code ETag}.
 *
 * @param <E> its event type
 */
public interface Versioned<E> {

    /** The entity's version (Hibernate's optimistic lock). */
    long version();

    /** The entity as it is published. */
    E toEvent();

    /** Takes a validated event's content, and its version if the entity is new (Hibernate keeps an existing one's). */
    void take(E event);
}
