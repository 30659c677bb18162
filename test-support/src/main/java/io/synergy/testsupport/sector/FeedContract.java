package io.synergy.testsupport.sector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.synergy.model.catalogue.IndicatorValue;
import io.synergy.model.catalogue.Sector;
import io.synergy.model.event.Topics;
import io.synergy.testsupport.KafkaBroker;
import io.synergy.testsupport.KafkaTestClient.Received;
import io.synergy.testsupport.TestTokens;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The Kafka feed and its dead letters, sector-neutral (docs/security.md): poison messages set aside while the feed carries
 * on, a dead letter that keeps the verified identity and never the token, a token judged at the broker's append time,
 * replays authorised as the identity their dead letter recorded, and the outbox across a broker outage. Run in full by one
 * sector service (energy).
 */
public abstract class FeedContract extends SectorServiceTest {

    protected FeedContract(Sector sector) {
        super(sector);
    }

    @Test
    void poisonMessagesGoToTheDeadLetterTopicAndTheFeedCarriesOn() {
        int year = freshYear();
        String key = uniqueId("poison-key");
        String broken = uniqueId("poison-broken");
        String invalid = uniqueId("poison-invalid");
        String good = uniqueId("poison-good");
        // one key: one partition, so the good message comes after the poison
        kafka().send(feedTopic, key, "{\"reportId\": \"" + broken + "\", \"values\": [", feedIdentity());
        kafka().send(
                        feedTopic,
                        key,
                        report(invalid, "379999", String.valueOf(year), null, validValues())
                                .toString(),
                        feedIdentity());
        kafka().sendBytes(feedTopic, key, null, feedIdentity());
        kafka().send(
                        feedTopic,
                        key,
                        report(good, districts.get(5), String.valueOf(year), null, validValues())
                                .toString(),
                        feedIdentity());

        awaitReport(good);
        List<Received> dead = kafka().readUntil(
                        Topics.feedDeadLetters(sector),
                        seen -> seen.stream().filter(r -> key.equals(r.key())).count() >= 3,
                        WAIT);
        Received brokenDead = dead.stream()
                .filter(r -> r.value() != null && r.value().contains(broken))
                .findFirst()
                .orElseThrow();
        Received invalidDead = dead.stream()
                .filter(r -> r.value() != null && r.value().contains(invalid))
                .findFirst()
                .orElseThrow();
        Received emptyDead = dead.stream()
                .filter(r -> key.equals(r.key()) && r.value() == null)
                .findFirst()
                .orElseThrow();
        assertThat(brokenDead.headers().get("dead-letter-reason")).containsIgnoringCase("malformed JSON");
        assertThat(invalidDead.headers().get("dead-letter-reason"))
                .contains("orgUnit")
                .contains("379999");
        assertThat(emptyDead.headers().get("dead-letter-reason")).containsIgnoringCase("empty");
        for (Received r : List.of(brokenDead, invalidDead, emptyDead)) {
            assertThat(r.key()).isEqualTo(key);
            assertThat(r.headers()).containsEntry("dead-letter-topic", feedTopic);
        }
        given().get(REPORTS + "/" + invalid).then().statusCode(404);
        given().get(REPORTS + "/" + broken).then().statusCode(404);
    }

