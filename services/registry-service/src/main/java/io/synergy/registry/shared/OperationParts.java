package io.synergy.registry.shared;

import io.synergy.platform.problem.Problem;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;

/** The parts the registry's OpenAPI filters ({@link PagesAndImports}, {@link WriteOperations}) add to an operation. */
final class OperationParts {

    private OperationParts() {}

    /** A string header the response does not declare itself; one it declares keeps its own description. */
    static void addHeader(APIResponse response, String name, String description) {
        if (response.getHeaders() == null || !response.getHeaders().containsKey(name)) {
            response.addHeader(
                    name,
                    OASFactory.createHeader()
                            .description(description)
                            .schema(OASFactory.createSchema().addType(Schema.SchemaType.STRING)));
        }
    }

    /** An error the operation does not declare itself, as a problem; one it declares keeps its own description. */
    static void addProblem(APIResponses responses, String status, String description) {
        if (responses.hasAPIResponse(status)) {
            return;
        }
        responses.addAPIResponse(
                status,
                OASFactory.createAPIResponse()
                        .description(description)
                        .content(OASFactory.createContent()
                                .addMediaType(
                                        Problem.MEDIA_TYPE,
                                        OASFactory.createMediaType()
                                                .schema(OASFactory.createSchema()
                                                        .ref("Problem")))));
    }
}
