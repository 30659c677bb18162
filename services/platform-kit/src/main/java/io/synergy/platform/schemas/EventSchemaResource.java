package io.synergy.platform.schemas;

import io.synergy.platform.problem.Problem;
import io.synergy.platform.problem.ProblemException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.regex.Pattern;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirementsSet;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The JSON Schemas of the platform's events and feed messages ({@code shared-model}'s {@code schemas/}), served where an event's
 * {@code ce_dataschema} points: {@code /schemas/<name>.json}. Open like the OpenAPI document: they are the public contract.
 */
@Path("/schemas")
// open to anyone, said explicitly (an empty requirement) for the document's readers and linters
@SecurityRequirementsSet
@Tag(name = "schemas", description = "JSON Schemas of the events (CloudEvents dataschema)")
public class EventSchemaResource {

    /** The media type of a JSON Schema document (JSON Schema, core, §14.1). */
    public static final String SCHEMA_JSON = "application/schema+json";

    private static final Pattern NAME = Pattern.compile("[a-z0-9-]+(\\.v[0-9]+)?\\.json");

    @GET
    @Path("{file}")
    @Produces({SCHEMA_JSON, "application/json"})
    @Operation(
            summary = "The JSON Schema of an event or feed message",
            description =
                    "indicator-event.v1, result.v1, org-unit-event.v1, target-event.v1 (events) and report.v1 (a feed message, the body of "
                            + "POST /api/v1/reports)")
    @APIResponse(
            responseCode = "200",
            description = "The schema",
            content = @Content(mediaType = SCHEMA_JSON, schema = @Schema(type = SchemaType.OBJECT)))
    @APIResponse(
            responseCode = "404",
            description = "No such schema",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response schema(@PathParam("file") String file) {
        // letters, digits, '-', an optional version: no other resource (and no path) can be named through it
        InputStream in = NAME.matcher(file).matches()
                ? Thread.currentThread().getContextClassLoader().getResourceAsStream("schemas/" + file)
                : null;
        if (in == null) {
            throw new ProblemException(404, "not-found", "Not Found", "No schema " + file);
        }
        try (in) {
            CacheControl cache = new CacheControl();
            cache.setMaxAge(3600);
            return Response.ok(in.readAllBytes(), SCHEMA_JSON)
                    .cacheControl(cache)
                    .build();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
