package io.synergy.energy.outbox;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.path.json.JsonPath;
import io.smallrye.common.annotation.Identifier;
import io.synergy.model.catalogue.Sector;
import io.synergy.model.event.Topics;
import io.synergy.platform.outbox.OutboxMessage;
import io.synergy.platform.outbox.OutboxRelay;
import io.synergy.platform.outbox.OutboxWriter;
import io.synergy.testsupport.PlatformTestResource;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The defect of the scale run (docs/performance.md, "Scale: the run of 2026-12-01 02:39"): the heap ran out inside the
 * {@code outbox} channel's sending chain, SmallRye Reactive Messaging cancelled the relay emitter's subscription, and from then
 * on every relay run failed ({@code SRMSG00028}) while the rows stayed in the outbox — liveness said nothing. Now the
 * "Outbox relay" liveness check is DOWN, so the platform restarts the service. A send Kafka itself refuses does not cancel the
 * channel (it is nacked) and leaves liveness UP: a Kafka outage must never restart a service.
 */
@QuarkusTest
@TestProfile(OutboxChannelCancelledTest.HeapRunsOut.class)
@WithTestResource(PlatformTestResource.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class OutboxChannelCancelledTest {

    /** Its own application (the cancellation cannot be undone), with the interceptor that lets the heap run out once. */
    public static class HeapRunsOut implements QuarkusTestProfile {

        @Override
        public Set<Class<?>> getEnabledAlternatives() {
            return Set.of(HeapExhaustingOutboxInterceptor.class);
        }

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("synergy.outbox.send-timeout", "2s", "synergy.outbox.max-backoff", "1s");
        }
    }

    @Inject
    @Identifier("outbox")
    HeapExhaustingOutboxInterceptor heap;

    @Inject
    OutboxWriter writer;

    @Inject
    OutboxRelay relay;

    @Inject
    AgroalDataSource dataSource;

    private final String key = "outbox-cancelled-" + UUID.randomUUID();

    @AfterEach
    void removeRow() throws SQLException {
        for (String table : List.of("outbox", "outbox_parked")) {
            try (Connection c = dataSource.getConnection();
                    PreparedStatement ps = c.prepareStatement("DELETE FROM " + table + " WHERE record_key = ?")) {
                ps.setString(1, key);
                ps.executeUpdate();
            }
        }
    }

    /**
     * A send Kafka refuses is nacked: the channel stays subscribed, liveness UP; the row is parked (OutboxParkingTest) — written
     * as a derived event, since the writer refuses a client's event of that size at intake.
     */
    @Test
    @Order(1)
    void aFailedSendLeavesTheChannelSubscribed() {
        byte[] tooLarge = new byte[1_200_000]; // above the producer's max.request.size (1 MB): refused, not retried
        Arrays.fill(tooLarge, (byte) ' ');
        QuarkusTransaction.requiringNew().run(() -> writer.writeDerived(List.of(message(tooLarge))));

        await().atMost(Duration.ofSeconds(30)).until(() -> rowsParked() == 1);
        assertThat(relay.channelCancelled()).isFalse();
        assertThat(relayCheck().getString("status")).isEqualTo("UP");
    }

    @Test
    @Order(2)
    void anErrorInTheSendingChainStopsTheRelayForGoodAndLivenessSaysSo() throws SQLException {
        assertThat(relayCheck().getString("status")).isEqualTo("UP");

        heap.arm();
        write("{}".getBytes(StandardCharsets.UTF_8));

        // the relay sends the row; the heap "runs out" on its way to the sink, which cancels the emitter's subscription
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonPath check = relayCheck();
            assertThat(check.getString("status")).isEqualTo("DOWN");
            assertThat(check.getString("data.reason")).contains("cancelled");
        });
        given().get("/q/health/live").then().statusCode(503);

        // and it stays so: every later run fails, the row never leaves the outbox (the heap has long recovered)
        await().atMost(Duration.ofSeconds(10))
                .untilAsserted(() -> assertThatThrownBy(relay::relayBatch).hasMessageContaining("SRMSG00028"));
        assertThat(rowsWaiting()).isEqualTo(1);
        assertThat(relay.channelCancelled()).isTrue();
    }

    private void write(byte[] payload) {
        QuarkusTransaction.requiringNew().run(() -> writer.write(List.of(message(payload))));
    }

    private OutboxMessage message(byte[] payload) {
        return new OutboxMessage(
                Topics.indicators(Sector.ENERGY),
                key,
                UUID.randomUUID(),
                "io.synergy.indicator.v1",
                "/test/outbox-cancelled",
                key,
                Instant.now(),
                "/schemas/indicator.v1.json",
                payload,
                null);
    }

    private static JsonPath relayCheck() {
        JsonPath health = given().get("/q/health/live").then().extract().jsonPath();
        Map<String, Object> check = health.getMap("checks.find { it.name == 'Outbox relay' }");
        assertThat(check).as("the Outbox relay liveness check").isNotNull();
        return health.setRootPath("checks.find { it.name == 'Outbox relay' }");
    }

    private long rowsWaiting() throws SQLException {
        return rows("outbox");
    }

    private long rowsParked() throws SQLException {
        return rows("outbox_parked");
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
