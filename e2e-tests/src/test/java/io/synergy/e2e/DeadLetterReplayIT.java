package io.synergy.e2e;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.restassured.path.json.JsonPath;
import io.synergy.model.orgunit.UnifiedSocialCreditCode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * A feed message from a bureau's system is dead-lettered by the energy service (its enterprise is not registered yet),
 * listed by the aggregation's ops API with the identity the energy service verified and without the token, and, once the
 * enterprise is registered, replayed through the ops API: the replay carries no token, and the energy service stores it
 * as the identity it recorded with the dead letter (docs/security.md, "The Kafka feed").
 */
@Order(5)
class DeadLetterReplayIT {

    private static final Duration WAIT = Duration.ofSeconds(60);

    @BeforeAll
    static void platform() {
        Platform.start();
    }

    static String url(String service, String path) {
        return WalkingSkeletonIT.url(service, path);
    }

    @Test
    void aDeadLetterIsReplayedThroughTheOpsApiAsTheIdentityRecordedWithIt() throws Exception {
        String first17 = String.format(
                Locale.ROOT, "91370211MA3E%05d", Math.floorMod(UUID.randomUUID().hashCode(), 100_000));
        String enterprise = first17 + UnifiedSocialCreditCode.checkCharacter(first17);
        String reportId = "e2e/energy/replay/" + enterprise + "/2012";
        String token = Platform.token("feed:energy", "--name", "e2e-energy-bureau");
        String report = """
                {"reportId": "%s", "source": "e2e-energy-bureau", "orgUnit": "%s", "period": "%s",
                 "values": [{"dataElement": "energy.primary.total", "value": 1000, "unit": "tce"},
                            {"dataElement": "energy.primary.nonfossil", "value": 100, "unit": "tce"}]}""";
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:9092");
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(p)) {
            ProducerRecord<String, String> r =
                    new ProducerRecord<>("feeds.energy.v1", reportId, report.formatted(reportId, enterprise, "2012"));
            r.headers().add("authorization", ("Bearer " + token).getBytes(StandardCharsets.UTF_8));
            producer.send(r).get(30, TimeUnit.SECONDS);
        }

        // the dead letter, as the ops API lists it: the energy service's verified identity, not the token
        String dlq = "/api/v1/ops/dead-letters?topic=feeds.energy.v1.dlq&limit=500";
        await().atMost(WAIT)
                .untilAsserted(() -> assertThat(given().get(url("console", dlq))
                                .then()
                                .statusCode(200)
                                .extract()
                                .jsonPath()
                                .getList("[0].messages.key", String.class))
                        .contains(reportId));
        String answer = given().get(url("console", dlq)).then().extract().asString();
        assertThat(answer).doesNotContain(token);
        Map<String, Object> dead = JsonPath.from(answer).getMap("[0].messages.find { it.key == '" + reportId + "' }");
        assertThat((String) dead.get("reason")).contains("not a registered enterprise");
        @SuppressWarnings("unchecked")
        Map<String, Object> identity = (Map<String, Object>) dead.get("identity");
        assertThat(identity)
                .containsEntry("authenticated", true)
                .containsEntry("subject", "e2e-energy-bureau")
                .containsEntry("roles", List.of("feed:energy"));

        // the cause is fixed: the enterprise is registered, and the energy service learns it from org-units.v1
        given().contentType("application/json")
                .body(Map.of(
                        "code",
                        enterprise,
                        "level",
                        "ENTERPRISE",
                        "zh",
                        "端到端测试企业",
                        "en",
                        "e2e enterprise",
                        "parent",
                        "370211",
                        "industrySection",
                        "D",
                        "industryDivision",
                        "44",
                        "flags",
                        List.of()))
                .post(url("registry", "/api/v1/org-units"))
                .then()
                .statusCode(201);
        await().atMost(WAIT)
                .untilAsserted(() -> given().contentType("application/json")
                        .body(report.formatted(reportId + "/probe", enterprise, "2013"))
                        .post(url("energy", "/api/v1/reports"))
                        .then()
                        .statusCode(201));

        JsonPath replay = given().contentType("application/json")
                .body(Map.of(
                        "messages",
                        List.of(Map.of(
                                "partition",
                                ((Number) dead.get("partition")).intValue(),
                                "offset",
                                ((Number) dead.get("offset")).longValue()))))
                .post(url("console", "/api/v1/ops/dead-letters/feeds.energy.v1.dlq/replay"))
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertThat(replay.getString("messages[0].outcome")).isEqualTo("REPLAYED");
        assertThat(replay.getString("messages[0].targetTopic")).isEqualTo("feeds.energy.v1");
        assertThat(replay.getString("messages[0].identity.subject")).isEqualTo("e2e-energy-bureau");

        await().atMost(WAIT)
                .untilAsserted(() -> given().get(url("energy", "/api/v1/reports/" + reportId))
                        .then()
                        .statusCode(200));
        JsonPath stored = given().get(url("energy", "/api/v1/reports/" + reportId))
                .then()
                .extract()
                .jsonPath();
        assertThat(stored.getString("revisions[0].status")).isEqualTo("CURRENT");
        assertThat(stored.getString("revisions[0].channel")).isEqualTo("KAFKA");
        assertThat(given().queryParam("topic", "feeds.energy.v1.dlq")
                        .get(url("console", "/api/v1/ops/dead-letters/replays"))
                        .then()
                        .statusCode(200)
                        .extract()
                        .jsonPath()
                        .getString("find { it.key == '" + reportId + "' }.identity.subject"))
                .isEqualTo("e2e-energy-bureau");
    }
}
