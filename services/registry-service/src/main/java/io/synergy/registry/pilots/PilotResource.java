package io.synergy.registry.pilots;

import io.synergy.model.event.PilotEvent;
import io.synergy.model.orgunit.OrgUnits;
import io.synergy.model.project.DesignationLevel;
import io.synergy.model.project.PilotStatus;
import io.synergy.model.project.ProjectCatalogue;
import io.synergy.platform.orgunits.OrgUnitRegistry;
import io.synergy.platform.problem.FieldError;
import io.synergy.platform.problem.Problem;
import io.synergy.platform.problem.ProblemException;
import io.synergy.platform.tabular.TableRow;
import io.synergy.platform.tabular.Tabular;
import io.synergy.registry.orgunits.ImportSummary;
import io.synergy.registry.shared.EntityTags;
import io.synergy.registry.shared.Fields;
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
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponseSchema;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

/**
 * The pilots and designations (试点示范) of the city, its districts, parks and enterprises: read with {@code reader} or
 * {@code planner}, created and changed with {@code planner}. Every change is published on {@code pilots.v1}. A pilot's
 * version is its {@code ETag}; a write may carry {@code If-Match} (optional, honoured: 412 when it does not match).
 */
@Path("/api/v1/pilots")
@Tag(name = "pilots", description = "Pilots and designations (试点示范): carbon-EIA pilots, synergy pilots, 无废, 双近零, EOD…")
@APIResponse(
        responseCode = "403",
        description = "The token lacks the role: reader or planner to read, planner to change",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class PilotResource {

    /** A list's question: its parameters as sent. */
    private record ListQuestion(
            String programme,
            String clause,
            String orgUnit,
            String level,
            String status,
            String year,
            String industry,
            String limit,
            String cursor) {}

    private final PilotService service;
    private final ProjectCatalogue catalogue;
    private final OrgUnitRegistry registry;
    private final KeptLists kept;
    private final JsonWebToken token;

    PilotResource(
            PilotService service,
            ProjectCatalogue catalogue,
            OrgUnitRegistry registry,
            KeptLists kept,
            JsonWebToken token) {
        this.service = service;
        this.catalogue = catalogue;
        this.registry = registry;
        this.kept = kept;
        this.token = token;
    }

    @GET
    @RolesAllowed({"reader", "planner"})
    @Produces({MediaType.APPLICATION_JSON, Tabular.CSV, Tabular.XLSX})
    @Operation(
            summary =
                    "Pilots and designations in code order; filters: programme, clause, orgUnit (the unit and every unit below it), level, "
                            + "status, year (designated), industry. Without limit, every pilot; with limit, a page and a Link header to the next one. JSON, or "
                            + "with Accept a CSV (the import's columns, and clause and version) or an Excel workbook")
    @APIResponse(
            responseCode = "200",
            description = "The pilots (a page of them with limit)",
            content = {
                @Content(
                        mediaType = MediaType.APPLICATION_JSON,
                        schema = @Schema(type = SchemaType.ARRAY, implementation = PilotEvent.class)),
                @Content(
                        mediaType = Tabular.CSV,
                        schema =
                                @Schema(
                                        type = SchemaType.STRING,
                                        description =
                                                "header "
                                                        + "code,org_unit,programme,clause,industry,level,year_designated,status,document,version"))
            })
    public RestResponse<Tabular<List<PilotEvent>>> list(
            @Parameter(description = "a programme of /api/v1/pilots/programmes") @QueryParam("programme")
                    String programme,
            @Parameter(description = "a clause of the plan by number: 18 for （十八）") @QueryParam("clause") String clause,
            @Parameter(description = "the city, a district, a group, a park or an enterprise") @QueryParam("orgUnit")
                    String orgUnit,
            @Parameter(description = "NATIONAL, PROVINCIAL or CITY") @QueryParam("level") String level,
            @Parameter(description = "APPLIED, DESIGNATED, ACCEPTED or REVOKED") @QueryParam("status") String status,
            @Parameter(description = "the year designated, e.g. 2023") @QueryParam("year") String year,
            @Parameter(description = "an industry of a programme by industry, e.g. CHEMICAL") @QueryParam("industry")
                    String industry,
            @Parameter(description = "page size, 1-" + Paging.MAX_LIMIT + "; omitted: every pilot") @QueryParam("limit")
                    String limit,
            @Parameter(description = "where the page starts: the cursor of the previous page's Link header")
                    @QueryParam("cursor")
                    String cursor,
            @Context UriInfo uri) {
        List<FieldError> errors = new ArrayList<>();
        if (programme != null && catalogue.programme(programme).isEmpty()) {
            errors.add(
                    new FieldError("programme", "'" + programme + "' is not a programme of /api/v1/pilots/programmes"));
        }
        Integer c = clause == null ? null : Params.wholeNumber(clause);
        if (clause != null && (c == null || catalogue.programmes().stream().noneMatch(p -> p.clause() == c))) {
            errors.add(
                    new FieldError("clause", "must be the number of a clause of /api/v1/pilots/programmes, e.g. 18"));
        }
        if (industry != null && catalogue.industry(industry).isEmpty()) {
            errors.add(
                    new FieldError("industry", "'" + industry + "' is not an industry of /api/v1/pilots/programmes"));
        }
        OrgUnits units = registry.current();
        PilotService.Filter filter = new PilotService.Filter(
                programme,
                c,
                Params.within(orgUnit, units, errors),
                Params.oneOf(DesignationLevel.class, level, "level", errors),
                Params.oneOf(PilotStatus.class, status, "status", errors),
                Params.year(year, "year", errors),
                industry);
        Integer size = Paging.limit(limit, errors);
        String after = Paging.decodeCursor(cursor, errors);
        if (!errors.isEmpty()) {
            throw ProblemException.invalid("Invalid parameter", errors);
        }
        return kept.page(
                new ListQuestion(programme, clause, orgUnit, level, status, year, industry, limit, cursor),
                units,
                uri,
                () -> Pages.answer(
                        service.list(filter, after, size == null ? null : size + 1),
                        size,
                        PilotEvent::code,
                        uri,
                        PilotTable::answer));
    }

    @GET
    @Path("/programmes")
    @RolesAllowed({"reader", "planner"})
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(
            summary =
                    "The catalogue of pilot programmes (试点示范类别), each with its clause of the plan and the org-unit levels it designates; "
                            + "the industries of the carbon-EIA pilot")
    @APIResponse(
            responseCode = "200",
            description = "The catalogue",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = PilotProgrammes.class)))
    public PilotProgrammes programmes() {
        return PilotProgrammes.of(catalogue);
    }

    @GET
    @Path("/{code}")
    @RolesAllowed({"reader", "planner"})
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "One pilot or designation; its ETag is its version (for If-Match on a change)")
    @APIResponse(
            responseCode = "200",
            description = "The pilot",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = PilotEvent.class)),
            headers =
                    @Header(
                            name = "ETag",
                            description = "the pilot's version, e.g. \"3\"",
                            schema = @Schema(type = SchemaType.STRING)))
    @APIResponse(responseCode = "404", description = "No such pilot")
    public RestResponse<PilotEvent> get(@PathParam("code") String code) {
        PilotEvent p = service.find(code).orElseThrow(() -> ProblemException.notFound("No pilot " + code));
        return RestResponse.ResponseBuilder.ok(p)
                .header(HttpHeaders.ETAG, EntityTags.of(p.version()))
                .build();
    }

    @POST
    @RolesAllowed("planner")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(
            summary =
                    "Record a pilot or designation (201, Location), or change one (200); If-Match (optional) must match the stored version",
            extensions = @Extension(name = WriteOperations.ENTITY, value = "pilot"))
    @APIResponseSchema(
            value = PilotEvent.class,
            responseCode = "201",
            responseDescription = "Created: the pilot as stored and published (version 1)")
    @APIResponse(responseCode = "200", description = "An existing pilot: changed (a new version) or unchanged")
    @APIResponse(
            responseCode = "400",
            description = "Every fault of the pilot in errors[] (code, orgUnit, programme, industry, level, "
                    + "yearDesignated, status, document, If-Match); nothing stored")
    public RestResponse<PilotEvent> create(
            PilotChange change, @HeaderParam(EntityTags.IF_MATCH) String ifMatch, @Context UriInfo uri) {
        return write(
                WriteRequests.required(change, "a JSON object {code, orgUnit, programme, level, …}"), ifMatch, uri);
    }

    @PUT
    @Path("/{code}")
    @RolesAllowed("planner")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(
            summary =
                    "Change a pilot or designation (its status, year, document…); If-Match (optional) must match the stored version. A code "
                            + "not known yet is created (201)",
            extensions = @Extension(name = WriteOperations.ENTITY, value = "pilot"))
    @APIResponseSchema(value = PilotEvent.class, responseDescription = "Changed (a new version) or unchanged")
    @APIResponse(responseCode = "201", description = "Created")
    @APIResponse(
            responseCode = "400",
            description = "Every fault of the pilot in errors[] (the body's code differing from the path's included); "
                    + "nothing stored")
    public RestResponse<PilotEvent> update(
            @PathParam("code") String code,
            PilotChange change,
            @HeaderParam(EntityTags.IF_MATCH) String ifMatch,
            @Context UriInfo uri) {
        return write(WriteRequests.atPath(code, change, PilotChange::code).withCode(code), ifMatch, uri);
    }

    private RestResponse<PilotEvent> write(PilotChange change, String ifMatch, UriInfo uri) {
        Written<PilotEvent> w = service.apply(
                        List.of(change), List.of(Fields.json()), Params.operator(token), EntityTags.parse(ifMatch))
                .get(0);
        return WriteRequests.answer(w, uri, PilotResource.class, PilotEvent::code, PilotEvent::version);
    }

    @POST
    @Path("/import")
    @RolesAllowed("planner")
    @Consumes({Tabular.CSV, Tabular.XLSX})
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(
            summary =
                    "Import pilots and designations: a CSV or an Excel workbook with the list's columns (headers as keys, or in Chinese or "
                            + "English as the export writes them; clause and version are ignored), one pilot a row; all rows or none")
    @RequestBody(
            content = {
                @Content(
                        mediaType = Tabular.CSV,
                        schema =
                                @Schema(
                                        type = SchemaType.STRING,
                                        description = "header code,org_unit,programme,industry,"
                                                + "level,year_designated,status,document"))
            })
    @APIResponseSchema(ImportSummary.class)
    public ImportSummary importPilots(
            InputStream body,
            @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
            @Parameter(description = "the sheet to read of a workbook with several") @QueryParam("sheet")
                    String sheet) {
        long started = System.nanoTime();
        List<TableRow> rows = PilotTable.READER.read(body, contentType, sheet);
        return Written.summary(
                service.apply(
                        rows.stream().map(PilotTable::change).toList(),
                        rows.stream().map(PilotTable::fields).toList(),
                        Params.operator(token),
                        null),
                started);
    }
}
