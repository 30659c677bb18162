package io.synergy.aggregation.links;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirementsSet;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The registry of parks and enterprises moved to the registry service (:8086). For at least one release every path
 * it had here answers {@code 308 Permanent Redirect} to the same path and query there: 308 keeps the method and the
 * body, so a client that follows redirects (curl -L, most HTTP libraries for 308) keeps working, writes included. No
 * token is needed to be redirected; the registry service checks it.
 */
@Path("/api/v1/org-units")
@Tag(name = "org units (moved)", description = "Moved to the registry service: 308 to synergy.links.registry")
@APIResponse(
        responseCode = "308",
        description = "Permanent Redirect to the registry service, same path and query",
        headers = @Header(name = "Location", schema = @Schema(type = SchemaType.STRING)))
// no token is needed to be redirected: said explicitly (an empty requirement), for the document's readers and linters
@SecurityRequirementsSet
public class OrgUnitRedirects {

    /** The path below /api/v1/org-units, kept as it is in the redirect. */
    static final String REST = "the rest of the path: a unit's code, or import";

    private final LinksConfig links;

    OrgUnitRedirects(LinksConfig links) {
        this.links = links;
    }

    @GET
    @Operation(summary = "Moved: GET /api/v1/org-units on the registry service", deprecated = true)
    public Response list(@Context UriInfo uri) {
        return moved(uri);
    }

    @POST
    @Operation(
            summary = "Moved: POST /api/v1/org-units on the registry service (method and body kept)",
            deprecated = true)
    public Response create(@Context UriInfo uri) {
        return moved(uri);
    }

    @GET
    @Path("/{rest: .+}")
    @Operation(summary = "Moved: GET /api/v1/org-units/{code} on the registry service", deprecated = true)
    public Response get(@Parameter(description = REST) @PathParam("rest") String rest, @Context UriInfo uri) {
        return moved(uri);
    }

    @POST
    @Path("/{rest: .+}")
    @Operation(
            summary = "Moved: POST /api/v1/org-units/import on the registry service (method and body kept)",
            deprecated = true)
    public Response post(@Parameter(description = REST) @PathParam("rest") String rest, @Context UriInfo uri) {
        return moved(uri);
    }

    @PUT
    @Path("/{rest: .+}")
    @Operation(
            summary = "Moved: PUT /api/v1/org-units/{code} on the registry service (method and body kept)",
            deprecated = true)
    public Response update(@Parameter(description = REST) @PathParam("rest") String rest, @Context UriInfo uri) {
        return moved(uri);
    }

    private Response moved(UriInfo uri) {
        return Moved.to(links.registry(), uri);
    }
}
