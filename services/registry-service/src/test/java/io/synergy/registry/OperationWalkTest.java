package io.synergy.registry;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.synergy.testsupport.DefaultAuthorization;
import io.synergy.testsupport.OpenApiAssertions;
import io.synergy.testsupport.OperationWalk;
import io.synergy.testsupport.PlatformTestResource;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Every operation of the registry with every media type it declares (JSON, CSV, XLSX; an empty body of each type it
 * accepts), on the demo-free test data and on a year without any: never a server error (issue 16).
 */
@QuarkusTest
@WithTestResource(PlatformTestResource.class)
class OperationWalkTest {

    @AfterEach
    void forgetToken() {
        RestAssured.replaceFiltersWith(List.of());
    }

    @Test
    void everyListAndImportOffersTheCsvAndTheWorkbook() {
        assertThat(OpenApiAssertions.assertEveryTableOffersCsvAndXlsx(OpenApiAssertions.document()))
                .containsExactly(
                        "get /api/v1/deadlines",
                        "get /api/v1/org-units",
                        "get /api/v1/pilots",
                        "get /api/v1/projects",
                        "get /api/v1/projects/progress",
                        "get /api/v1/targets",
                        "post /api/v1/org-units/import (body)",
                        "post /api/v1/pilots/import (body)",
                        "post /api/v1/projects/import (body)",
                        "post /api/v1/targets/import (body)");
    }

    @Test
    void everyOperationAnswersEveryMediaTypeItDeclaresWithoutAServerError() throws Exception {
        JsonNode document = new ObjectMapper()
                .readTree(given().queryParam("format", "json")
                        .get("/q/openapi")
                        .then()
                        .statusCode(200)
                        .extract()
                        .asString());
        RestAssured.replaceFiltersWith(DefaultAuthorization.as("reader", "ops", "planner"));
        for (String year : List.of("2024", "2031")) {
            OperationWalk.assertNoServerError(OperationWalk.walk(
                    document,
                    Map.of(
                            "period",
                            year,
                            "year",
                            year,
                            "orgUnit",
                            "370200",
                            "code",
                            "no-such-code",
                            "indicator",
                            "E1",
                            "sector",
                            "energy",
                            "periodType",
                            "QUARTER"),
                    "/api/v1/"));
        }
    }
}