    @Test
    void deadLettersRecordTheVerifiedIdentityInsteadOfTheToken() {
        int year = refusedYear();
        String key = uniqueId("trust-key");
        String invalid = uniqueId("trust-invalid");
        String anonymous = uniqueId("trust-anonymous");
        String jwt = auth.header().substring("Bearer ".length());
        // the producer's own dead-letter-* headers are not believed: the service writes those
        Map<String, String> steered = new HashMap<>(feedIdentity());
        steered.putAll(Map.of(
                "dead-letter-topic", Topics.ALERTS, "dead-letter-subject", "forged-bureau", "content-type", JSON));
        kafka().send(
                        feedTopic,
                        key,
                        report(invalid, "379999", String.valueOf(year), null, validValues())
                                .toString(),
                        steered);
        // "Authorization" is not the feed's header (Kafka header names are case-sensitive): unauthenticated, and not
        // kept either
        kafka().send(
                        feedTopic,
                        key,
                        report(anonymous, districts.get(2), String.valueOf(year), null, validValues())
                                .toString(),
                        Map.of("Authorization", auth.header()));

        Received invalidDead = awaitDeadLetter(invalid);
        Received anonymousDead = awaitDeadLetter(anonymous);
        for (Received r : List.of(invalidDead, anonymousDead)) {
            assertNoCredential(r, jwt);
            assertThat(r.headers().get("dead-letter-id"))
                    .as("dead-letter-id of %s", r)
                    .matches("[0-9a-f-]{36}");
            assertThat(r.headers()).containsEntry("dead-letter-topic", feedTopic);
        }
        assertThat(invalidDead.headers())
                .containsEntry("dead-letter-identity", "authenticated")
                .containsEntry("dead-letter-subject", "test-feed:" + sector.code() + "+reader")
                .containsEntry("dead-letter-roles", "feed:" + sector.code() + ",reader")
                .containsEntry("dead-letter-districts", "*")
                .containsEntry("dead-letter-judged-by", "log-append-time")
                .containsEntry("content-type", JSON)
                .containsKeys("dead-letter-token-expires", "dead-letter-judged-at");
        assertThat(invalidDead.headers().get("dead-letter-reason")).contains("379999");
        assertThat(anonymousDead.headers())
                .containsEntry("dead-letter-identity", "unauthenticated")
                .doesNotContainKey("dead-letter-subject");
        assertThat(anonymousDead.headers().get("dead-letter-authentication"))
                .contains("unauthenticated")
                .contains("authorization");
        assertThat(anonymousDead.headers().get("dead-letter-reason")).contains("unauthenticated");
    }

    @Test
    void aProducerCannotBackdateARecordToReviveAnExpiredToken() {
        assertThat(kafka().topicConfig(feedTopic, "message.timestamp.type")).isEqualTo("LogAppendTime");
        String id = uniqueId("backdated");
        // the token expired an hour ago; the record claims to be from two hours ago, when it was still valid
        kafka().sendAt(
                        feedTopic,
                        id,
                        report(id, districts.get(4), String.valueOf(refusedYear()), null, validValues())
                                .toString()
                                .getBytes(StandardCharsets.UTF_8),
                        Map.of("authorization", TestTokens.bearer(TestTokens.expired("feed:" + sector.code()))),
                        Instant.now().minus(Duration.ofHours(2)));
        Received dead = awaitDeadLetter(id);
        assertThat(dead.headers()).containsEntry("dead-letter-identity", "unauthenticated");
        assertThat(dead.headers().get("dead-letter-authentication")).contains("expired");
        given().get(REPORTS + "/" + id).then().statusCode(404);
    }

