package io.synergy.energy.outbox;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.synergy.model.catalogue.Sector;
import io.synergy.model.event.Topics;
import io.synergy.platform.outbox.OutboxMessage;
import io.synergy.platform.outbox.OutboxWriter;
import io.synergy.testsupport.KafkaBroker;
import io.synergy.testsupport.KafkaTestClient.Received;
import io.synergy.testsupport.PlatformTestResource;
import io.synergy.testsupport.TestTokens;
import io.synergy.testsupport.sector.SectorServiceTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A record Kafka refuses must not block the outbox (the defect: the relay retried its batch for ever while the head row could
 * never be sent, and every later event of the service stayed unpublished — the figures froze without a signal). Now the relay
 * parks the refused row in {@code outbox_parked} with the broker's reason, reports it, and publishes the rows after it; a
 * Kafka outage still holds every row, in order; and an event too large for Kafka is refused at intake, naming the field.
 *
 * <p>Its own application: the outbox producer's {@code max.request.size} is lowered to 5,000 bytes, so an approval with a long
 * comment is an event Kafka would refuse (at the default 1 MiB every input bound keeps events far below it).
 */
@QuarkusTest
@TestProfile(OutboxParkingTest.SmallRecords.class)
@WithTestResource(PlatformTestResource.class)
class OutboxParkingTest extends SectorServiceTest {

    static final int MAX_REQUEST_SIZE = 5_000;

