package io.synergy.registry.shared;

import io.synergy.platform.problem.FieldError;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/**
 * Cursor paging of the registry's lists: {@code limit} (1–{@value #MAX_LIMIT}; omitted, every row) and an opaque
 * {@code cursor} naming where the next page starts, offered in a {@code Link: <…>; rel="next"} header while more rows
 * follow. A list asks its store for one row more than the page, to know whether a next page exists.
 */
public final class Paging {

    /** Largest page a client may ask for. */
    public static final int MAX_LIMIT = 1000;

    private Paging() {}

    /** The page size asked for, {@code null} without one; a malformed one is added to {@code errors}, naming {@code limit}. */
    public static Integer limit(String limit, List<FieldError> errors) {
        if (limit == null) {
            return null;
        }
        int size;
        try {
            size = Integer.parseInt(limit.strip());
        } catch (NumberFormatException e) {
            size = -1;
        }
        if (size < 1 || size > MAX_LIMIT) {
            errors.add(new FieldError("limit", "must be a whole number from 1 to " + MAX_LIMIT));
        }
        return size;
    }

    /** A cursor is opaque to clients: the position of the page's last row (a code, a key), base64url. */
    public static String encodeCursor(String position) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(position.getBytes(StandardCharsets.UTF_8));
    }

    /** The position a cursor names, {@code null} without one; one that is no cursor is added to {@code errors}. */
    public static String decodeCursor(String cursor, List<FieldError> errors) {
        if (cursor == null) {
            return null;
        }
        try {
            String position = new String(Base64.getUrlDecoder().decode(cursor.strip()), StandardCharsets.UTF_8);
            if (!position.isEmpty()) {
                return position;
            }
        } catch (IllegalArgumentException e) {
            // reported below
        }
        errors.add(
                new FieldError("cursor", "is not a cursor of this API: take it from the previous page's Link header"));
        return null;
    }

    /** The {@code Link} header to the page after the one ending at {@code lastPosition}, with the request's other parameters. */
    public static String nextLink(UriInfo uri, String lastPosition) {
        URI next = uri.getRequestUriBuilder()
                .replaceQueryParam("cursor", encodeCursor(lastPosition))
                .build();
        return "<" + next + ">; rel=\"next\"";
    }
}
