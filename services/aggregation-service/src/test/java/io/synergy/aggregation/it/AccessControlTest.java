package io.synergy.aggregation.it;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.jwt.auth.principal.JWTCallerPrincipalFactory;
import io.synergy.platform.security.CachingJwtCallerPrincipalFactory;
import io.synergy.testsupport.DefaultAuthorization;
import io.synergy.testsupport.PlatformTestResource;
import io.synergy.testsupport.TestTokens;
import jakarta.inject.Inject;
import java.util.List;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;

/** Reads need the reader role, operations the ops role; health and metrics stay open and reveal no data. */
@QuarkusTest
@WithTestResource(PlatformTestResource.class)
class AccessControlTest {

    @Inject
    JWTCallerPrincipalFactory principalFactory;

    static final List<String> READS = List.of(
            "/api/v1/attainment?period=2024",
            "/api/v1/synergy?period=2024",
            "/api/v1/synergy/history",
            "/api/v1/synergy/districts?period=2024",
            "/api/v1/effects?from=2023&to=2024",
            "/api/v1/years");

    private static String bearer(String... groups) {
        return TestTokens.bearer(TestTokens.token(groups));
    }

    @Test
    void readsWithoutAValidTokenAre401Problems() {
        for (String path : READS) {
            for (String authorization : List.of(
                    DefaultAuthorization.NONE,
                    "Bearer garbage",
                    TestTokens.bearer(TestTokens.expired("reader")),
                    TestTokens.bearer(TestTokens.signedByStranger("reader")))) {
                given().header("Authorization", authorization)
                        .get(path)
                        .then()
                        .statusCode(401)
                        .contentType(startsWith("application/problem+json"))
                        .header("WWW-Authenticate", startsWith("Bearer"))
                        .body("errors[0].field", equalTo("Authorization"));
            }
        }
    }

    @Test
    void tokensAreVerifiedThroughTheCachingFactory() {
        // the alternative replaces smallrye-jwt's default factory for the whole service (REST and feed messages)
        assertThat(principalFactory).isInstanceOf(CachingJwtCallerPrincipalFactory.class);
    }

    @Test
    void readsNeedTheReaderRole() {
        for (String path : READS) {
            given().header("Authorization", bearer("feed:energy"))
                    .get(path)
                    .then()
                    .statusCode(403)
                    .contentType(startsWith("application/problem+json"));
            // with the role, the answer is about the data (here: none for that year, or 400 for a missing parameter)
            given().header("Authorization", bearer("reader"))
                    .get(path)
                    .then()
                    .statusCode(Matchers.oneOf(200, 400, 404));
        }
    }

    @Test
    void operationsNeedTheOpsRole() {
        given().header("Authorization", bearer("reader"))
                .contentType("application/json")
                .body("{\"reason\": \"r\"}")
                .post("/api/v1/years/2024/close")
                .then()
                .statusCode(403);
        given().header("Authorization", DefaultAuthorization.NONE)
                .contentType("application/json")
                .body("{\"reason\": \"r\"}")
                .post("/api/v1/years/2024/close")
                .then()
                .statusCode(401);
    }

    @Test
    void healthMetricsOpenApiAndTheDashboardsRedirectStayOpen() {
        for (String path : List.of("/q/health/ready", "/q/health/live", "/q/metrics", "/q/openapi")) {
            given().header("Authorization", DefaultAuthorization.NONE)
                    .get(path)
                    .then()
                    .statusCode(200);
        }
        // the dashboard moved to the console service: its former address sends a browser there, token or not
        given().header("Authorization", DefaultAuthorization.NONE)
                .redirects()
                .follow(false)
                .get("/")
                .then()
                .statusCode(308);
    }
}
