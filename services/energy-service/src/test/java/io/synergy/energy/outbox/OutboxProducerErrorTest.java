package io.synergy.energy.outbox;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.agroal.api.AgroalDataSource;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.synergy.model.catalogue.Sector;
import io.synergy.model.event.Topics;
import io.synergy.platform.outbox.OutboxMessage;
import io.synergy.platform.outbox.OutboxWriter;
import io.synergy.testsupport.KafkaBroker;
import io.synergy.testsupport.KafkaTestClient;
import io.synergy.testsupport.KafkaTestClient.Received;
import io.synergy.testsupport.PlatformTestResource;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The defect of the scale run (docs/performance.md, "Scale: the run of 2026-12-01 02:39"): the heap ran out inside the
 * outbox's sending chain and publishing stopped until a restart, while the rows stayed in the outbox. The relay now owns its
 * Kafka producer: an {@link Error} on the way — on the relay's thread, or on the producer's I/O thread, which it ends — costs
 * that producer only. The relay closes it, the rows wait in order, and the next run publishes them through a new one: no
 * restart, and liveness never had to say anything. A send Kafka itself refuses only parks its row (OutboxParkingTest).
 */
@QuarkusTest
@TestProfile(OutboxProducerErrorTest.HeapRunsOut.class)
@WithTestResource(PlatformTestResource.class)
class OutboxProducerErrorTest {

    /** Its own application: the producer with the interceptor that lets the heap run out, short timeouts. */
    public static class HeapRunsOut implements QuarkusTestProfile {

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of(
                    "synergy.outbox.producer.\"interceptor.classes\"",
                    FailingProducerInterceptor.class.getName(),
                    "synergy.outbox.send-timeout",
                    "4s",
                    "synergy.outbox.max-backoff",
                    "1s");
        }
    }

    @Inject
    OutboxWriter writer;

    @Inject
    AgroalDataSource dataSource;

    @Inject
    MeterRegistry metrics;

    private final String key = "outbox-producer-error-" + UUID.randomUUID();

    @AfterEach
    void removeRows() throws SQLException {
        for (String table : List.of("outbox", "outbox_parked")) {
            try (Connection c = dataSource.getConnection();
                    PreparedStatement ps = c.prepareStatement("DELETE FROM " + table + " WHERE record_key = ?")) {
                ps.setString(1, key);
                ps.executeUpdate();
            }
        }
    }

    @Test
    void anErrorAsARecordIsHandedToTheProducerCostsTheProducerNotThePublishing() throws SQLException {
        double failuresBefore = relayFailures();
        FailingProducerInterceptor.armOnSend();
        UUID id = write();

        awaitPublished(id); // by the next run's new producer
        await().atMost(Duration.ofSeconds(30)).until(() -> rows("outbox") == 0);
        assertThat(relayFailures()).as("the run the Error failed").isGreaterThan(failuresBefore);
        assertThat(rows("outbox_parked")).isZero();
        given().get("/q/health/live").then().statusCode(200);
    }

    @Test
    void anErrorOnTheProducersIoThreadCostsTheProducerNotThePublishing() {
        double failuresBefore = relayFailures();
        FailingProducerInterceptor.armOnAcknowledgement();
        UUID first = write();

        // the acknowledgement never reaches the relay (the I/O thread ended): the batch times out, the producer is
        // replaced, and the row is sent again (at least once: the broker may hold it twice, consumers keep one)
        await().atMost(Duration.ofSeconds(60)).until(() -> relayFailures() > failuresBefore);
        UUID second = write();
        awaitPublished(first);
        awaitPublished(second);
        await().atMost(Duration.ofSeconds(30)).until(() -> rows("outbox") == 0);
        given().get("/q/health/live").then().statusCode(200);
    }

    private double relayFailures() {
        return metrics.counter("synergy.outbox.failures").count();
    }

    private UUID write() {
        UUID id = UUID.randomUUID();
        QuarkusTransaction.requiringNew()
                .run(() -> writer.write(List.of(message(id, "{}".getBytes(StandardCharsets.UTF_8)))));
        return id;
    }

    private OutboxMessage message(UUID id, byte[] payload) {
        return new OutboxMessage(
                Topics.indicators(Sector.ENERGY),
                key,
                id,
                "io.synergy.indicator.v1",
                "/test/outbox-producer-error",
                key,
                Instant.now(),
                "/schemas/indicator.v1.json",
                payload,
                null);
    }

    /** Waits until the event with this {@code ce_id} is on the topic. */
    private static void awaitPublished(UUID id) {
        try (KafkaTestClient kafka = new KafkaTestClient(KafkaBroker.bootstrapServers())) {
            List<Received> read = kafka.readUntil(
                    Topics.indicators(Sector.ENERGY),
                    rs -> rs.stream()
                            .anyMatch(r -> id.toString().equals(r.headers().get("ce_id"))),
                    Duration.ofSeconds(60));
            assertThat(read).as("event %s on the topic", id).isNotEmpty();
        }
    }

    private long rows(String table) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement("SELECT count(*) FROM " + table + " WHERE record_key = ?")) {
            ps.setString(1, key);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }
}
