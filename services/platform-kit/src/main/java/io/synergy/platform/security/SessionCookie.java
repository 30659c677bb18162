package io.synergy.platform.security;

import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.http.Cookie;
import io.vertx.core.http.CookieSameSite;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;

/**
 * The browser session of the dashboard: the server-set cookie {@value #NAME} holding the user's bearer token
 * ({@code HttpOnly}: page scripts cannot read it; {@code SameSite=Strict}: another site's page cannot send it; {@code Secure}
 * over TLS). It stands for the {@code Authorization} header on reads only — GET and HEAD, which include the dashboard's
 * server-sent events (an EventSource cannot set a header) — and never on a write: a request that changes anything must
 * carry the header, so a cookie the browser attaches by itself authorises no change (docs/security.md).
 *
 * <p>Services verify tokens from the {@code Authorization} header alone (MicroProfile JWT); this filter, ahead of every route,
 * gives a GET or HEAD that has no such header the cookie's token as one.
 */
@ApplicationScoped
public class SessionCookie {

    public static final String NAME = "synergy_token";
    private static final String BEARER = "Bearer ";

    void register(@Observes Filters filters) {
        filters.register(
                rc -> {
                    HttpServerRequest request = rc.request();
                    if (readOnly(request.method()) && request.getHeader(HttpHeaders.AUTHORIZATION) == null) {
                        Cookie cookie = request.getCookie(NAME);
                        if (cookie != null && !cookie.getValue().isBlank()) {
                            request.headers().set(HttpHeaders.AUTHORIZATION, BEARER + cookie.getValue());
                        }
                    }
                    rc.next();
                },
                100);
    }

    private static boolean readOnly(HttpMethod method) {
        return HttpMethod.GET.equals(method) || HttpMethod.HEAD.equals(method);
    }

    /** The session cookie for a token, valid as long as the token ({@code maxAge}); {@code Secure} when the page is served over TLS. */
    public static Cookie of(String token, Duration maxAge, boolean secure) {
        return Cookie.cookie(NAME, token)
                .setPath("/")
                .setHttpOnly(true)
                .setSecure(secure)
                .setSameSite(CookieSameSite.STRICT)
                .setMaxAge(Math.max(0, maxAge.toSeconds()));
    }

    /** The header that ends the session: the cookie expired. */
    public static Cookie expired(boolean secure) {
        return of("", Duration.ZERO, secure);
    }
}