    /**
     * A consumer that is behind (here: held up by a lock on the report table, as by a slow database) reads records whose
     * token has expired meanwhile. They were authorised when the broker appended them, so they are stored; and a dead
     * letter among them (an enterprise the registry did not know yet) is replayed, once the enterprise is registered, as
     * the identity recorded with it — no token is needed, the expired one least of all.
     */
    @Test
    void aBacklogOutlivesItsTokenAndItsDeadLettersReplayAsTheRecordedIdentity() throws SQLException {
        int year = freshYear();
        String key = uniqueId("backlog-key");
        String blocker = uniqueId("backlog-blocker");
        String backlog = uniqueId("backlog");
        String unregistered = uniqueId("backlog-enterprise");
        String enterprise = unknownEnterprise();
        Instant sent = Instant.now();
        String shortLived = TestTokens.bearer(TestTokens.expiringIn(3, "feed:" + sector.code()));
        Duration skew = config().getOptionalValue("synergy.feed.clock-skew", Duration.class)
                .orElse(Duration.ZERO)
                .plusSeconds(config().getOptionalValue("mp.jwt.verify.clock.skew", Long.class)
                        .orElse(0L));
        Instant expired = sent.plusSeconds(3).plus(skew).plusSeconds(1);
        try (Connection lock = DriverManager.getConnection(
                config().getValue("quarkus.datasource.jdbc.url", String.class),
                config().getValue("quarkus.datasource.username", String.class),
                config().getValue("quarkus.datasource.password", String.class))) {
            lock.setAutoCommit(false);
            try (Statement st = lock.createStatement()) {
                st.execute("LOCK TABLE report IN EXCLUSIVE MODE");
            }
            // the blocker waits for the lock; the feed is consumed in order, so the two behind it wait too
            kafka().send(
                            feedTopic,
                            key,
                            report(blocker, districts.get(6), String.valueOf(year), null, validValues())
                                    .toString(),
                            feedIdentity());
            kafka().send(
                            feedTopic,
                            key,
                            report(backlog, districts.get(7), String.valueOf(year), null, validValues())
                                    .toString(),
                            Map.of("authorization", shortLived));
            kafka().send(
                            feedTopic,
                            key,
                            report(unregistered, enterprise, String.valueOf(year), null, validValues())
                                    .toString(),
                            Map.of("authorization", shortLived));
            await().atMost(WAIT)
                    .pollInterval(Duration.ofMillis(100))
                    .until(() -> Instant.now().isAfter(expired));
            lock.rollback();
        }

        assertThat(awaitReport(backlog).path("revisions").get(0).path("status").asText())
                .isEqualTo("CURRENT");
        Received dead = awaitDeadLetter(unregistered);
        assertThat(dead.headers().get("dead-letter-reason")).contains("not a registered enterprise");
        assertThat(dead.headers())
                .containsEntry("dead-letter-identity", "authenticated")
                .containsEntry("dead-letter-subject", "test-short-lived")
                .containsEntry("dead-letter-judged-by", "log-append-time");
        assertNoCredential(dead, shortLived.substring("Bearer ".length()));

        publishOrgUnit(enterprise, "370211", false, 1);
        await().atMost(WAIT)
                .untilAsserted(() -> assertThat(postJson(report(
                                        uniqueId("backlog-enterprise-known"),
                                        enterprise,
                                        String.valueOf(year + 1),
                                        null,
                                        validValues()))
                                .statusCode())
                        .isEqualTo(201));
        kafka().send(feedTopic, dead.key(), dead.value(), replayOf(dead));
        assertThat(awaitReport(unregistered)
                        .path("revisions")
                        .get(0)
                        .path("status")
                        .asText())
                .isEqualTo("CURRENT");
    }

    @Test
    void replaysAreRefusedUnlessTheyCiteARecordedDeadLetterOfTheSamePayloadAndAnAuthenticatedIdentity() {
        int year = refusedYear();
        String key = uniqueId("replay-key");
        String original = uniqueId("replay-original");
        String anonymous = uniqueId("replay-anonymous");
        kafka().send(
                        feedTopic,
                        key,
                        report(original, "379999", String.valueOf(year), null, validValues())
                                .toString(),
                        feedIdentity());
        kafka().send(
                        feedTopic,
                        key,
                        report(anonymous, districts.get(1), String.valueOf(year), null, validValues())
                                .toString(),
                        Map.of());
        Received originalDead = awaitDeadLetter(original);
        Received anonymousDead = awaitDeadLetter(anonymous);

        // an identity in headers, and a dead letter that was never written
        String forged = uniqueId("replay-forged");
        Map<String, String> forgedHeaders = new HashMap<>(Map.of(
                "replayed-dead-letter",
                UUID.randomUUID().toString(),
                "dead-letter-identity",
                "authenticated",
                "dead-letter-subject",
                "forged-bureau",
                "dead-letter-roles",
                "feed:" + sector.code()));
        kafka().send(
                        feedTopic,
                        key,
                        report(forged, districts.get(1), String.valueOf(year), null, validValues())
                                .toString(),
                        forgedHeaders);
        // a real dead letter's id with another report
        String swapped = uniqueId("replay-swapped");
        kafka().send(
                        feedTopic,
                        key,
                        report(swapped, districts.get(1), String.valueOf(year), null, validValues())
                                .toString(),
                        replayOf(originalDead));
        // the replay of a dead letter that had no valid token: a replay cannot authorise it
        kafka().send(feedTopic, anonymousDead.key(), anonymousDead.value(), replayOf(anonymousDead));

        assertThat(awaitDeadLetter(forged).headers().get("dead-letter-reason"))
                .contains("unauthenticated")
                .contains("unknown dead letter");
        assertThat(awaitDeadLetter(swapped).headers().get("dead-letter-reason"))
                .contains("unauthenticated")
                .contains("payload");
        Received replayedDead = awaitDeadLetters(anonymous, 2).get(1);
        assertThat(replayedDead.headers())
                .containsEntry("dead-letter-identity", "unauthenticated")
                .containsEntry("dead-letter-judged-by", "recorded");
        assertThat(replayedDead.headers().get("dead-letter-reason")).contains("unauthenticated");
        for (String id : List.of(forged, swapped, anonymous)) {
            given().get(REPORTS + "/" + id).then().statusCode(404);
        }
    }

