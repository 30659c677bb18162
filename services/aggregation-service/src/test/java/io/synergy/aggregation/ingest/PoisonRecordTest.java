package io.synergy.aggregation.ingest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.synergy.aggregation.store.IndicatorTables;
import io.synergy.model.catalogue.Sector;
import io.synergy.model.event.EventKind;
import io.synergy.model.event.IndicatorEvent;
import io.synergy.model.event.Topics;
import io.synergy.testsupport.KafkaBroker;
import io.synergy.testsupport.KafkaTestClient;
import io.synergy.testsupport.PlatformTestResource;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Issue 13: a record on an indicator topic that the consumer cannot store must not stall it. Each kind of bad record is
 * followed by a good one, which must reach the facts within seconds; the bad one is on indicators.v1.dlq with its
 * reason, listed by the ops API (browse only), and health stays UP. (Years 2001–2012, which no other test uses.)
 */
@QuarkusTest
@WithTestResource(PlatformTestResource.class)
class PoisonRecordTest {

    private static final ObjectMapper JSON = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    private static final KafkaTestClient KAFKA = new KafkaTestClient(KafkaBroker.bootstrapServers());
    private static final Duration SECONDS = Duration.ofSeconds(15);

    @Inject
    AgroalDataSource dataSource;

    @Inject
    IndicatorTables tables;

    @AfterAll
    static void close() {
        KAFKA.close();
    }

    static IndicatorEvent event(String sector, String code, String district, int year, long revision) {
        return new IndicatorEvent(
                UUID.randomUUID().toString(),
                sector,
                EventKind.INDICATOR,
                code,
                district,
                Integer.toString(year),
                10.0 * revision,
                100.0 * revision,
                1000.0,
                "%",
                revision,
                true,
                "poison-test/" + year,
                Instant.now());
    }

    private static byte[] edited(IndicatorEvent e, Consumer<ObjectNode> edit) {
        ObjectNode n = JSON.valueToTree(e);
        edit.accept(n);
        return n.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void send(String topic, String key, byte[] value) {
        KAFKA.sendBytes(topic, key, value, Map.of("ce_type", "cn.qingdao.synergy.indicator.v1"));
    }

    /**
     * Removes the facts of the years 1991–2014, which only the ingest tests use: the freshness and dashboard tests of the
     * module count the years each district reported. The shared table of the facts is built anew (it is brought up to
     * date with written facts only, and these are deleted behind its back).
     */
    static void forgetTestYears(AgroalDataSource dataSource, IndicatorTables tables) throws Exception {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps =
                        c.prepareStatement("DELETE FROM indicator_fact WHERE year BETWEEN 1991 AND 2014")) {
            ps.executeUpdate();
        }
        tables.rebuild();
    }

    @AfterEach
    void forget() throws Exception {
        forgetTestYears(dataSource, tables);
    }

