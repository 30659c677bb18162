package io.synergy.platform.worker;

import io.quarkus.logging.Log;
import io.synergy.platform.transaction.AfterCommit;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * A background worker that runs as soon as it is woken (after a commit that gave it work) and otherwise every
 * {@code pollInterval}: the outbox relay and the aggregation's recompute both work this way. Wake-ups that arrive
 * while it runs fold into one more run, which is what coalesces bursts. A failing run is retried with exponential
 * backoff. Quarkus' scheduler has a one-second floor; this has none.
 */
public final class WakeableLoop {

    private final String name;
    private final Duration pollInterval;
    private final Duration initialBackoff;
    private final Duration maxBackoff;
    private final BooleanSupplier work;
    private final Semaphore wake = new Semaphore(0);
    private final Object wakeKey = new Object();
    private volatile boolean running;
    private volatile Thread thread;

    /**
     * @param work one run; returns {@code true} when there is more to do at once (a full batch), {@code false} to wait
     */
    public WakeableLoop(
            String name, Duration pollInterval, Duration initialBackoff, Duration maxBackoff, BooleanSupplier work) {
        this.name = name;
        this.pollInterval = pollInterval;
        this.initialBackoff = initialBackoff;
        this.maxBackoff = maxBackoff;
        this.work = work;
    }

    public synchronized void start() {
        if (running) {
            return;
        }
        running = true;
        thread = new Thread(this::loop, name);
        thread.setDaemon(true);
        thread.start();
    }

    public synchronized void stop() {
        running = false;
        Thread t = thread;
        if (t != null) {
            t.interrupt();
            try {
                t.join(5_000);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        thread = null;
    }

    /** Run as soon as possible. */
    public void wakeUp() {
        if (wake.availablePermits() == 0) {
            wake.release();
        }
    }

    /** Run as soon as the current transaction has committed (and not at all if it rolls back). */
    public void wakeUpAfterCommit(TransactionSynchronizationRegistry transactions) {
        if (transactions.getResource(wakeKey) != null) {
            return;
        }
        transactions.putResource(wakeKey, Boolean.TRUE);
        AfterCommit.run(transactions, this::wakeUp);
    }

    private void loop() {
        long backoff = initialBackoff.toMillis();
        while (running) {
            try {
                boolean more = work.getAsBoolean();
                backoff = initialBackoff.toMillis();
                if (!more) {
                    wake.tryAcquire(pollInterval.toMillis(), TimeUnit.MILLISECONDS);
                    wake.drainPermits();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException | Error e) {
                // an Error too (the heap running out in one run): a worker whose thread ended would freeze the figures
                // without a sign, while the next run usually finds the heap recovered
                if (!running) {
                    return;
                }
                if (e instanceof Error) {
                    Log.errorf(e, "%s: run failed with an error, retrying in %d ms", name, backoff);
                } else {
                    Log.warnf("%s: run failed, retrying in %d ms: %s", name, backoff, rootMessage(e));
                }
                try {
                    Thread.sleep(backoff);
                } catch (InterruptedException ie) {
                    Thread.currentThread().interrupt();
                    return;
                }
                backoff = Math.min(backoff * 2, maxBackoff.toMillis());
            }
        }
    }

    public static String rootMessage(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getClass().getSimpleName() + ": " + t.getMessage();
    }
}
