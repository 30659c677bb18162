package io.synergy.registry.shared;

import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import java.util.function.Function;
import org.jboss.resteasy.reactive.RestResponse;

/** A list's answer with cursor paging ({@link Paging}): its store read one row more than the page, to know whether a next page exists. */
public final class Pages {

    private Pages() {
    }

    /**
     * The page of {@code rows} and, when more follow, the {@code Link} to the next one.
     *
     * @param size     the page size asked for, {@code null}: every row (none were cut)
     * @param position a row's position, for the cursor of the page after it
     * @param body     the answer's body of the page's rows
     */
    public static <T, R> RestResponse<R> answer(List<T> rows, Integer size, Function<T, String> position, UriInfo uri, Function<List<T>, R> body) {
        if (size == null || rows.size() <= size) {
            return RestResponse.ok(body.apply(rows));
        }
        List<T> page = rows.subList(0, size);
        String link = Paging.nextLink(uri, position.apply(page.get(page.size() - 1)));
        return RestResponse.ResponseBuilder.ok(body.apply(page)).header("Link", link).build();
    }
}