    /** The stored revision of a fact, or -1 if there is none. */
    static long revision(AgroalDataSource dataSource, String code, String district, int year) throws Exception {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(
                        "SELECT revision FROM indicator_fact WHERE code = ? AND org_unit = ? AND year = ?")) {
            ps.setString(1, code);
            ps.setString(2, district);
            ps.setInt(3, year);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getLong(1) : -1;
            }
        }
    }

    @Test
    void everyKindOfBadRecordIsSetAsideAndTheNextGoodOneIsStored() throws Exception {
        String run = UUID.randomUUID().toString().substring(0, 8);
        Map<String, byte[]> bad = new LinkedHashMap<>();
        bad.put("event-id", edited(event("energy", "E1", "370202", 2001, 1), n -> n.put("eventId", "not-a-uuid")));
        bad.put("sector", edited(event("energy", "E1", "370202", 2001, 1), n -> n.put("sector", "transport")));
        bad.put("code", edited(event("energy", "T1", "370202", 2001, 1), n -> {}));
        bad.put("org-unit", edited(event("energy", "E1", "370299", 2001, 1), n -> {}));
        bad.put("period", edited(event("energy", "E1", "370202", 2001, 1), n -> n.put("period", "2024Q3")));
        bad.put(
                "number",
                new String(edited(event("energy", "E1", "370202", 2001, 1), n -> {}), StandardCharsets.UTF_8)
                        .replace("\"numerator\":100.0", "\"numerator\":1e400")
                        .getBytes(StandardCharsets.UTF_8));
        bad.put(
                "revision",
                edited(event("energy", "E1", "370202", 2001, 1), n -> n.put("revision", 9_000_000_000_000L)));
        bad.put("revision-negative", edited(event("energy", "E1", "370202", 2001, 1), n -> n.put("revision", -1)));
        bad.put("not-json", "E1;370202;2001;10.0".getBytes(StandardCharsets.UTF_8));
        bad.put("not-utf8", new byte[] {'{', (byte) 0xC3, (byte) 0x28, '}'});
        bad.put("empty", null);

        int year = 2001;
        for (Map.Entry<String, byte[]> b : bad.entrySet()) {
            send(Topics.indicators(Sector.ENERGY), "poison-" + run + "-" + b.getKey(), b.getValue());
            IndicatorEvent good = event("energy", "E1", "370203", year, 2);
            send("indicators.energy.v1", good.key(), JSON.writeValueAsBytes(good));
            int y = year;
            await().atMost(SECONDS)
                    .untilAsserted(() -> assertThat(revision(dataSource, "E1", "370203", y))
                            .as("the good event after '%s'", b.getKey())
                            .isEqualTo(2));
            year++;
        }

        List<KafkaTestClient.Received> letters = KAFKA.readUntil(
                Topics.INDICATORS_DEAD_LETTERS,
                rs -> rs.stream()
                                .filter(r -> r.key() != null && r.key().startsWith("poison-" + run))
                                .count()
                        == bad.size(),
                SECONDS);
        Map<String, KafkaTestClient.Received> byKind = new LinkedHashMap<>();
        letters.stream()
                .filter(r -> r.key() != null && r.key().startsWith("poison-" + run))
                .forEach(r -> byKind.put(r.key().substring(("poison-" + run + "-").length()), r));
        assertThat(byKind.get("event-id").headers())
                .containsEntry("dead-letter-kind", "event-id")
                .containsEntry("dead-letter-field", "eventId")
                .containsEntry("dead-letter-topic", "indicators.energy.v1")
                .containsKey("dead-letter-partition")
                .containsKey("dead-letter-offset")
                .containsEntry("dead-letter-service", "aggregation-service")
                .containsEntry("ce_type", "cn.qingdao.synergy.indicator.v1");
        assertThat(byKind.get("event-id").headers().get("dead-letter-reason")).startsWith("eventId: ");
        assertThat(byKind.get("event-id").value()).isEqualTo(new String(bad.get("event-id"), StandardCharsets.UTF_8));
        assertThat(byKind.get("sector").headers()).containsEntry("dead-letter-kind", "sector");
        assertThat(byKind.get("code").headers()).containsEntry("dead-letter-kind", "code");
        assertThat(byKind.get("org-unit").headers()).containsEntry("dead-letter-kind", "org-unit");
        assertThat(byKind.get("period").headers()).containsEntry("dead-letter-kind", "period");
        assertThat(byKind.get("number").headers())
                .containsEntry("dead-letter-kind", "number")
                .containsEntry("dead-letter-field", "numerator");
        assertThat(byKind.get("revision").headers()).containsEntry("dead-letter-kind", "revision");
        assertThat(byKind.get("revision-negative").headers()).containsEntry("dead-letter-kind", "revision");
        assertThat(byKind.get("not-json").headers()).containsEntry("dead-letter-kind", "not-json");
        assertThat(byKind.get("not-utf8").headers()).containsEntry("dead-letter-kind", "not-json");
        assertThat(byKind.get("empty").headers()).containsEntry("dead-letter-kind", "empty");
        assertThat(byKind.get("empty").value()).isNull();

        // the console's ops API lists the topic, browse only (its tests, and ReplayTargetTest: never replayed)

        // counted by kind
        String metrics =
                given().get("/q/metrics").then().statusCode(200).extract().asString();
        assertThat(metrics)
                .containsPattern(
                        "synergy_dead_letters_total\\{[^}]*kind=\"event-id\"[^}]*topic=\"indicators.v1.dlq\"[^}]*} [1-9]");

        // nothing of this flips health
        given().get("/q/health/live").then().statusCode(200);
        given().get("/q/health/ready")
                .then()
                .statusCode(200)
                .body("checks.find { it.name == 'Indicator consumer' }.data.state", equalTo("RUNNING"));
    }
}
