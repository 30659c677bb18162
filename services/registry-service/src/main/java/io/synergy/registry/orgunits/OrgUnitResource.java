package io.synergy.registry.orgunits;

import io.synergy.model.event.OrgUnitEvent;
import io.synergy.model.orgunit.OrgUnitLevel;
import io.synergy.platform.orgunits.OrgUnitRegistry;
import io.synergy.platform.problem.FieldError;
import io.synergy.platform.problem.Problem;
import io.synergy.platform.problem.ProblemException;
import io.synergy.platform.tabular.TableRow;
import io.synergy.platform.tabular.Tabular;
import io.synergy.registry.shared.EntityTags;
import io.synergy.registry.shared.KeptLists;
import io.synergy.registry.shared.Pages;
import io.synergy.registry.shared.Paging;
import io.synergy.registry.shared.Params;
import io.synergy.registry.shared.WriteOperations;
import io.synergy.registry.shared.WriteRequests;
import io.synergy.registry.shared.Written;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.extensions.Extension;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponseSchema;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

/**
 * The registry of parks (园区) and enterprises (企业): read with {@code reader}, changed with {@code ops}. Every change
 * is published on {@code org-units.v1}, from which the other services learn which enterprises may report. A unit's
 * version is its {@code ETag}; a write may carry {@code If-Match} (optional, honoured: 412 when it does not match).
 */
