package io.synergy.registry.shared;

import static io.synergy.registry.shared.OperationParts.addHeader;
import static io.synergy.registry.shared.OperationParts.addProblem;

import io.quarkus.smallrye.openapi.OpenApiFilter;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;

/**
 * What every JSON write of the registry shares in its OpenAPI description, declared once here instead of on each
 * resource, as {@link PagesAndImports} does for the lists and imports. A resource says what is its own: the summary,
 * the typed success ({@code @APIResponseSchema}), the other success's and the 400's descriptions (which fields), and
 * for the write of a whole entity (a park or enterprise, a key project, a pilot) the entity's name in the operation's
 * extension {@value #ENTITY} ({@code @Operation(extensions = …)}), which this filter takes out of the document again. It adds:
 *
 * <ul>
 *   <li>to every operation with a JSON body: 415, the body is not JSON;
 *   <li>to the write of a whole entity ({@link WriteRequests}): the typed schema on each success that does not give
 *       one, the entity's version as {@code ETag} on each success, on 201 the {@code Location} of the new entity (the
 *       path of its {@code PUT}: a {@code POST}'s is the path below its own), and 412, {@code If-Match} does not match.
 * </ul>
 *
 * Each is added only where the resource did not say it otherwise; the errors are problems ({@code Problem}).
 */
@OpenApiFilter(OpenApiFilter.RunStage.BUILD)
public class WriteOperations implements OASFilter {

    /** The extension that names the entity an operation writes, e.g. {@code project}. */
    public static final String ENTITY = "x-registry-entity";

    static final String NOT_JSON = "The body is not application/json";

    /** A write of a whole entity, found in the document. */
    private record Write(String path, PathItem.HttpMethod method, Operation operation, String entity) {}

    @Override
    public void filterOpenAPI(OpenAPI openAPI) {
        if (openAPI.getPaths() == null || openAPI.getPaths().getPathItems() == null) {
            return;
        }
        List<Write> writes = new ArrayList<>();
        Map<String, String> itemPaths = new HashMap<>();
        openAPI.getPaths()
                .getPathItems()
                .forEach((path, item) -> item.getOperations().forEach((method, operation) -> {
                    if (operation.getResponses() == null) {
                        return;
                    }
                    if (operation.getRequestBody() != null
                            && operation.getRequestBody().getContent() != null
                            && operation.getRequestBody().getContent().hasMediaType(MediaType.APPLICATION_JSON)) {
                        addProblem(operation.getResponses(), "415", NOT_JSON);
                    }
                    Object entity = operation.getExtensions() == null
                            ? null
                            : operation.getExtensions().get(ENTITY);
                    if (entity != null) {
                        operation.removeExtension(ENTITY);
                        writes.add(new Write(path, method, operation, entity.toString()));
                        if (method == PathItem.HttpMethod.PUT) {
                            itemPaths.put(entity.toString(), path);
                        }
                    }
                }));
        for (Write w : writes) {
            String location = w.method() == PathItem.HttpMethod.PUT ? w.path() : itemPaths.get(w.entity());
            if (location == null) {
                throw new IllegalStateException(w.method() + " " + w.path() + " writes a " + w.entity()
                        + ", which has no PUT at its own path to answer as Location");
            }
            describe(w.operation().getResponses(), w.entity(), location);
        }
    }

    private static void describe(APIResponses responses, String entity, String location) {
        Content typed = responses.getAPIResponses().entrySet().stream()
                .filter(r -> r.getKey().startsWith("2") && r.getValue().getContent() != null)
                .map(r -> r.getValue().getContent())
                .findFirst()
                .orElseThrow(() -> new IllegalStateException("A write of a " + entity + " declares no typed success"));
        responses.getAPIResponses().forEach((status, response) -> {
            if (!status.startsWith("2")) {
                return;
            }
            if (response.getContent() == null) {
                Content content = OASFactory.createContent();
                typed.getMediaTypes()
                        .forEach((type, media) -> content.addMediaType(
                                type, OASFactory.createMediaType().schema(media.getSchema())));
                response.content(content);
            }
            if (status.equals("201")) {
                addHeader(response, HttpHeaders.LOCATION, location);
            }
            addHeader(response, HttpHeaders.ETAG, "the " + entity + "'s version");
        });
        addProblem(
                responses,
                "412",
                "If-Match does not match the stored version (or the " + entity + " does not exist); nothing stored");
    }
}
