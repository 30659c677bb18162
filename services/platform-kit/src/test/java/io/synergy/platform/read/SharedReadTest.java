package io.synergy.platform.read;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** One read for the readers that arrive while another is under way; never a value read before a reader arrived. */
class SharedReadTest {

    private final ExecutorService readers = Executors.newFixedThreadPool(8);
    private final AtomicInteger reads = new AtomicInteger();
    private final List<Thread> reading = new ArrayList<>();

    @AfterEach
    void stop() {
        readers.shutdownNow();
    }

    /** A read that counts itself and, while {@code gate} is closed, waits for it (the database being slow). */
    private SharedRead<Integer> read(CountDownLatch gate) {
        return new SharedRead<>(() -> {
            int n = reads.incrementAndGet();
            synchronized (reading) {
                reading.add(Thread.currentThread());
            }
            try {
                gate.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return n;
        });
    }

    @Test
    void aReaderAloneReadsForItselfEachTime() {
        SharedRead<Integer> shared = read(new CountDownLatch(0));
        assertThat(shared.get()).isEqualTo(1);
        assertThat(shared.get()).isEqualTo(2);
    }

    @Test
    void readersArrivingDuringAReadShareTheNextOneNotTheOneUnderWay() throws Exception {
        CountDownLatch gate = new CountDownLatch(1);
        SharedRead<Integer> shared = read(gate);
        Future<Integer> first = readers.submit(shared::get);
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(reads).hasValue(1));
        // five readers arrive while the first read is under way: what it returns may predate them
        List<Future<Integer>> later = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            later.add(readers.submit(shared::get));
        }
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThat(waiting()).isEqualTo(5));
        gate.countDown();
        assertThat(first.get(10, TimeUnit.SECONDS)).isEqualTo(1);
        for (Future<Integer> reader : later) {
            assertThat(reader.get(10, TimeUnit.SECONDS)).isEqualTo(2);
        }
        // one read for the five, begun after the first ended
        assertThat(reads).hasValue(2);
    }

    @Test
    void aFailedReadFailsItsReadersAndTheNextReadTriesAgain() {
        AtomicInteger calls = new AtomicInteger();
        SharedRead<Integer> shared = new SharedRead<>(() -> {
            if (calls.incrementAndGet() == 1) {
                throw new IllegalStateException("could not read the version");
            }
            return calls.get();
        });
        assertThatThrownBy(shared::get)
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("version");
        assertThat(shared.get()).isEqualTo(2);
    }

    /** The pool's threads parked in {@link SharedRead#get} other than the one reading (the readers waiting). */
    private int waiting() {
        Thread reader;
        synchronized (reading) {
            reader = reading.get(0);
        }
        return (int) Thread.getAllStackTraces().entrySet().stream()
                .filter(e -> e.getKey() != reader)
                .filter(e -> e.getKey().getState() == Thread.State.WAITING)
                .filter(e -> List.of(e.getValue()).stream()
                        .anyMatch(f -> f.getClassName().equals(SharedRead.class.getName())))
                .count();
    }
}
