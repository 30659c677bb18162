package io.synergy.registry.shared;

import io.synergy.registry.orgunits.ImportSummary;
import java.util.List;

/**
 * What a write did to one entity of the registry.
 *
 * @param event   the entity as stored and (when changed) published
 * @param created it was new
 * @param changed its content changed (a new version, an event); an unchanged write keeps the version and publishes nothing
 * @param <E>     the entity's event type
 */
public record Written<E>(E event, boolean created, boolean changed) {

    /** What an import of these writes did, begun at {@code startedNanos} ({@link System#nanoTime()}). */
    public static ImportSummary summary(List<? extends Written<?>> writes, long startedNanos) {
        return new ImportSummary(
                writes.size(),
                writes.stream().filter(Written::created).count(),
                writes.stream().filter(w -> w.changed() && !w.created()).count(),
                writes.stream().filter(w -> !w.changed()).count(),
                (System.nanoTime() - startedNanos) / 1_000_000);
    }
}
