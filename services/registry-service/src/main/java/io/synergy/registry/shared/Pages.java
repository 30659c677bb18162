package io.synergy.registry.shared;

import io.synergy.platform.problem.FieldError;
import io.synergy.platform.problem.ProblemException;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import java.util.function.Function;
import org.jboss.resteasy.reactive.RestResponse;

/**
 * A list's answer with cursor paging ({@link Paging}): from a store that read one row more than the page, to know whether a
 * next page exists ({@link #answer}), or from a list computed whole ({@link #slice}).
 */
public final class Pages {

    private Pages() {}

    /**
     * The page of {@code rows} and, when more follow, the {@code Link} to the next one.
     *
     * @param size     the page size asked for, {@code null}: every row (none were cut)
     * @param position a row's position, for the cursor of the page after it
     * @param body     the answer's body of the page's rows
     */
    public static <T, R> RestResponse<R> answer(
            List<T> rows, Integer size, Function<T, String> position, UriInfo uri, Function<List<T>, R> body) {
        if (size == null || rows.size() <= size) {
            return RestResponse.ok(body.apply(rows));
        }
        List<T> page = rows.subList(0, size);
        String link = Paging.nextLink(uri, position.apply(page.get(page.size() - 1)));
        return RestResponse.ResponseBuilder.ok(body.apply(page))
                .header("Link", link)
                .build();
    }

    /**
     * The page of a list computed whole in memory (every row in its order): the rows after the one at {@code after} (the
     * cursor's position, {@code null}: from the first), at most {@code size}, and the {@code Link} to the next page when more
     * follow. A cursor naming no row of the list is a 400 naming {@code cursor}.
     */
    public static <T, R> RestResponse<R> slice(
            List<T> rows,
            Integer size,
            String after,
            Function<T, String> position,
            UriInfo uri,
            Function<List<T>, R> body) {
        int start = 0;
        if (after != null) {
            start = rows.stream().map(position).toList().indexOf(after) + 1;
            if (start == 0) {
                throw ProblemException.invalid(
                        "Invalid parameter",
                        List.of(
                                new FieldError(
                                        "cursor",
                                        "is not a cursor of this list: take it from the previous page's Link header, with the same filters")));
            }
        }
        int end = size == null ? rows.size() : Math.min(rows.size(), start + size);
        List<T> page = rows.subList(start, end);
        RestResponse.ResponseBuilder<R> response = RestResponse.ResponseBuilder.ok(body.apply(page));
        if (end < rows.size()) {
            response.header("Link", Paging.nextLink(uri, position.apply(page.get(page.size() - 1))));
        }
        return response.build();
    }
}
