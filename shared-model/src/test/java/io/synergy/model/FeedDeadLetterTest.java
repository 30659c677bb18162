package io.synergy.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.synergy.model.event.FeedDeadLetter;
import io.synergy.model.event.FeedDeadLetter.Identity;
import io.synergy.model.event.Topics;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FeedDeadLetterTest {

    @Test
    void anIdentityIsWrittenAsHeadersAndReadBack() {
        Identity limited = Identity.verified(
                "qd-energy-bureau",
                List.of("feed:energy"),
                List.of("370202", "370203"),
                Instant.parse("2026-05-01T08:00:00Z"));
        assertThat(limited.headers())
                .containsExactly(
                        Map.entry("dead-letter-identity", "authenticated"),
                        Map.entry("dead-letter-subject", "qd-energy-bureau"),
                        Map.entry("dead-letter-roles", "feed:energy"),
                        Map.entry("dead-letter-districts", "370202,370203"),
                        Map.entry("dead-letter-token-expires", "2026-05-01T08:00:00Z"));
        assertThat(Identity.fromHeaders(limited.headers()::get)).contains(limited);

        Identity everywhere = Identity.verified(
                "qd-stats", List.of("feed:energy", "reader"), null, Instant.parse("2026-05-01T08:00:00Z"));
        assertThat(everywhere.headers())
                .containsEntry("dead-letter-districts", "*")
                .containsEntry("dead-letter-roles", "feed:energy,reader");
        assertThat(Identity.fromHeaders(everywhere.headers()::get)).contains(everywhere);

        Identity anonymous = Identity.unauthenticated("unauthenticated: no token");
        assertThat(anonymous.headers())
                .containsExactly(
                        Map.entry("dead-letter-identity", "unauthenticated"),
                        Map.entry("dead-letter-authentication", "unauthenticated: no token"));
        assertThat(Identity.fromHeaders(anonymous.headers()::get)).contains(anonymous);
    }

    @Test
    void headersThatDescribeNoIdentityGiveNone() {
        assertThat(Identity.fromHeaders(Map.<String, String>of()::get)).isEmpty();
        assertThat(Identity.fromHeaders(Map.of("dead-letter-identity", "trusted")::get))
                .isEmpty();
        Map<String, String> badExpiry =
                new HashMap<>(Identity.verified("x", List.of("feed:energy"), null, Instant.EPOCH)
                        .headers());
        badExpiry.put("dead-letter-token-expires", "tomorrow");
        assertThat(Identity.fromHeaders(badExpiry::get)).isEmpty();
    }

    @Test
    void credentialsAndPlatformHeadersAreRecognisedWhateverTheirCase() {
        assertThat(List.of("authorization", "Authorization", "AUTHORIZATION", "Proxy-Authorization", "cookie"))
                .allMatch(FeedDeadLetter::isCredential);
        assertThat(List.of("content-type", "replayed-by", "x-authorization-hint"))
                .noneMatch(FeedDeadLetter::isCredential);
        assertThat(List.of("dead-letter-topic", "dead-letter-subject", "replayed-dead-letter"))
                .allMatch(FeedDeadLetter::isPlatformHeader);
        assertThat(List.of("content-type", "replay-count", "replayed-by")).noneMatch(FeedDeadLetter::isPlatformHeader);
        assertThat(FeedDeadLetter.JudgedBy.LOG_APPEND_TIME.header()).isEqualTo("log-append-time");
    }

    @Test
    void feedTopicsAreStampedWithTheBrokersClock() {
        for (Topics.TopicSpec t : Topics.all()) {
            boolean feed = t.name().startsWith("feeds.") && !t.name().endsWith(".dlq");
            assertThat(t.configs().get("message.timestamp.type")).as(t.name()).isEqualTo(feed ? "LogAppendTime" : null);
            assertThat(t.configs().get("cleanup.policy")).as(t.name()).isEqualTo(t.compacted() ? "compact" : null);
        }
    }
}
