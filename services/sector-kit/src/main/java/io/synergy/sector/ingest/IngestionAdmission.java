package io.synergy.sector.ingest;

import io.synergy.platform.problem.ProblemException;
import io.synergy.sector.config.SectorConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Back-pressure on the ingestion: at most {@code synergy.sector.max-bytes-in-flight} bytes of request bodies are
 * stored at the same time. A request waits its turn, up to {@code synergy.sector.ingestion-wait}, until its body fits;
 * then it is refused with 503 and nothing stored. Weighing by size lets many small reports through at once (their
 * commits share the disk's flushes) while only two or three large batches are parsed and held in memory together.
 */
@ApplicationScoped
public class IngestionAdmission {

    private final Semaphore kibibytes;
    private final int allowance;
    private final Duration wait;

    @Inject
    public IngestionAdmission(SectorConfig config) {
        this(config.maxBytesInFlight(), config.ingestionWait());
    }

    IngestionAdmission(long maxBytesInFlight, Duration wait) {
        // a semaphore's permits are ints: weighed in KiB, at least 1
        this.allowance = (int) Math.max(1, maxBytesInFlight / 1024);
        this.kibibytes = new Semaphore(allowance, true);
        this.wait = wait;
    }

    /** A body's place among those being stored; closing it frees the place. */
    public final class Turn implements AutoCloseable {

        private final int weight;
        private boolean closed;

        private Turn(int weight) {
            this.weight = weight;
        }

        @Override
        public synchronized void close() {
            if (!closed) {
                closed = true;
                kibibytes.release(weight);
            }
        }
    }

    /**
     * Waits until a body of this size may be stored.
     *
     * @throws ProblemException 503 {@code busy} when its turn did not come within the wait
     */
    public Turn admit(long bodyBytes) {
        // weighed in KiB, at least 1 and at most the whole allowance (a body at the limit must still get through alone)
        int weight = (int) Math.max(1, Math.min((long) allowance * 1024, bodyBytes) / 1024);
        if (!kibibytes.tryAcquire(weight)) {
            try {
                if (!kibibytes.tryAcquire(weight, wait.toMillis(), TimeUnit.MILLISECONDS)) {
                    throw busy();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw busy();
            }
        }
        return new Turn(weight);
    }

    /** KiB free now, of the allowance. */
    int available() {
        return kibibytes.availablePermits();
    }

    private static ProblemException busy() {
        return new ProblemException(
                503,
                "busy",
                "Service Unavailable",
                "Too many reports are being stored right now; nothing was stored. " + "Retry in a few seconds.");
    }
}
