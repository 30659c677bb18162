package io.synergy.aggregation.it;

import static io.restassured.RestAssured.given;
import static io.synergy.aggregation.it.FlowTests.JSON;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.ValidatableResponse;
import io.synergy.model.approval.ApprovalAction;
import io.synergy.model.approval.ApprovalState;
import io.synergy.model.event.ApprovalEvent;
import io.synergy.model.event.CloudEventTypes;
import io.synergy.model.event.Topics;
import io.synergy.testsupport.KafkaBroker;
import io.synergy.testsupport.KafkaTestClient;
import io.synergy.testsupport.PlatformTestResource;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 15, the two views: the facts of a data set (transport, 市南区 370202, 2024) are in the official view only once
 * the city's sector bureau has accepted it (ACCEPT on approvals.v1), and leave it when the data set is reopened; the
 * latest view shows them all along; every answer counts the data sets accepted of those expected. A redelivered older
 * transition changes nothing; a bad approval record goes to approvals.v1.dlq with its reason and the next is applied. Its
 * own application and schema (a profile of its own): no other test's data sets or figures of the year are in the way.
 */
@QuarkusTest
@TestProfile(OfficialViewFlowTest.OwnDatabase.class)
@WithTestResource(PlatformTestResource.class)
class OfficialViewFlowTest {

    /** No configuration of its own: being another profile is what gives the class a fresh application and schema. */
    public static class OwnDatabase implements QuarkusTestProfile {}

    private static final KafkaTestClient KAFKA = new KafkaTestClient(KafkaBroker.bootstrapServers());
    private static final Duration SECONDS = Duration.ofSeconds(40);
    private static final int YEAR = 2024;
    private static final String SHINAN = "370202";
    private static final String CITY = "370200";

    @Inject
    AgroalDataSource dataSource;

    @Inject
    MeterRegistry metrics;

    @BeforeAll
    static void doubles() {
        FlowTests.numbersAsDoubles();
    }

    @AfterAll
    static void close() {
        KAFKA.close();
    }

    private static void publishT1(String district, double percent) throws Exception {
        FlowTests.publishT1(KAFKA, "official-view-test", district, YEAR, percent);
    }

    private static ApprovalEvent transition(
            String sector, String district, ApprovalAction action, ApprovalState from, ApprovalState to, long version) {
        String role = switch (action) {
            case SUBMIT -> "feed:";
            case APPROVE, RETURN -> "reviewer:";
            case ACCEPT, REOPEN -> "approver:";
        };
        return new ApprovalEvent(
                UUID.randomUUID().toString(),
                sector,
                district,
                Integer.toString(YEAR),
                to,
                action,
                from,
                "official-view-test",
                role + sector,
                action == ApprovalAction.REOPEN ? "a figure to correct · 有数据需更正" : null,
                version,
                Instant.now());
    }

    private static void send(String key, byte[] value) {
        KAFKA.sendBytes(Topics.APPROVALS, key, value, Map.of("ce_type", CloudEventTypes.APPROVAL));
    }

    private static void send(ApprovalEvent e) throws Exception {
        send(e.key(), JSON.writeValueAsBytes(e));
    }

    private static ValidatableResponse attainment(String view, String unit) {
        return given().queryParam("period", Integer.toString(YEAR))
                .queryParam("orgUnit", unit)
                .queryParam("view", view)
                .get("/api/v1/attainment")
                .then()
                .statusCode(200);
    }

    private static final String T1 = "indicators.find { it.indicator == 'T1' }";

    /** The stored result versions of the year, by view and unit, once no recompute is pending. */
    private Map<String, Long> settledVersions() {
        return FlowTests.settledVersions(
                dataSource, "SELECT view || ':' || org_unit, version FROM result WHERE year = " + YEAR, SECONDS);
    }

    private long count(String sql) throws Exception {
        return FlowTests.count(dataSource, sql);
    }

