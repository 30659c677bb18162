package io.synergy.sector.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.synergy.platform.problem.ProblemException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/** Back-pressure by the bytes being parsed and the values being stored: who gets in, who waits, who is told to come back. */
class IngestionAdmissionTest {

    private static final long KIB = 1024;

    @Test
    void bodiesAreWeighedInKibibytesAndFreedWhenDone() {
        IngestionAdmission admission = new IngestionAdmission(100 * KIB, 1000, Duration.ofMillis(50));
        try (IngestionAdmission.Turn a = admission.admit(60 * KIB);
                IngestionAdmission.Turn b = admission.admit(40 * KIB)) {
            assertThat(admission.available()).isZero();
        }
        assertThat(admission.available()).isEqualTo(100);
        try (IngestionAdmission.Turn tiny = admission.admit(10)) {
            assertThat(admission.available()).as("a small body weighs 1 KiB").isEqualTo(99);
        }
    }

    @Test
    void aBodyThatDoesNotFitIsRefusedWithBusyAfterTheWait() {
        IngestionAdmission admission = new IngestionAdmission(100 * KIB, 1000, Duration.ofMillis(50));
        try (IngestionAdmission.Turn held = admission.admit(80 * KIB)) {
            assertThatThrownBy(() -> admission.admit(30 * KIB)).isInstanceOfSatisfying(ProblemException.class, e -> {
                assertThat(e.status()).isEqualTo(503);
                assertThat(e.toProblem(null).type()).endsWith("/busy");
                assertThat(e.getMessage()).contains("nothing was stored");
            });
            assertThat(admission.available()).as("a refused body holds nothing").isEqualTo(20);
        }
    }

    @Test
    void aWaitingBodyGetsInWhenAnotherIsDone() {
        IngestionAdmission admission = new IngestionAdmission(100 * KIB, 1000, Duration.ofSeconds(30));
        IngestionAdmission.Turn held = admission.admit(80 * KIB);
        CompletableFuture<IngestionAdmission.Turn> waiting =
                CompletableFuture.supplyAsync(() -> admission.admit(30 * KIB));
        assertThat(waiting).isNotDone();
        held.close();
        await().atMost(Duration.ofSeconds(10)).until(waiting::isDone);
        waiting.join().close();
        assertThat(admission.available()).isEqualTo(100);
    }

    @Test
    void aBodyLargerThanTheAllowanceGetsInAloneAndATurnIsFreedOnce() {
        IngestionAdmission admission = new IngestionAdmission(100 * KIB, 1000, Duration.ofMillis(50));
        IngestionAdmission.Turn huge = admission.admit(8 * 1024 * KIB);
        assertThat(admission.available()).isZero();
        huge.close();
        huge.close();
        assertThat(admission.available()).isEqualTo(100);
    }

    @Test
    void valuesWaitWithinTheBodysWaitAndAreRefusedNamingTheBound() {
        IngestionAdmission admission = new IngestionAdmission(100 * KIB, 20_000, Duration.ofMillis(200));
        try (IngestionAdmission.Turn first = admission.admit(KIB);
                IngestionAdmission.Turn firstValues = admission.admitValues(first, 11_000);
                IngestionAdmission.Turn second = admission.admit(KIB)) {
            assertThat(admission.availableValues()).isEqualTo(9_000);
            long started = System.nanoTime();
            assertThatThrownBy(() -> admission.admitValues(second, 11_000))
                    .isInstanceOfSatisfying(ProblemException.class, e -> {
                        assertThat(e.status()).isEqualTo(503);
                        assertThat(e.toProblem(null).type()).endsWith("/busy");
                        assertThat(e.errors()).singleElement().satisfies(f -> {
                            assertThat(f.field()).isEqualTo("body");
                            assertThat(f.message()).contains("11000 values", "synergy.sector.max-values-in-flight");
                        });
                    });
            assertThat(Duration.ofNanos(System.nanoTime() - started))
                    .as("the wait is bounded by the body's")
                    .isLessThan(Duration.ofSeconds(5));
            assertThat(admission.availableValues())
                    .as("a refused request holds no values")
                    .isEqualTo(9_000);
            try (IngestionAdmission.Turn small = admission.admitValues(second, 110)) {
                assertThat(admission.availableValues())
                        .as("small requests still fit")
                        .isEqualTo(8_890);
            }
        }
        assertThat(admission.availableValues()).isEqualTo(20_000);
        assertThat(admission.available()).isEqualTo(100);
    }

    @Test
    void aFeedMessageWaitsForItsValuesOnItsOwnAndALargeRequestGetsInAlone() {
        IngestionAdmission admission = new IngestionAdmission(100 * KIB, 20_000, Duration.ofSeconds(30));
        IngestionAdmission.Turn held = admission.admitValues(null, 50_000);
        assertThat(admission.availableValues())
                .as("more values than the bound take it all")
                .isZero();
        CompletableFuture<IngestionAdmission.Turn> waiting =
                CompletableFuture.supplyAsync(() -> admission.admitValues(null, 10));
        assertThat(waiting).isNotDone();
        held.close();
        await().atMost(Duration.ofSeconds(10)).until(waiting::isDone);
        waiting.join().close();
        assertThat(admission.availableValues()).isEqualTo(20_000);
    }
}
