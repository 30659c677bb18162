package io.synergy.e2e;

import static io.restassured.RestAssured.given;
import static io.synergy.e2e.WalkingSkeletonIT.url;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import io.restassured.RestAssured;
import io.restassured.config.JsonConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.path.json.JsonPath;
import io.restassured.path.json.config.JsonPathConfig;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * Issue 15, a year of the reporting cycle walked through the real processes: the energy bureau of 城阳区 (370214) reports
 * its 2024 figures and submits them, the district's reviewer approves them, the city's energy bureau accepts them. The
 * latest view has the figure from the report on; the official view has it only from the acceptance — not after the
 * submission, not after the district's approval — and every answer counts the data sets accepted. The console's dashboard
 * shows the same official figure from results.v1.
 */
@Order(7)
class ReportingCycleIT {

    private static final String DISTRICT = "370214";
    private static final String YEAR = "2024";
    private static final Duration PATIENCE = Duration.ofSeconds(90);

    @BeforeAll
    static void platform() {
        RestAssured.config = RestAssuredConfig.config()
                .jsonConfig(JsonConfig.jsonConfig().numberReturnType(JsonPathConfig.NumberReturnType.DOUBLE));
        Platform.start();
    }

    /** The district's E1 (non-fossil share) and the count of its data sets in a view, from the aggregation. */
    private static JsonPath attainment(String view) {
        return given().queryParam("period", YEAR)
                .queryParam("orgUnit", DISTRICT)
                .queryParam("view", view)
                .get(url("aggregation", "/api/v1/attainment"))
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }

    private static Object e1(JsonPath a) {
        return a.get("indicators.find { it.indicator == 'E1' }.value");
    }

    private static void act(String token, String action) {
        given().header("Authorization", "Bearer " + token)
                .contentType("application/json")
                .body(Map.of("orgUnit", DISTRICT, "period", YEAR, "action", action))
                .post(url("energy", "/api/v1/approvals"))
                .then()
                .statusCode(200)
                .body("orgUnit", equalTo(DISTRICT));
    }

    /**
     * The aggregation has read every transition published so far: its approvals group has no lag (it commits a record's
     * offset only once the record is stored).
     */
    private static void aggregationHasReadEveryTransition() {
        await().atMost(PATIENCE)
                .untilAsserted(() -> assertThat(given().get(url("console", "/api/v1/ops/consumers"))
                                .then()
                                .statusCode(200)
                                .extract()
                                .jsonPath()
                                .getLong("find { it.group == 'aggregation-service-approvals' }.totalLag"))
                        .isZero());
    }

    @Test
    void theOfficialFigureAppearsOnlyWhenTheCityAccepts() {
        // 1. the bureau reports: 25 % non-fossil
        String bureau = Platform.token("feed:energy", "--name", "e2e-chengyang-energy-bureau");
        given().header("Authorization", "Bearer " + bureau)
                .contentType("application/json")
                .body("""
                {"reportId": "e2e/cycle/energy/%s/%s", "source": "qd-energy-stats", "orgUnit": "%s", "period": "%s",
                 "values": [{"dataElement": "energy.primary.total", "value": 2000, "unit": "tce"},
                            {"dataElement": "energy.primary.nonfossil", "value": 500, "unit": "tce"}]}""".formatted(DISTRICT, YEAR, DISTRICT, YEAR))
                .post(url("energy", "/api/v1/reports"))
                .then()
                .statusCode(201);
        await().atMost(PATIENCE).untilAsserted(() -> {
            JsonPath latest = attainment("latest");
            assertThat((Double) e1(latest)).isCloseTo(25.0, within(1e-9));
            assertThat(latest.getInt("dataSets.expected")).isEqualTo(5);
        });
        JsonPath reported = attainment("official");
        assertThat(e1(reported)).as("official before any sign-off").isNull();
        assertThat(reported.getInt("dataSets.accepted")).isZero();

        // 2. the bureau submits: still not official
        act(bureau, "SUBMIT");
        // 3. the district's reviewer approves: still not official
        act(Platform.token("reviewer:energy", "--districts", DISTRICT, "--name", "e2e-chengyang-reviewer"), "APPROVE");
        aggregationHasReadEveryTransition();
        JsonPath approved = attainment("official");
        assertThat(e1(approved)).as("official after the district's approval").isNull();
        assertThat(approved.getInt("dataSets.accepted")).isZero();
        assertThat((Double) e1(attainment("latest"))).isCloseTo(25.0, within(1e-9));

        // 4. the city's energy bureau accepts: the official figure appears, counted
        act(Platform.token("approver:energy", "--name", "e2e-city-energy-bureau"), "ACCEPT");
        await().atMost(PATIENCE).untilAsserted(() -> {
            JsonPath official = attainment("official");
            assertThat(e1(official)).as("official after the city's acceptance").isNotNull();
            assertThat((Double) e1(official)).isCloseTo(25.0, within(1e-9));
            assertThat(official.getInt("dataSets.accepted")).isEqualTo(1);
            assertThat(official.getInt("dataSets.expected")).isEqualTo(5);
        });
        assertThat((Double) e1(attainment("latest"))).isCloseTo(25.0, within(1e-9));
        // the city counts it among all its districts' data sets
        JsonPath city = given().queryParam("period", YEAR)
                .queryParam("view", "official")
                .get(url("aggregation", "/api/v1/attainment"))
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertThat(city.getInt("dataSets.accepted")).isGreaterThanOrEqualTo(1);
        assertThat(city.getInt("dataSets.expected")).isEqualTo(50);

        // 5. the console's dashboard shows the same official figure, from results.v1
        await().atMost(PATIENCE).untilAsserted(() -> {
            JsonPath console = given().queryParam("period", YEAR)
                    .queryParam("orgUnit", DISTRICT)
                    .queryParam("view", "official")
                    .get(url("console", "/api/v1/dashboard/attainment"))
                    .then()
                    .statusCode(200)
                    .extract()
                    .jsonPath();
            assertThat((Double) e1(console)).isCloseTo(25.0, within(1e-9));
            assertThat(console.getInt("dataSets.accepted")).isEqualTo(1);
            assertThat(console.getString("view")).isEqualTo("official");
        });
    }
}
