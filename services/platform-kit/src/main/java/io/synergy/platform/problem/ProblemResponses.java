package io.synergy.platform.problem;

import io.quarkus.smallrye.openapi.OpenApiFilter;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;
import org.eclipse.microprofile.openapi.models.security.SecurityRequirement;

/**
 * The errors every operation behind a bearer token may answer, declared once for every service's OpenAPI document
 * instead of on each resource: 401 (no valid token), 403 (the token lacks the role), 500 (an unexpected failure, quoted
 * by id) and 503 (the database away), each a {@link Problem}. An operation that declares one of them with content keeps
 * its own; an operation open to anyone (health, the moved paths' redirects: an empty security requirement) gets none. Only a
 * document that has the {@code Problem} schema (a resource of the service refers to it) is given them: a reference to a
 * schema the document lacks would be an error.
 */
@OpenApiFilter(OpenApiFilter.RunStage.BUILD)
public class ProblemResponses implements OASFilter {

    static final Map<String, String> SHARED = Map.of(
            "401", "No valid bearer token (none, malformed, expired, or from another issuer)",
            "403", "The token lacks the role this operation needs",
            "500", "Unexpected failure: logged with the id quoted in detail",
            "503", "The database is unavailable: nothing changed, retry after Retry-After");

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        if (openAPI.getPaths() == null || openAPI.getPaths().getPathItems() == null || openAPI.getComponents() == null
                || openAPI.getComponents().getSchemas() == null || !openAPI.getComponents().getSchemas().containsKey("Problem")) {
            return;
        }
        for (PathItem path : openAPI.getPaths().getPathItems().values()) {
            for (Operation operation : path.getOperations().values()) {
                if (secured(operation.getSecurity()) && operation.getResponses() != null) {
                    add(operation.getResponses());
                }
            }
        }
    }

    /** A requirement names a scheme: an operation with only empty requirements is open to anyone. */
    private static boolean secured(List<SecurityRequirement> security) {
        return security != null && security.stream().anyMatch(r -> r.getSchemes() != null && !r.getSchemes().isEmpty());
    }

    private static void add(APIResponses responses) {
        for (Map.Entry<String, String> r : SHARED.entrySet()) {
            APIResponse declared = responses.getAPIResponse(r.getKey());
            // Quarkus declares 401 and 403 of a secured operation by itself, without content: those become problems too
            if (declared == null || declared.getContent() == null || declared.getContent().getMediaTypes() == null
                    || declared.getContent().getMediaTypes().isEmpty()) {
                Schema problem = OASFactory.createSchema().ref("Problem");
                Content content = OASFactory.createContent().addMediaType(Problem.MEDIA_TYPE, OASFactory.createMediaType().schema(problem));
                responses.addAPIResponse(r.getKey(), OASFactory.createAPIResponse().description(r.getValue()).content(content));
            }
        }
    }
}