    public static class SmallRecords implements QuarkusTestProfile {

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "synergy.outbox.max-record-bytes",
                    String.valueOf(MAX_REQUEST_SIZE),
                    "synergy.outbox.max-backoff",
                    "1s");
        }
    }

    @Inject
    OutboxWriter writer;

    @Inject
    MeterRegistry metrics;

    OutboxParkingTest() {
        super(Sector.ENERGY);
    }

    @Test
    void aRecordKafkaRefusesIsParkedWithItsReasonAndTheRowsAfterItArePublished() {
        String key = uniqueId("parked");
        byte[] tooLarge = new byte[MAX_REQUEST_SIZE + 1_000];
        Arrays.fill(tooLarge, (byte) ' ');
        tooLarge[0] = '1';
        QuarkusTransaction.requiringNew()
                .run(() -> writer.writeDerived(
                        List.of(event(key, "{\"n\":1}"), event(key, tooLarge), event(key, "{\"n\":3}"))));

        // the rows after the refused one go out, in order
        List<Received> published =
                kafka().readUntil(indicatorTopic, rs -> ofKey(rs, key).size() >= 2, WAIT);
        assertThat(ofKey(published, key).stream().map(Received::value)).containsExactly("{\"n\":1}", "{\"n\":3}");
        await().atMost(WAIT)
                .until(() -> queryCount("SELECT count(*) FROM outbox WHERE record_key = '" + key + "'") == 0);

        // the refused one is kept, with Kafka's reason
        assertThat(queryCount("SELECT count(*) FROM outbox_parked WHERE record_key = '" + key + "'"
                        + " AND reason LIKE 'RecordTooLargeException%' AND octet_length(payload) = " + tooLarge.length))
                .isEqualTo(1);

        // and shown: a counter, the rows' gauge, and a readiness check that stays UP with the reason
        assertThat(metrics.get("synergy.outbox.parked").counter().count()).isGreaterThanOrEqualTo(1);
        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(metrics.get("synergy.outbox.parked.rows").gauge().value())
                    .isGreaterThanOrEqualTo(1);
            JsonPath check = parkedCheck();
            assertThat(check.getString("status")).isEqualTo("UP");
            assertThat(check.getLong("data.parked")).isGreaterThanOrEqualTo(1);
            assertThat(check.getString("data.lastReason")).startsWith("RecordTooLargeException");
        });
        given().get("/q/health/ready").then().statusCode(200);
        given().get("/q/health/live").then().statusCode(200);

        // the documented re-queue (docs/operations.md) puts it back in line; still too large, it is parked again
        long parkedBefore = count("outbox_parked");
        queryCount("WITH moved AS (DELETE FROM outbox_parked WHERE record_key = '" + key
                + "' RETURNING *), requeued AS (" + REQUEUE + ") SELECT count(*) FROM requeued");
        await().atMost(WAIT)
                .until(() -> queryCount("SELECT count(*) FROM outbox_parked WHERE record_key = '" + key + "'") == 1);
        assertThat(count("outbox_parked")).isEqualTo(parkedBefore);
        assertThat(queryCount("SELECT count(*) FROM outbox WHERE record_key = '" + key + "'"))
                .isZero();
    }

    /**
     * A row no record can be made of (here a {@code dataschema} that is no URI) must not hold the rows after it either: it
     * was read again at every run, failed before any send, and every later event of the service waited behind it.
     */
    @Test
    void aRowNoRecordCanBeMadeOfIsParkedWithItsReasonAndTheRowsAfterItArePublished() {
        String key = uniqueId("unpublishable");
        OutboxMessage broken = event(key, "{\"n\":2}");
        OutboxMessage noUri = new OutboxMessage(
                broken.topic(),
                broken.key(),
                broken.id(),
                broken.type(),
                broken.source(),
                broken.subject(),
                broken.time(),
                "not a uri",
                broken.payload(),
                null);
        QuarkusTransaction.requiringNew()
                .run(() -> writer.writeDerived(List.of(event(key, "{\"n\":1}"), noUri, event(key, "{\"n\":3}"))));

        List<Received> published =
                kafka().readUntil(indicatorTopic, rs -> ofKey(rs, key).size() >= 2, WAIT);
        assertThat(ofKey(published, key).stream().map(Received::value)).containsExactly("{\"n\":1}", "{\"n\":3}");
        await().atMost(WAIT)
                .until(() -> queryCount("SELECT count(*) FROM outbox WHERE record_key = '" + key + "'") == 0);
        assertThat(queryCount("SELECT count(*) FROM outbox_parked WHERE record_key = '" + key + "'"
                        + " AND ce_dataschema = 'not a uri' AND reason LIKE 'UnpublishableRowException%'"))
                .isEqualTo(1);
    }

    @Test
    void aKafkaOutageStillHoldsEveryRowInOrder() {
        String key = uniqueId("outage");
        double failuresBefore = metrics.get("synergy.outbox.failures").counter().count();
        KafkaBroker.stopBroker();
        try {
            for (int n = 1; n <= 3; n++) {
                String data = "{\"n\":" + n + "}";
                QuarkusTransaction.requiringNew().run(() -> writer.write(List.of(event(key, data))));
            }
            // the relay tries, fails (a timeout: the broker is away) and waits; nothing is parked
            await().atMost(Duration.ofSeconds(60))
                    .until(() ->
                            metrics.get("synergy.outbox.failures").counter().count() > failuresBefore);
            assertThat(queryCount("SELECT count(*) FROM outbox_parked WHERE record_key = '" + key + "'"))
                    .isZero();
            assertThat(queryCount("SELECT count(*) FROM outbox WHERE record_key = '" + key + "'"))
                    .isEqualTo(3);
        } finally {
            KafkaBroker.restartBroker();
        }
        await().atMost(Duration.ofSeconds(60))
                .until(() -> queryCount("SELECT count(*) FROM outbox WHERE record_key = '" + key + "'") == 0);
        List<String> values =
                ofKey(kafka().readUntil(indicatorTopic, rs -> ofKey(rs, key).size() >= 3, WAIT), key).stream()
                        .map(Received::value)
                        .toList();
        // at least once: a send the broker took before the outage may come again, but never out of order after it
        assertThat(values.subList(values.size() - 3, values.size()))
                .containsExactly("{\"n\":1}", "{\"n\":2}", "{\"n\":3}");
        assertThat(values.stream().distinct()).containsExactly("{\"n\":1}", "{\"n\":2}", "{\"n\":3}");
        assertThat(queryCount("SELECT count(*) FROM outbox_parked WHERE record_key = '" + key + "'"))
                .isZero();
    }

    @Test
    void anEventTooLargeForKafkaIsRefusedAtIntakeNamingItsFieldAndNothingIsStored() {
        DistrictYear slot = freshDistrictYear();
        String d = slot.district();
        accepted(postJson(report(uniqueId("large-event"), d, slot.period(), null, validValues())), 201);
        Snapshot before = settledSnapshot();
        long transitions = count("data_set_transition");
        long approvals = kafka().endOffsetSum(Topics.APPROVALS);

        // within the comment's own bound (2,000 characters) but, in UTF-8, above what Kafka takes in one record here
        Response refused = submit(d, slot.period(), "核对说明".repeat(450));
        assertThat(refused.statusCode()).as(refused.asString()).isEqualTo(413);
        assertThat(refused.contentType()).startsWith(PROBLEM);
        JsonNode problem = json(refused);
        assertThat(problem.path("type").asText()).isEqualTo("https://synergy.qingdao/problems/event-too-large");
        assertThat(each(problem.path("errors"), "field")).containsExactly("comment");
        assertThat(problem.path("detail").asText()).contains(String.valueOf(MAX_REQUEST_SIZE));

        assertUnchanged(before);
        assertThat(count("data_set_transition")).isEqualTo(transitions);
        assertThat(count("outbox_parked WHERE ce_subject = '" + d + "/" + slot.year() + "'"))
                .isZero();
        assertThat(kafka().endOffsetSum(Topics.APPROVALS)).isEqualTo(approvals);

        // the limit refuses only what is too large: the same submission with a short comment goes through
        Response taken = submit(d, slot.period(), "核对无误 / checked");
        assertThat(accepted(taken, 200).path("state").asText()).isEqualTo("SUBMITTED");
    }

    /** Moves parked rows ({@code moved}) back into the outbox, in their order: the statement of docs/operations.md. */
    private static final String REQUEUE = """
            INSERT INTO outbox (topic, record_key, ce_id, ce_type, ce_source, ce_subject, ce_time, ce_dataschema, payload,
                                traceparent, created_at)
            SELECT topic, record_key, ce_id, ce_type, ce_source, ce_subject, ce_time, ce_dataschema, payload, traceparent, created_at
              FROM moved ORDER BY outbox_id
            RETURNING id""";

    private Response submit(String district, String period, String comment) {
        String body = MAPPER.createObjectNode()
                .put("orgUnit", district)
                .put("period", period)
                .put("action", "SUBMIT")
                .put("comment", comment)
                .toString();
        return given().header(
                        "Authorization",
                        TestTokens.bearer(
                                TestTokens.named("bureau-" + district, List.of(district), "feed:" + sector.code())))
                .contentType(JSON)
                .body(body.getBytes(StandardCharsets.UTF_8))
                .post("/api/v1/approvals");
    }

    private OutboxMessage event(String key, String data) {
        return event(key, data.getBytes(StandardCharsets.UTF_8));
    }

    private OutboxMessage event(String key, byte[] data) {
        return new OutboxMessage(
                indicatorTopic,
                key,
                UUID.randomUUID(),
                "io.synergy.indicator.v1",
                "/test/outbox-parking",
                key,
                Instant.now(),
                "/schemas/indicator.v1.json",
                data,
                null);
    }

    private static List<Received> ofKey(List<Received> records, String key) {
        return records.stream().filter(r -> key.equals(r.key())).toList();
    }

    private JsonPath parkedCheck() {
        JsonPath health = given().get("/q/health/ready").then().extract().jsonPath();
        assertThat(health.getMap("checks.find { it.name == 'Outbox parked events' }"))
                .as("the Outbox parked events readiness check")
                .isNotNull();
        return health.setRootPath("checks.find { it.name == 'Outbox parked events' }");
    }
}
