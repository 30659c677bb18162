package io.synergy.platform.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.netty.handler.codec.http.HttpResponseStatus;
import io.quarkus.logging.Log;
import io.quarkus.runtime.configuration.MemorySize;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Problem documents for what the HTTP layer refuses before any endpoint runs, so that every error of the platform
 * has one shape ({@link ProblemMappers} covers what the endpoints throw).
 *
 * <ul>
 * <li>The server's hard body limit ({@code quarkus.http.limits.max-body-size}). Quarkus refuses a request whose
 * {@code Content-Length} exceeds it with an empty 413 and {@code Connection: close}. This handler runs just before
 * Quarkus' own check (route order -3 &lt; -2) and sends the same refusal as {@code application/problem+json}. The body
 * is not read: a client that sends {@code Expect: 100-continue} (curl does for large bodies) sees the answer before
 * sending it; one that writes the whole body first may see the connection closed instead. Bodies below the hard
 * limit but above a service's own limit are read, discarded, and answered with a 413 problem by the service.</li>
 * <li>Whatever a route fails with {@code RoutingContext.fail} (outside the REST endpoints: health, OpenAPI…) gets a
 * problem document from a failure handler, a 5xx logged with an id the client sees.</li>
 * </ul>
 *
 * <p>Not covered: a request line that {@link java.net.URI} cannot parse ({@code /reports/%ZZ}) is refused by Quarkus
 * with an empty 400 before any router runs (only {@code -Dvertx.disableURIValidation=true} would change that).
 */
@ApplicationScoped
public class HttpProblems {

    /** Quarkus registers its own Content-Length check at order -2. */
    static final int ORDER = -3;

    private final Optional<MemorySize> hardLimit;
    private final ObjectMapper json;

    @Inject
    public HttpProblems(
            @ConfigProperty(name = "quarkus.http.limits.max-body-size") Optional<MemorySize> hardLimit,
            ObjectMapper json) {
        this.hardLimit = hardLimit;
        this.json = json;
    }

    void install(@Observes Router router) {
        hardLimit.ifPresent(limit -> router.route().order(ORDER).handler(ctx -> checkLength(ctx, limit.asLongValue())));
        router.route().order(ORDER).failureHandler(this::failed);
    }

    private void checkLength(RoutingContext ctx, long limit) {
        String header = ctx.request().getHeader(HttpHeaders.CONTENT_LENGTH);
        long length;
        try {
            length = header == null ? -1 : Long.parseLong(header.strip());
        } catch (NumberFormatException e) {
            length = -1; // the HTTP codec refuses a malformed Content-Length itself
        }
        if (length <= limit) {
            ctx.next();
            return;
        }
        Problem problem = new Problem(
                Problem.type("payload-too-large"),
                "Payload too large",
                413,
                "The body (" + length + " bytes) exceeds the server's limit of " + limit
                        + " bytes; split it into smaller batches",
                ctx.request().path(),
                List.of(new FieldError("body", "is larger than " + limit + " bytes")));
        HttpServerResponse response = ctx.response();
        response.putHeader(HttpHeaders.CONNECTION, "close");
        // the unread body must not be taken for the next request: close once the answer is out
        response.endHandler(v -> ctx.request().connection().close());
        send(response, problem);
    }

    private void failed(RoutingContext ctx) {
        HttpServerResponse response = ctx.response();
        if (response.headWritten() || response.ended()) {
            ctx.next();
            return;
        }
        int status = ctx.statusCode() < 400 ? 500 : ctx.statusCode();
        String path = safePath(ctx);
        Problem problem;
        if (status >= 500) {
            String id = UUID.randomUUID().toString();
            Log.errorf(ctx.failure(), "unexpected failure %s on %s", id, path);
            problem = new Problem(
                    Problem.type("internal-error"),
                    "Internal error",
                    status,
                    "The request could not be completed; quote " + id + " to the operator",
                    path,
                    List.of());
        } else {
            String reason = HttpResponseStatus.valueOf(status).reasonPhrase();
            String detail = status == 400
                    ? "The request line or its headers are malformed (e.g. invalid percent-encoding in the path or query)"
                    : reason;
            problem = new Problem(
                    Problem.type(status == 400 ? "bad-request" : "http-" + status),
                    reason,
                    status,
                    detail,
                    path,
                    status == 400
                            ? List.of(new FieldError(
                                    "request", "is malformed: check the percent-encoding of the path and query"))
                            : List.of());
        }
        send(response, problem);
    }

    private static String safePath(RoutingContext ctx) {
        try {
            return ctx.request().path();
        } catch (RuntimeException e) {
            return null;
        }
    }

    private void send(HttpServerResponse response, Problem problem) {
        String body;
        try {
            body = json.writeValueAsString(problem);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        response.setStatusCode(problem.status())
                .putHeader(HttpHeaders.CONTENT_TYPE, Problem.MEDIA_TYPE)
                .end(body);
    }
}
