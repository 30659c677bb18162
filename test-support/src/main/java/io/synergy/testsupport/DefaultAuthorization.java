package io.synergy.testsupport;

import io.restassured.filter.Filter;
import io.restassured.filter.FilterContext;
import io.restassured.response.Response;
import io.restassured.specification.FilterableRequestSpecification;
import io.restassured.specification.FilterableResponseSpecification;

/**
 * A RestAssured filter that sends a default bearer token with every request that has none, so tests say who they are
 * only when it matters. A request with {@code Authorization: none} is sent without the header (the "no token" case).
 */
public final class DefaultAuthorization implements Filter {

    public static final String NONE = "none";
    private final String header;

    private DefaultAuthorization(String header) {
        this.header = header;
    }

    /** Sends a token with these groups unless a request says otherwise. */
    public static DefaultAuthorization as(String... groups) {
        return new DefaultAuthorization(TestTokens.bearer(TestTokens.token(groups)));
    }

    public String header() {
        return header;
    }

    @Override
    public Response filter(
            FilterableRequestSpecification request, FilterableResponseSpecification response, FilterContext ctx) {
        String given = request.getHeaders().getValue("Authorization");
        if (given == null) {
            request.header("Authorization", header);
        } else if (NONE.equals(given)) {
            request.removeHeader("Authorization");
        }
        return ctx.next(request, response);
    }
}
