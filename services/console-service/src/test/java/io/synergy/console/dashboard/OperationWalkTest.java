package io.synergy.console.dashboard;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.synergy.testsupport.KafkaBroker;
import io.synergy.testsupport.OpenApiAssertions;
import io.synergy.testsupport.OperationWalk;
import io.synergy.testsupport.PlatformTestResource;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Every operation of the console with every media type it declares (an empty body of each type it accepts), never a
 * server error (issue 16): on the dashboard's data set (2020–2024 closed, a partial 2025 and a 2026 without pollution
 * data: years with missing values) and on a year without any (2031). The dashboard's event stream
 * ({@code /api/v1/dashboard/changes}) is left out: it answers for as long as the client listens (WebEdgeTest reads it).
 */
@QuarkusTest
@WithTestResource(PlatformTestResource.class)
class OperationWalkTest {

    /** Every path of the console's API but the event stream. */
    static final String[] PATHS = {
        "/api/v1/ops/",
        "/api/v1/session",
        "/api/v1/dashboard/years",
        "/api/v1/dashboard/synergy",
        "/api/v1/dashboard/attainment",
        "/api/v1/dashboard/effects"
    };

    @Test
    void everyOperationAnswersEveryMediaTypeItDeclaresWithoutAServerError() throws Exception {
        try (DashboardDataSet data = new DashboardDataSet(KafkaBroker.bootstrapServers())) {
            data.publishBaseline();
            data.closeYears();
            data.publishPartialYear();
            data.publishYearWithoutPollution();
        }
        await().atMost(Duration.ofSeconds(60))
                .untilAsserted(() -> given().queryParam("period", DashboardDataSet.LAST)
                        .get("/api/v1/dashboard/attainment")
                        .then()
                        .statusCode(200));
        JsonNode document = OpenApiAssertions.document();
        for (int year : List.of(2024, DashboardDataSet.PARTIAL, DashboardDataSet.UNCOMPUTABLE, 2031)) {
            String y = Integer.toString(year);
            OperationWalk.assertNoServerError(OperationWalk.walk(
                    document,
                    Map.of(
                            "period",
                            y,
                            "year",
                            y,
                            "from",
                            Integer.toString(year - 1),
                            "to",
                            y,
                            "orgUnit",
                            "370200",
                            "topic",
                            "feeds.energy.v1.dlq",
                            "sector",
                            "energy"),
                    PATHS));
        }
    }
}
