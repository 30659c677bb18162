package io.synergy.e2e;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.restassured.RestAssured;
import io.restassured.config.JsonConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.path.json.config.JsonPathConfig;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * Two aggregation instances against the same broker and database share the work through the consumer group, and the
 * recompute lock makes one of them compute at a time: the results are complete, and no result version is published
 * twice.
 */
@Order(4)
class ScalingIT {

    static final ObjectMapper JSON = new ObjectMapper();

    @BeforeAll
    static void platform() {
        RestAssured.config = RestAssuredConfig.config()
                .jsonConfig(JsonConfig.jsonConfig().numberReturnType(JsonPathConfig.NumberReturnType.DOUBLE));
        Platform.start();
    }

    static String url(int port, String path) {
        return "http://127.0.0.1:" + port + path;
    }

    @Test
    void twoAggregationInstancesShareTheWorkWithoutDuplicatingResults() throws Exception {
        Process second = Platform.secondAggregation(8090);
        try {
            await().atMost(Duration.ofSeconds(120))
                    .ignoreExceptions()
                    .untilAsserted(() ->
                            given().get(url(8090, "/q/health/ready")).then().statusCode(200));
            // both instances are members of the one consumer group, each with some of the indicator partitions
            await().atMost(Duration.ofSeconds(60))
                    .untilAsserted(() ->
                            assertThat(groupMembers("aggregation-service")).isEqualTo(2));

            // the five sectors' reports for 2019…2024 of one district, so that every indicator topic partition gets
            // events
            double expectedB1 = 0;
            for (int year = 2024;
                    year >= 2020;
                    year--) { // latest first: 2024's result changes as its earlier years arrive
                String body = String.format(
                        Locale.ROOT,
                        "[{\"reportId\": \"scaling/%d\", \"source\": \"qd-housing-bureau\", \"orgUnit\": \"370215\", "
                                + "\"period\": \"%d\", \"values\": [{\"dataElement\": \"building.energy.total\", \"value\": 1000},"
                                + "{\"dataElement\": \"building.energy.renewable\", \"value\": %d},"
                                + "{\"dataElement\": \"building.roof.new\", \"value\": 500}, {\"dataElement\": \"building.roof.new.pv\", \"value\": %d}]}]",
                        year,
                        year,
                        50 + 10 * (year - 2020),
                        100 + 50 * (year - 2020));
                given().contentType("application/json")
                        .body(body)
                        .post(url(8083, "/api/v1/reports"))
                        .then()
                        .statusCode(201);
                // one recompute per report, served by either instance: every district result gets a new version each
                // time
                int y = year;
                int port = year % 2 == 0 ? 8080 : 8090;
                await().atMost(Duration.ofSeconds(60))
                        .untilAsserted(() -> given().queryParam("period", Integer.toString(y))
                                .queryParam("orgUnit", "370215")
                                .get(url(port, "/api/v1/attainment"))
                                .then()
                                .statusCode(200));
            }
            String district = "370215";
            // complete: either instance serves the same stored results, and they include every report
            for (int port : new int[] {8080, 8090}) {
                await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
                    Object b2 = given().queryParam("period", "2024")
                            .queryParam("orgUnit", district)
                            .get(url(port, "/api/v1/attainment"))
                            .jsonPath()
                            .get("indicators.find { it.indicator == 'B2' }.value");
                    assertThat(b2).isNotNull();
                    assertThat(((Number) b2).doubleValue()).isEqualTo(60.0); // 300 of 500 m²
                });
            }
            // not duplicated: no two different results ever carry the same (org unit, year, version) — which two
            // instances
            // computing at once would produce — and versions only go up. (The relays deliver at least once: an earlier
            // test's crash may have re-sent a record, identical, which is harmless and allowed.)
            Map<String, List<Long>> versions = new HashMap<>();
            Map<String, Map<Long, Set<String>>> contents = resultVersions(versions);
            assertThat(versions).containsKey(district + ":2024");
            assertThat(versions.get(district + ":2024"))
                    .as("2024's result was recomputed as earlier years arrived")
                    .hasSizeGreaterThan(2);
            versions.forEach((key, list) ->
                    assertThat(list).as("versions of %s in order", key).isSorted());
            contents.forEach((key, byVersion) -> byVersion.forEach((version, bodies) -> assertThat(bodies)
                    .as("results of %s version %d", key, version)
                    .hasSize(1)));
            System.out.printf(
                    "[scaling] 2 instances, %d result keys, %d result records, no two results with the same version%n",
                    versions.size(),
                    versions.values().stream().mapToInt(List::size).sum());
        } finally {
            second.destroy();
            second.waitFor();
        }
        // the remaining instance takes all partitions again
        await().atMost(Duration.ofSeconds(90))
                .untilAsserted(
                        () -> assertThat(groupMembers("aggregation-service")).isEqualTo(1));
    }

    static int groupMembers(String group) throws Exception {
        try (Admin admin = Admin.create(Platform.kafkaClient("admin"))) {
            ConsumerGroupDescription d =
                    admin.describeConsumerGroups(List.of(group)).all().get().get(group);
            return d.members().size();
        }
    }

    /** Every result record's version by key (in topic order), and the distinct contents seen for each (key, version). */
    static Map<String, Map<Long, Set<String>>> resultVersions(Map<String, List<Long>> versions) {
        // the test harness reads the results as the broker's administrator (no platform principal reads results.v1)
        Properties p = Platform.kafkaClient("admin");
        p.put(ConsumerConfig.GROUP_ID_CONFIG, "scaling-check-" + UUID.randomUUID());
        p.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
        p.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        p.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
        Map<String, Map<Long, Set<String>>> contents = new HashMap<>();
        try (KafkaConsumer<String, String> c = new KafkaConsumer<>(p)) {
            c.subscribe(List.of("results.v1"));
            int empty = 0;
            while (empty < 5) {
                var records = c.poll(Duration.ofMillis(500));
                empty = records.isEmpty() ? empty + 1 : 0;
                for (ConsumerRecord<String, String> r : records) {
                    try {
                        JsonNode v = JSON.readTree(r.value());
                        long version = v.path("version").asLong();
                        versions.computeIfAbsent(r.key(), k -> new ArrayList<>())
                                .add(version);
                        // computedAt differs between two computations of the same inputs: compare the whole document
                        contents.computeIfAbsent(r.key(), k -> new HashMap<>())
                                .computeIfAbsent(version, k -> new HashSet<>())
                                .add(r.value());
                    } catch (Exception e) {
                        throw new IllegalStateException(e);
                    }
                }
            }
        }
        return contents;
    }
}
