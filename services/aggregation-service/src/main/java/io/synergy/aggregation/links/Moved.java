package io.synergy.aggregation.links;

import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;

/**
 * The answer of a path that moved to another service: {@code 308 Permanent Redirect} to the same path and query (as
 * sent, percent-encoding kept) under that service's base URL, as its clients reach it. 308 keeps the method and the body,
 * so a client that follows redirects (curl -L, most HTTP libraries for 308) keeps working, writes included. One piece of
 * code for every moved path: the registry's ({@link OrgUnitRedirects}) and the console's ({@link ConsoleRedirects}).
 */
final class Moved {

    private Moved() {}

    static Response to(URI base, UriInfo uri) {
        URI request = uri.getRequestUri();
        String prefix = base.toString().replaceAll("/+$", "");
        String location =
                prefix + request.getRawPath() + (request.getRawQuery() == null ? "" : "?" + request.getRawQuery());
        return Response.status(Response.Status.PERMANENT_REDIRECT)
                .location(URI.create(location))
                .build();
    }
}
