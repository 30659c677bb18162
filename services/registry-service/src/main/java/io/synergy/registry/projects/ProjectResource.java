package io.synergy.registry.projects;

import io.synergy.model.event.ProjectEvent;
import io.synergy.model.orgunit.OrgUnit;
import io.synergy.model.orgunit.OrgUnits;
import io.synergy.model.project.ProjectCatalogue;
import io.synergy.model.project.ProjectProgress;
import io.synergy.model.project.ProjectStatus;
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
 * The key projects of the plan (重点工程): read with {@code reader} or {@code planner}, created and changed with
 * {@code planner}. Every change is published on {@code projects.v1}. A project's version is its {@code ETag}; a write may
 * carry {@code If-Match} (optional, honoured: 412 when it does not match).
 */
@Path("/api/v1/projects")
@Tag(
        name = "projects",
        description = "Key projects of the plan (重点工程): status, planned and verified reductions, progress")
@APIResponse(
        responseCode = "403",
        description = "The token lacks the role: reader or planner to read, planner to change",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class ProjectResource {

    /** A list's question: its parameters as sent. */
    private record ListQuestion(
            String type, String clause, String orgUnit, String status, String year, String limit, String cursor) {}

    /** The progress's question: its parameters as sent. */
    private record ProgressQuestion(String period, String orgUnit) {}

    private final ProjectService service;
    private final ProjectCatalogue catalogue;
    private final OrgUnitRegistry registry;
    private final KeptLists kept;
    private final JsonWebToken token;

    ProjectResource(
            ProjectService service,
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
                    "Key projects in code order; filters: type, clause, orgUnit (the unit and every unit below it), status (now), year "
                            + "(under way in it: started by then, not completed before it). Without limit, every project; with limit, a page and a Link header "
                            + "to the next one. JSON, or with Accept a CSV (the import's columns, and clause and version) or an Excel workbook")
    @APIResponse(
            responseCode = "200",
            description = "The projects (a page of them with limit)",
            content = {
                @Content(
                        mediaType = MediaType.APPLICATION_JSON,
                        schema = @Schema(type = SchemaType.ARRAY, implementation = ProjectEvent.class)),
                @Content(
                        mediaType = Tabular.CSV,
                        schema =
                                @Schema(
                                        type = SchemaType.STRING,
                                        description =
                                                "header "
                                                        + "code,name_zh,name_en,type,clause,org_unit,lead_department,responsible_units,start_year,completion_year,status,status_date,"
                                                        + "planned_nox,verified_nox,…,planned_co2,verified_co2,verification_document,version")),
                @Content(
                        mediaType = Tabular.XLSX,
                        schema =
                                @Schema(
                                        type = SchemaType.STRING,
                                        format = "binary",
                                        description =
                                                "one sheet, the same columns with Chinese and English headers and units"))
            })
    public RestResponse<Tabular<List<ProjectEvent>>> list(
            @Parameter(description = "a project type of /api/v1/projects/types") @QueryParam("type") String type,
            @Parameter(description = "a clause of the plan by number: 3 for （三）") @QueryParam("clause") String clause,
            @Parameter(description = "the city, a district, a group, a park or an enterprise") @QueryParam("orgUnit")
                    String orgUnit,
            @Parameter(description = "PLANNED, UNDER_CONSTRUCTION, COMPLETED or CANCELLED") @QueryParam("status")
                    String status,
            @Parameter(description = "a year the project is under way in, e.g. 2024") @QueryParam("year") String year,
            @Parameter(description = "page size, 1-" + Paging.MAX_LIMIT + "; omitted: every project")
                    @QueryParam("limit")
                    String limit,
            @Parameter(description = "where the page starts: the cursor of the previous page's Link header")
                    @QueryParam("cursor")
                    String cursor,
            @Context UriInfo uri) {
        List<FieldError> errors = new ArrayList<>();
        if (type != null && catalogue.type(type).isEmpty()) {
            errors.add(new FieldError("type", "'" + type + "' is not a project type of /api/v1/projects/types"));
        }
        Integer c = clause == null ? null : Params.wholeNumber(clause);
        if (clause != null && (c == null || catalogue.clause(c).isEmpty())) {
            errors.add(new FieldError("clause", "must be the number of a clause of /api/v1/projects/types, e.g. 3"));
        }
        OrgUnits units = registry.current();
        ProjectService.Filter filter = new ProjectService.Filter(
                type,
                c,
                Params.within(orgUnit, units, errors),
                Params.oneOf(ProjectStatus.class, status, "status", errors),
                Params.year(year, "year", errors));
        Integer size = Paging.limit(limit, errors);
        String after = Paging.decodeCursor(cursor, errors);
        if (!errors.isEmpty()) {
            throw ProblemException.invalid("Invalid parameter", errors);
        }
        return kept.page(
                new ListQuestion(type, clause, orgUnit, status, year, limit, cursor),
                units,
                uri,
                () -> Pages.answer(
                        service.list(filter, after, size == null ? null : size + 1),
                        size,
                        ProjectEvent::code,
                        uri,
                        ProjectTable::answer));
    }

    @GET
    @Path("/types")
    @RolesAllowed({"reader", "planner"})
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(
            summary =
                    "The catalogue of key-project types (重点工程类型), each with its clause of the plan and the substances its projects "
                            + "may record reductions of; the clauses with their departments; the substances")
    @APIResponse(
            responseCode = "200",
            description = "The catalogue",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = ProjectTypes.class)))
    public ProjectTypes types() {
        return ProjectTypes.of(catalogue);
    }

    @GET
    @Path("/progress")
    @RolesAllowed({"reader", "planner"})
    @Produces({MediaType.APPLICATION_JSON, Tabular.CSV, Tabular.XLSX})
    @Operation(
            summary =
                    "Progress of the key projects at the end of a year (重点工程进展), for the city or an org unit: per clause and per "
                            + "district, how many projects are in each status on 31 December (from their status history), and per substance the planned "
                            + "reductions (of the projects not cancelled) and the delivered ones (verified, of the projects completed by then). JSON, or with "
                            + "Accept a CSV or an Excel workbook (the total, the clauses and the districts as rows)")
    @APIResponse(
            responseCode = "200",
            description = "The progress",
            content = {
                @Content(
                        mediaType = MediaType.APPLICATION_JSON,
                        schema = @Schema(implementation = ProjectProgress.class)),
                @Content(
                        mediaType = Tabular.CSV,
                        schema =
                                @Schema(
                                        type = SchemaType.STRING,
                                        description = "header "
                                                + "dimension,key,name_zh,name_en,projects,planned,under_construction,completed,cancelled,completed_unverified,planned_nox,"
                                                + "delivered_nox,…,planned_co2,delivered_co2")),
                @Content(
                        mediaType = Tabular.XLSX,
                        schema =
                                @Schema(
                                        type = SchemaType.STRING,
                                        format = "binary",
                                        description =
                                                "one sheet, the same columns with Chinese and English headers and units"))
            })
    @APIResponse(
            responseCode = "400",
            description = "period is missing or not a year, or orgUnit is unknown; errors[].field names it")
    public Tabular<ProjectProgress> progress(
            @Parameter(description = "the year, e.g. 2024", required = true) @QueryParam("period") String period,
            @Parameter(description = "the city (default), a district, a group, a park or an enterprise")
                    @QueryParam("orgUnit")
                    String orgUnit) {
        List<FieldError> errors = new ArrayList<>();
        Integer year = Params.year(period, "period", errors);
        if (year == null && errors.isEmpty()) {
            errors.add(new FieldError("period", "is required: a year, e.g. 2024"));
        }
        OrgUnits units = registry.current();
        Params.within(orgUnit, units, errors);
        if (!errors.isEmpty()) {
            throw ProblemException.invalid("Invalid parameter", errors);
        }
        OrgUnit scope = orgUnit == null || orgUnit.isBlank()
                ? units.city()
                : units.find(orgUnit.strip()).orElseThrow();
        return kept.answer(new ProgressQuestion(period, orgUnit), units, () -> {
            List<ProjectEvent> projects = service.list(
                    new ProjectService.Filter(null, null, Params.within(scope.code(), units, errors), null, null),
                    null,
                    null);
            return ProjectTable.answer(ProjectProgress.of(year, scope, projects, units, catalogue));
        });
    }

    @GET
    @Path("/{code}")
    @RolesAllowed({"reader", "planner"})
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "One key project with its status history; its ETag is its version (for If-Match on a change)")
    @APIResponse(
            responseCode = "200",
            description = "The project",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = ProjectEvent.class)),
            headers =
                    @Header(
                            name = "ETag",
                            description = "the project's version, e.g. \"3\"",
                            schema = @Schema(type = SchemaType.STRING)))
    @APIResponse(responseCode = "404", description = "No such project")
    public RestResponse<ProjectEvent> get(@PathParam("code") String code) {
        ProjectEvent p = service.find(code).orElseThrow(() -> ProblemException.notFound("No key project " + code));
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
                    "Create a key project (201, Location), or change one (200); If-Match (optional) must match the stored version",
            extensions = @Extension(name = WriteOperations.ENTITY, value = "project"))
    @APIResponseSchema(
            value = ProjectEvent.class,
            responseCode = "201",
            responseDescription = "Created: the project as stored and published (version 1)")
    @APIResponse(responseCode = "200", description = "An existing project: changed (a new version) or unchanged")
    @APIResponse(
            responseCode = "400",
            description =
                    "Every fault of the project in errors[] (code, zh, type, orgUnit, leadDepartment, startYear, "
                            + "completionYear, status, statusDate, reductions[i].…, verificationDocument, If-Match); nothing stored")
    public RestResponse<ProjectEvent> create(
            ProjectChange change, @HeaderParam(EntityTags.IF_MATCH) String ifMatch, @Context UriInfo uri) {
        return write(WriteRequests.required(change, "a JSON object {code, zh, type, orgUnit, …}"), ifMatch, uri);
    }

    @PUT
    @Path("/{code}")
    @RolesAllowed("planner")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(
            summary =
                    "Change a key project: its status (a new status is added to its history, dated statusDate or today), its reductions "
                            + "and their verification, names, unit, years; If-Match (optional) must match the stored version. A code not known yet is created (201)",
            extensions = @Extension(name = WriteOperations.ENTITY, value = "project"))
    @APIResponseSchema(value = ProjectEvent.class, responseDescription = "Changed (a new version) or unchanged")
    @APIResponse(responseCode = "201", description = "Created")
    @APIResponse(
            responseCode = "400",
            description =
                    "Every fault of the project in errors[] (the body's code differing from the path's included); "
                            + "nothing stored")
    public RestResponse<ProjectEvent> update(
            @PathParam("code") String code,
            ProjectChange change,
            @HeaderParam(EntityTags.IF_MATCH) String ifMatch,
            @Context UriInfo uri) {
        return write(WriteRequests.atPath(code, change, ProjectChange::code).withCode(code), ifMatch, uri);
    }

    private RestResponse<ProjectEvent> write(ProjectChange change, String ifMatch, UriInfo uri) {
        Written<ProjectEvent> w = service.apply(
                        List.of(change), List.of(Fields.json()), Params.operator(token), EntityTags.parse(ifMatch))
                .get(0);
        return WriteRequests.answer(w, uri, ProjectResource.class, ProjectEvent::code, ProjectEvent::version);
    }

    @POST
    @Path("/import")
    @RolesAllowed("planner")
    @Consumes({Tabular.CSV, Tabular.XLSX})
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(
            summary =
                    "Import key projects: a CSV or an Excel workbook with the list's columns (headers as keys, or in Chinese or English as "
                            + "the export writes them; clause and version are ignored), one project a row, each row the whole project; all rows or none")
    @RequestBody(
            content = {
                @Content(
                        mediaType = Tabular.CSV,
                        schema =
                                @Schema(
                                        type = SchemaType.STRING,
                                        description = "header code,name_zh,name_en,type,org_unit,"
                                                + "lead_department,responsible_units,start_year,completion_year,status,status_date,planned_nox,verified_nox,…,"
                                                + "verification_document (the reduction columns a table needs)"))
            })
    @APIResponseSchema(ImportSummary.class)
    public ImportSummary importProjects(
            InputStream body,
            @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
            @Parameter(description = "the sheet to read of a workbook with several") @QueryParam("sheet")
                    String sheet) {
        long started = System.nanoTime();
        List<TableRow> rows = ProjectTable.READER.read(body, contentType, sheet);
        return Written.summary(
                service.apply(
                        rows.stream().map(ProjectTable::change).toList(),
                        rows.stream().map(ProjectTable::fields).toList(),
                        Params.operator(token),
                        null),
                started);
    }
}
