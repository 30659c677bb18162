package io.synergy.platform.openapi;

import java.util.List;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;

/** What the build-time OpenAPI filters of the services walk: every operation of a document. */
public final class DocumentOperations {

    private DocumentOperations() {}

    /** Every operation of every path; none when the document has no paths. */
    public static List<Operation> of(OpenAPI openAPI) {
        if (openAPI.getPaths() == null || openAPI.getPaths().getPathItems() == null) {
            return List.of();
        }
        return openAPI.getPaths().getPathItems().values().stream()
                .flatMap(path -> path.getOperations().values().stream())
                .toList();
    }
}
