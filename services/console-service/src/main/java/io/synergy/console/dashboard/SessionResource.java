package io.synergy.console.dashboard;

import io.synergy.platform.security.SessionCookie;
import io.vertx.core.http.HttpServerRequest;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.TreeSet;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirementsSet;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

/**
 * The dashboard's browser session (登录会话). The page sends the user's token once, in the {@code Authorization} header,
 * and the service answers with the cookie {@value SessionCookie#NAME} holding it — {@code HttpOnly} (no script of the page
 * can read it), {@code SameSite=Strict}, {@code Secure} when the page is served over TLS, expiring with the token — which
 * the browser then sends with the page's reads and its event stream. The cookie authorises GET requests and server-sent
 * events only ({@link SessionCookie}): every write needs the header.
 */
@Path("/api/v1/session")
@Tag(name = "dashboard")
public class SessionResource {

    /** Who the session is for, and until when. */
    public record SessionView(String subject, List<String> roles, Instant expiresAt) {}

    private final JsonWebToken token;

    public SessionResource(JsonWebToken token) {
        this.token = token;
    }

    @POST
    @RolesAllowed({"reader", "ops"})
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(
            summary =
                    "Starts the dashboard's session: the bearer token of the Authorization header becomes the cookie synergy_token "
                            + "(HttpOnly, SameSite=Strict, Secure over TLS, as long as the token is valid), accepted for GET requests and server-sent events only")
    @APIResponse(
            responseCode = "200",
            description = "Set-Cookie: synergy_token=…; the session's subject, roles and end")
    @APIResponse(
            responseCode = "401",
            description = "No valid token in the Authorization header (a cookie does not start a session)")
    @APIResponse(responseCode = "403", description = "The token has neither the reader nor the ops role")
    public RestResponse<SessionView> start(@Context HttpServerRequest request) {
        Instant expires = Instant.ofEpochSecond(token.getExpirationTime());
        String cookie = SessionCookie.of(token.getRawToken(), Duration.between(Instant.now(), expires), tls(request))
                .encode();
        List<String> roles = List.copyOf(new TreeSet<>(token.getGroups()));
        return RestResponse.ResponseBuilder.ok(new SessionView(token.getName(), roles, expires))
                .header(HttpHeaders.SET_COOKIE, cookie)
                .header(HttpHeaders.CACHE_CONTROL, "no-store")
                .build();
    }

    @DELETE
    @PermitAll // ends the caller's own session only: nothing to protect
    @SecurityRequirementsSet // open to anyone, and the document says so (an operation without security is a lint error)
    @Operation(summary = "Ends the dashboard's session: the cookie is expired")
    @APIResponse(responseCode = "204", description = "Set-Cookie: synergy_token=; Max-Age=0")
    public RestResponse<Void> end(@Context HttpServerRequest request) {
        return RestResponse.ResponseBuilder.<Void>noContent()
                .header(
                        HttpHeaders.SET_COOKIE,
                        SessionCookie.expired(tls(request)).encode())
                .build();
    }

    /** Served over TLS: directly, or by the TLS-terminating ingress in front of the service, which says so. */
    private static boolean tls(HttpServerRequest request) {
        return request.isSSL() || "https".equalsIgnoreCase(request.getHeader("X-Forwarded-Proto"));
    }
}
