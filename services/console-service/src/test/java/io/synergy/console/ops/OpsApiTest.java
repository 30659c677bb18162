package io.synergy.console.ops;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThanOrEqualTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;

import com.fasterxml.jackson.databind.JsonNode;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.synergy.console.ops.freshness.FreshnessService;
import io.synergy.model.catalogue.Sector;
import io.synergy.model.event.Topics;
import io.synergy.model.kafka.Principals;
import io.synergy.testsupport.IndicatorEvents;
import io.synergy.testsupport.KafkaBroker;
import io.synergy.testsupport.KafkaTestClient;
import io.synergy.testsupport.OpenApiAssertions;
import io.synergy.testsupport.PlatformTestResource;
import io.synergy.testsupport.TestTokens;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * The ops API against the real in-JVM broker and database. Each test writes to topics no other test of the module
 * touches (building feed, agriculture feed, waste dead letters, transport indicators), so the order of tests doesn't matter.
 */
@QuarkusTest
@WithTestResource(PlatformTestResource.class)
class OpsApiTest {

    private static final KafkaTestClient KAFKA = new KafkaTestClient(KafkaBroker.bootstrapServers());
    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @AfterAll
    static void close() {
        KAFKA.close();
    }

    private static JsonPath topics() {
        return given().get("/api/v1/ops/topics")
                .then()
                .statusCode(200)
                .contentType(ContentType.JSON)
                .extract()
                .jsonPath();
    }

    @Inject
    FreshnessService freshness;

    @Inject
    AgroalDataSource dataSource;

    /**
     * The freshness answer is per sector and district, so the snapshot keeps the districts' receipts only: at city scale
     * the enterprises' receipts (5 sectors × 5,000 units × 10 years) did not fit the console's heap (issue 19).
     */
    @Test
    void theSnapshotKeepsTheDistrictsReceiptsNotTheEnterprises() throws SQLException {
        String enterprise =
                "91370211MA3C" + UUID.randomUUID().toString().substring(0, 6).toUpperCase();
        String insert = "INSERT INTO indicator_receipt (code, org_unit, year, sector, revision, complete, computed_at)"
                + " VALUES ('E1', ?, 2019, 'energy', 1, true, now())";
        try (Connection c = dataSource.getConnection();
                PreparedStatement district = c.prepareStatement(insert);
                PreparedStatement unit = c.prepareStatement(insert)) {
            district.setString(1, "370285");
            district.executeUpdate();
            unit.setString(1, enterprise);
            unit.executeUpdate();
        }
        try {
            assertThat(freshness.facts(Instant.now()).byUnit())
                    .containsKey("energy|370285")
                    .doesNotContainKey("energy|" + enterprise);
        } finally {
            try (Connection c = dataSource.getConnection();
                    PreparedStatement delete = c.prepareStatement(
                            "DELETE FROM indicator_receipt WHERE year = 2019 AND code = 'E1' AND org_unit IN ('370285', ?)")) {
                delete.setString(1, enterprise);
                delete.executeUpdate();
            }
        }
    }