@Path("/api/v1/org-units")
@Tag(name = "org units", description = "Parks and enterprises below the districts")
@APIResponse(
        responseCode = "403",
        description = "The token lacks the role: reader to read, ops to change",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class OrgUnitResource {

    /** A list's question: its parameters as sent. */
    private record ListQuestion(String level, String parent, String industry, String limit, String cursor) {}

    private final OrgUnitService service;
    private final OrgUnitRegistry registry;
    private final KeptLists kept;
    private final JsonWebToken token;

    OrgUnitResource(OrgUnitService service, OrgUnitRegistry registry, KeptLists kept, JsonWebToken token) {
        this.service = service;
        this.registry = registry;
        this.kept = kept;
        this.token = token;
    }

    @GET
    @RolesAllowed("reader")
    @Produces({MediaType.APPLICATION_JSON, Tabular.CSV, Tabular.XLSX})
    @Operation(
            summary =
                    "Parks and enterprises in code order; filters: level (PARK, ENTERPRISE), parent (a district or park), industry "
                            + "(section letter or division). Without limit, every unit; with limit, a page and a Link header to the next one. JSON, or "
                            + "with Accept a CSV (the import's columns) or an Excel workbook (Chinese and English headers)")
    @APIResponse(
            responseCode = "200",
            description = "The units (a page of them with limit)",
            content = {
                @Content(
                        mediaType = MediaType.APPLICATION_JSON,
                        schema = @Schema(type = SchemaType.ARRAY, implementation = OrgUnitView.class)),
                @Content(
                        mediaType = Tabular.CSV,
                        schema =
                                @Schema(
                                        type = SchemaType.STRING,
                                        description =
                                                "header "
                                                        + "code,level,name_zh,name_en,parent,industry_section,industry_division,flags,closed"))
            })
    @APIResponse(responseCode = "400", description = "level, limit or cursor is malformed; errors[].field names it")
    public RestResponse<Tabular<List<OrgUnitView>>> list(
            @QueryParam("level") String level,
            @QueryParam("parent") String parent,
            @QueryParam("industry") String industry,
            @Parameter(description = "page size, 1-" + Paging.MAX_LIMIT + "; omitted: every unit") @QueryParam("limit")
                    String limit,
            @Parameter(description = "where the page starts: the cursor of the previous page's Link header")
                    @QueryParam("cursor")
                    String cursor,
            @Context UriInfo uri) {
        List<FieldError> errors = new ArrayList<>();
        OrgUnitLevel l = null;
        if (level != null) {
            if (!level.equals("PARK") && !level.equals("ENTERPRISE")) {
                errors.add(new FieldError("level", "must be PARK or ENTERPRISE"));
            } else {
                l = OrgUnitLevel.valueOf(level);
            }
        }
        Integer size = Paging.limit(limit, errors);
        String after = Paging.decodeCursor(cursor, errors);
        if (!errors.isEmpty()) {
            throw ProblemException.invalid("Invalid parameter", errors);
        }
        OrgUnitLevel asked = l;
        return kept.page(new ListQuestion(level, parent, industry, limit, cursor), registry.current(), uri, () -> {
            // one more than the page: whether a next page exists
            List<OrgUnitView> units =
                    service.list(asked, parent, industry, after, size == null ? null : size + 1).stream()
                            .map(OrgUnitView::of)
                            .toList();
            return Pages.answer(units, size, OrgUnitView::code, uri, OrgUnitTable::answer);
        });
    }

    @GET
    @Path("/{code}")
    @RolesAllowed("reader")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "One park or enterprise; its ETag is its version (for If-Match on a change)")
    @APIResponse(
            responseCode = "200",
            description = "The unit",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = OrgUnitView.class)),
            headers =
                    @Header(
                            name = "ETag",
                            description = "the unit's version, e.g. \"3\"",
                            schema = @Schema(type = SchemaType.STRING)))
    @APIResponse(responseCode = "404", description = "No such park or enterprise")
    public RestResponse<OrgUnitView> get(@PathParam("code") String code) {
        OrgUnitEvent u = service.find(code)
                .orElseThrow(() -> ProblemException.notFound("No park or enterprise " + code + " in the registry"));
        return RestResponse.ResponseBuilder.ok(OrgUnitView.of(u))
                .header(HttpHeaders.ETAG, EntityTags.of(u.version()))
                .build();
    }

    @POST
    @RolesAllowed("ops")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(
            summary =
                    "Register a park or an enterprise (201, Location), or change one (200); If-Match (optional) must match the stored version",
            extensions = @Extension(name = WriteOperations.ENTITY, value = "unit"))
    @APIResponseSchema(
            value = OrgUnitEvent.class,
            responseCode = "201",
            responseDescription = "Registered: the unit as stored and published (version 1, or the next after the "
                    + "versions org-units.v1 already carries for the code)")
    @APIResponse(responseCode = "200", description = "An existing unit: changed (a new version) or unchanged")
    @APIResponse(
            responseCode = "400",
            description = "Every fault of the unit in errors[] (code, level, zh, en, parent, industryDivision, flags, "
                    + "If-Match); nothing stored")
    public RestResponse<OrgUnitEvent> create(
            OrgUnitChange change, @HeaderParam(EntityTags.IF_MATCH) String ifMatch, @Context UriInfo uri) {
        return write(WriteRequests.required(change, "a JSON object {code, level, zh, parent, …}"), ifMatch, uri);
    }

    @PUT
    @Path("/{code}")
    @RolesAllowed("ops")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(
            summary =
                    "Change a park or an enterprise: name, parent (a move: the aggregation re-rolls the years it has figures for), industry, "
                            + "flags, closed; If-Match (optional) must match the stored version. A code not registered yet is registered (201)",
            extensions = @Extension(name = WriteOperations.ENTITY, value = "unit"))
    @APIResponseSchema(value = OrgUnitEvent.class, responseDescription = "Changed (a new version) or unchanged")
    @APIResponse(responseCode = "201", description = "Registered")
    @APIResponse(
            responseCode = "400",
            description = "Every fault of the unit in errors[] (the body's code differing from the path's included); "
                    + "nothing stored")
    public RestResponse<OrgUnitEvent> update(
            @PathParam("code") String code,
            OrgUnitChange change,
            @HeaderParam(EntityTags.IF_MATCH) String ifMatch,
            @Context UriInfo uri) {
        return write(WriteRequests.atPath(code, change, OrgUnitChange::code).withCode(code), ifMatch, uri);
    }

    private RestResponse<OrgUnitEvent> write(OrgUnitChange change, String ifMatch, UriInfo uri) {
        Written<OrgUnitEvent> w = service.apply(
                        List.of(change), List.of(""), Params.operator(token), EntityTags.parse(ifMatch))
                .get(0);
        return WriteRequests.answer(w, uri, OrgUnitResource.class, OrgUnitEvent::code, OrgUnitEvent::version);
    }

    @POST
    @Path("/import")
    @RolesAllowed("ops")
    @Consumes({Tabular.CSV, Tabular.XLSX})
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(
            summary =
                    "The initial load: a CSV with the header code,level,name_zh,name_en,parent,industry_section,industry_division,flags,closed "
                            + "(flags separated by |), or an Excel workbook with these columns (headers as keys, or in Chinese or English as the export "
                            + "writes them); all rows or none")
    @RequestBody(
            content = {
                @Content(
                        mediaType = Tabular.CSV,
                        schema = @Schema(type = SchemaType.STRING),
                        examples = @ExampleObject(name = "csv", value = """
                    code,level,name_zh,name_en,parent,industry_section,industry_division,flags,closed
                    370211P01,PARK,董家口经济区,Dongjiakou Economic Zone,370211,,,,false"""))
            })
    @APIResponseSchema(ImportSummary.class)
    public ImportSummary importUnits(
            InputStream body,
            @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
            @Parameter(description = "the sheet to read of a workbook with several") @QueryParam("sheet")
                    String sheet) {
        long started = System.nanoTime();
        List<TableRow> rows = OrgUnitTable.READER.read(body, contentType, sheet);
        List<OrgUnitChange> changes = rows.stream().map(OrgUnitTable::change).toList();
        List<String> paths = rows.stream().map(r -> r.where() + ": ").toList();
        return Written.summary(service.apply(changes, paths, Params.operator(token), null), started);
    }
}
