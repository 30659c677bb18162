package io.synergy.aggregation.rest;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.synergy.model.event.EventKind;
import io.synergy.model.event.IndicatorEvent;
import io.synergy.testsupport.KafkaBroker;
import io.synergy.testsupport.KafkaTestClient;
import io.synergy.testsupport.PlatformTestResource;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * The read API's kept answers (issue 19): an answer is computed once per result version and shared, so a new report must
 * still change what the next read returns, a kept "no data" included; and readers polling while a report arrives each see
 * whole answers of one version or the next, never a newer one and then an older one again. Years 2021 and 2022 of district 370211
 * are this class's own (no other test reports them).
 */
@QuarkusTest
@WithTestResource(PlatformTestResource.class)
class KeptAnswersTest {

    private static final String DISTRICT = "370211";

    @Inject
    ObjectMapper json;

    private final KafkaTestClient kafka = new KafkaTestClient(KafkaBroker.bootstrapServers());

    private void publishE1(int year, double percent, long revision) throws Exception {
        IndicatorEvent e = new IndicatorEvent(
                UUID.randomUUID().toString(),
                "energy",
                EventKind.INDICATOR,
                "E1",
                DISTRICT,
                Integer.toString(year),
                percent,
                percent * 10,
                1000.0,
                "%",
                revision,
                true,
                "test",
                Instant.now());
        kafka.send(
                "indicators.energy.v1",
                e.key(),
                json.writeValueAsString(e),
                Map.of("ce_id", e.eventId(), "ce_type", "cn.qingdao.synergy.indicator.v1"));
    }

    private Response attainment(int year, String accept) {
        return given().accept(accept)
                .queryParam("period", Integer.toString(year))
                .queryParam("orgUnit", DISTRICT)
                .get("/api/v1/attainment");
    }

    /** The district's E1 of the year as the JSON answer says it, or null while there is none. */
    private Double e1(Response r) throws Exception {
        if (r.statusCode() != 200) {
            return null;
        }
        for (JsonNode row : json.readTree(r.asByteArray()).path("indicators")) {
            if ("E1".equals(row.path("indicator").asText())) {
                return row.path("value").asDouble();
            }
        }
        return null;
    }

    @Test
    void aReportChangesWhatTheNextReadReturns() throws Exception {
        // asked twice before the district reported: a 404 when no test reported the year yet, else an answer without
        // this figure — kept either way, like any answer
        assertThat(Optional.ofNullable(e1(attainment(2022, "application/json"))))
                .isNotEqualTo(Optional.of(12.0));
        assertThat(Optional.ofNullable(e1(attainment(2022, "application/json"))))
                .isNotEqualTo(Optional.of(12.0));

        publishE1(2022, 12.0, 1);
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() ->
                        assertThat(e1(attainment(2022, "application/json"))).isEqualTo(12.0));
        // the CSV is the same kept answer, rendered from it
        String csv =
                attainment(2022, "text/csv").then().statusCode(200).extract().asString();
        assertThat(csv).contains("E1").contains("12");

        publishE1(2022, 17.0, 2);
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() ->
                        assertThat(e1(attainment(2022, "application/json"))).isEqualTo(17.0));
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() ->
                        assertThat(attainment(2022, "text/csv").asString()).contains("17"));
    }

    @Test
    void concurrentReadersSeeWholeAnswersThatNeverGoBack() throws Exception {
        publishE1(2021, 20.0, 1);
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() ->
                        assertThat(e1(attainment(2021, "application/json"))).isEqualTo(20.0));

        int readers = 8;
        AtomicBoolean reported = new AtomicBoolean();
        ExecutorService pool = Executors.newFixedThreadPool(readers);
        List<Future<List<Double>>> seen = new ArrayList<>();
        try {
            for (int i = 0; i < readers; i++) {
                seen.add(pool.submit(() -> {
                    List<Double> values = Collections.synchronizedList(new ArrayList<>());
                    // each reader polls until it has seen the new figure (at most the await's time)
                    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
                    while (System.nanoTime() < until) {
                        Response r = attainment(2021, "application/json");
                        assertThat(r.statusCode()).isEqualTo(200);
                        Double v = e1(r);
                        values.add(v);
                        if (reported.get() && Double.valueOf(25.0).equals(v)) {
                            break;
                        }
                    }
                    return values;
                }));
            }
            publishE1(2021, 25.0, 2);
            reported.set(true);
            for (Future<List<Double>> f : seen) {
                List<Double> values = f.get(60, TimeUnit.SECONDS);
                assertThat(values).as("every answer is of one version").isSubsetOf(20.0, 25.0);
                assertThat(values).as("the new figure was seen").endsWith(25.0);
                int firstNew = values.indexOf(25.0);
                assertThat(values.subList(firstNew, values.size()))
                        .as("once the new figure is served, never the old one again")
                        .containsOnly(25.0);
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
