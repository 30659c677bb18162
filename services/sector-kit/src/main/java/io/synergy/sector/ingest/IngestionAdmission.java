package io.synergy.sector.ingest;

import io.synergy.platform.problem.FieldError;
import io.synergy.platform.problem.ProblemException;
import io.synergy.sector.config.SectorConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

/**
 * Back-pressure on the ingestion, in two steps that bound what a service holds in memory for the requests it is storing.
 * A request body takes a place among {@code synergy.sector.max-bytes-in-flight} bytes of bodies (its parsing); once parsed,
 * its values take a place among {@code synergy.sector.max-values-in-flight} values (the validation, the state read back,
 * the recomputation, the rows and events written: what a batch holds scales with its values, not its bytes — an XLSX body
 * is compressed, and a JSON batch of 1.3 MB held 11 MB of heap at its peak, docs/performance.md). A request waits its turn,
 * up to {@code synergy.sector.ingestion-wait} for both steps together, until it fits; otherwise it is refused with 503
 * {@code busy} and Retry-After, having stored and published nothing. Weighing by size lets many small reports through at
 * once (their commits share the disk's flushes) while large batches take turns.
 */
@ApplicationScoped
public class IngestionAdmission {

    private final Semaphore kibibytes;
    private final int byteAllowance;
    private final Semaphore values;
    private final int valueAllowance;
    private final Duration wait;

    @Inject
    public IngestionAdmission(SectorConfig config) {
        this(config.maxBytesInFlight(), config.maxValuesInFlight(), config.ingestionWait());
    }

    IngestionAdmission(long maxBytesInFlight, int maxValuesInFlight, Duration wait) {
        // a semaphore's permits are ints: bytes weighed in KiB, at least 1
        this.byteAllowance = (int) Math.max(1, maxBytesInFlight / 1024);
        this.kibibytes = new Semaphore(byteAllowance, true);
        this.valueAllowance = Math.max(1, maxValuesInFlight);
        this.values = new Semaphore(valueAllowance, true);
        this.wait = wait;
    }

    /** A request's place among those being stored; closing it frees the place (once). */
    public static final class Turn implements AutoCloseable {

        private final Semaphore of;
        private final int weight;
        private final long deadline;
        private boolean closed;

        private Turn(Semaphore of, int weight, long deadline) {
            this.of = of;
            this.weight = weight;
            this.deadline = deadline;
        }

        @Override
        public synchronized void close() {
            if (!closed) {
                closed = true;
                of.release(weight);
            }
        }
    }

    /**
     * Waits until a body of this size may be parsed.
     *
     * @throws ProblemException 503 {@code busy} when its turn did not come within the wait
     */
    public Turn admit(long bodyBytes) {
        // weighed in KiB, at least 1 and at most the whole allowance (a body at the limit must still get through alone)
        int weight = (int) Math.max(1, Math.min((long) byteAllowance * 1024, bodyBytes) / 1024);
        long deadline = System.nanoTime() + wait.toNanos();
        return take(
                kibibytes,
                weight,
                deadline,
                "body",
                "is one of the request bodies being read and parsed (at most " + byteAllowance
                        + " KiB at once, synergy.sector.max-bytes-in-flight)");
    }

    /**
     * Waits, within what is left of the body's wait, until a parsed request's values may be validated and stored.
     *
     * @param body the body's turn, held until the request is done; {@code null} (a feed message): a wait of its own
     * @throws ProblemException 503 {@code busy} when its turn did not come within the wait
     */
    public Turn admitValues(Turn body, int count) {
        // at most the whole allowance: a request of more values than that (up to synergy.sector.max-values) gets in
        // alone
        int weight = Math.max(1, Math.min(valueAllowance, count));
        return take(
                values,
                weight,
                body == null ? System.nanoTime() + wait.toNanos() : body.deadline,
                "body",
                "holds " + count + " values; others' values are being stored (at most " + valueAllowance
                        + " at once, synergy.sector.max-values-in-flight)");
    }

    private static Turn take(Semaphore from, int weight, long deadline, String field, String why) {
        if (!from.tryAcquire(weight)) {
            try {
                if (!from.tryAcquire(weight, Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
                    throw busy(field, why);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw busy(field, why);
            }
        }
        return new Turn(from, weight, deadline);
    }

    /** KiB free now, of the allowance. */
    int available() {
        return kibibytes.availablePermits();
    }

    /** Values free now, of the allowance. */
    int availableValues() {
        return values.availablePermits();
    }

    private static ProblemException busy(String field, String why) {
        return new ProblemException(
                503,
                "busy",
                "Service Unavailable",
                "正在保存的数据过多,未保存任何内容,请稍后重试 / Too many reports are being stored right now; nothing was stored. "
                        + "Retry after Retry-After.",
                List.of(new FieldError(field, why)));
    }
}
