package io.synergy.bench.platform;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Posts JSON reports to one sector service, as a bureau's system would: {@code POST /api/v1/reports}, with the
 * sector's bearer token when {@code SYNERGY_TOKEN_<SECTOR>} is set (access control may be switched on). A 503 (the service
 * is storing as much as it may at once: {@code busy}, nothing stored) is sent again after its Retry-After, as a client should;
 * the retries are counted for the report.
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

    /** The answer; a 503 once. */
    HttpResponse<String> post(String json) throws Exception {
        return http.send(request(json), HttpResponse.BodyHandlers.ofString());
    }

    /** The first answer that is not a 503, each 503 sent again after its Retry-After and counted in {@code busyRetries}. */
    HttpResponse<String> post(String json, AtomicLong busyRetries) throws Exception {
        while (true) {
            HttpResponse<String> r = post(json);
            if (r.statusCode() != BUSY) {
                return r;
            }
            busyRetries.incrementAndGet();
            Thread.sleep(retryAfterMillis(r));
        }
    }

    /** As {@link #post(String, AtomicLong)}, without blocking a thread while it waits. */
    CompletableFuture<HttpResponse<String>> postAsync(String json, AtomicLong busyRetries) {
        return http.sendAsync(request(json), HttpResponse.BodyHandlers.ofString())
                .thenCompose(r -> {
                    if (r.statusCode() != BUSY) {
                        return CompletableFuture.completedFuture(r);
                    }
                    busyRetries.incrementAndGet();
                    Executor later = CompletableFuture.delayedExecutor(retryAfterMillis(r), TimeUnit.MILLISECONDS);
                    return CompletableFuture.supplyAsync(() -> json, later).thenCompose(j -> postAsync(j, busyRetries));
                });
    }

    static final int BUSY = 503;

    /** The answer's Retry-After (seconds, 1 to 30; 1 when absent or not a number), in milliseconds. */
    static long retryAfterMillis(HttpResponse<?> response) {
        int seconds;
        try {
            seconds = response.headers()
                    .firstValue("Retry-After")
                    .map(s -> Integer.parseInt(s.trim()))
                    .orElse(1);
        } catch (NumberFormatException e) {
            seconds = 1;
        }
        return 1000L * Math.max(1, Math.min(30, seconds));
    }

    boolean authenticated() {
        return authorization != null;
    }

    static boolean accepted(int status) {
        return status == 200 || status == 201;
    }
}
