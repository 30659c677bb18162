package io.synergy.aggregation.it;

import static io.restassured.RestAssured.given;
import static io.synergy.aggregation.it.FlowTests.JSON;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.ValidatableResponse;
import io.synergy.model.event.CloudEventTypes;
import io.synergy.model.event.TargetEvent;
import io.synergy.model.event.Topics;
import io.synergy.model.target.Allocation;
import io.synergy.testsupport.KafkaBroker;
import io.synergy.testsupport.KafkaTestClient;
import io.synergy.testsupport.PlatformTestResource;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 15: the aggregation judges each unit by the target that applies to it. An allocation on targets.v1 (the registry
 * service's topic) for 平度 (370283) changes 平度's attainment and no other unit's result; a redelivered or older version
 * changes nothing; a bad record goes to targets.v1.dlq with its reason. Its own application and schema (a profile of its
 * own), so that no other test's figures of the year are in the way: which results change is what it asserts.
 */
@QuarkusTest
@TestProfile(TargetAllocationFlowTest.OwnDatabase.class)
@WithTestResource(PlatformTestResource.class)
class TargetAllocationFlowTest {

    /** No configuration of its own: being another profile is what gives the class a fresh application and schema. */
    public static class OwnDatabase implements QuarkusTestProfile {}

    private static final KafkaTestClient KAFKA = new KafkaTestClient(KafkaBroker.bootstrapServers());
    private static final Duration SECONDS = Duration.ofSeconds(30);
    private static final int YEAR = 2024;
    private static final String PINGDU = "370283";
    private static final String SHINAN = "370202";

    @Inject
    AgroalDataSource dataSource;

    @BeforeAll
    static void doubles() {
        // numbers as doubles, as the module's other flow tests read them (the setting is static)
        FlowTests.numbersAsDoubles();
    }

    @AfterAll
    static void close() {
        KAFKA.close();
    }

    /** Each test starts without allocations (the first publishes the facts; a recompute of the year follows them). */
    @AfterEach
    void forget() throws Exception {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("DELETE FROM target_key")) {
            ps.executeUpdate();
        }
    }

    private static void publishT1(String district, double percent) throws Exception {
        FlowTests.publishT1(KAFKA, "target-flow-test", district, YEAR, percent);
    }

    private static TargetEvent allocated(long version, double value, String document, String by) {
        return new TargetEvent(
                "T1",
                PINGDU,
                version,
                YEAR,
                List.of(new Allocation(
                        LocalDate.of(YEAR, 1, 1), value, 2045, document, by, Instant.parse("2024-01-05T08:00:00Z"))),
                Instant.parse("2024-01-05T08:00:00Z"),
                by);
    }

    private static void send(String key, byte[] value) {
        KAFKA.sendBytes(Topics.TARGETS, key, value, Map.of("ce_type", CloudEventTypes.TARGET));
    }

    private static void send(TargetEvent e) throws Exception {
        send(TargetEvent.key(e.indicator(), e.orgUnit()), JSON.writeValueAsBytes(e));
    }

    /** The version of every unit's stored result of the year, once no recompute is pending. */
    private Map<String, Long> settledVersions() {
        return FlowTests.settledVersions(
                dataSource, "SELECT org_unit, version FROM result WHERE view = 'latest' AND year = " + YEAR, SECONDS);
    }

    private long count(String sql) throws Exception {
        return FlowTests.count(dataSource, sql);
    }

    private static ValidatableResponse t1(String unit) {
        return given().queryParam("period", Integer.toString(YEAR))
                .queryParam("orgUnit", unit)
                .get("/api/v1/attainment")
                .then()
                .statusCode(200);
    }

    @Test
    void anAllocationFor370283ChangesItsAttainmentAndNoOtherUnits() throws Exception {
        publishT1(PINGDU, 64);
        publishT1(SHINAN, 64);
        // by the catalogue's defaults T1 is 中心城区's: 市南 is judged against the plan, 平度 not at all
        await().atMost(SECONDS).untilAsserted(() -> {
            t1(PINGDU)
                    .body("indicators.find { it.indicator == 'T1' }.value", equalTo(64.0))
                    .body("indicators.find { it.indicator == 'T1' }.targetSource", equalTo("NONE"))
                    .body("indicators.find { it.indicator == 'T1' }.status", equalTo("NO_TARGET"))
                    .body("indicators.find { it.indicator == 'T1' }.target", nullValue());
            t1(SHINAN)
                    .body("indicators.find { it.indicator == 'T1' }.value", equalTo(64.0))
                    .body("indicators.find { it.indicator == 'T1' }.targetSource", equalTo("PLAN"))
                    .body("indicators.find { it.indicator == 'T1' }.targetDocument", equalTo("青环发〔2024〕18号"));
        });
        Map<String, Long> before = settledVersions();
        assertThat(before).containsKeys(PINGDU, SHINAN, "370200", "central-urban");

        send(allocated(1, 60, "平政发〔2024〕1号", "planner-1"));
        await().atMost(SECONDS)
                .untilAsserted(() -> t1(PINGDU)
                        .body("indicators.find { it.indicator == 'T1' }.targetSource", equalTo("ALLOCATED"))
                        .body("indicators.find { it.indicator == 'T1' }.targetDocument", equalTo("平政发〔2024〕1号"))
                        .body("indicators.find { it.indicator == 'T1' }.target", equalTo(60.0))
                        .body("indicators.find { it.indicator == 'T1' }.status", equalTo("ACHIEVED")));
        Map<String, Long> after = settledVersions();
        assertThat(after.get(PINGDU)).isEqualTo(before.get(PINGDU) + 1);
        Map<String, Long> othersBefore = new HashMap<>(before);
        Map<String, Long> othersAfter = new HashMap<>(after);
        othersBefore.remove(PINGDU);
        othersAfter.remove(PINGDU);
        assertThat(othersAfter).as("every other unit's result of %d", YEAR).isEqualTo(othersBefore);
        t1(SHINAN).body("indicators.find { it.indicator == 'T1' }.targetSource", equalTo("PLAN"));

        // a newer version replaces it; the older one delivered again afterwards changes nothing
        send(allocated(2, 70, "平政发〔2024〕9号", "planner-2"));
        await().atMost(SECONDS)
                .untilAsserted(() -> t1(PINGDU)
                        .body("indicators.find { it.indicator == 'T1' }.target", equalTo(70.0))
                        .body("indicators.find { it.indicator == 'T1' }.targetDocument", equalTo("平政发〔2024〕9号")));
        send(allocated(1, 60, "平政发〔2024〕1号", "planner-1"));
        // the topic's one partition keeps order: once a record sent after it has been dead-lettered, the old version
        // has been read
        String marker = "after-old-version-" + UUID.randomUUID();
        send("T1|" + PINGDU, marker.getBytes(StandardCharsets.UTF_8));
        KAFKA.readUntil(
                Topics.TARGETS_DEAD_LETTERS, rs -> rs.stream().anyMatch(r -> marker.equals(r.value())), SECONDS);
        assertThat(count("SELECT version FROM target_key WHERE indicator = 'T1' AND org_unit = '" + PINGDU + "'"))
                .isEqualTo(2);
        t1(PINGDU).body("indicators.find { it.indicator == 'T1' }.target", equalTo(70.0));
    }

    @Test
    void aBadRecordGoesToTheDeadLetterTopicWithItsReasonAndTheNextGoodOneIsApplied() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        Map<String, byte[]> bad = new LinkedHashMap<>();
        bad.put("not-json", ("T1;" + PINGDU + ";" + run).getBytes(StandardCharsets.UTF_8));
        bad.put("key", JSON.writeValueAsBytes(allocated(5, 60, "平政发〔2024〕1号", "key-" + run)));
        bad.put("value", JSON.writeValueAsBytes(allocated(5, 160, "平政发〔2024〕1号", "value-" + run)));
        bad.put("document", JSON.writeValueAsBytes(allocated(5, 60, "a memo", "document-" + run)));
        for (Map.Entry<String, byte[]> b : bad.entrySet()) {
            send(b.getKey().equals("key") ? "T1|" + SHINAN : "T1|" + PINGDU, b.getValue());
        }
        send(allocated(1, 55, "平政发〔2024〕2号", "good-" + run));

        Map<String, Map<String, String>> byKind =
                FlowTests.deadLettersByKind(KAFKA, Topics.TARGETS_DEAD_LETTERS, run, bad.size(), SECONDS);
        assertThat(byKind).containsOnlyKeys("not-json", "key", "value", "document");
        assertThat(byKind.get("value"))
                .containsEntry("dead-letter-field", "allocations[0].value")
                .containsEntry("dead-letter-topic", Topics.TARGETS)
                .containsEntry("dead-letter-service", "aggregation-service")
                .containsKey("dead-letter-offset");
        assertThat(byKind.get("document").get("dead-letter-reason")).startsWith("allocations[0].document: ");

        // the good record after them is stored, and the unit's year recomputed with it (no fact of the year: nothing to
        // judge yet)
        await().atMost(SECONDS)
                .until(() ->
                        count("SELECT count(*) FROM target_allocation WHERE org_unit = '" + PINGDU + "' AND value = 55")
                                == 1);
        given().get("/q/health/ready").then().statusCode(200);
    }
}
