package io.synergy.e2e;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.CommonClientConfigs;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * The trust boundaries of the running platform (issue 17), as anyone on the machine meets them: the broker kafka.sh starts
 * takes no unauthenticated client (what `kcat -P -t alerts.v1` did before), a bureau's principal may write its own feed —
 * and its message is stored — but not the platform's topics, and a service's database role reads its own schema only.
 */
@Order(6)
class TrustBoundaryIT {

    @BeforeAll
    static void platform() {
        Platform.start();
        Platform.authenticateAsEverything();
    }

    @Test
    void anUnauthenticatedClientCannotWriteTheAlerts() {
        Properties anonymous = new Properties();
        anonymous.put(CommonClientConfigs.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:9092");
        Throwable refused = send(anonymous, "alerts.v1", "forged", "{\"alert\":\"forged\"}", null);
        assertThat(refused).isInstanceOf(TimeoutException.class);
    }

    @Test
    void aBureauWritesItsOwnFeedEndToEndButNotThePlatformsTopics() {
        Properties bureau = Platform.kafkaClient("bureau-energy");
        for (String topic :
                List.of("alerts.v1", "results.v1", "indicators.energy.v1", "org-units.v1", "feeds.transport.v1")) {
            assertThat(send(bureau, topic, "forged", "{}", null))
                    .as(topic)
                    .isInstanceOf(TopicAuthorizationException.class);
        }
        String reportId = "e2e/energy/kafka-principal/370215/2013";
        String report = """
                {"reportId": "%s", "source": "e2e-energy-bureau", "orgUnit": "370215", "period": "2013",
                 "values": [{"dataElement": "energy.primary.total", "value": 1200, "unit": "tce"},
                            {"dataElement": "energy.primary.nonfossil", "value": 120, "unit": "tce"}]}""".formatted(reportId);
        assertThat(send(
                        bureau,
                        "feeds.energy.v1",
                        reportId,
                        report,
                        "Bearer " + Platform.token("feed:energy", "--name", "e2e-energy-bureau")))
                .isNull();
        await().atMost(Duration.ofSeconds(60))
                .untilAsserted(() -> assertThat(
                                given().get(WalkingSkeletonIT.url("energy", "/api/v1/reports/" + reportId))
                                        .then()
                                        .statusCode(200)
                                        .extract()
                                        .jsonPath()
                                        .getString("revisions[0].channel"))
                        .isEqualTo("KAFKA"));
    }

    @Test
    void aServicesDatabaseRoleReadsItsOwnSchemaOnly() throws SQLException {
        String url = "jdbc:postgresql://127.0.0.1:5432/synergy_e2e";
        try (Connection energy = DriverManager.getConnection(url, "synergy_energy", "synergy_energy");
                Statement st = energy.createStatement()) {
            try (ResultSet rs = st.executeQuery("SELECT count(*) FROM energy.report")) {
                assertThat(rs.next()).isTrue();
            }
            assertThatThrownBy(() -> st.executeQuery("SELECT count(*) FROM aggregation.indicator_fact"))
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("permission denied");
            assertThatThrownBy(() -> st.execute("CREATE SCHEMA intruder"))
                    .isInstanceOf(SQLException.class)
                    .hasMessageContaining("permission denied");
        }
    }

    /** Produces one record; {@code null} once the broker acknowledged it, else why it did not. */
    private static Throwable send(Properties client, String topic, String key, String value, String authorization) {
        Properties p = new Properties();
        p.putAll(client);
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "5000");
        p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "10000");
        p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, "5000");
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(p)) {
            ProducerRecord<String, String> r = new ProducerRecord<>(topic, key, value);
            if (authorization != null) {
                r.headers().add("authorization", authorization.getBytes(StandardCharsets.UTF_8));
            }
            producer.send(r).get(30, TimeUnit.SECONDS);
            return null;
        } catch (ExecutionException e) {
            return e.getCause();
        } catch (Exception e) {
            return e;
        }
    }
}
