package io.synergy.registry.targets;

import io.synergy.model.catalogue.Indicator;
import io.synergy.model.orgunit.OrgUnit;
import io.synergy.model.orgunit.OrgUnits;
import io.synergy.model.target.AppliedTarget;
import io.synergy.model.target.TargetRules;
import io.synergy.platform.orgunits.OrgUnitRegistry;
import io.synergy.platform.problem.FieldError;
import io.synergy.platform.problem.Problem;
import io.synergy.platform.problem.ProblemException;
import io.synergy.platform.tabular.Tabular;
import io.synergy.registry.shared.EntityTags;
import io.synergy.registry.shared.Fields;
import io.synergy.registry.shared.KeptLists;
import io.synergy.registry.shared.Pages;
import io.synergy.registry.shared.Paging;
import io.synergy.registry.shared.Params;
import io.synergy.registry.shared.WriteRequests;
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
 * Targets per org unit (目标分解): which target applies to each indicator, org unit and year — the plan's, or one a
 * document allocated to the unit — read with {@code reader} (or {@code planner}), allocated with {@code planner}. Every
 * change is kept ({@code /history}) and published on {@code targets.v1}. An (indicator, org unit)'s version is its
 * {@code ETag}; a {@code PUT} may carry {@code If-Match} (optional, honoured: 412 when it does not match).
 */
@Path("/api/v1/targets")
@Tag(
        name = "targets",
        description = "Targets per org unit (目标分解): the plan's own, and those allocated to units by document")
