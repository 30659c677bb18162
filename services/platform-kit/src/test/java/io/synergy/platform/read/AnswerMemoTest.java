package io.synergy.platform.read;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.synergy.model.orgunit.OrgUnits;
import io.synergy.platform.problem.ProblemException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** Kept answers: one computation per question, org units' snapshot and version, shared by every reader. */
class AnswerMemoTest {

    private record Question(String period, String orgUnit) {}

    private final OrgUnits units = OrgUnits.load();
    private final AtomicInteger computed = new AtomicInteger();
    private final AtomicLong clock = new AtomicLong();

    private AnswerMemo<Question, String> memo(int capacity) {
        return new AnswerMemo<>(capacity, Duration.ofSeconds(30), clock::get);
    }

    private String answer(AnswerMemo<Question, String> memo, String period, OrgUnits orgUnits, long version) {
        return memo.get(
                new Question(period, null),
                orgUnits,
                version,
                () -> period + "@" + version + "#" + computed.incrementAndGet());
    }

    @Test
    void theSameQuestionAtTheSameVersionIsComputedOnce() {
        AnswerMemo<Question, String> memo = memo(4);
        String first = answer(memo, "2024", units, 7);
        assertThat(answer(memo, "2024", units, 7)).isSameAs(first);
        assertThat(computed).hasValue(1);
        // another parameter is another question
        assertThat(memo.get(new Question("2024", "370202"), units, 7, () -> "district"))
                .isEqualTo("district");
    }

    @Test
    void aNewerVersionOrAnotherSnapshotComputesAnewAnOlderOneIsServedTheNewerAnswer() {
        AnswerMemo<Question, String> memo = memo(4);
        answer(memo, "2024", units, 7);
        assertThat(answer(memo, "2024", units, 8)).isEqualTo("2024@8#2");
        // a reader that read the version just before it moved gets the newer answer: never an older one again
        assertThat(answer(memo, "2024", units, 7)).isEqualTo("2024@8#2");
        // a snapshot the registry replaced (an org unit registered, moved or closed), even at the same version
        assertThat(answer(memo, "2024", OrgUnits.load(), 8)).isEqualTo("2024@8#3");
    }

    @Test
    void anAnswerOlderThanTheMaximumAgeIsComputedAnew() {
        AnswerMemo<Question, String> memo = memo(4);
        answer(memo, "2024", units, 7);
        clock.addAndGet(Duration.ofSeconds(29).toNanos());
        assertThat(answer(memo, "2024", units, 7)).isEqualTo("2024@7#1");
        clock.addAndGet(Duration.ofSeconds(2).toNanos());
        assertThat(answer(memo, "2024", units, 7)).isEqualTo("2024@7#2");
    }

    @Test
    void theLeastRecentlyUsedQuestionLeavesFirstBeyondTheCap() {
        AnswerMemo<Question, String> memo = memo(2);
        answer(memo, "2023", units, 1);
        answer(memo, "2024", units, 1);
        answer(memo, "2023", units, 1); // 2023 used last: 2024 is the eldest now
        answer(memo, "2025", units, 1);
        assertThat(computed).hasValue(3);
        assertThat(memo.size()).isEqualTo(2);
        answer(memo, "2023", units, 1);
        assertThat(computed).as("2023 was kept").hasValue(3);
        answer(memo, "2024", units, 1);
        assertThat(computed).as("2024 had left").hasValue(4);
    }

    @Test
    void aProblemIsKeptLikeAnAnswerAnyOtherFailureIsNot() {
        AnswerMemo<Question, String> memo = memo(4);
        Question noData = new Question("1999", null);
        for (int i = 0; i < 2; i++) {
            assertThatThrownBy(() -> memo.get(noData, units, 1, () -> {
                        computed.incrementAndGet();
                        throw new ProblemException(404, "no-data", "No data", "nothing in 1999");
                    }))
                    .isInstanceOf(ProblemException.class);
        }
        assertThat(computed).as("the 404 was computed once").hasValue(1);
        // once the version moves, the question is answered anew
        assertThat(memo.get(noData, units, 2, () -> "data")).isEqualTo("data");

        Question broken = new Question("2024", null);
        assertThatThrownBy(() -> memo.get(broken, units, 1, () -> {
                    throw new IllegalStateException("database down");
                }))
                .isInstanceOf(IllegalStateException.class);
        assertThat(memo.get(broken, units, 1, () -> "recovered")).isEqualTo("recovered");
    }

    @Test
    void readersMissingAtOnceWaitForOneComputationAndShareIt() throws Exception {
        AnswerMemo<Question, String> memo = memo(4);
        CountDownLatch release = new CountDownLatch(1);
        int readers = 16;
        ExecutorService pool = Executors.newFixedThreadPool(readers);
        try {
            List<Future<String>> answers = new ArrayList<>();
            List<Thread> threads = new ArrayList<>();
            for (int i = 0; i < readers; i++) {
                answers.add(pool.submit(() -> {
                    synchronized (threads) {
                        threads.add(Thread.currentThread());
                    }
                    return memo.get(new Question("2024", null), units, 3, () -> {
                        try {
                            release.await();
                        } catch (InterruptedException e) {
                            Thread.currentThread().interrupt();
                        }
                        return "answer#" + computed.incrementAndGet();
                    });
                }));
            }
            // every reader is inside: one computing (held), the others waiting for its answer
            await().atMost(Duration.ofSeconds(10)).until(() -> {
                synchronized (threads) {
                    return threads.size() == readers
                            && threads.stream().allMatch(t -> t.getState() == Thread.State.WAITING);
                }
            });
            release.countDown();
            String first = answers.get(0).get(10, TimeUnit.SECONDS);
            for (Future<String> f : answers) {
                assertThat(f.get(10, TimeUnit.SECONDS)).isSameAs(first);
            }
            assertThat(computed).hasValue(1);
        } finally {
            pool.shutdownNow();
        }
    }
}
