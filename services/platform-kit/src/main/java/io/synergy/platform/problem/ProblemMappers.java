package io.synergy.platform.problem;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import io.quarkus.logging.Log;
import io.quarkus.security.AuthenticationCompletionException;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.math.BigInteger;
import java.time.LocalDate;
import java.time.temporal.Temporal;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.UUID;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Every error a service returns is a problem document: never a stack trace, never an HTML page. Unexpected
 * failures are logged with an id the client sees, so an operator can find them.
 */
public class ProblemMappers {

    @ServerExceptionMapper
    public Response problem(ProblemException e, UriInfo uri) {
        Response r = respond(e.toProblem(uri.getPath()));
        // 503 means "not now": say when to come back
        return e.status() == 503
                ? Response.fromResponse(r).header("Retry-After", "5").build()
                : r;
    }

    @ServerExceptionMapper
    public Response webApplication(WebApplicationException e, UriInfo uri, HttpHeaders headers) {
        int status = e.getResponse().getStatus();
        if (status >= 500) {
            return unexpected(e, uri);
        }
        List<FieldError> errors = switch (status) {
            case 413 -> List.of(new FieldError("body", "is too large"));
            case 415 ->
                List.of(new FieldError(
                        HttpHeaders.CONTENT_TYPE,
                        headers.getHeaderString(HttpHeaders.CONTENT_TYPE) == null
                                ? "is required"
                                : "'" + abbreviate(headers.getHeaderString(HttpHeaders.CONTENT_TYPE))
                                        + "' is not accepted here (see the OpenAPI document)"));
            case 406 ->
                List.of(new FieldError(
                        HttpHeaders.ACCEPT,
                        "'" + abbreviate(String.valueOf(headers.getHeaderString(HttpHeaders.ACCEPT)))
                                + "' cannot be served: endpoints answer application/json, tables also text/csv and XLSX (the OpenAPI document lists "
                                + "each endpoint's); errors: application/problem+json"));
            default -> List.of();
        };
        String reason = e.getResponse().getStatusInfo().getReasonPhrase();
        String slug = switch (status) {
            case 401 -> "unauthorized";
            case 403 -> "forbidden";
            case 404 -> "not-found";
            case 405 -> "method-not-allowed";
            case 406 -> "not-acceptable";
            case 413 -> "payload-too-large";
            case 415 -> "unsupported-media-type";
            default -> "bad-request";
        };
        return respond(new Problem(Problem.type(slug), reason, status, e.getMessage(), uri.getPath(), errors));
    }

