package io.synergy.registry.shared;

import io.synergy.platform.problem.FieldError;
import io.synergy.platform.problem.ProblemException;
import jakarta.ws.rs.core.HttpHeaders;
import java.net.URI;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jboss.resteasy.reactive.RestResponse;

/**
 * An {@code If-Match} precondition (RFC 9110 §13.1.1): {@code *} or a list of entity tags. An entity's tag is its
 * version ({@code ETag: "3"}) — a park's or enterprise's, an (indicator, org unit)'s targets'; If-Match compares
 * strongly, so a weak tag ({@code W/"3"}) never matches.
 *
 * @param any  {@code *}: the entity must exist, whatever its version
 * @param tags the strong tags' values
 */
public record EntityTags(boolean any, Set<String> tags) {

    public static final String IF_MATCH = "If-Match";

    private static final Pattern TAG = Pattern.compile("\\s*(W/)?\"([\\x21\\x23-\\x7E]*)\"\\s*(,|$)");

    /** The header's precondition, {@code null} without one; a malformed header is a 400 naming it. */
    public static EntityTags parse(String header) {
        if (header == null) {
            return null;
        }
        if (header.strip().equals("*")) {
            return new EntityTags(true, Set.of());
        }
        Set<String> tags = new LinkedHashSet<>();
        Matcher m = TAG.matcher(header);
        int end = 0;
        while (end < header.length() && m.find(end) && m.start() == end) {
            if (m.group(1) == null) {
                tags.add(m.group(2));
            }
            end = m.end();
        }
        if (end < header.length() || header.isBlank()) {
            throw ProblemException.invalid(
                    "Malformed If-Match",
                    List.of(new FieldError(
                            IF_MATCH, "must be * or entity tags such as \"3\" (the ETag of the resource's GET)")));
        }
        return new EntityTags(false, Set.copyOf(tags));
    }

    /** The answer to a write: 201 with {@code Location} when it created the entity, else 200; its version as {@code ETag} either way. */
    public static <T> RestResponse<T> written(boolean created, Supplier<URI> location, T entity, long version) {
        RestResponse.ResponseBuilder<T> response =
                created ? RestResponse.ResponseBuilder.created(location.get()) : RestResponse.ResponseBuilder.ok();
        return response.entity(entity).header(HttpHeaders.ETAG, of(version)).build();
    }

    /** The entity tag of a version. */
    public static String of(long version) {
        return "\"" + version + "\"";
    }

    /** Answers 412 unless the stored entity's version ({@code null}: there is none) satisfies the precondition. */
    public void require(Long current) {
        if (current != null && (any || tags.contains(Long.toString(current)))) {
            return;
        }
        String message = current == null
                ? "it does not exist"
                : "the current version is " + of(current) + "; read it again and retry";
        throw new ProblemException(
                412,
                "precondition-failed",
                "Precondition Failed",
                "If-Match does not match: nothing was changed",
                List.of(new FieldError(IF_MATCH, message)));
    }
}
