package io.synergy.aggregation.it;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.oneOf;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.synergy.testsupport.DefaultAuthorization;
import io.synergy.testsupport.PlatformTestResource;
import io.synergy.testsupport.TestTokens;
import java.util.List;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;

/**
 * The aggregation's web edge (issue 17): tokens are for this deployment (audience), an endpoint without an access
 * annotation is refused, the session cookie (platform-kit's SessionCookie) authorises reads only, and the answers carry a
 * Content-Security-Policy. The dashboard's session and pages are the console service's (its WebEdgeTest).
 */
@QuarkusTest
@WithTestResource(PlatformTestResource.class)
class WebEdgeTest {

    @Test
    void aTokenForAnotherDeploymentIsRefusedLikeAForeignOne() {
        String other = TestTokens.bearer(TestTokens.forAudience("synergy-staging", "reader", "ops"));
        for (String path : List.of("/api/v1/years", "/api/v1/inventory/factors")) {
            given().header("Authorization", other)
                    .get(path)
                    .then()
                    .statusCode(401)
                    .contentType(startsWith("application/problem+json"))
                    .header("WWW-Authenticate", startsWith("Bearer"));
        }
        // the same roles for this deployment
        given().header("Authorization", TestTokens.bearer(TestTokens.token("reader")))
                .get("/api/v1/years")
                .then()
                .statusCode(oneOf(200, 404));
    }

    @Test
    void anEndpointWithoutAnAccessAnnotationIsRefusedToEveryone() {
        given().header("Authorization", DefaultAuthorization.NONE)
                .get("/api/v1/test-only/unannotated")
                .then()
                .statusCode(401);
        given().header("Authorization", TestTokens.bearer(TestTokens.token("reader", "ops")))
                .get("/api/v1/test-only/unannotated")
                .then()
                .statusCode(403)
                .body(not(Matchers.containsString("nobody should read this")));
    }

    @Test
    void theCookieAuthorisesReadsButNoWrite() {
        String ops = TestTokens.token("reader", "ops");
        given().header("Authorization", DefaultAuthorization.NONE)
                .cookie("synergy_token", ops)
                .get("/api/v1/years")
                .then()
                .statusCode(oneOf(200, 404));
        // the same token as a cookie on writes: unauthenticated, nothing done
        given().header("Authorization", DefaultAuthorization.NONE)
                .cookie("synergy_token", ops)
                .contentType("application/json")
                .body("{\"reason\": \"a cookie alone\"}")
                .post("/api/v1/years/1990/close")
                .then()
                .statusCode(401);
        // with the header, the write is judged on its merits (1990 has no results to close)
        given().header("Authorization", TestTokens.bearer(ops))
                .contentType("application/json")
                .body("{\"reason\": \"with the header\"}")
                .post("/api/v1/years/1990/close")
                .then()
                .statusCode(not(401));
    }

    @Test
    void theAnswersSendAContentSecurityPolicy() {
        // the API's answers carry it; Quarkus' own pages under /q are left alone
        assertThat(given().get("/api/v1/years").getHeader("Content-Security-Policy"))
                .isNotNull();
        assertThat(given().header("Authorization", DefaultAuthorization.NONE)
                        .get("/q/health/ready")
                        .getHeader("Content-Security-Policy"))
                .isNull();
    }
}
