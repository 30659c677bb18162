package io.synergy.console.dashboard;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.oneOf;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.synergy.testsupport.DefaultAuthorization;
import io.synergy.testsupport.PlatformTestResource;
import io.synergy.testsupport.TestTokens;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.URL;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * The dashboard's web edge (issue 17), on the console service that serves it: tokens are for this deployment (audience),
 * the dashboard's session cookie is the server's (HttpOnly, SameSite=Strict, Secure over TLS) and authorises reads and the
 * event stream only, and the pages send a Content-Security-Policy that allows no inline script. The aggregation's own
 * WebEdgeTest covers its API.
 */
@QuarkusTest
@WithTestResource(PlatformTestResource.class)
class WebEdgeTest {

    private static final String SESSION = "/api/v1/session";

    @TestHTTPResource("/")
    URL root;

    @Test
    void aTokenForAnotherDeploymentIsRefusedLikeAForeignOne() {
        String other = TestTokens.bearer(TestTokens.forAudience("synergy-staging", "reader", "ops"));
        for (String path : List.of("/api/v1/dashboard/years", "/api/v1/ops/topics")) {
            given().header("Authorization", other)
                    .get(path)
                    .then()
                    .statusCode(401)
                    .contentType(startsWith("application/problem+json"))
                    .header("WWW-Authenticate", startsWith("Bearer"));
        }
        given().header("Authorization", other).post(SESSION).then().statusCode(401);
        // the same roles for this deployment
        given().header("Authorization", TestTokens.bearer(TestTokens.token("reader")))
                .get("/api/v1/dashboard/years")
                .then()
                .statusCode(oneOf(200, 404));
    }

    @Test
    void theSessionCookieIsTheServersHttpOnlyStrictAndSecureOverTls() {
        String token = TestTokens.token("reader");
        Response plain =
                given().header("Authorization", TestTokens.bearer(token)).post(SESSION);
        plain.then().statusCode(200).body("subject", equalTo("test-reader")).body("roles", equalTo(List.of("reader")));
        List<String> attributes = attributes(plain.getHeader("Set-Cookie"));
        assertThat(attributes.get(0)).isEqualTo("synergy_token=" + token);
        assertThat(attributes).contains("Path=/", "HttpOnly", "SameSite=Strict").doesNotContain("Secure");
        long maxAge = Long.parseLong(attributes.stream()
                .filter(a -> a.startsWith("Max-Age="))
                .findFirst()
                .orElseThrow()
                .substring(8));
        assertThat(maxAge).as("as long as the token (an hour)").isBetween(3500L, 3600L);

        // behind the ingress that terminates TLS
        Response tls = given().header("Authorization", TestTokens.bearer(token))
                .header("X-Forwarded-Proto", "https")
                .post(SESSION);
        assertThat(attributes(tls.getHeader("Set-Cookie"))).contains("Secure", "HttpOnly", "SameSite=Strict");

        // a cookie does not start a session: only the header does
        given().header("Authorization", DefaultAuthorization.NONE)
                .cookie("synergy_token", token)
                .post(SESSION)
                .then()
                .statusCode(401);
        // a token without a dashboard role gets none
        given().header("Authorization", TestTokens.bearer(TestTokens.token("feed:energy")))
                .post(SESSION)
                .then()
                .statusCode(403);
        // the end of the session expires the cookie
        Response end =
                given().header("Authorization", DefaultAuthorization.NONE).delete(SESSION);
        end.then().statusCode(204);
        assertThat(attributes(end.getHeader("Set-Cookie"))).contains("Max-Age=0", "HttpOnly");
    }