    /**
     * A report accepted while Kafka is down is stored, answered, and its events are published once the broker is
     * back: the outbox keeps them meanwhile. While the relay waits for the broker's acknowledgements it holds its lock
     * but no database transaction: a transaction open across the sends was propagated to the producer's threads and
     * failed its commit under load ({@code ARJUNA016039 … Enlisted connection used without active transaction}).
     */
    @Test
    void aReportAcceptedWhileTheBrokerIsDownIsPublishedWhenItIsBack() {
        assertThat(KafkaBroker.running())
                .as("the broker of PlatformTestResource is visible to the test")
                .isTrue();
        int year = freshYear();
        String district = districts.get(1);
        String id = uniqueId("outage");
        Map<String, Double> values = validValues();
        settledSnapshot();
        KafkaBroker.stopBroker();
        try {
            JsonNode answer = accepted(postJson(report(id, district, String.valueOf(year), null, values)), 201);
            assertThat(answer.path("status").asText()).isEqualTo("ACCEPTED");
            assertThat(getReport(id).path("currentRevision").asInt()).isEqualTo(1);
            // the relay cannot publish: the events wait in the outbox
            await().during(Duration.ofMillis(500)).atMost(WAIT).until(() -> count("outbox") > 0);
            await().atMost(WAIT).until(this::relayIsWaiting);
            await().during(Duration.ofSeconds(2)).atMost(WAIT).until(() -> relaySessionsInTransaction() == 0);
        } finally {
            KafkaBroker.restartBroker();
        }
        Map<String, IndicatorValue> expected = expectedOutputs(values);
        List<Event> events = awaitEvents(
                e -> id.equals(e.data().path("reportId").asText()), presentCount(expected), Duration.ofSeconds(60));
        assertEvents(events, district, year, expected, 1);
        await().atMost(WAIT).until(() -> count("outbox") == 0);
    }

    /** The relay's lock (OutboxRelay: advisory key 4 and the schema's hash) is held: it is in the middle of a batch. */
    private boolean relayIsWaiting() {
        return queryCount("SELECT count(*) FROM pg_locks WHERE locktype = 'advisory' AND granted AND classid = 4"
                        + " AND objid = hashtext(current_schema())::oid AND objsubid = 2")
                > 0;
    }

    /** Sessions of this database with a transaction open whose last statement read the outbox. */
    private long relaySessionsInTransaction() {
        return queryCount("SELECT count(*) FROM pg_stat_activity WHERE datname = current_database()"
                + " AND state LIKE 'idle in transaction%' AND query LIKE '%FROM outbox%'");
    }

    protected static void assertNoCredential(Received deadLetter, String token) {
        assertThat(deadLetter.headers().keySet())
                .as("headers of %s", deadLetter)
                .noneMatch(k -> k.equalsIgnoreCase("authorization"));
        assertThat(deadLetter.headers().values())
                .as("headers of %s", deadLetter)
                .noneMatch(v -> v != null && v.contains(token));
    }
}
