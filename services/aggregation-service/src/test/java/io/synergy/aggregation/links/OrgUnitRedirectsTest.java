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
 * Every path of the registry that moved to the registry service answers 308 here, to the same path and query under
 * synergy.links.registry (in tests https://registry.example.org/synergy/, a base with a path and a trailing slash).
 */
@QuarkusTest
@WithTestResource(PlatformTestResource.class)
class OrgUnitRedirectsTest {

    static final String BASE = "https://registry.example.org/synergy";

    static RequestSpecification request() {
        return given().redirects().follow(false);
    }

    @Test
    void readsAreRedirectedWithTheirPathAndQuery() {
        request().queryParam("level", "PARK").queryParam("parent", "370211").get("/api/v1/org-units").then().statusCode(308)
                .header("Location", equalTo(BASE + "/api/v1/org-units?level=PARK&parent=370211"));
        request().get("/api/v1/org-units/91370211MA3D00101W").then().statusCode(308)
                .header("Location", equalTo(BASE + "/api/v1/org-units/91370211MA3D00101W"));
        // the query as sent, percent-encoding included
        request().urlEncodingEnabled(false).get("/api/v1/org-units?parent=370211&cursor=OTEz%3D&limit=2").then().statusCode(308)
                .header("Location", equalTo(BASE + "/api/v1/org-units?parent=370211&cursor=OTEz%3D&limit=2"));
    }

    @Test
    void writesAreRedirectedWithA308SoThatMethodAndBodyAreKept() {
        request().contentType("application/json").body("{\"code\": \"370211P01\", \"level\": \"PARK\", \"zh\": \"园区\", \"parent\": \"370211\"}")
                .post("/api/v1/org-units").then().statusCode(308).header("Location", equalTo(BASE + "/api/v1/org-units"));
        request().contentType("application/json").body("{\"level\": \"PARK\", \"zh\": \"园区\", \"parent\": \"370211\"}")
                .put("/api/v1/org-units/370211P01").then().statusCode(308).header("Location", equalTo(BASE + "/api/v1/org-units/370211P01"));
        request().contentType("text/csv").body("code,level,name_zh,name_en,parent,industry_section,industry_division,flags,closed\n")
                .post("/api/v1/org-units/import").then().statusCode(308).header("Location", equalTo(BASE + "/api/v1/org-units/import"));
    }

    @Test
    void theOpenApiDocumentSaysThePathsMovedAndAnswer308() {
        var doc = given().queryParam("format", "json").get("/q/openapi").then().statusCode(200).extract().jsonPath();
        for (String op : List.of("get", "post")) {
            assertThat(doc.getBoolean("paths.'/api/v1/org-units'." + op + ".deprecated")).isTrue();
            assertThat(doc.getMap("paths.'/api/v1/org-units'." + op + ".responses")).containsOnlyKeys("308");
        }
    }

    @Test
    void noTokenIsNeededToBeRedirected() {
        request().header("Authorization", DefaultAuthorization.NONE).get("/api/v1/org-units/370211P01").then().statusCode(308)
                .header("Location", equalTo(BASE + "/api/v1/org-units/370211P01"));
        request().header("Authorization", "Bearer garbage").contentType("application/json").body("{}").post("/api/v1/org-units").then()
                .statusCode(308);
    }
}