@APIResponse(
        responseCode = "403",
        description = "The token lacks the role: reader or planner to read, planner to allocate",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class TargetResource {

    /** A list's question: its parameters as sent. */
    private record ListQuestion(String indicator, String orgUnit, String year, String limit, String cursor) {}

    /** The history's question: its parameters as sent. */
    private record HistoryQuestion(String indicator, String orgUnit, String limit, String cursor) {}

    private final TargetService service;
    private final OrgUnitRegistry registry;
    private final KeptLists kept;
    private final JsonWebToken token;

    TargetResource(TargetService service, OrgUnitRegistry registry, KeptLists kept, JsonWebToken token) {
        this.service = service;
        this.registry = registry;
        this.kept = kept;
        this.token = token;
    }

    @GET
    @RolesAllowed({"reader", "planner"})
    @Produces({MediaType.APPLICATION_JSON, Tabular.CSV, Tabular.XLSX})
    @Operation(
            summary =
                    "The target that applies to each indicator, org unit and year, and where it comes from: source PLAN (the plan's, with "
                            + "its document; basis DEFAULT or PLACEHOLDER for a provincial value not assigned yet), ALLOCATED (set for the unit by a document, "
                            + "in force from effectiveFrom) or NONE. Filters: indicator, orgUnit (the city, a district or a group), year (omitted: every year "
                            + "from the base year to the plan's last). Ordered by indicator (catalogue order), unit, year; paged with limit and cursor. JSON, "
                            + "or with Accept a CSV or an Excel workbook (Chinese and English headers)")
    @APIResponse(
            responseCode = "200",
            description = "The rows (a page of them with limit)",
            content = {
                @Content(
                        mediaType = MediaType.APPLICATION_JSON,
                        schema = @Schema(type = SchemaType.ARRAY, implementation = AppliedTarget.class)),
                @Content(
                        mediaType = Tabular.CSV,
                        schema =
                                @Schema(
                                        type = SchemaType.STRING,
                                        description =
                                                "header indicator,org_unit,year,source,value,target_year,kept_every_year,document,basis,effective_from,set_by,set_at"))
            })
    @APIResponse(
            responseCode = "400",
            description = "indicator, orgUnit, year, limit or cursor is not valid; errors[].field names it")
    public RestResponse<Tabular<List<AppliedTarget>>> list(
            @Parameter(description = "an indicator with a target (E1, T1, E5-NOX)") @QueryParam("indicator")
                    String indicator,
            @Parameter(description = "370200, a district (370211) or a group (central-urban)") @QueryParam("orgUnit")
                    String orgUnit,
            @Parameter(description = "a year, e.g. 2025") @QueryParam("year") String year,
            @Parameter(description = "page size, 1-" + Paging.MAX_LIMIT + "; omitted: every row") @QueryParam("limit")
                    String limit,
            @Parameter(description = "where the page starts: the cursor of the previous page's Link header")
                    @QueryParam("cursor")
                    String cursor,
            @Context UriInfo uri) {
        List<FieldError> errors = new ArrayList<>();
        OrgUnits units = registry.current();
        Indicator i = indicator(indicator, errors);
        OrgUnit u = unit(orgUnit, errors);
        List<Integer> years = service.defaultYears();
        if (year != null) {
            Integer y = Params.wholeNumber(year);
            String problem = y == null
                    ? "must be a year, e.g. 2025"
                    : TargetRules.yearProblem(y).orElse(null);
            if (problem != null) {
                errors.add(new FieldError("year", problem));
            } else {
                years = List.of(y);
            }
        }
        Integer size = Paging.limit(limit, errors);
        String after = Paging.decodeCursor(cursor, errors);
        if (!errors.isEmpty()) {
            throw ProblemException.invalid("Invalid parameter", errors);
        }
        List<Integer> asked = years;
        return kept.page(
                new ListQuestion(indicator, orgUnit, year, limit, cursor),
                units,
                uri,
                () -> Pages.slice(
                        service.applied(i, u, asked), size, after, TargetResource::position, uri, TargetTable::answer));
    }

    /** Where a row is in the list, for its cursor. */
    private static String position(AppliedTarget t) {
        return t.indicator() + "|" + t.orgUnit() + "|" + t.year();
    }

    @GET
    @Path("/history")
    @RolesAllowed({"reader", "planner"})
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(
            summary =
                    "Every change of an allocation, in the order made: the allocation's day, what it set before (null: new) and after, "
                            + "who, when and how (PUT or IMPORT), and the version it made. Filters: indicator, orgUnit; paged with limit and cursor")
    @APIResponse(
            responseCode = "200",
            description = "The changes (a page of them with limit)",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(type = SchemaType.ARRAY, implementation = TargetChangeView.class)))
    @APIResponse(
            responseCode = "400",
            description = "indicator, orgUnit, limit or cursor is not valid; errors[].field names it")
    public RestResponse<Tabular<List<TargetChangeView>>> history(
            @QueryParam("indicator") String indicator,
            @QueryParam("orgUnit") String orgUnit,
            @Parameter(description = "page size, 1-" + Paging.MAX_LIMIT + "; omitted: every change")
                    @QueryParam("limit")
                    String limit,
            @Parameter(description = "where the page starts: the cursor of the previous page's Link header")
                    @QueryParam("cursor")
                    String cursor,
            @Context UriInfo uri) {
        List<FieldError> errors = new ArrayList<>();
        Indicator i = indicator(indicator, errors);
        OrgUnit u = unit(orgUnit, errors);
        Integer size = Paging.limit(limit, errors);
        String after = Paging.decodeCursor(cursor, errors);
        Long afterId = null;
        if (after != null) {
            try {
                afterId = Long.valueOf(after);
            } catch (NumberFormatException e) {
                errors.add(new FieldError(
                        "cursor", "is not a cursor of this list: take it from the previous page's Link header"));
            }
        }
        if (!errors.isEmpty()) {
            throw ProblemException.invalid("Invalid parameter", errors);
        }
        // kept like the lists: every change of an allocation takes the registry's lock, which moves the version
        Long from = afterId;
        return kept.page(new HistoryQuestion(indicator, orgUnit, limit, cursor), registry.current(), uri, () -> {
            // one more than the page: whether a next page exists
            List<TargetChangeView> changes = service.history(
                    i == null ? null : i.id(), u == null ? null : u.code(), from, size == null ? null : size + 1);
            return Pages.answer(changes, size, c -> Long.toString(c.id()), uri, Tabular::json);
        });
    }

    @GET
    @Path("/{indicator}/{orgUnit}")
    @RolesAllowed({"reader", "planner"})
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(
            summary =
                    "The allocations of an indicator to an org unit, by the day each is in force from; the ETag is their version (for "
                            + "If-Match on a PUT)")
    @APIResponse(
            responseCode = "200",
            description = "The allocations",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = TargetAllocations.class)),
            headers =
                    @Header(
                            name = "ETag",
                            description = "their version, e.g. \"3\"",
                            schema = @Schema(type = SchemaType.STRING)))
    @APIResponse(
            responseCode = "404",
            description = "Nothing is allocated: the plan's target applies by default (see GET /api/v1/targets)")
    public RestResponse<TargetAllocations> get(
            @PathParam("indicator") String indicator, @PathParam("orgUnit") String orgUnit) {
        TargetAllocations t = service.find(indicator, orgUnit)
                .orElseThrow(() -> ProblemException.notFound("Nothing is allocated of "
                        + indicator + " to " + orgUnit
                        + ": the plan's target applies by default (GET /api/v1/targets?indicator=" + indicator
                        + "&orgUnit=" + orgUnit + ")"));
        return RestResponse.ResponseBuilder.ok(t)
                .header(HttpHeaders.ETAG, EntityTags.of(t.version()))
                .build();
    }

    @PUT
    @Path("/{indicator}/{orgUnit}")
    @RolesAllowed("planner")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(
            summary =
                    "Allocate a target to an org unit by document (分解目标): {value, targetYear, document, effectiveFrom}. It applies to the "
                            + "figures of effectiveFrom's year on, until an allocation of a later day; one of the same day is replaced. If-Match (optional) must "
                            + "match the stored version. Published on targets.v1")
    @APIResponse(
            responseCode = "201",
            description = "The first allocation of the indicator to the unit",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = TargetAllocations.class)),
            headers = {
                @Header(
                        name = "Location",
                        description = "/api/v1/targets/{indicator}/{orgUnit}",
                        schema = @Schema(type = SchemaType.STRING)),
                @Header(name = "ETag", description = "their version", schema = @Schema(type = SchemaType.STRING))
            })
    @APIResponse(
            responseCode = "200",
            description = "Allocated (a new version), or the same allocation again (unchanged)",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = TargetAllocations.class)),
            headers = @Header(name = "ETag", description = "their version", schema = @Schema(type = SchemaType.STRING)))
    @APIResponse(
            responseCode = "400",
            description = "Every fault in errors[] (indicator, orgUnit, value, targetYear, document, effectiveFrom, "
                    + "If-Match, a field of the wrong type); nothing stored")
    @APIResponse(
            responseCode = "412",
            description = "If-Match does not match the stored version (or nothing is allocated yet); nothing stored")
    public RestResponse<TargetAllocations> put(
            @PathParam("indicator") String indicator,
            @PathParam("orgUnit") String orgUnit,
            TargetAllocationChange body,
            @HeaderParam(EntityTags.IF_MATCH) String ifMatch,
            @Context UriInfo uri) {
        WriteRequests.required(body, "a JSON object {value, targetYear, document, effectiveFrom}");
        EntityTags precondition = EntityTags.parse(ifMatch);
        TargetService.Requested r = new TargetService.Requested(
                indicator,
                orgUnit,
                body.value(),
                body.targetYear(),
                body.document(),
                body.effectiveFrom(),
                Fields.json());
        TargetService.Touched t = service.apply(
                        List.of(r), Params.operator(token), precondition, TargetChangeEntity.Via.PUT)
                .targets()
                .get(0);
        return EntityTags.written(
                t.created(),
                () -> uri.getBaseUriBuilder()
                        .path(TargetResource.class)
                        .path(indicator)
                        .path(orgUnit)
                        .build(),
                t.target(),
                t.target().version());
    }

    @POST
    @Path("/import")
    @RolesAllowed("planner")
    @Consumes({Tabular.CSV, Tabular.XLSX})
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(
            summary =
                    "A whole allocation (目标分解表) at once: a CSV with the header indicator,org_unit,value,target_year,document,effective_from, "
                            + "one allocation a row, or an Excel workbook with these columns (keys, or the Chinese or English headers the list's workbook has; "
                            + "other columns ignored); checked like a PUT; all rows or none. Each changed indicator and unit gets one new version and one event")
    @RequestBody(
            content = {
                @Content(
                        mediaType = Tabular.CSV,
                        schema = @Schema(type = SchemaType.STRING),
                        examples = @ExampleObject(name = "csv", value = """
                    indicator,org_unit,value,target_year,document,effective_from
                    W3,370281,38,2025,青城管发〔2024〕11号,2024-09-01"""))
            })
    @APIResponse(
            responseCode = "400",
            description =
                    "Every fault of every row in errors[] (field \"line N: column\" in a CSV, \"row N: column\" "
                            + "in a workbook), a missing column, a malformed CSV or workbook, no rows, a workbook of several sheets without sheet; nothing stored")
    @APIResponseSchema(TargetImportSummary.class)
    public TargetImportSummary importAllocation(
            InputStream body,
            @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
            @Parameter(description = "the sheet to read of a workbook with several") @QueryParam("sheet")
                    String sheet) {
        long started = System.nanoTime();
        List<TargetService.Requested> rows = TargetTable.READER.read(body, contentType, sheet).stream()
                .map(TargetTable::requested)
                .toList();
        TargetService.Outcome o = service.apply(rows, Params.operator(token), null, TargetChangeEntity.Via.IMPORT);
        return new TargetImportSummary(
                rows.size(),
                o.added(),
                o.replaced(),
                o.unchanged(),
                (int) o.targets().stream()
                        .filter(TargetService.Touched::changed)
                        .count(),
                (System.nanoTime() - started) / 1_000_000);
    }

    private Indicator indicator(String id, List<FieldError> errors) {
        return id == null ? null : service.indicator(id, "indicator", errors);
    }

    private OrgUnit unit(String code, List<FieldError> errors) {
        return code == null ? null : service.unit(code, "orgUnit", errors);
    }
}