    /** No token, or one that is malformed, expired, wrongly signed or from another issuer. */
    @ServerExceptionMapper({
        AuthenticationFailedException.class,
        UnauthorizedException.class,
        AuthenticationCompletionException.class
    })
    public Response unauthenticated(RuntimeException e, UriInfo uri) {
        return Response.fromResponse(respond(new Problem(
                        Problem.type("unauthorized"),
                        "Unauthorized",
                        401,
                        "A valid bearer token is required (Authorization: Bearer <JWT>); see docs/security.md",
                        uri.getPath(),
                        List.of(new FieldError(
                                HttpHeaders.AUTHORIZATION,
                                "missing, malformed, expired or not signed by the platform's key")))))
                .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer realm=\"synergy\"")
                .build();
    }

    /** A valid token whose groups do not allow this request. */
    @ServerExceptionMapper
    public Response forbidden(ForbiddenException e, UriInfo uri) {
        return respond(
                new Problem(
                        Problem.type("forbidden"),
                        "Forbidden",
                        403,
                        "The token's groups do not allow this request",
                        uri.getPath(),
                        List.of(
                                new FieldError(
                                        HttpHeaders.AUTHORIZATION,
                                        "lacks the role this endpoint needs (reads: reader; writes: feed:<sector>; operations: ops; targets: planner)"))));
    }

    /**
     * JSON that does not fit the request's type: a field of the wrong type ({@code "value": "high"}, a date that is none),
     * named by its path ({@code value}, {@code values[2].value}) like every other fault of a request. Without a path (the
     * body itself is of the wrong type) it is a malformed body.
     */
    @ServerExceptionMapper
    public Response mismatched(MismatchedInputException e, UriInfo uri) {
        if (e.getPath().isEmpty()) {
            return json(e, uri);
        }
        StringBuilder field = new StringBuilder();
        for (JsonMappingException.Reference r : e.getPath()) {
            if (r.getFieldName() == null) {
                field.append('[').append(r.getIndex()).append(']');
            } else {
                field.append(field.length() == 0 ? "" : ".").append(r.getFieldName());
            }
        }
        return respond(new Problem(
                Problem.type("invalid-request"),
                "The request is not valid",
                400,
                "A field has the wrong type; nothing was changed",
                uri.getPath(),
                List.of(new FieldError(field.toString(), expected(e)))));
    }

    /** What a field of this type must be, for a client. */
    static String expected(MismatchedInputException e) {
        if (e instanceof UnrecognizedPropertyException) {
            return "is not a field of this request";
        }
        Class<?> t = e.getTargetType();
        if (t == null) {
            return "has the wrong type";
        }
        if (t == int.class
                || t == long.class
                || t == short.class
                || t == Integer.class
                || t == Long.class
                || t == Short.class
                || t == BigInteger.class) {
            return "must be a whole number";
        }
        if (t.isPrimitive() && t != boolean.class && t != char.class || Number.class.isAssignableFrom(t)) {
            return "must be a number";
        }
        if (t == boolean.class || t == Boolean.class) {
            return "must be true or false";
        }
        if (t == String.class) {
            return "must be a string";
        }
        if (t == LocalDate.class) {
            return "must be a date, yyyy-mm-dd";
        }
        if (Temporal.class.isAssignableFrom(t)) {
            return "must be a date and time, ISO 8601 (2024-05-01T08:00:00Z)";
        }
        if (t.isEnum()) {
            return "must be one of " + Arrays.toString(t.getEnumConstants());
        }
        if (t.isArray() || Collection.class.isAssignableFrom(t)) {
            return "must be an array";
        }
        return "has the wrong type";
    }

    @ServerExceptionMapper
    public Response json(JsonProcessingException e, UriInfo uri) {
        String where = e.getLocation() == null
                ? ""
                : " at line " + e.getLocation().getLineNr() + ", column "
                        + e.getLocation().getColumnNr();
        return respond(new Problem(
                Problem.type("malformed-json"),
                "The body is not valid JSON",
                400,
                e.getOriginalMessage() + where,
                uri.getPath(),
                List.of(new FieldError("body", "malformed JSON" + where))));
    }

    @ServerExceptionMapper
    public Response unexpected(Throwable e, UriInfo uri) {
        if (Unavailability.ofDatabase(e)) {
            // the database restarts or the pool is exhausted: nothing was stored, and trying again shortly will work
            Log.warnf("database unavailable on %s: %s", uri.getPath(), Unavailability.rootMessage(e));
            return Response.fromResponse(respond(new Problem(
                            Problem.type("database-unavailable"),
                            "Service Unavailable",
                            503,
                            "The database is unavailable or busy; nothing was stored. Retry in a few seconds.",
                            uri.getPath(),
                            List.of())))
                    .header("Retry-After", "5")
                    .build();
        }
        String id = UUID.randomUUID().toString();
        Log.errorf(e, "unexpected failure %s on %s", id, uri.getPath());
        return respond(new Problem(
                Problem.type("internal-error"),
                "Internal error",
                500,
                "The request could not be completed; quote " + id + " to the operator",
                uri.getPath(),
                List.of()));
    }

    /** A client's text quoted in a message: at most 80 characters. */
    public static String abbreviate(String s) {
        return s.length() <= 80 ? s : s.substring(0, 80) + "…";
    }

    public static Response respond(Problem p) {
        return Response.status(p.status()).type(Problem.MEDIA_TYPE).entity(p).build();
    }
}
