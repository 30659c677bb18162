package io.synergy.platform.query;

import io.synergy.platform.problem.FieldError;
import io.synergy.platform.problem.ProblemException;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.function.Function;
import org.jboss.resteasy.reactive.RestResponse;

/**
 * Cursor paging of a list answer (docs/api.md, "Paging"): without {@code limit} the whole list, as lists answered before
 * they paged; with {@code limit} a page of at most that many items, and a {@code Link: <…&cursor=…>; rel="next"} header
 * while more follow. A cursor is opaque to clients: the key of the last item of the page, base64url; the next page starts
 * after the item with that key, wherever it now is in the list.
 */
public final class Paging {

    /** Largest page a client may ask for. */
    public static final int MAX_LIMIT = 1000;

    private Paging() {}

    /**
     * What a request asks for.
     *
     * @param limit the page size, or {@code null} for the whole list
     * @param after the key of the item the page starts after, or {@code null} for the first page
     */
    public record Request(Integer limit, String after) {

        public static final Request ALL = new Request(null, null);
    }

    /**
     * A page, and the cursor of the next one ({@code null} on the last page).
     *
     * @param <T> the item type
     */
    public record Page<T>(List<T> items, String next) {}

    /** The {@code limit} and {@code cursor} parameters, checked together: a 400 problem names each that is malformed. */
    public static Request request(String limit, String cursor) {
        List<FieldError> errors = new ArrayList<>();
        Integer size = null;
        if (limit != null) {
            try {
                size = Integer.parseInt(limit.strip());
            } catch (NumberFormatException e) {
                size = -1;
            }
            if (size < 1 || size > MAX_LIMIT) {
                errors.add(new FieldError("limit", "must be a whole number from 1 to " + MAX_LIMIT));
            }
        }
        String after = cursor == null ? null : decode(cursor);
        if (cursor != null && after == null) {
            errors.add(new FieldError(
                    "cursor", "is not a cursor of this API: take it from the previous page's Link header"));
        }
        if (!errors.isEmpty()) {
            throw ProblemException.invalid("Invalid parameter", errors);
        }
        return new Request(size, after);
    }

    /**
     * The page of {@code items} a request asks for. A cursor naming an item no longer in the list is a 400 problem: the
     * client starts again from the first page.
     *
     * @param key an item's key, unique in the list
     */
    public static <T> Page<T> page(List<T> items, Function<? super T, String> key, Request request) {
        int from = 0;
        if (request.after() != null) {
            from = -1;
            for (int i = 0; i < items.size() && from < 0; i++) {
                if (request.after().equals(key.apply(items.get(i)))) {
                    from = i + 1;
                }
            }
            if (from < 0) {
                throw ProblemException.invalid(
                        "Invalid parameter",
                        List.of(new FieldError(
                                "cursor",
                                "the page it continues from is no longer in the list: start again without a cursor")));
            }
        }
        if (request.limit() == null) {
            return new Page<>(List.copyOf(items.subList(from, items.size())), null);
        }
        int to = Math.min(items.size(), from + request.limit());
        List<T> page = List.copyOf(items.subList(from, to));
        return new Page<>(
                page, to < items.size() && !page.isEmpty() ? encode(key.apply(page.get(page.size() - 1))) : null);
    }

    /** 200 with {@code body} (built from {@code page}), and the {@code Link} header of the next page when there is one. */
    public static <B> RestResponse<B> ok(B body, Page<?> page, UriInfo uri) {
        if (page.next() == null) {
            return RestResponse.ok(body);
        }
        return RestResponse.ResponseBuilder.ok(body)
                .header("Link", link(uri, page.next()))
                .build();
    }

    /** The {@code Link} header of a page with a next one: the request's URI with the next cursor. */
    static String link(UriInfo uri, String next) {
        URI target =
                uri.getRequestUriBuilder().replaceQueryParam("cursor", next).build();
        return "<" + target + ">; rel=\"next\"";
    }

    /** A cursor for the page after the item with this key. */
    public static String encode(String key) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(key.getBytes(StandardCharsets.UTF_8));
    }

    /** The key a cursor names, or {@code null} if it is not a cursor. */
    static String decode(String cursor) {
        try {
            String key = new String(Base64.getUrlDecoder().decode(cursor.strip()), StandardCharsets.UTF_8);
            return key.isEmpty() ? null : key;
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
