package io.synergy.sector.read;

import io.synergy.model.orgunit.OrgUnits;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Computed read answers, each kept with what it was computed from: the org units' snapshot (the registry replaces it on
 * every change it applies) and the year's data version ({@code DataVersionStore}). An answer is served again only while
 * both are the same and it is younger than the maximum age; otherwise it is computed anew. The version is read before
 * the data it tags: an answer computed while a write commits may already hold that write, and is then tagged older than
 * it is (computed once more), never newer. The age bounds what the version cannot see: a writer that does not raise it,
 * such as a pod of the previous release during a rolling upgrade. Bounded (least recently used first out), as the
 * periods asked for are the client's choice.
 */
final class AnswerCache<K, V> {

    private record Entry<V>(OrgUnits orgUnits, long version, long computedAt, V answer) {}

    private final Map<K, Entry<V>> entries;
    private final long maxAgeNanos;
    private final LongSupplier nanoClock;

    /** @param nanoClock {@link System#nanoTime}, or a test's clock */
    AnswerCache(int capacity, Duration maxAge, LongSupplier nanoClock) {
        this.maxAgeNanos = maxAge.toNanos();
        this.nanoClock = nanoClock;
        this.entries = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<K, Entry<V>> eldest) {
                return size() > capacity;
            }
        };
    }

    /** The answer to the key as of these org units and data version: kept, or computed now and kept. */
    V get(K key, OrgUnits orgUnits, long version, Supplier<V> compute) {
        long now = nanoClock.getAsLong();
        Entry<V> kept;
        synchronized (entries) {
            kept = entries.get(key);
        }
        if (kept != null
                && kept.orgUnits() == orgUnits
                && kept.version() == version
                && now - kept.computedAt() < maxAgeNanos) {
            return kept.answer();
        }
        V answer = compute.get();
        synchronized (entries) {
            entries.put(key, new Entry<>(orgUnits, version, now, answer));
        }
        return answer;
    }
}