    @Test
    void everyPlatformTopicIsListedWithItsOffsetsAndRate() {
        String feed = "feeds.building.v1";
        long before = topics().getLong("topics.find { it.name == '" + feed + "' }.endOffset");
        for (int i = 0; i < 3; i++) {
            KAFKA.send(feed, "report-" + i, "{\"reportId\":\"report-" + i + "\"}");
        }

        // the answer comes from the ops snapshot (every second in tests): the three records show at its next refresh
        JsonPath t = await().atMost(PATIENCE)
                .until(
                        OpsApiTest::topics,
                        a -> a.getLong("topics.find { it.name == '" + feed + "' }.endOffset") == before + 3);
        assertThat(t.getList("topics.name", String.class))
                .hasSize(Topics.all().size())
                .contains("feeds.energy.v1", "feeds.energy.v1.dlq", "indicators.waste.v1", "results.v1", "alerts.v1");
        Map<String, Object> building = t.getMap("topics.find { it.name == '" + feed + "' }");
        assertThat(building)
                .containsEntry("kind", "feed")
                .containsEntry("sector", "building")
                .containsEntry("exists", true)
                .containsEntry("partitions", 3)
                .containsEntry("consumerGroup", "building-service-feed");
        assertThat(t.getLong("topics.find { it.name == '" + feed + "' }.endOffset"))
                .isEqualTo(before + 3);
        assertThat(t.getLong(
                        "topics.find { it.name == '" + feed + "' }.partitionOffsets.collect { it.endOffset }.sum()"))
                .isEqualTo(before + 3);
        assertThat(t.getString("topics.find { it.name == '" + feed + "' }.deadLetters.topic"))
                .isEqualTo("feeds.building.v1.dlq");
        assertThat(t.getString("topics.find { it.name == '" + feed + "' }.lastMessageAt"))
                .isNotNull();
        assertThat(t.getString("topics.find { it.name == 'results.v1' }.cleanupPolicy"))
                .isEqualTo("compact");
        assertThat(t.getString("topics.find { it.name == 'indicators.energy.v1' }.eventType"))
                .isEqualTo("cn.qingdao.synergy.indicator.v1");

        // the sampler (every second in tests) turns the new end offsets into a rate
        // (read as a double whatever number type another test configured RestAssured with)
        await().atMost(PATIENCE)
                .ignoreExceptions()
                .untilAsserted(() -> assertThat(topics().getDouble(
                                        "topics.find { it.name == '" + feed + "' }.rates.lastMinute.perSecond"))
                        .isPositive());
    }

    @Test
    void consumerLagAppearsAndDropsWhenTheGroupCatchesUp() {
        String feed = "feeds.agriculture.v1";
        String group = "agriculture-service-feed";
        for (int i = 0; i < 4; i++) {
            KAFKA.send(feed, "r" + i, "{}");
        }
        // from the ops snapshot: the four records show at its next refresh
        JsonPath groups = await().atMost(PATIENCE)
                .until(
                        () -> given().get("/api/v1/ops/consumers")
                                .then()
                                .statusCode(200)
                                .extract()
                                .jsonPath(),
                        a -> a.getLong("find { it.group == '" + group + "' }.totalLag") >= 4);
        assertThat(groups.getList("group", String.class))
                .containsExactly(
                        "aggregation-service",
                        "console-service",
                        "energy-service-feed",
                        "transport-service-feed",
                        "building-service-feed",
                        "agriculture-service-feed",
                        "waste-service-feed",
                        "aggregation-service-targets",
                        "aggregation-service-approvals",
                        "aggregation-service-projects",
                        "aggregation-service-pilots");
        long lag = groups.getLong("find { it.group == '" + group + "' }.totalLag");
        assertThat(lag).isGreaterThanOrEqualTo(4);
        assertThat(groups.getList("find { it.group == '" + group + "' }.topics[0].partitions.lag", Long.class))
                .hasSize(3);

        // the sector service's consumer group catches up (a plain consumer with its principal and group id, committing)
        Properties p = KafkaBroker.clientProperties(Principals.service(Sector.AGRICULTURE));
        p.put(ConsumerConfig.GROUP_ID_CONFIG, group);
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(p)) {
            consumer.subscribe(List.of(feed));
            long[] consumed = {0};
            await().atMost(PATIENCE).until(() -> {
                consumed[0] += consumer.poll(Duration.ofMillis(200)).count();
                consumer.commitSync();
                return consumed[0] >= lag;
            });
            await().atMost(PATIENCE)
                    .untilAsserted(() -> given().get("/api/v1/ops/consumers")
                            .then()
                            .statusCode(200)
                            .body("find { it.group == '" + group + "' }.totalLag", equalTo(0))
                            .body("find { it.group == '" + group + "' }.memberCount", equalTo(1))
                            .body(
                                    "find { it.group == '" + group + "' }.topics[0].partitions.committedOffset",
                                    hasItem(notNullValue())));
        }

