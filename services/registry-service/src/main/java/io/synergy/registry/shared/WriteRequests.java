package io.synergy.registry.shared;

import io.synergy.platform.problem.FieldError;
import io.synergy.platform.problem.ProblemException;
import jakarta.ws.rs.core.UriInfo;
import java.util.List;
import java.util.function.Function;
import java.util.function.ToLongFunction;
import org.jboss.resteasy.reactive.RestResponse;

/**
 * What the registry's JSON writes share: a body is required; and the write of a whole entity (a park or enterprise, a key
 * project, a pilot) — a {@code POST} that creates or changes it, a {@code PUT} at its path that does the same — names the
 * path's code and answers alike. Their OpenAPI description is shared as well ({@link WriteOperations}).
 */
public final class WriteRequests {

    private WriteRequests() {}

    /** The body, which is required: without one a 400 naming {@code body}, saying what it should be. */
    public static <C> C required(C body, String expected) {
        if (body == null) {
            throw ProblemException.invalid("A body is required", List.of(new FieldError("body", expected)));
        }
        return body;
    }

    /** A {@code PUT}'s body: required, and naming no other code than the path's (it may name none). */
    public static <C> C atPath(String code, C body, Function<C, String> codeOf) {
        required(body, "a JSON object");
        if (codeOf.apply(body) != null && !codeOf.apply(body).equals(code)) {
            throw ProblemException.invalid(
                    "Code mismatch",
                    List.of(new FieldError("code", "the body's code differs from the path's " + code)));
        }
        return body;
    }

    /**
     * The answer to a write: 201 with the entity's {@code Location} (its code below the resource's path) when it created
     * the entity, else 200; its version as {@code ETag} either way.
     */
    public static <E> RestResponse<E> answer(
            Written<E> written, UriInfo uri, Class<?> resource, Function<E, String> code, ToLongFunction<E> version) {
        E entity = written.event();
        return EntityTags.written(
                written.created(),
                () -> uri.getBaseUriBuilder()
                        .path(resource)
                        .path(code.apply(entity))
                        .build(),
                entity,
                version.applyAsLong(entity));
    }
}
