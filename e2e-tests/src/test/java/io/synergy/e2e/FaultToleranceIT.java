package io.synergy.e2e;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.restassured.RestAssured;
import io.restassured.config.JsonConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.path.json.JsonPath;
import io.restassured.path.json.config.JsonPathConfig;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Nothing a client was told is accepted is lost or counted twice — through a Kafka outage, a sector service killed
 * with work in its outbox, the aggregation killed mid-stream, and a PostgreSQL restart under load. Each scenario
 * sends primary-waste-landfilled values (W2, a plain total) for its own year, one value per district and month, and
 * compares what the aggregation reports for the city with the sum of what was accepted, and the waste service's
 * stored reports with their count.
 */
@Order(3)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class FaultToleranceIT {

    static final List<String> DISTRICTS =
            List.of("370202", "370203", "370211", "370212", "370213", "370214", "370215", "370281", "370283", "370285");

    private static HttpClient http;
    private static String writer;

    @BeforeAll
    static void platform() {
        RestAssured.config = RestAssuredConfig.config()
                .jsonConfig(JsonConfig.jsonConfig().numberReturnType(JsonPathConfig.NumberReturnType.DOUBLE));
        Platform.start();
        http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
        writer = "Bearer " + Platform.token("feed:waste");
    }

    @AfterAll
    static void everythingRunsAgain() {
        Platform.kafka("start");
        Platform.services("start");
    }

    static String url(String service, String path) {
        return "http://127.0.0.1:" + Platform.PORTS.get(service) + path;
    }

    /** What the clients were told: accepted values by (district, month), and every other answer. */
    static final class Ledger {
        final Map<String, Double> accepted = new ConcurrentHashMap<>();
        final ConcurrentLinkedQueue<String> refused = new ConcurrentLinkedQueue<>();
        final AtomicInteger sent = new AtomicInteger();

        double sum() {
            return accepted.values().stream().mapToDouble(Double::doubleValue).sum();
        }
    }

    /** Posts the value of landfilled waste for one district and month; returns the HTTP status (0: no answer). */
    static int postLandfill(int year, int slot, double value, Ledger ledger) {
        String district = DISTRICTS.get(slot % DISTRICTS.size());
        int month = slot / DISTRICTS.size() + 1;
        String period = String.format(Locale.ROOT, "%d-%02d", year, month);
        String body = String.format(
                Locale.ROOT,
                "{\"reportId\": \"faults/%s/%s\", \"source\": \"qd-waste-mgmt\", \"orgUnit\": \"%s\", "
                        + "\"period\": \"%s\", \"values\": [{\"dataElement\": \"waste.domestic.landfilled\", \"value\": %s, \"unit\": \"t\"}]}",
                district,
                period,
                district,
                period,
                value);
        ledger.sent.incrementAndGet();
        try {
            HttpResponse<String> r = http.send(
                    HttpRequest.newBuilder(URI.create(url("waste", "/api/v1/reports")))
                            .timeout(Duration.ofSeconds(30))
                            .header("Content-Type", "application/json")
                            .header("Authorization", writer)
                            .POST(HttpRequest.BodyPublishers.ofString(body))
                            .build(),
                    HttpResponse.BodyHandlers.ofString());
            if (r.statusCode() == 201) {
                ledger.accepted.put(district + "/" + period, value);
            } else {
                ledger.refused.add(r.statusCode() + " "
                        + r.headers().firstValue("content-type").orElse("") + " " + r.body());
            }
            return r.statusCode();
        } catch (Exception e) {
            ledger.refused.add("no answer: " + e);
            return 0;
        }
    }

    /** Posts one value every {@code every} until {@code slots} values or {@code duration} are sent, whichever first. */
    static Ledger postSteadily(int year, int slots, Duration every, Duration duration, Runnable midway) {
        Ledger ledger = new Ledger();
        AtomicInteger slot = new AtomicInteger();
        ScheduledExecutorService clock = Executors.newSingleThreadScheduledExecutor();
        long start = System.nanoTime();
        clock.scheduleAtFixedRate(
                () -> {
                    int s = slot.getAndIncrement();
                    if (s < slots) {
                        postLandfill(year, s, 100 + s, ledger);
                    }
                },
                0,
                every.toMillis(),
                TimeUnit.MILLISECONDS);
        try {
            if (midway != null) {
                await().atMost(duration).until(() -> System.nanoTime() - start > duration.toNanos() / 4);
                midway.run();
            }
            await().atMost(duration.plusSeconds(60))
                    .until(() -> System.nanoTime() - start >= duration.toNanos() || slot.get() >= slots);
        } finally {
            clock.shutdown();
        }
        await().atMost(Duration.ofSeconds(60)).until(() -> clock.awaitTermination(1, TimeUnit.SECONDS));
        return ledger;
    }

    static Double cityLandfill(int year) {
        var r = given().queryParam("period", Integer.toString(year)).get(url("aggregation", "/api/v1/attainment"));
        if (r.statusCode() != 200) {
            return null;
        }
        Object v = r.jsonPath().get("indicators.find { it.indicator == 'W2' }.value");
        return v == null ? null : ((Number) v).doubleValue();
    }

    /** How many monthly values of landfilled waste the waste service stores for the year, over all districts. */
    static int storedValues(int year) {
        JsonPath c = given().queryParam("period", Integer.toString(year))
                .get(url("waste", "/api/v1/completeness"))
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        List<List<String>> periods = c.getList(
                "districts.collect { d -> d.dataElements.find { it.dataElement == 'waste.domestic.landfilled' }?.periods ?: [] }");
        return periods.stream().mapToInt(List::size).sum();
    }

    static void assertExactlyOnce(int year, Ledger ledger) {
        assertThat(ledger.accepted).as("accepted values").isNotEmpty();
        long waiting = System.nanoTime();
        await().atMost(Duration.ofSeconds(180)).untilAsserted(() -> {
            Double city = cityLandfill(year);
            assertThat(city)
                    .as("city W2 %d (accepted %d values summing to %s)", year, ledger.accepted.size(), ledger.sum())
                    .isNotNull();
            assertThat(city).isEqualTo(ledger.sum());
        });
        double converged = (System.nanoTime() - waiting) / 1e9;
        assertThat(storedValues(year)).isEqualTo(ledger.accepted.size());
        System.out.printf(
                Locale.ROOT,
                "[faults] %d: sent %d, accepted %d, refused %d, city W2 %.0f t = sum of accepted, %.1f s after the platform was back%n",
                year,
                ledger.sent.get(),
                ledger.accepted.size(),
                ledger.refused.size(),
                cityLandfill(year),
                converged);
    }

    @Test
    @Order(1)
    void aKafkaOutageOfTwentySecondsLosesNothing() {
        Platform.kafka("stop");
        Ledger ledger;
        try {
            ledger = postSteadily(2021, 120, Duration.ofMillis(200), Duration.ofSeconds(22), null);
        } finally {
            Platform.kafka("start");
        }
        // with Kafka away the sector service still answers: every report was accepted into its outbox
        assertThat(ledger.refused)
                .as("answers other than 201 during the outage")
                .isEmpty();
        assertThat(ledger.accepted).hasSizeGreaterThanOrEqualTo(100);
        assertExactlyOnce(2021, ledger);
    }

    @Test
    @Order(2)
    void aSectorServiceKilledBeforeItsOutboxWasPublishedLosesNothing() {
        Platform.kafka("stop");
        Ledger ledger = new Ledger();
        try {
            for (int s = 0; s < 30; s++) {
                postLandfill(2022, s, 200 + s, ledger);
            }
            assertThat(ledger.accepted).hasSize(30);
            Platform.services("kill", "waste"); // SIGKILL: the 30 reports' events are still in its outbox
        } finally {
            // the broker and the service start at the same time, as after a power cut: the service boots while Kafka is
            // still away, and its relay publishes the outbox once the broker is there
            Platform.concurrently(() -> Platform.kafka("start"), () -> Platform.services("start", "waste"));
        }
        assertExactlyOnce(2022, ledger);
    }

    @Test
    @Order(3)
    void theAggregationKilledMidStreamEndsWithTheResultsOfARunWithoutTheCrash() {
        Ledger ledger = new Ledger();
        for (int s = 0; s < 60; s++) {
            postLandfill(2023, s, 300 + s, ledger);
        }
        // kill it while it consumes: as soon as it has processed part of the stream
        await().atMost(Duration.ofSeconds(60)).until(() -> cityLandfill(2023) != null);
        Platform.services("kill", "aggregation");
        for (int s = 60; s < 120; s++) {
            postLandfill(2023, s, 300 + s, ledger);
        }
        Platform.services("start", "aggregation");
        assertExactlyOnce(2023, ledger);
        // the waste service's own city figure (from its stored values, no Kafka involved) is the run without a crash
        Object wasteCity = given().queryParam("period", "2023")
                .queryParam("district", "370200")
                .get(url("waste", "/api/v1/indicators"))
                .jsonPath()
                .get("orgUnits[0].indicators.find { it.code == 'W2' }.value");
        assertThat(((Number) wasteCity).doubleValue()).isEqualTo(cityLandfill(2023));
    }

    @Test
    @Order(4)
    void aPostgresRestartUnderLoadHealsByItselfAndLosesNothing() {
        Ledger ledger = postSteadily(
                2024, 110, Duration.ofMillis(100), Duration.ofSeconds(14), FaultToleranceIT::restartPostgres);
        // during the restart a request may be refused, but only with a clear answer: 503 problem, Retry-After
        assertThat(ledger.refused).allSatisfy(r -> assertThat(r).startsWith("503 application/problem+json"));
        // and once the database is back, the services write again without being restarted
        await().atMost(Duration.ofSeconds(60))
                .untilAsserted(
                        () -> assertThat(postLandfill(2024, 115, 999, ledger)).isEqualTo(201));
        assertExactlyOnce(2024, ledger);
    }

    static void restartPostgres() {
        try {
            Process p = new ProcessBuilder("pg_ctlcluster", "15", "main", "restart")
                    .redirectErrorStream(true)
                    .start();
            String out = new String(p.getInputStream().readAllBytes());
            assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
            assertThat(p.exitValue())
                    .as("pg_ctlcluster 15 main restart (needs root): %s", out)
                    .isZero();
        } catch (Exception e) {
            throw new IllegalStateException("could not restart PostgreSQL", e);
        }
    }
}
