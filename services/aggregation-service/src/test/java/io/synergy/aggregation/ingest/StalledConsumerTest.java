package io.synergy.aggregation.ingest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.synergy.aggregation.store.IndicatorTables;
import io.synergy.model.event.IndicatorEvent;
import io.synergy.testsupport.KafkaBroker;
import io.synergy.testsupport.KafkaTestClient;
import io.synergy.testsupport.PlatformTestResource;
import jakarta.inject.Inject;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A batch the database refuses for a while (here: the service's role loses INSERT on the facts table) is retried, and the
 * consumer says it is STALLED — partition, offset, reason, since — in the ops API and in readiness; liveness stays UP
 * past SmallRye's limit for an unacknowledged record (60 s by default), which used to close the consumer and fail
 * liveness (a restart loop). When the database takes writes again, the batch is stored: nothing lost. (Years 2013–2014.)
 *
 * <p>The test run sets the connector's limit to a second (application.properties, {@code %test}), so that the wait past
 * it takes seconds, not a minute: each channel turns the check off with its own {@code 0}, and a channel without it
 * fails here as it would fail after a minute in production.
 */
@QuarkusTest
@WithTestResource(PlatformTestResource.class)
class StalledConsumerTest {

    private static final ObjectMapper JSON = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    private static final KafkaTestClient KAFKA = new KafkaTestClient(KafkaBroker.bootstrapServers());
    /** SmallRye checks the records' age at every commit (auto.commit.interval.ms: its default, 5 s, as the channels keep). */
    private static final Duration AGE_CHECK_INTERVAL = Duration.ofSeconds(5);

    private static final String MAX_AGE = "throttled.unprocessed-record-max-age.ms";

    /** SmallRye's limit in the test run, for every channel that does not set its own. */
    @ConfigProperty(name = "mp.messaging.connector.smallrye-kafka." + MAX_AGE)
    int connectorMaxAgeMs;

    @Inject
    AgroalDataSource dataSource;

    @Inject
    IndicatorTables tables;

    @AfterEach
    void forget() throws Exception {
        PoisonRecordTest.forgetTestYears(dataSource, tables);
    }

    @AfterAll
    static void close() {
        KAFKA.close();
    }

    private void sql(String statement) throws Exception {
        try (Connection c = dataSource.getConnection();
                Statement s = c.createStatement()) {
            s.execute(statement);
        }
    }

    private long revision(int year) throws Exception {
        return PoisonRecordTest.revision(dataSource, "E1", "370212", year);
    }

    @Test
    void everyThrottledChannelTurnsTheAgeCheckOff() {
        // each channel that commits with SmallRye's throttled strategy (its default) says 0 itself: none relies on the
        // connector's limit, the test run's second or production's minute
        Config config = ConfigProvider.getConfig();
        List<String> channels = StreamSupport.stream(config.getPropertyNames().spliterator(), false)
                .filter(n -> n.startsWith("mp.messaging.incoming.") && n.endsWith(".connector"))
                .map(n -> n.substring("mp.messaging.incoming.".length(), n.length() - ".connector".length()))
                .filter(c -> config.getOptionalValue("mp.messaging.incoming." + c + ".commit-strategy", String.class)
                        .orElse("throttled")
                        .equals("throttled"))
                .toList();
        assertThat(channels).contains("indicators", "targets", "approvals", "projects", "pilots");
        assertThat(connectorMaxAgeMs).isPositive();
        for (String c : channels) {
            assertThat(config.getOptionalValue("mp.messaging.incoming." + c + "." + MAX_AGE, Integer.class))
                    .as("%s of channel %s", MAX_AGE, c)
                    .hasValueSatisfying(age -> assertThat(age).isLessThanOrEqualTo(0));
        }
    }

    @Test
    void aBatchTheDatabaseRefusesIsRetriedAndReportedStalledThenStoredWithNothingLost() throws Exception {
        sql("REVOKE INSERT ON indicator_fact FROM CURRENT_USER");
        try {
            for (int year : new int[] {2013, 2014}) {
                IndicatorEvent e = PoisonRecordTest.event("energy", "E1", "370212", year, 1);
                KAFKA.send("indicators.energy.v1", e.key(), JSON.writeValueAsString(e), Map.of());
            }
            // the consumer's state is its readiness (the console's ops API shows the group's lag from the cluster)
            await().atMost(Duration.ofSeconds(30))
                    .untilAsserted(() -> given().get("/q/health/ready")
                            .then()
                            .statusCode(503)
                            .body("checks.find { it.name == 'Indicator consumer' }.status", equalTo("DOWN"))
                            .body("checks.find { it.name == 'Indicator consumer' }.data.state", equalTo("STALLED"))
                            .body(
                                    "checks.find { it.name == 'Indicator consumer' }.data.positions",
                                    containsString("indicators.energy.v1-"))
                            .body("checks.find { it.name == 'Indicator consumer' }.data.since", notNullValue())
                            .body(
                                    "checks.find { it.name == 'Indicator consumer' }.data.reason",
                                    containsString("permission denied")));
            assertThat(given().get("/q/metrics").then().extract().asString())
                    .contains("synergy_consumer_stalled{group=\"aggregation-service\"} 1.0");
            // the batch stays unacknowledged for longer than SmallRye's limit (and two of its checks), and liveness
            // stays UP all along
            Duration pastTheLimit = Duration.ofMillis(connectorMaxAgeMs).plus(AGE_CHECK_INTERVAL.multipliedBy(2));
            await().pollInterval(Duration.ofSeconds(1))
                    .during(pastTheLimit)
                    .atMost(pastTheLimit.plusSeconds(15))
                    .untilAsserted(() -> {
                        given().get("/q/health/live").then().statusCode(200);
                        assertThat(revision(2013)).isEqualTo(-1);
                    });
        } finally {
            // PostgreSQL is shared with other test runs, some of which restart it: give the right back whatever happens
            await().atMost(Duration.ofSeconds(60)).ignoreExceptions().until(() -> {
                sql("GRANT INSERT ON indicator_fact TO CURRENT_USER");
                return true;
            });
        }
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            assertThat(revision(2013)).isEqualTo(1);
            assertThat(revision(2014)).isEqualTo(1);
        });
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> given().get("/q/health/ready")
                        .then()
                        .statusCode(200)
                        .body("checks.find { it.name == 'Indicator consumer' }.data.state", equalTo("RUNNING"))
                        .body("checks.find { it.name == 'Indicator consumer' }.data.lastBatchAt", notNullValue()));
        given().get("/q/health/live").then().statusCode(200);
    }
}