        // the console's own group (the feeds' freshness) is a running member and keeps up with the indicator topics
        await().atMost(PATIENCE)
                .untilAsserted(() -> given().get("/api/v1/ops/consumers")
                        .then()
                        .body("find { it.group == 'console-service' }.state", equalTo("STABLE"))
                        .body("find { it.group == 'console-service' }.memberCount", greaterThanOrEqualTo(1))
                        .body("find { it.group == 'console-service' }.topics.size()", equalTo(5))
                        .body("find { it.group == 'console-service' }.totalLag", equalTo(0)));
        // the aggregation's group is listed from the cluster whether or not an aggregation runs (none does in this
        // test)
        given().get("/api/v1/ops/consumers")
                .then()
                .body("find { it.group == 'aggregation-service' }.topics.size()", equalTo(5));
    }

    @Test
    void deadLettersAreListedAndReplayedToTheirSourceTopicWithAnAudit() {
        String dlq = "feeds.waste.v1.dlq";
        String body = "reportId,orgUnit\nbad-1,999999\n";
        String id = UUID.randomUUID().toString();
        Map<String, String> headers = new HashMap<>(identity(id, "qd-waste-bureau", "feed:waste"));
        headers.putAll(Map.of(
                "dead-letter-reason",
                "orgUnit: '999999' is not a district of 370200",
                "dead-letter-cause",
                "io.synergy.sector.ingest.FeedConsumer$Rejected",
                "dead-letter-topic",
                "feeds.waste.v1",
                "dead-letter-partition",
                "2",
                "dead-letter-offset",
                "41",
                "content-type",
                "text/csv"));
        KAFKA.send(dlq, "bad-1", body, headers);
        Map<String, String> looping =
                new HashMap<>(identity(UUID.randomUUID().toString(), "qd-waste-bureau", "feed:waste"));
        looping.putAll(Map.of(
                "dead-letter-reason", "still broken", "dead-letter-topic", "feeds.waste.v1", "replay-count", "3"));
        KAFKA.send(dlq, "looping", "{}", looping);

        String waste = "find { it.topic == '" + dlq + "' }";
        // from the ops snapshot: the two dead letters show at its next refresh
        JsonPath listing = await().atMost(PATIENCE)
                .until(
                        () -> given().queryParam("limit", 20)
                                .get("/api/v1/ops/dead-letters")
                                .then()
                                .statusCode(200)
                                .extract()
                                .jsonPath(),
                        a -> a.getInt(waste + ".depth") == 2);
        assertThat(listing.getList("topic", String.class))
                .containsExactly(
                        "feeds.energy.v1.dlq",
                        "feeds.transport.v1.dlq",
                        "feeds.building.v1.dlq",
                        "feeds.agriculture.v1.dlq",
                        "feeds.waste.v1.dlq",
                        "indicators.v1.dlq",
                        "org-units.v1.dlq",
                        "projects.v1.dlq",
                        "pilots.v1.dlq",
                        "targets.v1.dlq",
                        "approvals.v1.dlq");
        assertThat(listing.getList("replayable", Boolean.class))
                .containsExactly(true, true, true, true, true, false, false, false, false, false, false);
        assertThat(listing.getInt(waste + ".depth")).isEqualTo(2);
        assertThat(listing.getString(waste + ".sourceTopic")).isEqualTo("feeds.waste.v1");
        Map<String, Object> bad = listing.getMap(waste + ".messages.find { it.key == 'bad-1' }");
        assertThat(bad)
                .containsEntry("value", body)
                .containsEntry("reason", "orgUnit: '999999' is not a district of 370200")
                .containsEntry("sourceTopic", "feeds.waste.v1")
                .containsEntry("sourcePartition", 2)
                .containsEntry("sourceOffset", 41)
                .containsEntry("replayCount", 0)
                .containsEntry("replayed", false);
        assertThat(listing.getMap(waste + ".messages.find { it.key == 'bad-1' }.headers"))
                .containsEntry("content-type", "text/csv")
                .containsEntry("dead-letter-cause", "io.synergy.sector.ingest.FeedConsumer$Rejected");
        int partition = listing.getInt(waste + ".messages.find { it.key == 'bad-1' }.partition");
        long offset = listing.getLong(waste + ".messages.find { it.key == 'bad-1' }.offset");
        int loopPartition = listing.getInt(waste + ".messages.find { it.key == 'looping' }.partition");
        long loopOffset = listing.getLong(waste + ".messages.find { it.key == 'looping' }.offset");

        // a dry run says what would happen and changes nothing
        given().contentType(ContentType.JSON)
                .body(Map.of("all", true, "dryRun", true))
                .post("/api/v1/ops/dead-letters/" + dlq + "/replay")
                .then()
                .statusCode(200)
                .body("counts.WOULD_REPLAY", equalTo(1))
                .body("counts.REFUSED", equalTo(1));
        assertThat(KAFKA.endOffsetSum("feeds.waste.v1")).isZero();

        given().contentType(ContentType.JSON)
                .header("Authorization", TestTokens.bearer(TestTokens.token("ops")))
                .body(Map.of(
                        "messages",
                        List.of(
                                Map.of("partition", partition, "offset", offset),
                                Map.of("partition", loopPartition, "offset", loopOffset),
                                Map.of("partition", 0, "offset", 9999))))
                .post("/api/v1/ops/dead-letters/" + dlq + "/replay")
                .then()
                .statusCode(200)
                .body("operator", equalTo("test-ops"))
                .body("counts.REPLAYED", equalTo(1))
                .body("counts.REFUSED", equalTo(1))
                .body("counts.NOT_FOUND", equalTo(1))
                .body("messages.find { it.key == 'bad-1' }.targetTopic", equalTo("feeds.waste.v1"))
                .body(
                        "messages.find { it.key == 'looping' }.detail",
                        Matchers.containsString("already replayed 3 times"));

        var replayed = KAFKA.readUntil("feeds.waste.v1", rs -> !rs.isEmpty(), PATIENCE);
        assertThat(replayed).hasSize(1);
        KafkaTestClient.Received r = replayed.get(0);
        assertThat(r.key()).isEqualTo("bad-1");
        assertThat(r.value()).isEqualTo(body);
        assertThat(r.headers())
                .containsEntry("content-type", "text/csv")
                .containsEntry("replayed-by", "test-ops")
                .containsEntry("replayed-from", dlq + "/" + partition + "/" + offset)
                .containsEntry("replay-count", "1")
                .containsEntry("replayed-dead-letter", id);
        assertThat(r.headers().keySet()).noneMatch(k -> k.startsWith("dead-letter-"));

        JsonPath audit = given().queryParam("topic", dlq)
                .get("/api/v1/ops/dead-letters/replays")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertThat(audit.getList("outcome", String.class)).containsExactlyInAnyOrder("REPLAYED", "REFUSED");
        assertThat(audit.getMap("find { it.outcome == 'REPLAYED' }"))
                .containsEntry("operator", "test-ops")
                .containsEntry("deadLetterPartition", partition)
                .containsEntry("targetTopic", "feeds.waste.v1")
                .containsEntry("targetPartition", r.partition())
                .containsEntry("key", "bad-1")
                .containsEntry("replayCount", 1)
                .containsEntry("reason", "orgUnit: '999999' is not a district of 370200")
                .containsEntry("deadLetterId", id);
        assertThat(audit.getString("find { it.outcome == 'REPLAYED' }.completedAt"))
                .isNotNull();
        // re-authorised as the identity the sector service recorded with the dead letter, by the operator above
        assertThat(audit.getMap("find { it.outcome == 'REPLAYED' }.identity"))
                .containsEntry("authenticated", true)
                .containsEntry("subject", "qd-waste-bureau")
                .containsEntry("roles", List.of("feed:waste"))
                .containsEntry("districts", null);

        // replaying "all" again skips what was replayed already, and the listing says so
        given().contentType(ContentType.JSON)
                .body(Map.of("all", true))
                .post("/api/v1/ops/dead-letters/" + dlq + "/replay")
                .then()
                .statusCode(200)
                .body("operator", equalTo("test-reader+ops"))
                .body("counts.ALREADY_REPLAYED", equalTo(1))
                .body("counts.REFUSED", equalTo(1))
                .body("counts.REPLAYED", equalTo(null));
        // a listing is at most one refresh old; the replay above refreshed it, a refresh under way may still answer
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> given().queryParam("topic", dlq)
                        .get("/api/v1/ops/dead-letters")
                        .then()
                        .body("[0].messages.find { it.key == 'bad-1' }.replayed", equalTo(true)));
    }

    /** The headers a sector service writes on a dead letter from a system it authenticated (sector-kit's FeedConsumer). */
    private static Map<String, String> identity(String id, String subject, String role) {
        return Map.of(
                "dead-letter-id",
                id,
                "dead-letter-identity",
                "authenticated",
                "dead-letter-subject",
                subject,
                "dead-letter-roles",
                role,
                "dead-letter-districts",
                "*",
                "dead-letter-token-expires",
                "2026-01-01T00:00:00Z",
                "dead-letter-judged-at",
                "2025-12-31T23:00:00Z",
                "dead-letter-judged-by",
                "log-append-time");
    }

    @Test
    void aReplayGoesBackToTheFeedOfItsDeadLetterTopicWhateverItsHeadersSay() {
        String dlq = "feeds.energy.v1.dlq";
        List<String> steered =
                List.of("alerts.v1", "results.v1", "org-units.v1", "indicators.energy.v1", "feeds.transport.v1", dlq);
        for (int i = 0; i < steered.size(); i++) {
            Map<String, String> headers =
                    new HashMap<>(identity(UUID.randomUUID().toString(), "qd-energy-bureau", "feed:energy"));
            headers.putAll(
                    Map.of("dead-letter-topic", steered.get(i), "dead-letter-reason", "steered to " + steered.get(i)));
            KAFKA.send(dlq, "steered-" + i, "{\"steered\": " + i + "}", headers);
        }
        JsonPath dryRun = given().contentType(ContentType.JSON)
                .body(Map.of("all", true, "dryRun", true))
                .post("/api/v1/ops/dead-letters/" + dlq + "/replay")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertThat(dryRun.getList("messages.targetTopic", String.class))
                .hasSize(steered.size())
                .containsOnly("feeds.energy.v1");
        assertThat(dryRun.getList("messages.outcome", String.class)).containsOnly("WOULD_REPLAY");

        given().contentType(ContentType.JSON)
                .body(Map.of("all", true))
                .post("/api/v1/ops/dead-letters/" + dlq + "/replay")
                .then()
                .statusCode(200)
                .body("counts.REPLAYED", equalTo(steered.size()));
        assertThat(KAFKA.readUntil("feeds.energy.v1", rs -> rs.size() >= steered.size(), PATIENCE))
                .extracting(KafkaTestClient.Received::key)
                .containsExactlyInAnyOrderElementsOf(IntStream.range(0, steered.size())
                        .mapToObj(i -> "steered-" + i)
                        .toList());
        for (String topic : steered.subList(0, steered.size() - 1)) {
            assertThat(KAFKA.readAll(topic, PATIENCE))
                    .as(topic)
                    .noneMatch(r -> r.key() != null && r.key().startsWith("steered-"));
        }
        assertThat(KAFKA.endOffsetSum(dlq)).isEqualTo(steered.size());
    }

    @Test
    void noCredentialIsShownOrReplayedAndAnUnauthenticatedDeadLetterIsNotReplayable() {
        String dlq = "feeds.transport.v1.dlq";
        String jwt = TestTokens.token("feed:transport");
        // a dead letter as SmallRye's dead-letter strategy wrote them: every original header, the bureau's token among
        // them
        KAFKA.send(
                dlq,
                "legacy",
                "{}",
                Map.of(
                        "authorization",
                        TestTokens.bearer(jwt),
                        "Authorization",
                        TestTokens.bearer(jwt),
                        "dead-letter-reason",
                        "orgUnit: '999999' is not a district of 370200",
                        "dead-letter-topic",
                        "feeds.transport.v1"));
        // a dead letter the sector service could not authenticate
        KAFKA.send(
                dlq,
                "anonymous",
                "{}",
                Map.of(
                        "dead-letter-id",
                        UUID.randomUUID().toString(),
                        "dead-letter-identity",
                        "unauthenticated",
                        "dead-letter-authentication",
                        "unauthenticated: the token is malformed, expired or not signed by the platform's key",
                        "dead-letter-reason",
                        "unauthenticated: the token is malformed, expired or not signed by the platform's key",
                        "dead-letter-judged-by",
                        "log-append-time"));

        // the ops API, and the dashboard's query of it, show no credential (once the ops snapshot holds both)
        await().atMost(PATIENCE)
                .untilAsserted(() -> given().queryParam("topic", dlq)
                        .get("/api/v1/ops/dead-letters")
                        .then()
                        .body("[0].messages.key", Matchers.hasItems("legacy", "anonymous")));
        for (Map<String, Object> query :
                List.<Map<String, Object>>of(Map.of("topic", dlq, "limit", 20), Map.of("limit", 1))) {
            String answer = given().queryParams(query)
                    .get("/api/v1/ops/dead-letters")
                    .then()
                    .statusCode(200)
                    .extract()
                    .asString();
            assertThat(answer).as("answer to %s", query).doesNotContain(jwt);
        }
        JsonPath listing = given().queryParam("topic", dlq)
                .get("/api/v1/ops/dead-letters")
                .then()
                .extract()
                .jsonPath();
        assertThat(listing.getMap("[0].messages.find { it.key == 'legacy' }.headers"))
                .containsEntry("authorization", "(redacted)")
                .containsEntry("Authorization", "(redacted)");
        assertThat(listing.getMap("[0].messages.find { it.key == 'anonymous' }.identity"))
                .containsEntry("authenticated", false)
                .containsEntry(
                        "failure",
                        "unauthenticated: the token is malformed, expired or not signed by the platform's key");

        // neither can be replayed: one has no recorded identity, the other one was never authenticated
        JsonPath replay = given().contentType(ContentType.JSON)
                .body(Map.of("all", true))
                .post("/api/v1/ops/dead-letters/" + dlq + "/replay")
                .then()
                .statusCode(200)
                .body("counts.REFUSED", equalTo(2))
                .extract()
                .jsonPath();
        assertThat(replay.getString("messages.find { it.key == 'legacy' }.detail"))
                .contains("dead-letter-id");
        assertThat(replay.getString("messages.find { it.key == 'anonymous' }.detail"))
                .contains("unauthenticated");
        assertThat(KAFKA.endOffsetSum("feeds.transport.v1")).isZero();
        assertThat(given().queryParam("topic", dlq)
                        .get("/api/v1/ops/dead-letters/replays")
                        .then()
                        .statusCode(200)
                        .extract()
                        .asString())
                .doesNotContain(jwt);
    }

    @Test
    void replayRefusesWhatIsNotADeadLetterTopicOrNotAChoice() {
        given().contentType(ContentType.JSON)
                .body(Map.of("all", true))
                .post("/api/v1/ops/dead-letters/indicators.energy.v1/replay")
                .then()
                .statusCode(404)
                .contentType("application/problem+json");
        given().contentType(ContentType.JSON)
                .body(Map.of("messages", List.of()))
                .post("/api/v1/ops/dead-letters/feeds.energy.v1.dlq/replay")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("messages"));
        given().contentType(ContentType.JSON)
                .body(Map.of("messages", List.of(Map.of("partition", -1, "offset", 3))))
                .post("/api/v1/ops/dead-letters/feeds.energy.v1.dlq/replay")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("messages[0]"));
        given().queryParam("limit", 100000)
                .get("/api/v1/ops/dead-letters")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("limit"));
    }

    @Test
    void theTemplateAndTheUploadOfferTheCsvAndTheWorkbook() {
        assertThat(OpenApiAssertions.assertEveryTableOffersCsvAndXlsx(OpenApiAssertions.document()))
                .containsExactly(
                        "get /api/v1/sectors/{sector}/template", "post /api/v1/sectors/{sector}/uploads (body)");
    }

    @Test
    void everyOperationHasATypedSchemaAndAProblemForEachError() {
        // the event stream (/changes) is text/event-stream of the fingerprint
        JsonNode document = OpenApiAssertions.document();
        int operations = OpenApiAssertions.assertEveryOperationIsTyped(
                document,
                p -> p.startsWith("/api/v1/")
                        && !p.equals("/api/v1/dashboard/changes")
                        // the dashboard's sign-in takes no body (no 400) and its end is open: WebEdgeTest covers it
                        && !p.equals("/api/v1/session"));
        // the dashboard's years, synergy, history, districts, attainment, effects, links; topics, consumers, dead
        // letters, replay, replays, freshness; the staff pages' forms, report (and dry run), report history, upload
        // (and
        // preview), template, approval matrix, approval action
        assertThat(operations).isEqualTo(20);
        assertThat(document.at("/paths/~1api~1v1~1ops~1topics/get/responses/200/content/application~1json/schema/$ref")
                        .asText())
                .isEqualTo("#/components/schemas/TopicsView");
        given().queryParam("period", "1999")
                .get("/api/v1/dashboard/synergy")
                .then()
                .statusCode(404)
                .contentType("application/problem+json");
        given().queryParam("period", "soon")
                .get("/api/v1/dashboard/attainment")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("period"));
        given().queryParam("from", "2020")
                .queryParam("to", "2024")
                .get("/api/v1/dashboard/effects")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("from"));
    }

    @Test
    void theRegistrysDeadLettersAreListedOncePerSourceRecordAndNotReplayable() {
        // every service, at every start, refuses the same org-units.v1 record again, under the same key (its partition
        // and offset)
        String key = "0/" + UUID.randomUUID().getMostSignificantBits();
        for (String service : List.of("aggregation-service", "energy-service")) {
            KAFKA.send(
                    "org-units.v1.dlq",
                    key,
                    "{\"code\": \"370299P01\"}",
                    Map.of(
                            "dead-letter-reason",
                            "parent: 370299 is not known",
                            "dead-letter-service",
                            service,
                            "dead-letter-topic",
                            "org-units.v1",
                            "dead-letter-partition",
                            "0",
                            "dead-letter-offset",
                            key.substring(2)));
        }
        await().atMost(PATIENCE).untilAsserted(() -> {
            JsonPath listing = given().queryParam("topic", "org-units.v1.dlq")
                    .queryParam("limit", 500)
                    .get("/api/v1/ops/dead-letters")
                    .then()
                    .statusCode(200)
                    .extract()
                    .jsonPath();
            assertThat(listing.getBoolean("[0].replayable")).isFalse();
            assertThat(listing.getString("[0].sourceTopic")).isEqualTo("org-units.v1");
            List<String> keys = listing.getList("[0].messages.key", String.class);
            assertThat(keys).doesNotHaveDuplicates().contains(key);
            assertThat(listing.getMap("[0].messages.find { it.key == '" + key + "' }.headers"))
                    .containsEntry("dead-letter-service", "energy-service");
        });
    }

    @Test
    void freshnessListsTheYearsStillMissingAndWhetherTheyAreOverdue() {
        IndicatorEvents events = new IndicatorEvents(KAFKA);
        events.ratio(Sector.TRANSPORT, "T2", "370214", 2020, 70, 100, 1);
        events.ratio(Sector.TRANSPORT, "T2", "370214", 2021, 80, 100, 1);
        String district = "sectors.find { it.sector == 'transport' }.districts.find { it.orgUnit == '370214' }";
        await().atMost(PATIENCE)
                .untilAsserted(() -> given().queryParam("asOf", "2023-05-01")
                        .queryParam("sector", "transport")
                        .get("/api/v1/ops/freshness")
                        .then()
                        .statusCode(200)
                        .body(district + ".yearsReported", equalTo(List.of(2020, 2021))));

        // 1 May 2023: 2022's figures were due by 31 March 2023
        JsonPath after = given().queryParam("asOf", "2023-05-01")
                .queryParam("sector", "transport")
                .get("/api/v1/ops/freshness")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertThat(after.getString("annualDue")).isEqualTo("03-31");
        assertThat(after.getInt("lastOverdueYear")).isEqualTo(2022);
        assertThat(after.getList("sectors.sector", String.class)).containsExactly("transport");
        assertThat(after.getString(district + ".status")).isEqualTo("OVERDUE");
        assertThat(after.getList(district + ".missing.year", Integer.class)).containsExactly(2022);
        assertThat(after.getString(district + ".missing[0].dueBy")).isEqualTo("2023-03-31");
        assertThat(after.getBoolean(district + ".missing[0].overdue")).isTrue();
        assertThat(after.getString(district + ".lastReportAt")).isNotNull();
        String silent = "sectors[0].districts.find { it.orgUnit == '370202' }";
        assertThat(after.getString(silent + ".status")).isEqualTo("NEVER_REPORTED");
        assertThat(after.getList(silent + ".missing.year", Integer.class)).containsExactly(2020, 2021, 2022);

        // 15 March 2023: 2022 is missing but not due yet
        JsonPath before = given().queryParam("asOf", "2023-03-15")
                .queryParam("sector", "transport")
                .get("/api/v1/ops/freshness")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertThat(before.getString(district + ".status")).isEqualTo("DUE");
        assertThat(before.getBoolean(district + ".missing[0].overdue")).isFalse();
        assertThat(before.getInt("lastOverdueYear")).isEqualTo(2021);

        given().queryParam("asOf", "yesterday")
                .get("/api/v1/ops/freshness")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("asOf"));
    }

    @Test
    void metricsExposeLagDeadLettersTopicRecordsAndOverdueDataSets() {
        await().atMost(PATIENCE).untilAsserted(() -> {
            String metrics =
                    given().get("/q/metrics").then().statusCode(200).extract().asString();
            assertThat(metrics)
                    .containsPattern("synergy_kafka_consumer_lag\\{group=\"aggregation-service\"[^}]*} [0-9]")
                    .containsPattern("synergy_kafka_dlq_depth\\{[^}]*topic=\"feeds.energy.v1.dlq\"[^}]*} [0-9]")
                    .containsPattern("synergy_kafka_topic_records_total\\{[^}]*topic=\"results.v1\"[^}]*} [0-9]")
                    .containsPattern("synergy_freshness_overdue_datasets\\{[^}]*sector=\"energy\"[^}]*} [0-9]")
                    .doesNotContain("synergy_freshness_overdue_years")
                    .doesNotContainPattern("(?m)^synergy_\\S* NaN");
        });
    }
}
