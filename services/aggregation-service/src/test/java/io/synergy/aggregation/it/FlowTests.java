package io.synergy.aggregation.it;

import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.restassured.RestAssured;
import io.restassured.config.JsonConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.path.json.config.JsonPathConfig;
import io.synergy.model.catalogue.Sector;
import io.synergy.model.event.CloudEventTypes;
import io.synergy.model.event.EventKind;
import io.synergy.model.event.IndicatorEvent;
import io.synergy.model.event.Topics;
import io.synergy.testsupport.KafkaTestClient;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;

/**
 * What the aggregation's flow tests that feed its topics and read its results share (OfficialViewFlowTest,
 * TargetAllocationFlowTest, projects' ProjectsFlowTest): the events' JSON, a fact of T1 on the indicators' topic, the
 * dead letters of one run by kind, and the stored results once no recompute is pending.
 */
public final class FlowTests {

    /** The events' JSON as the services write it: times as ISO-8601 strings. */
    public static final ObjectMapper JSON = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private FlowTests() {}

    /** The answers' numbers read as doubles, as the module's flow tests read them (RestAssured's setting is static). */
    public static void numbersAsDoubles() {
        RestAssured.config = RestAssuredConfig.config()
                .jsonConfig(JsonConfig.jsonConfig().numberReturnType(JsonPathConfig.NumberReturnType.DOUBLE));
    }

    /** A whole year's fact of T1 (transport, percent) for the district, revision 1, reported by {@code source/district}. */
    public static void publishT1(KafkaTestClient kafka, String source, String district, int year, double percent)
            throws Exception {
        publishT1(kafka, source, district, year, percent, 1);
    }

    /** As {@link #publishT1(KafkaTestClient, String, String, int, double)}, as the given revision of the figure. */
    public static void publishT1(
            KafkaTestClient kafka, String source, String district, int year, double percent, long revision)
            throws Exception {
        IndicatorEvent e = new IndicatorEvent(
                UUID.randomUUID().toString(),
                "transport",
                EventKind.INDICATOR,
                "T1",
                district,
                Integer.toString(year),
                percent,
                percent * 1e4,
                1e6,
                "%",
                revision,
                true,
                source + "/" + district,
                Instant.now());
        kafka.sendBytes(
                Topics.indicators(Sector.TRANSPORT),
                e.key(),
                JSON.writeValueAsBytes(e),
                Map.of("ce_id", e.eventId(), "ce_type", CloudEventTypes.INDICATOR));
    }

    /**
     * The headers of the dead letters on {@code topic} whose value names {@code run}, by their {@code dead-letter-kind},
     * once {@code count} of them have arrived.
     */
    public static Map<String, Map<String, String>> deadLettersByKind(
            KafkaTestClient kafka, String topic, String run, int count, Duration timeout) {
        List<KafkaTestClient.Received> letters = kafka.readUntil(
                topic,
                rs -> rs.stream()
                                .filter(r -> r.value() != null && r.value().contains(run))
                                .count()
                        == count,
                timeout);
        Map<String, Map<String, String>> byKind = new HashMap<>();
        letters.stream()
                .filter(r -> r.value() != null && r.value().contains(run))
                .forEach(r -> byKind.put(r.headers().get("dead-letter-kind"), r.headers()));
        return byKind;
    }

    /** The first column of the first row {@code sql} answers, e.g. a count. */
    public static long count(DataSource dataSource, String sql) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(sql);
                ResultSet rs = ps.executeQuery()) {
            rs.next();
            return rs.getLong(1);
        }
    }

    /**
     * Once no recompute is pending, the versions of the stored results {@code sql} selects as (key, version) rows, by key.
     */
    public static Map<String, Long> settledVersions(DataSource dataSource, String sql, Duration timeout) {
        await().atMost(timeout).until(() -> count(dataSource, "SELECT count(*) FROM recompute_request") == 0);
        Map<String, Long> versions = new HashMap<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(sql);
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                versions.put(rs.getString(1), rs.getLong(2));
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
        return versions;
    }
}