    @Test
    void aDataSetsFactsAreOfficialFromItsAcceptanceUntilItIsReopenedAndTheLatestViewShowsThemAllAlong()
            throws Exception {
        publishT1(SHINAN, 64);
        // reported, not accepted: the latest view has the figure, the official one none — and says why
        await().atMost(SECONDS).untilAsserted(() -> {
            attainment("latest", SHINAN)
                    .body(T1 + ".value", equalTo(64.0))
                    .body("view", equalTo("latest"))
                    .body("dataSets.accepted", equalTo(0))
                    .body("dataSets.expected", equalTo(5));
            attainment("official", SHINAN)
                    .body(T1 + ".value", nullValue())
                    .body("view", equalTo("official"))
                    .body("dataSets.accepted", equalTo(0))
                    .body("dataSets.expected", equalTo(5));
        });
        // the default is latest
        given().queryParam("period", Integer.toString(YEAR))
                .queryParam("orgUnit", SHINAN)
                .get("/api/v1/attainment")
                .then()
                .statusCode(200)
                .body("view", equalTo("latest"))
                .body(T1 + ".value", equalTo(64.0));
        int districts = given().queryParam("period", Integer.toString(YEAR))
                .queryParam("view", "official")
                .get("/api/v1/synergy/districts")
                .then()
                .statusCode(200)
                .extract()
                .path("districts.size()");

        // submitted and approved: not yet official
        send(transition("transport", SHINAN, ApprovalAction.SUBMIT, ApprovalState.OPEN, ApprovalState.SUBMITTED, 1));
        send(transition(
                "transport", SHINAN, ApprovalAction.APPROVE, ApprovalState.SUBMITTED, ApprovalState.APPROVED, 2));
        await().atMost(SECONDS)
                .until(() -> count("SELECT count(*) FROM data_set_state WHERE state = 'APPROVED' AND org_unit = '"
                                + SHINAN + "'")
                        == 1);
        Map<String, Long> approved = settledVersions();
        attainment("official", SHINAN).body(T1 + ".value", nullValue()).body("dataSets.accepted", equalTo(0));

        // accepted by the city's transport bureau: official now, for the district and the city's count
        send(transition("transport", SHINAN, ApprovalAction.ACCEPT, ApprovalState.APPROVED, ApprovalState.ACCEPTED, 3));
        await().atMost(SECONDS)
                .untilAsserted(() -> attainment("official", SHINAN)
                        .body(T1 + ".value", equalTo(64.0))
                        .body("dataSets.accepted", equalTo(1))
                        .body("dataSets.expected", equalTo(5)));
        attainment("latest", SHINAN).body(T1 + ".value", equalTo(64.0)).body("dataSets.accepted", equalTo(1));
        attainment("official", CITY)
                .body("dataSets.accepted", equalTo(1))
                .body("dataSets.expected", equalTo(5 * districts));
        // the year's progress: the city's data sets accepted of those expected
        given().get("/api/v1/years")
                .then()
                .statusCode(200)
                .body("years.find { it.year == " + YEAR + " }.dataSets.accepted", equalTo(1))
                .body("years.find { it.year == " + YEAR + " }.dataSets.expected", equalTo(5 * districts));
        // the assessment report's section 8 says where each sector's data sets stand in the review
        String report = given().queryParam("period", Integer.toString(YEAR))
                .queryParam("orgUnit", SHINAN)
                .accept("text/html")
                .get("/api/v1/assessment/report")
                .then()
                .statusCode(200)
                .extract()
                .asString();
        assertThat(report)
                .contains("交通 transport</td><td>已报送 submitted 1 / 1</td><td>已审定 1 · 已审核 0 · 待审核 0 · 未报送或退回 0")
                .contains("能源 energy</td><td>已报送 submitted 0 / 1</td><td>已审定 0 · 已审核 0 · 待审核 0 · 未报送或退回 1");
        Map<String, Long> accepted = settledVersions();
        assertThat(accepted.get("official:" + SHINAN)).isGreaterThan(approved.get("official:" + SHINAN));
        // the same figures in both views now, each a document of its own
        given().queryParam("period", Integer.toString(YEAR))
                .queryParam("orgUnit", SHINAN)
                .queryParam("view", "official")
                .queryParam("basis", "panel")
                .get("/api/v1/synergy")
                .then()
                .statusCode(200)
                .body("view", equalTo("official"))
                .body("dataSets.accepted", equalTo(1));
        given().queryParam("orgUnit", SHINAN)
                .queryParam("view", "official")
                .get("/api/v1/synergy/history")
                .then()
                .statusCode(200)
                .body("view", equalTo("official"))
                .body("years.find { it.period == '2024' }.dataSets.accepted", equalTo(1));

        // both views are on results.v1, each on its own key; the latest keeps the key it always had
        List<KafkaTestClient.Received> published = KAFKA.readUntil(
                Topics.RESULTS,
                rs -> rs.stream()
                                .anyMatch(r -> (SHINAN + ":" + YEAR + ":official").equals(r.key())
                                        && r.value() != null
                                        && r.value().contains("\"accepted\":1"))
                        && rs.stream().anyMatch(r -> (SHINAN + ":" + YEAR).equals(r.key())),
                SECONDS);
        JsonNode official = JSON.readTree(published.stream()
                .filter(r -> (SHINAN + ":" + YEAR + ":official").equals(r.key()))
                .reduce((a, b) -> b)
                .orElseThrow()
                .value());
        assertThat(official.path("view").asText()).isEqualTo("official");
        assertThat(official.path("result").path("orgUnit").asText()).isEqualTo(SHINAN);
        JsonNode latest = JSON.readTree(published.stream()
                .filter(r -> (SHINAN + ":" + YEAR).equals(r.key()))
                .reduce((a, b) -> b)
                .orElseThrow()
                .value());
        assertThat(latest.path("view").asText()).isEqualTo("latest");

        // the older transition delivered again changes nothing; a record after it shows it has been read
        send(transition(
                "transport", SHINAN, ApprovalAction.APPROVE, ApprovalState.SUBMITTED, ApprovalState.APPROVED, 2));
        String marker = "after-old-transition-" + UUID.randomUUID();
        send("transport|" + SHINAN + "|" + YEAR, marker.getBytes(StandardCharsets.UTF_8));
        KAFKA.readUntil(
                Topics.APPROVALS_DEAD_LETTERS, rs -> rs.stream().anyMatch(r -> marker.equals(r.value())), SECONDS);
        assertThat(settledVersions()).isEqualTo(accepted);
        attainment("official", SHINAN).body(T1 + ".value", equalTo(64.0));

        // reopened by the approver: out of the official view again; the latest has it still
        send(transition("transport", SHINAN, ApprovalAction.REOPEN, ApprovalState.ACCEPTED, ApprovalState.OPEN, 4));
        await().atMost(SECONDS)
                .untilAsserted(() -> attainment("official", SHINAN)
                        .body(T1 + ".value", nullValue())
                        .body("dataSets.accepted", equalTo(0)));
        attainment("latest", SHINAN).body(T1 + ".value", equalTo(64.0)).body("dataSets.accepted", equalTo(0));
    }

