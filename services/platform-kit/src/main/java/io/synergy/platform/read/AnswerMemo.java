package io.synergy.platform.read;

import io.synergy.model.orgunit.OrgUnits;
import io.synergy.platform.problem.ProblemException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Read answers computed once per version of what they are computed from, and shared by every reader until that moves.
 * The key is the question: a record of every request parameter the answer depends on (one more parameter, one more
 * component). Each answer is kept with the org units' snapshot it was computed under (the registry replaces the snapshot
 * on every change it applies, so identity tells) and the version of the data, a counter that only grows (the service's
 * own, moved in the transaction that changes the data). A kept answer serves every reader whose version is not newer than
 * its own; a newer version computes it anew.
 *
 * <p>One computation per question: readers that miss at once wait for the first one's answer instead of each computing
 * it (32 clients with a dashboard open would otherwise compute the same answer 32 times when it ages out — and hold 32
 * copies of its working set on a small heap). A {@link ProblemException} (a 404 for a year without data, a parameter not
 * valid) is an answer like any other and kept the same way; any other failure is handed to the readers that waited for
 * it and forgotten, so the next reader tries again.
 *
 * <p>Bounded (least recently used first out), as the questions are the client's choice. The maximum age bounds what the
 * version cannot see, such as a writer of an earlier release that does not raise it.
 *
 * @param <K> the question
 * @param <V> the answer: immutable, as every reader gets the same instance
 */
public final class AnswerMemo<K, V> {

    private record Entry<V>(OrgUnits orgUnits, long version, long computedAt, CompletableFuture<V> answer) {}

    private final Map<K, Entry<V>> entries;
    private final long maxAgeNanos;
    private final LongSupplier nanoClock;

    /** Answers kept at most {@code capacity} questions and {@code maxAge}. */
    public AnswerMemo(int capacity, Duration maxAge) {
        this(capacity, maxAge, System::nanoTime);
    }

    /** @param nanoClock {@link System#nanoTime}, or a test's clock */
    public AnswerMemo(int capacity, Duration maxAge, LongSupplier nanoClock) {
        this.maxAgeNanos = maxAge.toNanos();
        this.nanoClock = nanoClock;
        this.entries = new LinkedHashMap<>(16, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<K, Entry<V>> eldest) {
                return size() > capacity;
            }
        };
    }

    /**
     * The answer to {@code question} as of these org units and data version: the kept one, the one another reader is
     * computing now, or computed by this reader and kept.
     *
     * @throws ProblemException the problem the question's answer is (kept like an answer)
     */
    public V get(K question, OrgUnits orgUnits, long version, Supplier<V> compute) {
        long now = nanoClock.getAsLong();
        Entry<V> entry;
        boolean mine = false;
        synchronized (entries) {
            entry = entries.get(question);
            if (entry == null
                    || entry.orgUnits() != orgUnits
                    || entry.version() < version
                    || now - entry.computedAt() >= maxAgeNanos) {
                entry = new Entry<>(orgUnits, version, now, new CompletableFuture<>());
                entries.put(question, entry);
                mine = true;
            }
        }
        if (mine) {
            compute(question, entry, compute);
        }
        try {
            return entry.answer().join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error r) {
                throw r;
            }
            throw e;
        }
    }

    private void compute(K question, Entry<V> entry, Supplier<V> compute) {
        try {
            entry.answer().complete(compute.get());
        } catch (ProblemException problem) {
            entry.answer().completeExceptionally(problem);
        } catch (RuntimeException | Error e) {
            entry.answer().completeExceptionally(e);
            synchronized (entries) {
                entries.remove(question, entry);
            }
        }
    }

    /** How many questions are kept (for tests and metrics). */
    public int size() {
        synchronized (entries) {
            return entries.size();
        }
    }
}
