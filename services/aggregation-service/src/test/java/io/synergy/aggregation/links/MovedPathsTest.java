package io.synergy.aggregation.links;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import io.synergy.testsupport.DefaultAuthorization;
import io.synergy.testsupport.PlatformTestResource;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Every path that moved to another service answers 308 here, to the same path and query under that service's base URL:
 * the registry's under synergy.links.registry, the console's (the ops API, the dashboard and "/") under
 * synergy.links.console (in tests https://registry.example.org/synergy/ and https://console.example.org/synergy/, bases
 * with a path and a trailing slash).
 */
@QuarkusTest
@WithTestResource(PlatformTestResource.class)
class MovedPathsTest {

    static final String BASE = "https://registry.example.org/synergy";
    static final String CONSOLE = "https://console.example.org/synergy";

    static RequestSpecification request() {
        return given().redirects().follow(false);
    }

    @Test
    void readsAreRedirectedWithTheirPathAndQuery() {
        request()
                .queryParam("level", "PARK")
                .queryParam("parent", "370211")
                .get("/api/v1/org-units")
                .then()
                .statusCode(308)
                .header("Location", equalTo(BASE + "/api/v1/org-units?level=PARK&parent=370211"));
        request()
                .get("/api/v1/org-units/91370211MA3D00101W")
                .then()
                .statusCode(308)
                .header("Location", equalTo(BASE + "/api/v1/org-units/91370211MA3D00101W"));
        // the query as sent, percent-encoding included
        request()
                .urlEncodingEnabled(false)
                .get("/api/v1/org-units?parent=370211&cursor=OTEz%3D&limit=2")
                .then()
                .statusCode(308)
                .header("Location", equalTo(BASE + "/api/v1/org-units?parent=370211&cursor=OTEz%3D&limit=2"));
    }

    @Test
    void writesAreRedirectedWithA308SoThatMethodAndBodyAreKept() {
        request()
                .contentType("application/json")
                .body("{\"code\": \"370211P01\", \"level\": \"PARK\", \"zh\": \"园区\", \"parent\": \"370211\"}")
                .post("/api/v1/org-units")
                .then()
                .statusCode(308)
                .header("Location", equalTo(BASE + "/api/v1/org-units"));
        request()
                .contentType("application/json")
                .body("{\"level\": \"PARK\", \"zh\": \"园区\", \"parent\": \"370211\"}")
                .put("/api/v1/org-units/370211P01")
                .then()
                .statusCode(308)
                .header("Location", equalTo(BASE + "/api/v1/org-units/370211P01"));
        request()
                .contentType("text/csv")
                .body("code,level,name_zh,name_en,parent,industry_section,industry_division,flags,closed\n")
                .post("/api/v1/org-units/import")
                .then()
                .statusCode(308)
                .header("Location", equalTo(BASE + "/api/v1/org-units/import"));
    }

    @Test
    void theOpenApiDocumentSaysThePathsMovedAndAnswer308() {
        var doc = given().queryParam("format", "json")
                .get("/q/openapi")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        for (String op : List.of("get", "post")) {
            assertThat(doc.getBoolean("paths.'/api/v1/org-units'." + op + ".deprecated"))
                    .isTrue();
            assertThat(doc.getMap("paths.'/api/v1/org-units'." + op + ".responses"))
                    .containsOnlyKeys("308");
        }
    }

    @Test
    void noTokenIsNeededToBeRedirected() {
        request()
                .header("Authorization", DefaultAuthorization.NONE)
                .get("/api/v1/org-units/370211P01")
                .then()
                .statusCode(308)
                .header("Location", equalTo(BASE + "/api/v1/org-units/370211P01"));
        request()
                .header("Authorization", "Bearer garbage")
                .contentType("application/json")
                .body("{}")
                .post("/api/v1/org-units")
                .then()
                .statusCode(308);
    }

    @Test
    void theDashboardAndTheOperationsApiAreRedirectedToTheConsoleService() {
        for (String path : List.of(
                "/",
                "/index.html",
                "/dashboard/dashboard.js",
                "/api/v1/ops/topics",
                "/api/v1/ops/consumers",
                "/api/v1/ops/dead-letters/replays?topic=feeds.energy.v1.dlq&limit=100",
                "/api/v1/ops/freshness?asOf=2025-04-01",
                "/api/v1/dashboard/years",
                "/api/v1/dashboard/changes")) {
            request()
                    .urlEncodingEnabled(false)
                    .header("Authorization", DefaultAuthorization.NONE)
                    .get(path)
                    .then()
                    .statusCode(308)
                    .header("Location", equalTo(CONSOLE + path));
        }
        request()
                .contentType("application/json")
                .body("{\"all\": true}")
                .post("/api/v1/ops/dead-letters/feeds.energy.v1.dlq/replay")
                .then()
                .statusCode(308)
                .header("Location", equalTo(CONSOLE + "/api/v1/ops/dead-letters/feeds.energy.v1.dlq/replay"));
        // the read API is not moved
        request().get("/api/v1/years").then().statusCode(200);
        request().get("/api/v1/opsx").then().statusCode(404);
    }
}