    /** Org-unit results computed so far in a view, over every pass. */
    private double computed(String view) {
        return metrics.get("synergy.recompute.units")
                .tag("view", view)
                .summary()
                .totalAmount();
    }

    /**
     * A figure of a data set not accepted changes the latest view only: the pass computes the latest results it reaches
     * and not the official ones again. Once the data set is accepted its next figure is official at once.
     */
    @Test
    void aFigureOfADataSetNotAcceptedIsNotComputedAgainInTheOfficialViewAndOneOfAnAcceptedSetIs() throws Exception {
        String huangdao = "370211";
        publishT1(huangdao, 50);
        await().atMost(SECONDS)
                .untilAsserted(() -> attainment("latest", huangdao).body(T1 + ".value", equalTo(50.0)));
        Map<String, Long> before = settledVersions();
        double latest = computed("latest");
        double official = computed("official");

        FlowTests.publishT1(KAFKA, "official-view-test", huangdao, YEAR, 51, 2);
        await().atMost(SECONDS)
                .untilAsserted(() -> attainment("latest", huangdao).body(T1 + ".value", equalTo(51.0)));
        Map<String, Long> after = settledVersions();
        assertThat(computed("latest")).isGreaterThan(latest);
        assertThat(computed("official")).isEqualTo(official);
        assertThat(after.get("latest:" + huangdao)).isGreaterThan(before.get("latest:" + huangdao));
        assertThat(after.get("official:" + huangdao)).isEqualTo(before.get("official:" + huangdao));
        attainment("official", huangdao).body(T1 + ".value", nullValue());

        send(transition("transport", huangdao, ApprovalAction.SUBMIT, ApprovalState.OPEN, ApprovalState.SUBMITTED, 1));
        send(transition(
                "transport", huangdao, ApprovalAction.APPROVE, ApprovalState.SUBMITTED, ApprovalState.APPROVED, 2));
        send(transition(
                "transport", huangdao, ApprovalAction.ACCEPT, ApprovalState.APPROVED, ApprovalState.ACCEPTED, 3));
        await().atMost(SECONDS)
                .untilAsserted(() -> attainment("official", huangdao).body(T1 + ".value", equalTo(51.0)));
        // a figure of the accepted data set (sent before the acceptance, read after it): official at once
        FlowTests.publishT1(KAFKA, "official-view-test", huangdao, YEAR, 52, 3);
        await().atMost(SECONDS)
                .untilAsserted(() -> attainment("official", huangdao).body(T1 + ".value", equalTo(52.0)));
        attainment("latest", huangdao).body(T1 + ".value", equalTo(52.0));
    }

