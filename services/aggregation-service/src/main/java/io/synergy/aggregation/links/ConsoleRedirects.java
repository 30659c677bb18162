package io.synergy.aggregation.links;

import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
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
 * The operations API and the dashboard moved to the console service (:8087). For at least one release the paths they had
 * here — the dashboard's page ({@code /}, {@code /index.html}, {@code /dashboard/*}), {@code /api/v1/ops/*} and
 * {@code /api/v1/dashboard/*} — answer {@code 308 Permanent Redirect} to the same path and query there ({@link Moved}): a
 * bookmark of the dashboard keeps working (the browser keeps the {@code #token=} fragment across the redirect). No token is
 * needed to be redirected; the console service checks it.
 */
@PermitAll
@Path("/")
@Tag(name = "console (moved)", description = "Moved to the console service: 308 to synergy.links.console")
@APIResponse(
        responseCode = "308",
        description = "Permanent Redirect to the console service, same path and query",
        headers = @Header(name = "Location", schema = @Schema(type = SchemaType.STRING)))
@SecurityRequirementsSet
public class ConsoleRedirects {

    private static final String REST = "the rest of the path, kept as it is in the redirect";

    private final LinksConfig links;

    ConsoleRedirects(LinksConfig links) {
        this.links = links;
    }

    @GET
    @Operation(summary = "Moved: the dashboard, / on the console service", deprecated = true)
    public Response dashboard(@Context UriInfo uri) {
        return Moved.to(links.console(), uri);
    }

    @GET
    @Path("{page: index\\.html|dashboard/.+}")
    @Operation(summary = "Moved: the dashboard's page and assets, on the console service", deprecated = true)
    public Response page(@Parameter(description = REST) @PathParam("page") String page, @Context UriInfo uri) {
        return Moved.to(links.console(), uri);
    }

    @GET
    @Path("api/v1/ops{rest: (/.*)?}")
    @Operation(summary = "Moved: GET /api/v1/ops/* on the console service", deprecated = true)
    public Response operations(@Parameter(description = REST) @PathParam("rest") String rest, @Context UriInfo uri) {
        return Moved.to(links.console(), uri);
    }

    @POST
    @Path("api/v1/ops{rest: (/.*)?}")
    @Operation(
            summary =
                    "Moved: POST /api/v1/ops/* (the replay of dead letters) on the console service, method and body kept",
            deprecated = true)
    public Response operate(@Parameter(description = REST) @PathParam("rest") String rest, @Context UriInfo uri) {
        return Moved.to(links.console(), uri);
    }

    @GET
    @Path("api/v1/dashboard{rest: (/.*)?}")
    @Operation(summary = "Moved: GET /api/v1/dashboard/* on the console service", deprecated = true)
    public Response figures(@Parameter(description = REST) @PathParam("rest") String rest, @Context UriInfo uri) {
        return Moved.to(links.console(), uri);
    }
}
