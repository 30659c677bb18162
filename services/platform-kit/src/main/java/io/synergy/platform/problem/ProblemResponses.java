package io.synergy.platform.problem;

import io.quarkus.smallrye.openapi.OpenApiFilter;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;
import org.eclipse.microprofile.openapi.models.security.SecurityRequirement;

/**
 * The errors every operation behind a bearer token may answer, declared once for every service's OpenAPI document
 * instead of on each resource: 401 (no valid token), 403 (the token lacks the role), 500 (an unexpected failure, quoted
 * by id) and 503 (the database away), each a {@link Problem}; and every error an operation declares without saying
 * what it answers (Quarkus declares its 400, 401 and 403 so) is a {@link Problem} too, as every error of the platform is
 * ({@link ProblemMappers}). An error declared with content keeps it. An operation open to anyone (health, the moved
 * paths' redirects: an empty security requirement) gets none. Only a document that has the {@code Problem} schema (a
 * resource of the service refers to it) is changed: a reference to a schema the document lacks would be an error.
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
        if (openAPI.getPaths() == null
                || openAPI.getPaths().getPathItems() == null
                || openAPI.getComponents() == null
                || openAPI.getComponents().getSchemas() == null
                || !openAPI.getComponents().getSchemas().containsKey("Problem")) {
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
        return security != null
                && security.stream()
                        .anyMatch(r -> r.getSchemes() != null && !r.getSchemes().isEmpty());
    }

    private static void add(APIResponses responses) {
        for (Map.Entry<String, String> r : SHARED.entrySet()) {
            if (!responses.hasAPIResponse(r.getKey())) {
                responses.addAPIResponse(
                        r.getKey(), OASFactory.createAPIResponse().description(r.getValue()));
            }
        }
        for (Map.Entry<String, APIResponse> r : responses.getAPIResponses().entrySet()) {
            APIResponse declared = r.getValue();
            // an error declared without content (Quarkus declares 400, 401 and 403 so) is a problem like every other
            if (r.getKey().matches("[45]\\d\\d")
                    && (declared.getContent() == null
                            || declared.getContent().getMediaTypes() == null
                            || declared.getContent().getMediaTypes().isEmpty())) {
                Schema problem = OASFactory.createSchema().ref("Problem");
                declared.content(OASFactory.createContent()
                        .addMediaType(
                                Problem.MEDIA_TYPE, OASFactory.createMediaType().schema(problem)));
                if (SHARED.containsKey(r.getKey())) {
                    declared.description(SHARED.get(r.getKey()));
                }
            }
        }
    }
}