    @Test
    void aViewOtherThanOfficialOrLatestIsAProblemNamingIt() {
        for (String path :
                List.of("/api/v1/attainment", "/api/v1/synergy", "/api/v1/synergy/districts", "/api/v1/inventory")) {
            given().queryParam("period", Integer.toString(YEAR))
                    .queryParam("view", "draft")
                    .get(path)
                    .then()
                    .statusCode(400)
                    .contentType("application/problem+json")
                    .body("errors[0].field", equalTo("view"));
        }
        given().queryParam("view", "final")
                .get("/api/v1/synergy/history")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("view"));
        given().queryParam("from", "2023")
                .queryParam("to", "2024")
                .queryParam("view", "x")
                .get("/api/v1/effects")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("view"));
        given().queryParam("period", "2024")
                .queryParam("view", "x")
                .get("/api/v1/synergy/units")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("view"));
    }

    @Test
    void aBadApprovalRecordGoesToTheDeadLetterTopicWithItsReasonAndTheNextGoodOneIsApplied() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        Map<String, byte[]> bad = new LinkedHashMap<>();
        bad.put("not-json", ("transport;" + SHINAN + ";" + run).getBytes(StandardCharsets.UTF_8));
        ApprovalEvent misfiled = withActor(
                transition("energy", SHINAN, ApprovalAction.SUBMIT, ApprovalState.OPEN, ApprovalState.SUBMITTED, 1),
                "key-" + run);
        bad.put("key", JSON.writeValueAsBytes(misfiled));
        ApprovalEvent city = withActor(
                transition("energy", CITY, ApprovalAction.SUBMIT, ApprovalState.OPEN, ApprovalState.SUBMITTED, 1),
                "district-" + run);
        bad.put("district", JSON.writeValueAsBytes(city));
        ObjectMapper loose = JSON.copy();
        Map<String, Object> unknownState = loose.convertValue(
                withActor(
                        transition(
                                "energy",
                                SHINAN,
                                ApprovalAction.SUBMIT,
                                ApprovalState.OPEN,
                                ApprovalState.SUBMITTED,
                                1),
                        "schema-" + run),
                Map.class);
        unknownState.put("state", "SIGNED");
        bad.put("schema", loose.writeValueAsBytes(unknownState));
        send("energy|" + SHINAN + "|" + YEAR, bad.get("not-json"));
        send("energy|370203|" + YEAR, bad.get("key"));
        send(city.key(), bad.get("district"));
        send("energy|" + SHINAN + "|" + YEAR, bad.get("schema"));
        ApprovalEvent good = withActor(
                transition("energy", SHINAN, ApprovalAction.SUBMIT, ApprovalState.OPEN, ApprovalState.SUBMITTED, 1),
                "good-" + run);
        send(good);

        Map<String, Map<String, String>> byKind =
                FlowTests.deadLettersByKind(KAFKA, Topics.APPROVALS_DEAD_LETTERS, run, bad.size(), SECONDS);
        assertThat(byKind).containsOnlyKeys("not-json", "key", "district", "schema");
        assertThat(byKind.get("district"))
                .containsEntry("dead-letter-field", "orgUnit")
                .containsEntry("dead-letter-topic", Topics.APPROVALS)
                .containsEntry("dead-letter-service", "aggregation-service")
                .containsKey("dead-letter-offset");
        assertThat(byKind.get("key").get("dead-letter-reason")).contains("energy|370203|" + YEAR);

        await().atMost(SECONDS)
                .until(() -> count("SELECT count(*) FROM data_set_state WHERE sector = 'energy' AND org_unit = '"
                                + SHINAN + "' AND state = 'SUBMITTED'")
                        == 1);
        given().get("/q/health/ready").then().statusCode(200);
    }

    private static ApprovalEvent withActor(ApprovalEvent e, String actor) {
        return new ApprovalEvent(
                e.eventId(),
                e.sector(),
                e.orgUnit(),
                e.period(),
                e.state(),
                e.action(),
                e.fromState(),
                actor,
                e.role(),
                e.comment(),
                e.version(),
                e.changedAt());
    }
}
