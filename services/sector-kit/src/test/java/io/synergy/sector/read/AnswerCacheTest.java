package io.synergy.sector.read;

import static org.assertj.core.api.Assertions.assertThat;

import io.synergy.model.orgunit.OrgUnits;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** An answer is kept while its org units' snapshot and data version hold and it is young enough, and computed anew otherwise. */
class AnswerCacheTest {

    private final OrgUnits units = OrgUnits.load();
    private final AtomicInteger computed = new AtomicInteger();
    private final AtomicLong clock = new AtomicLong();

    private AnswerCache<String, String> cache(int capacity) {
        return new AnswerCache<>(capacity, Duration.ofSeconds(5), clock::get);
    }

    private String answer(AnswerCache<String, String> cache, String key, OrgUnits orgUnits, long version) {
        return cache.get(key, orgUnits, version, () -> key + "@" + version + "#" + computed.incrementAndGet());
    }

    @Test
    void theSameQuestionAtTheSameVersionIsComputedOnce() {
        AnswerCache<String, String> cache = cache(4);
        String first = answer(cache, "2024", units, 7);
        assertThat(answer(cache, "2024", units, 7)).isSameAs(first);
        assertThat(computed).hasValue(1);
    }

    @Test
    void aNewDataVersionOrOrgUnitSnapshotIsComputedAnew() {
        AnswerCache<String, String> cache = cache(4);
        answer(cache, "2024", units, 7);
        assertThat(answer(cache, "2024", units, 8)).isEqualTo("2024@8#2");
        // a snapshot the registry replaced (an org unit registered, moved or closed), even at the same version
        assertThat(answer(cache, "2024", OrgUnits.load(), 8)).isEqualTo("2024@8#3");
        // an answer computed at an older version never stands for a newer one
        assertThat(answer(cache, "2024", units, 7)).isEqualTo("2024@7#4");
        assertThat(answer(cache, "2024", units, 8)).isEqualTo("2024@8#5");
    }

    @Test
    void theLeastRecentlyUsedQuestionLeavesFirstBeyondTheCap() {
        AnswerCache<String, String> cache = cache(2);
        answer(cache, "2023", units, 1);
        answer(cache, "2024", units, 1);
        answer(cache, "2023", units, 1); // 2023 used last: 2024 is the eldest now
        answer(cache, "2025", units, 1);
        assertThat(computed).hasValue(3);
        answer(cache, "2023", units, 1);
        assertThat(computed).as("2023 was kept").hasValue(3);
        answer(cache, "2024", units, 1);
        assertThat(computed).as("2024 had left").hasValue(4);
    }

    @Test
    void anAnswerOlderThanItsMaximumAgeIsComputedAnewThoughNothingMoved() {
        AnswerCache<String, String> cache = cache(4);
        answer(cache, "2024", units, 7);
        clock.addAndGet(Duration.ofMillis(4999).toNanos());
        answer(cache, "2024", units, 7);
        assertThat(computed).as("still young").hasValue(1);
        clock.addAndGet(Duration.ofMillis(1).toNanos());
        // a write the version did not count (a pod of the previous release during a rolling upgrade) shows by then
        assertThat(answer(cache, "2024", units, 7)).isEqualTo("2024@7#2");
    }
}
