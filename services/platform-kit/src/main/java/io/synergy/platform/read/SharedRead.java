package io.synergy.platform.read;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;

/**
 * A small read of the database (the version a kept answer is checked against) made once for every reader that arrives
 * while another such read is under way, instead of once per reader. Under many readers of kept answers the version's
 * lookup was the only database work left on the read path, and 32 readers each taking a pooled connection for it (8 in
 * the benchmark) queued on the pool and on PostgreSQL's share of two cores: that queue was the read's latency tail.
 *
 * <p>Never staler than a read of one's own: a reader gets the value of a read that <em>began after it arrived</em>. The
 * readers that arrive while a read is under way wait for the next one, which begins as soon as that one ends and serves
 * all of them; so at most one read runs at a time, a reader waits at most for the end of the read in progress and
 * then its own, and a change committed before a request arrived is always seen by it. A failed read is handed to the
 * readers of that read; the next read tries again.
 *
 * @param <T> what is read (immutable: every reader of a read gets the same instance)
 */
public final class SharedRead<T> {

    private final Supplier<T> read;
    // the read under way (null: none) and the one the readers arriving now wait for (null: none yet)
    private CompletableFuture<T> running;
    private CompletableFuture<T> next;

    /** @param read the read itself: a lookup that any thread may run */
    public SharedRead(Supplier<T> read) {
        this.read = read;
    }

    /**
     * The value as read by a read that began after this call: this reader's own, or the one it shares with the readers
     * that arrived while the previous read was under way.
     */
    public T get() {
        CompletableFuture<T> mine;
        CompletableFuture<T> before = null;
        boolean leads = true;
        synchronized (this) {
            if (running == null) {
                mine = new CompletableFuture<>();
                running = mine;
            } else if (next == null) {
                mine = new CompletableFuture<>();
                next = mine;
                before = running;
            } else {
                mine = next;
                leads = false;
            }
        }
        if (leads) {
            if (before != null) {
                // the read in progress began before this reader arrived: wait for its end, then read for all who joined
                before.handle((value, failure) -> null).join();
            }
            T value = null;
            Throwable failure = null;
            try {
                value = read.get();
            } catch (RuntimeException | Error e) {
                failure = e;
            }
            synchronized (this) {
                // the readers that joined the next read are complete now: it begins (its leader wakes on ours)
                running = next;
                next = null;
            }
            if (failure != null) {
                mine.completeExceptionally(failure);
            } else {
                mine.complete(value);
            }
        }
        try {
            return mine.join();
        } catch (CompletionException e) {
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw e.getCause() instanceof RuntimeException r ? r : e;
        }
    }
}
