package io.synergy.aggregation.it;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.closeTo;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.config.JsonConfig;
import io.restassured.config.RestAssuredConfig;
import io.restassured.path.json.config.JsonPathConfig;
import io.synergy.model.event.EventKind;
import io.synergy.model.event.IndicatorEvent;
import io.synergy.testsupport.KafkaBroker;
import io.synergy.testsupport.KafkaTestClient;
import io.synergy.testsupport.PlatformTestResource;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Indicator events on the real broker → facts → recomputed results, served and published. */
@QuarkusTest
@WithTestResource(PlatformTestResource.class)
class AggregationFlowTest {

    @Inject
    ObjectMapper json;

    @BeforeAll
    static void doubles() {
        RestAssured.config = RestAssuredConfig.config()
                .jsonConfig(JsonConfig.jsonConfig().numberReturnType(JsonPathConfig.NumberReturnType.DOUBLE));
    }

    private final KafkaTestClient kafka = new KafkaTestClient(KafkaBroker.bootstrapServers());

    private void publish(String code, String district, int year, double num, double den, long revision)
            throws Exception {
        IndicatorEvent e = new IndicatorEvent(
                UUID.randomUUID().toString(),
                "energy",
                EventKind.INDICATOR,
                code,
                district,
                Integer.toString(year),
                100 * num / den,
                num,
                den,
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

    @Test
    void cityValueIsTheRatioOfSummedNumeratorsAndIsPublished() throws Exception {
        publish("E1", "370203", 2019, 100, 1000, 1); // 10 % (a year before the base year: kept as a fact, no result)
        publish("E1", "370203", 2023, 100, 1000, 1); // 10 %
        publish("E1", "370214", 2023, 600, 3000, 1); // 20 %
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> given().queryParam("period", "2023")
                        .get("/api/v1/attainment")
                        .then()
                        .statusCode(200)
                        .body("indicators.find { it.indicator == 'E1' }.value", closeTo(700.0 / 4000 * 100, 1e-9))
                        .body("indicators.find { it.indicator == 'E1' }.target", equalTo(15.0))
                        .body("indicators.find { it.indicator == 'E1' }.targetYear", equalTo(2025)));
        given().queryParam("period", "2023")
                .queryParam("orgUnit", "370214")
                .get("/api/v1/attainment")
                .then()
                .statusCode(200)
                .body("indicators.find { it.indicator == 'E1' }.value", closeTo(20.0, 1e-9));

        // a lower revision arriving late and a duplicate change nothing; a higher one does
        publish("E1", "370214", 2023, 900, 3000, 1);
        publish("E1", "370214", 2023, 1200, 3000, 2); // 40 %
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> given().queryParam("period", "2023")
                        .queryParam("orgUnit", "370214")
                        .get("/api/v1/attainment")
                        .then()
                        .body("indicators.find { it.indicator == 'E1' }.value", closeTo(40.0, 1e-9)));
        publish("E1", "370214", 2023, 300, 3000, 1);
        publish("E1", "370214", 2023, 1200, 3000, 2);
        given().queryParam("period", "2023")
                .queryParam("orgUnit", "370214")
                .get("/api/v1/attainment")
                .then()
                .body("indicators.find { it.indicator == 'E1' }.value", closeTo(40.0, 1e-9));

        var results = kafka.readUntil(
                "results.v1", rs -> rs.stream().anyMatch(r -> "370200:2023".equals(r.key())), Duration.ofSeconds(30));
        var city = results.stream()
                .filter(r -> "370200:2023".equals(r.key()))
                .reduce((a, b) -> b)
                .orElseThrow();
        assertThat(city.headers())
                .containsEntry("ce_type", "cn.qingdao.synergy.result.v1")
                .containsKey("ce_id");
        assertThat(json.readTree(city.value()).path("result").path("orgUnit").asText())
                .isEqualTo("370200");
    }

    @Test
    void aYearWithoutDataIsANotFoundProblem() {
        given().queryParam("period", "1999")
                .get("/api/v1/attainment")
                .then()
                .statusCode(404)
                .contentType("application/problem+json")
                .body("title", equalTo("No data"));
        given().queryParam("period", "2024Q3")
                .get("/api/v1/attainment")
                .then()
                .statusCode(400)
                .contentType("application/problem+json")
                .body("errors[0].field", equalTo("period"));
        given().queryParam("period", "2024")
                .queryParam("orgUnit", "999999")
                .get("/api/v1/synergy")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("orgUnit"));
    }

    /** The assessment report (issue 16) shows the read API's figures of the same year, as a page and as a PDF. */
    @Test
    void theAssessmentReportShowsTheApiFiguresAsAPageAndAsAPdf() throws Exception {
        publish("E1", "370203", 2023, 100, 1000, 1);
        publish("E1", "370214", 2023, 600, 3000, 1);
        double e1 = await().atMost(Duration.ofSeconds(30))
                .until(
                        () -> given().queryParam("period", "2023")
                                .get("/api/v1/attainment")
                                .then()
                                .statusCode(200)
                                .extract()
                                .jsonPath()
                                .getDouble("indicators.find { it.indicator == 'E1' }.value"),
                        v -> v > 0);
        String figure = String.format(Locale.ROOT, "%.2f", e1);

        String page = given().accept("text/html")
                .queryParam("period", "2023")
                .get("/api/v1/assessment/report")
                .then()
                .statusCode(200)
                .header("Content-Security-Policy", Matchers.containsString("default-src 'none'"))
                .extract()
                .asString();
        assertThat(page).contains("青岛市 2023 年度减污降碳协同增效评估考核报告", "一、目标完成情况", "<svg");
        assertThat(page.substring(page.indexOf("<td>E1 "))).as("the E1 row").contains(figure);

        byte[] pdf = given().accept("application/pdf")
                .queryParam("period", "2023")
                .get("/api/v1/assessment/report")
                .then()
                .statusCode(200)
                .extract()
                .asByteArray();
        try (PDDocument document = Loader.loadPDF(pdf)) {
            assertThat(new PDFTextStripper().getText(document).replaceAll("\\s+", ""))
                    .contains("年度减污降碳协同增效评估考核报告", figure);
        }
        given().accept("text/html")
                .queryParam("period", "1999")
                .get("/api/v1/assessment/report")
                .then()
                .statusCode(404);
        given().accept("application/pdf")
                .queryParam("period", "x")
                .get("/api/v1/assessment/report")
                .then()
                .statusCode(400);
    }
}
