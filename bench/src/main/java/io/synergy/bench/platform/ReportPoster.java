package io.synergy.bench.platform;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;

/**
 * Posts JSON reports to one sector service, as a bureau's system would: {@code POST /api/v1/reports}, with the
 * sector's bearer token when {@code SYNERGY_TOKEN_<SECTOR>} is set (access control may be switched on).
 */
final class ReportPoster {

    private final HttpClient http;
    private final URI uri;
    private final String authorization;

    ReportPoster(String baseUrl, String sector, Executor executor) {
        HttpClient.Builder builder =
                HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(5));
        if (executor != null) {
            builder.executor(executor);
        }
        this.http = builder.build();
        this.uri = URI.create(baseUrl + "/api/v1/reports");
        this.authorization = authorization(sector);
    }

    /** "Bearer …" from {@code SYNERGY_TOKEN_<ROLE>} (a sector, OPS, READER), or null when it is not set. */
    static String authorization(String role) {
        String token = System.getenv("SYNERGY_TOKEN_" + role.toUpperCase(Locale.ROOT));
        return token == null || token.isBlank() ? null : "Bearer " + token.strip();
    }

    private HttpRequest request(String json) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri)
                .timeout(Duration.ofSeconds(120))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(json));
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        return b.build();
    }

    HttpResponse<String> post(String json) throws Exception {
        return http.send(request(json), HttpResponse.BodyHandlers.ofString());
    }

    CompletableFuture<HttpResponse<String>> postAsync(String json) {
        return http.sendAsync(request(json), HttpResponse.BodyHandlers.ofString());
    }

    boolean authenticated() {
        return authorization != null;
    }

    static boolean accepted(int status) {
        return status == 200 || status == 201;
    }
}