    @Test
    void theCookieAuthorisesReadsButNoWrite() {
        String ops = TestTokens.token("reader", "ops");
        given().header("Authorization", DefaultAuthorization.NONE)
                .cookie("synergy_token", ops)
                .get("/api/v1/dashboard/years")
                .then()
                .statusCode(oneOf(200, 404));
        given().header("Authorization", DefaultAuthorization.NONE)
                .cookie("synergy_token", ops)
                .get("/api/v1/ops/freshness")
                .then()
                .statusCode(200);
        // the same token as a cookie on writes: unauthenticated, nothing done
        given().header("Authorization", DefaultAuthorization.NONE)
                .cookie("synergy_token", ops)
                .contentType("application/json")
                .body("{\"all\": true}")
                .post("/api/v1/ops/dead-letters/feeds.energy.v1.dlq/replay")
                .then()
                .statusCode(401);
        // with the header, the write is judged on its merits
        given().header("Authorization", TestTokens.bearer(ops))
                .contentType("application/json")
                .body("{\"all\": true}")
                .post("/api/v1/ops/dead-letters/feeds.energy.v1.dlq/replay")
                .then()
                .statusCode(not(401));
    }

    @Test
    void theDashboardsEventStreamTakesTheCookie() throws Exception {
        HttpClient client =
                HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create(root.toString()).resolve("/api/v1/dashboard/changes"))
                .header("Accept", "text/event-stream")
                .header("Cookie", "synergy_token=" + TestTokens.token("reader"))
                .GET()
                .build();
        HttpResponse<InputStream> response = client.sendAsync(request, HttpResponse.BodyHandlers.ofInputStream())
                .get(30, TimeUnit.SECONDS);
        try (BufferedReader events =
                new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
            assertThat(response.statusCode()).isEqualTo(200);
            assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("text/event-stream");
        }
        HttpRequest anonymous = HttpRequest.newBuilder(request.uri())
                .header("Accept", "text/event-stream")
                .GET()
                .build();
        assertThat(client.send(anonymous, HttpResponse.BodyHandlers.discarding())
                        .statusCode())
                .isEqualTo(401);
    }

    @Test
    void thePagesSendAContentSecurityPolicyWithoutInlineScripts() {
        for (String page :
                List.of("/", "/index.html", "/staff/entry.html", "/staff/upload.html", "/staff/approvals.html")) {
            Response r =
                    given().header("Authorization", DefaultAuthorization.NONE).get(page);
            r.then().statusCode(200).contentType(startsWith("text/html"));
            String csp = r.getHeader("Content-Security-Policy");
            assertThat(csp)
                    .as(page)
                    .isNotNull()
                    .contains("default-src 'self'", "script-src 'self'", "object-src 'none'", "frame-ancestors 'none'");
            String scripts = Arrays.stream(csp.split(";"))
                    .map(String::strip)
                    .filter(d -> d.startsWith("script-src"))
                    .findFirst()
                    .orElseThrow();
            assertThat(scripts).doesNotContain("unsafe-inline").doesNotContain("unsafe-eval");
            assertThat(r.asString())
                    .as("no inline script: every <script> has a src")
                    .doesNotContainPattern("<script(?![^>]*\\bsrc=)[^>]*>");
        }
        // the API's answers carry it too; Quarkus' own pages under /q are left alone
        assertThat(given().get("/api/v1/dashboard/years").getHeader("Content-Security-Policy"))
                .isNotNull();
        assertThat(given().header("Authorization", DefaultAuthorization.NONE)
                        .get("/q/health/ready")
                        .getHeader("Content-Security-Policy"))
                .isNull();
    }

    /**
     * The attributes of a Set-Cookie header, trimmed, the names in the case of RFC 6265 (they are case-insensitive; Vert.x
     * writes {@code HTTPOnly}): {@code [name=value, Path=/, HttpOnly, ...]}.
     */
    private static List<String> attributes(String setCookie) {
        assertThat(setCookie).as("Set-Cookie").isNotNull();
        List<String> canonical = List.of("Path", "HttpOnly", "SameSite", "Secure", "Max-Age", "Expires");
        return Arrays.stream(setCookie.split(";"))
                .map(String::strip)
                .map(a -> {
                    String name = a.contains("=") ? a.substring(0, a.indexOf('=')) : a;
                    String value = a.substring(name.length());
                    return canonical.stream()
                                    .filter(c -> c.equalsIgnoreCase(name))
                                    .findFirst()
                                    .orElse(name)
                            + value;
                })
                .toList();
    }
}
