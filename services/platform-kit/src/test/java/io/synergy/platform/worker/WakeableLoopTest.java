package io.synergy.platform.worker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * A run that fails — with an exception or with an {@link Error} such as the heap running out — is retried with backoff: the
 * worker's thread goes on (a thread ended by an Error stopped the outbox relay or the recompute for good, without a sign).
 */
class WakeableLoopTest {

    @Test
    void aRunEndedByAnErrorOrAnExceptionIsRetriedAndTheLoopGoesOn() {
        AtomicInteger runs = new AtomicInteger();
        WakeableLoop loop = new WakeableLoop(
                "test-loop", Duration.ofSeconds(10), Duration.ofMillis(10), Duration.ofMillis(20), () -> {
                    int run = runs.incrementAndGet();
                    if (run == 1) {
                        throw new OutOfMemoryError("Java heap space (the test's)");
                    }
                    if (run == 2) {
                        throw new IllegalStateException("a failing run");
                    }
                    return false;
                });
        loop.start();
        try {
            await().atMost(Duration.ofSeconds(10)).until(() -> runs.get() >= 3);
            loop.wakeUp();
            await().atMost(Duration.ofSeconds(10)).until(() -> runs.get() >= 4);
        } finally {
            loop.stop();
        }
        assertThat(runs.get()).isGreaterThanOrEqualTo(4);
    }
}
