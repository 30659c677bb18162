package io.synergy.aggregation.it;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import org.eclipse.microprofile.openapi.annotations.Operation;

/**
 * A resource of the test application that forgot its access annotation, as a new endpoint might:
 * {@code quarkus.security.jaxrs.deny-unannotated-endpoints} must refuse it to everyone (WebEdgeTest). Not part of the API
 * document (OpenApiTest): hiding it is no access annotation.
 */
@Path("/api/v1/test-only/unannotated")
public class UnannotatedProbeResource {

    @GET
    @Operation(hidden = true)
    public String secret() {
        return "nobody should read this";
    }
}
