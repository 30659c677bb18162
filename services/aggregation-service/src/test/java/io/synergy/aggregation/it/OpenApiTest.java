package io.synergy.aggregation.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.synergy.testsupport.OpenApiAssertions;
import io.synergy.testsupport.PlatformTestResource;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The aggregation's OpenAPI document lets a consumer generate a client: every operation of its read API (results, years,
 * the inventory) has a typed success schema and a problem schema for each error. The operations API and the dashboard
 * (/api/v1/ops, /api/v1/dashboard, the pages) moved to the console service and the registry's to the registry service:
 * their former paths only redirect here (asserted by MovedPathsTest). The document is kept as target/openapi.json for a linter (docs/api.md).
 */
@QuarkusTest
@WithTestResource(PlatformTestResource.class)
class OpenApiTest {

    // the dashboard's sign-in (/api/v1/session: starts and ends its cookie session) is the dashboard's, tested by
    // WebEdgeTest
    static final List<String> ELSEWHERE =
            List.of("/api/v1/ops", "/api/v1/dashboard", "/api/v1/session", "/api/v1/org-units");

    @Test
    void everyOperationOfTheReadApiHasATypedSuccessSchemaAndAProblemSchemaForItsErrors() throws Exception {
        JsonNode doc = OpenApiAssertions.document();
        int operations = OpenApiAssertions.assertEveryOperationIsTyped(
                doc, p -> p.startsWith("/api/v1/") && ELSEWHERE.stream().noneMatch(p::startsWith));
        // attainment, synergy, history, districts, units, effects, years, close, inventory (5 reads and the revision),
        // the assessment report (one operation: HTML or PDF by Accept)
        assertThat(operations).isEqualTo(14);
        assertThat(doc.at("/paths/~1api~1v1~1assessment~1report/get/responses/200/content")
                        .has("application/pdf"))
                .isTrue();
    }

    @Test
    void everyTableOffersTheCsvAndTheWorkbook() {
        assertThat(OpenApiAssertions.assertEveryTableOffersCsvAndXlsx(OpenApiAssertions.document()))
                .containsExactly(
                        "get /api/v1/attainment",
                        "get /api/v1/effects",
                        "get /api/v1/inventory",
                        "get /api/v1/synergy/districts",
                        "get /api/v1/synergy/history",
                        "get /api/v1/synergy/units");
    }

    @Test
    void theListsOfUnboundedSizePage() {
        JsonNode doc = OpenApiAssertions.document();
        for (String path : List.of("/api/v1/synergy/units", "/api/v1/years")) {
            List<String> parameters =
                    doc.path("paths").path(path).path("get").path("parameters").findValuesAsText("name");
            assertThat(parameters).as(path).contains("limit", "cursor");
            assertThat(doc.path("paths")
                            .path(path)
                            .path("get")
                            .path("responses")
                            .path("200")
                            .path("headers")
                            .has("Link"))
                    .as(path)
                    .isTrue();
        }
    }
}
