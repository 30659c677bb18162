package io.synergy.console.ops;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.scheduler.Scheduler;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.synergy.testsupport.KafkaBroker;
import io.synergy.testsupport.KafkaTestClient;
import io.synergy.testsupport.PlatformTestResource;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * The ops API answers from its snapshot, not from the broker per request: with the snapshot taken once an hour, many
 * readers at once are served one snapshot (one {@code sampledAt}), a dead letter written since is not shown, and an
 * operator's replay refreshes it at once — the next listing shows the dead letter, replayed.
 */
@QuarkusTest
@WithTestResource(PlatformTestResource.class)
@TestProfile(OpsSnapshotTest.RarelyRefreshed.class)
class OpsSnapshotTest {

    /** A snapshot an hour apart: nothing but a reader before the first one, or a write, refreshes it during the test. */
    public static class RarelyRefreshed implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("synergy.ops.sample-interval", "1h");
        }
    }

    private static final KafkaTestClient KAFKA = new KafkaTestClient(KafkaBroker.bootstrapServers());
    private static final int READERS = 32;

    @AfterAll
    static void close() {
        KAFKA.close();
    }

    @Inject
    Scheduler scheduler;

    @Test
    void readersShareOneSnapshotAndAReplayIsShownAtOnce() throws Exception {
        // the scheduler takes its first snapshot shortly after the start; the next one is an hour away
        await().atMost(Duration.ofSeconds(30))
                .until(() -> scheduler.getScheduledJobs().stream()
                        .filter(t -> t.getMethodDescription().contains("OpsSnapshot"))
                        .allMatch(t -> t.getPreviousFireTime() != null));
        // 32 readers of each ops answer at once: all served the same snapshot
        List<String> paths = List.of(
                "/api/v1/ops/topics", "/api/v1/ops/consumers", "/api/v1/ops/dead-letters", "/api/v1/ops/freshness");
        ExecutorService pool = Executors.newFixedThreadPool(READERS);
        Set<String> sampledAt = new TreeSet<>();
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<String>> answers = new ArrayList<>();
            for (int i = 0; i < READERS * paths.size(); i++) {
                String path = paths.get(i % paths.size());
                answers.add(pool.submit(() -> {
                    start.await();
                    JsonPath a =
                            given().get(path).then().statusCode(200).extract().jsonPath();
                    // the topics' and the freshness' answer say it once, the lists in each entry
                    return a.getString(
                            path.endsWith("topics") || path.endsWith("freshness") ? "sampledAt" : "[0].sampledAt");
                }));
            }
            start.countDown();
            for (Future<String> a : answers) {
                sampledAt.add(a.get(60, TimeUnit.SECONDS));
            }
        } finally {
            pool.shutdownNow();
        }
        assertThat(sampledAt).hasSize(1).doesNotContainNull();
        String snapshot = sampledAt.iterator().next();

        // a dead letter written now is not in the answer: it is the snapshot's
        String dlq = "feeds.building.v1.dlq";
        String key = "snapshot-" + UUID.randomUUID();
        Map<String, String> headers = new HashMap<>(Map.of(
                "dead-letter-id", UUID.randomUUID().toString(),
                "dead-letter-identity", "authenticated",
                "dead-letter-subject", "qd-building-bureau",
                "dead-letter-roles", "feed:building",
                "dead-letter-districts", "*",
                "dead-letter-token-expires", "2026-01-01T00:00:00Z",
                "dead-letter-judged-at", "2025-12-31T23:00:00Z",
                "dead-letter-judged-by", "log-append-time"));
        headers.put("dead-letter-reason", "orgUnit: '999999' is not a district of 370200");
        headers.put("dead-letter-topic", "feeds.building.v1");
        KAFKA.send(dlq, key, "{}", headers);
        JsonPath stale = given().queryParam("topic", dlq)
                .get("/api/v1/ops/dead-letters")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertThat(stale.getString("[0].sampledAt")).isEqualTo(snapshot);
        assertThat(stale.getList("[0].messages.key", String.class)).doesNotContain(key);

        // the operator replays it (replay reads the topic itself): the next listing shows it, replayed
        given().contentType(ContentType.JSON)
                .body(Map.of("all", true))
                .post("/api/v1/ops/dead-letters/" + dlq + "/replay")
                .then()
                .statusCode(200)
                .body("counts.REPLAYED", equalTo(1));
        JsonPath after = given().queryParam("topic", dlq)
                .get("/api/v1/ops/dead-letters")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertThat(Instant.parse(after.getString("[0].sampledAt"))).isAfter(Instant.parse(snapshot));
        assertThat(after.getBoolean("[0].messages.find { it.key == '" + key + "' }.replayed"))
                .isTrue();
        assertThat(after.getInt("[0].depth")).isEqualTo(stale.getInt("[0].depth") + 1);
        // and so do the other answers of the same snapshot: the replay reached the building feed
        given().get("/api/v1/ops/topics").then().body("sampledAt", equalTo(after.getString("[0].sampledAt")));
    }
}
