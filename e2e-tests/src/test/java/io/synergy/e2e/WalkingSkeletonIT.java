package io.synergy.e2e;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import io.restassured.RestAssured;
import io.restassured.config.JsonConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.path.json.config.JsonPathConfig;
import io.restassured.response.Response;
import io.synergy.model.orgunit.UnifiedSocialCreditCode;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * One report travels from the energy service through the real broker to the city's result: the foundation's
 * black-box test, over HTTP only, against the services started as processes.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
@Order(2)
class WalkingSkeletonIT {

    @BeforeAll
    static void platform() {
        RestAssured.config = RestAssuredConfig.config()
                .jsonConfig(JsonConfig.jsonConfig().numberReturnType(JsonPathConfig.NumberReturnType.DOUBLE));
        Platform.start();
    }

    @Test
    @Order(4)
    void theBuildingSectorReachesTheCityToo() {
        given().contentType("text/csv")
                .body("""
                report_id,source,district,period,data_element,value,unit
                e2e/building/370213/2024,qd-housing-bureau,370213,2024,building.energy.total,500000,tce
                e2e/building/370213/2024,qd-housing-bureau,370213,2024,building.energy.renewable,4,10^4 tce
                """)
                .post(url("building", "/api/v1/reports"))
                .then()
                .statusCode(201);
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            Map<String, Object> b1 = given().queryParam("period", "2024")
                    .get(url("aggregation", "/api/v1/attainment"))
                    .jsonPath()
                    .getMap("indicators.find { it.indicator == 'B1' }");
            assertThat((Double) b1.get("value")).isCloseTo(8.0, within(1e-9)); // 40,000 of 500,000 tce
        });
    }

    @Test
    @Order(5)
    void theRegistryServiceOwnsParksAndEnterprisesAndTheOldPathsRedirectToIt() {
        given().contentType("application/json")
                .body(Map.of("code", "370285P09", "level", "PARK", "zh", "莱西端到端园区", "parent", "370285"))
                .post(url("registry", "/api/v1/org-units"))
                .then()
                .statusCode(201)
                .header("Location", equalTo(url("registry", "/api/v1/org-units/370285P09")))
                .header("ETag", "\"1\"");
        String first17 = "91370285MA3E2E001";
        String enterprise = first17 + UnifiedSocialCreditCode.checkCharacter(first17);
        given().contentType("text/csv")
                .body("code,level,name_zh,name_en,parent,industry_section,industry_division,flags,closed\n" + enterprise
                        + ",ENTERPRISE,端到端企业,e2e enterprise,370285P09,C,26,KEY_POLLUTER,false\n")
                .post(url("registry", "/api/v1/org-units/import"))
                .then()
                .statusCode(200)
                .body("created", equalTo(1));
        // the energy service learns the enterprise from org-units.v1, then takes its report
        await().atMost(Duration.ofSeconds(60))
                .untilAsserted(() -> given().contentType("application/json")
                        .body("""
                {"reportId": "e2e/energy/enterprise/2022", "source": "qd-energy-stats", "orgUnit": "%s", "period": "2022",
                 "values": [{"dataElement": "energy.primary.total", "value": 10, "unit": "tce"}]}""".formatted(enterprise))
                        .post(url("energy", "/api/v1/reports"))
                        .then()
                        .statusCode(201));
        // the aggregation's former paths answer 308 to the registry service, path and query kept
        String location = given().redirects()
                .follow(false)
                .queryParam("parent", "370285")
                .get(url("aggregation", "/api/v1/org-units"))
                .then()
                .statusCode(308)
                .extract()
                .header("Location");
        assertThat(location).isEqualTo(url("registry", "/api/v1/org-units?parent=370285"));
        given().urlEncodingEnabled(false)
                .get(location)
                .then()
                .statusCode(200)
                .body("code", Matchers.hasItems("370285P09", enterprise));
    }

    @Test
    @Order(6)
    void thePlannerAllocatesATargetToADistrictByDocument() {
        String planner = "Bearer " + Platform.token("planner", "--name", "e2e-planner");
        String path = url("registry", "/api/v1/targets/T1/370283");
        Map<String, Object> allocation =
                Map.of("value", 45, "targetYear", 2025, "document", "平政发〔2025〕2号", "effectiveFrom", "2025-02-10");
        // operators run the platform; allocating a target is the planner's
        given().contentType("application/json")
                .body(allocation)
                .put(path)
                .then()
                .statusCode(403);
        given().header("Authorization", planner)
                .contentType("application/json")
                .body(allocation)
                .put(path)
                .then()
                .statusCode(201)
                .header("ETag", "\"1\"");
        // 平度 lies outside 中心城区: no T1 by default, its own from 2025
        Map<String, Object> query = Map.of("indicator", "T1", "orgUnit", "370283");
        given().queryParams(query)
                .queryParam("year", 2024)
                .get(url("registry", "/api/v1/targets"))
                .then()
                .statusCode(200)
                .body("[0].source", equalTo("NONE"));
        given().queryParams(query)
                .queryParam("year", 2025)
                .get(url("registry", "/api/v1/targets"))
                .then()
                .statusCode(200)
                .body("[0].source", equalTo("ALLOCATED"))
                .body("[0].value", equalTo(45.0))
                .body("[0].setBy", equalTo("e2e-planner"));
        // the aggregation reads it from targets.v1 (its group catches up) and names the target every attainment row is
        // judged by
        await().atMost(Duration.ofSeconds(60))
                .untilAsserted(() -> assertThat(given().get(url("console", "/api/v1/ops/consumers"))
                                .then()
                                .statusCode(200)
                                .extract()
                                .jsonPath()
                                .getLong("find { it.group == 'aggregation-service-targets' }.totalLag"))
                        .isZero());
        assertThat(e1("370202")).containsEntry("targetSource", "PLAN").containsEntry("targetDocument", "青环发〔2024〕18号");
    }

    @Test
    @Order(7)
    void theConsoleServesTheDashboardFromResultsV1AndTheOldPathsRedirectToIt() {
        // the console's view of results.v1 gives the dashboard what the aggregation's read API answers
        await().atMost(Duration.ofSeconds(60))
                .untilAsserted(() -> assertThat(given().queryParam("period", "2024")
                                .get(url("console", "/api/v1/dashboard/attainment"))
                                .then()
                                .statusCode(200)
                                .extract()
                                .jsonPath()
                                .getMap("$"))
                        .isEqualTo(given().queryParam("period", "2024")
                                .get(url("aggregation", "/api/v1/attainment"))
                                .then()
                                .statusCode(200)
                                .extract()
                                .jsonPath()
                                .getMap("$")));
        given().get(url("console", "/api/v1/dashboard/years"))
                .then()
                .statusCode(200)
                .body("years", Matchers.hasItem(2024));
        given().get(url("console", "/api/v1/ops/consumers"))
                .then()
                .statusCode(200)
                .body("find { it.group == 'aggregation-service' }.state", equalTo("STABLE"));
        // the aggregation's former pages and paths answer 308 to the console service, path and query kept
        for (String moved : List.of(
                "/", "/dashboard/dashboard.js", "/api/v1/ops/dead-letters?limit=1", "/api/v1/dashboard/years")) {
            assertThat(given().redirects()
                            .follow(false)
                            .urlEncodingEnabled(false)
                            .get(url("aggregation", moved))
                            .then()
                            .statusCode(308)
                            .extract()
                            .header("Location"))
                    .isEqualTo(url("console", moved));
        }
    }

    @AfterAll
    static void report() {
        StringBuilder sb = new StringBuilder("[e2e] resident memory (ps -o rss):");
        for (String s : Platform.PORTS.keySet()) {
            sb.append(' ').append(s).append('=').append(Platform.rssMiB(s)).append("MiB");
        }
        sb.append(" kafka=").append(Platform.rssMiB("kafka")).append("MiB");
        System.out.println(sb);
    }

    static String url(String service, String path) {
        return "http://127.0.0.1:" + Platform.PORTS.get(service) + path;
    }

    static void post(String district, double total, double nonfossil) {
        given().contentType("application/json")
                .body("""
                {"reportId": "e2e/energy/%s/2024", "source": "qd-energy-stats", "orgUnit": "%s", "period": "2024",
                 "values": [{"dataElement": "energy.primary.total", "value": %s, "unit": "tce"},
                            {"dataElement": "energy.primary.nonfossil", "value": %s, "unit": "tce"}]}""".formatted(district, district, total, nonfossil))
                .post(url("energy", "/api/v1/reports"))
                .then()
                .statusCode(201)
                .body("status", equalTo("ACCEPTED"));
    }

    static Map<String, Object> e1(String orgUnit) {
        Response r = given().queryParam("period", "2024")
                .queryParam("orgUnit", orgUnit)
                .get(url("aggregation", "/api/v1/attainment"));
        if (r.statusCode() != 200) {
            return null;
        }
        return r.jsonPath().getMap("indicators.find { it.indicator == 'E1' }");
    }

    @Test
    @Order(1)
    void everyServiceIsHealthyAndDescribesItself() {
        for (Map.Entry<String, Integer> s : Platform.PORTS.entrySet()) {
            given().get(url(s.getKey(), "/q/health/ready"))
                    .then()
                    .statusCode(200)
                    .body("status", equalTo("UP"));
            given().get(url(s.getKey(), "/q/openapi")).then().statusCode(200);
            assertThat(given().get(url(s.getKey(), "/q/metrics"))
                            .then()
                            .statusCode(200)
                            .extract()
                            .asString())
                    .contains("jvm_memory_used_bytes");
            if (!List.of("aggregation", "registry", "console").contains(s.getKey())) {
                given().get(url(s.getKey(), "/api/v1/catalog"))
                        .then()
                        .statusCode(200)
                        .body("sector", equalTo(s.getKey()));
                // the deployed services verify tokens with the key the run scripts made: no token, no data
                given().header("Authorization", "Bearer " + Platform.token("reader"))
                        .contentType("application/json")
                        .body("{}")
                        .post(url(s.getKey(), "/api/v1/reports"))
                        .then()
                        .statusCode(403);
            }
        }
    }

    @Test
    @Order(2)
    void oneReportReachesTheCityResult() {
        post("370202", 1000, 100); // 10 %
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            Map<String, Object> city = e1("370200");
            assertThat(city).isNotNull();
            assertThat((Double) city.get("value")).isCloseTo(10.0, within(1e-9));
            assertThat(city.get("target")).isEqualTo(15.0);
            assertThat(city.get("targetYear")).isEqualTo(2025);
            assertThat(city.get("status")).isNotNull();
        });
        assertThat((Double) e1("370202").get("value")).isCloseTo(10.0, within(1e-9));
    }

    @Test
    @Order(3)
    void aSecondDistrictMakesTheCityTheRatioOfSummedNumeratorsAndDenominators() {
        post("370211", 3000, 600); // 20 %
        double ratioOfSums = (100.0 + 600.0) / (1000.0 + 3000.0) * 100; // 17.5 %
        double meanOfRatios = (10.0 + 20.0) / 2; // 15 %: what a wrong aggregation would show
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> {
            Map<String, Object> city = e1("370200");
            assertThat((Double) city.get("value")).isCloseTo(ratioOfSums, within(1e-9));
            assertThat((Double) city.get("value")).isNotCloseTo(meanOfRatios, within(1e-3));
        });
    }
}
