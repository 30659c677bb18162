package io.synergy.aggregation.it;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;

/**
 * A resource of the test application that forgot its access annotation, as a new endpoint might:
 * {@code quarkus.security.jaxrs.deny-unannotated-endpoints} must refuse it to everyone (WebEdgeTest).
 */
@Path("/api/v1/test-only/unannotated")
public class UnannotatedProbeResource {

    @GET
    public String secret() {
        return "nobody should read this";
    }
}
