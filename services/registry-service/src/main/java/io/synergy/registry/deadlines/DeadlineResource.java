package io.synergy.registry.deadlines;

import io.synergy.model.catalogue.Sector;
import io.synergy.model.deadline.DeadlineStatus;
import io.synergy.model.orgunit.OrgUnits;
import io.synergy.platform.orgunits.OrgUnitRegistry;
import io.synergy.platform.problem.FieldError;
import io.synergy.platform.problem.Problem;
import io.synergy.platform.problem.ProblemException;
import io.synergy.platform.tabular.Tabular;
import io.synergy.registry.shared.Checks;
import io.synergy.registry.shared.EntityTags;
import io.synergy.registry.shared.KeptLists;
import io.synergy.registry.shared.Pages;
import io.synergy.registry.shared.Paging;
import io.synergy.registry.shared.Params;
import io.synergy.registry.shared.WriteRequests;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

/**
 * Due dates of the data sets (截止日期): the expected data sets of a period against their due dates, read with
 * {@code reader}, {@code ops} or {@code planner}; the rules, set with {@code planner} ({@code If-Match} optional, honoured).
 * The list is kept ({@link KeptLists}) per registry version — raised by a rule's change and by a data set's state taken
 * from {@code approvals.v1} — org units' snapshot and day.
 */
@Path("/api/v1/deadlines")
@Tag(
        name = "deadlines",
        description = "Due dates of the data sets per sector and period (截止日期), and the rules they follow")
@APIResponse(
        responseCode = "403",
        description = "The token lacks the role: reader, ops or planner to read, planner to set a rule",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class DeadlineResource {

    /**
     * The list's question: its parameters as sent, and today — a new day moves DUE to OVERDUE and every row's daysLeft,
     * which no version counts.
     */
    private record ListQuestion(
            String period,
            String sector,
            String orgUnit,
            String status,
            String limit,
            String cursor,
            LocalDate today) {}

    private final DeadlineService service;
    private final OrgUnitRegistry registry;
    private final KeptLists kept;
    private final Clock clock;
    private final JsonWebToken token;

    DeadlineResource(
            DeadlineService service, OrgUnitRegistry registry, KeptLists kept, Clock clock, JsonWebToken token) {
        this.service = service;
        this.registry = registry;
        this.kept = kept;
        this.clock = clock;
        this.token = token;
    }

    @GET
    @RolesAllowed({"reader", "ops", "planner"})
    @Produces({MediaType.APPLICATION_JSON, Tabular.CSV, Tabular.XLSX})
    @Operation(
            summary =
                    "Each expected data set of a period — every sector and district of the city — with its due date (the sector's rule "
                            + "for the period's kind) and where it stands: DUE (open, due date not passed), OVERDUE, or its state once handed in (SUBMITTED, "
                            + "APPROVED, ACCEPTED; a returned data set is open). A quarter (2024-Q1) or month (2024-03) has its own due date and the year's "
                            + "data set's state. Filters sector, orgUnit (a district or a group), status; ordered by sector and district; paged with limit "
                            + "and cursor. JSON, or with Accept a CSV or an Excel workbook (Chinese and English headers)")
    @APIResponse(
            responseCode = "200",
            description = "The rows (a page of them with limit)",
            content = {
                @Content(
                        mediaType = MediaType.APPLICATION_JSON,
                        schema = @Schema(type = SchemaType.ARRAY, implementation = Deadline.class)),
                @Content(
                        mediaType = Tabular.CSV,
                        schema =
                                @Schema(
                                        type = SchemaType.STRING,
                                        description = "header sector,org_unit,period,due_date,state,status,days_left"))
            })
    @APIResponse(
            responseCode = "400",
            description = "period, sector, orgUnit, status, limit or cursor is not valid; errors[].field names it")
    public RestResponse<Tabular<List<Deadline>>> list(
            @Parameter(description = "a year (2024), a quarter (2024-Q1) or a month (2024-03); required")
                    @QueryParam("period")
                    String period,
            @Parameter(description = "a sector code (energy)") @QueryParam("sector") String sector,
            @Parameter(description = "the city (370200), a district (370211) or a group (central-urban)")
                    @QueryParam("orgUnit")
                    String orgUnit,
            @Parameter(description = "DUE, OVERDUE, SUBMITTED, APPROVED or ACCEPTED") @QueryParam("status")
                    String status,
            @Parameter(description = "page size, 1-" + Paging.MAX_LIMIT + "; omitted: every row") @QueryParam("limit")
                    String limit,
            @Parameter(description = "where the page starts: the cursor of the previous page's Link header")
                    @QueryParam("cursor")
                    String cursor,
            @Context UriInfo uri) {
        List<FieldError> errors = new ArrayList<>();
        OrgUnits orgUnits = registry.current();
        Period p = null;
        if (period == null || period.isBlank()) {
            errors.add(
                    new FieldError("period", "is required: a year (2024), a quarter (2024-Q1) or a month (2024-03)"));
        } else {
            p = Period.parse(period).orElse(null);
            if (p == null) {
                errors.add(new FieldError("period", "must be a year (2024), a quarter (2024-Q1) or a month (2024-03)"));
            } else if (!Checks.year(p.year(), "period", errors)) {
                p = null;
            }
        }
        Sector s = null;
        if (sector != null && !sector.isBlank()) {
            s = Sector.find(sector.strip()).orElse(null);
            if (s == null) {
                errors.add(new FieldError(
                        "sector",
                        "'" + sector + "' is not a sector (energy, transport, building, agriculture, waste)"));
            }
        }
        Set<String> units = Params.within(orgUnit, orgUnits, errors);
        DeadlineStatus st = Params.oneOf(DeadlineStatus.class, status, "status", errors);
        Integer size = Paging.limit(limit, errors);
        String after = Paging.decodeCursor(cursor, errors);
        if (!errors.isEmpty()) {
            throw ProblemException.invalid("Invalid parameter", errors);
        }
        LocalDate today = LocalDate.now(clock.withZone(Checks.ZONE));
        Period asked = p;
        Sector inSector = s;
        return kept.page(
                new ListQuestion(period, sector, orgUnit, status, limit, cursor, today),
                orgUnits,
                uri,
                () -> Pages.slice(
                        service.deadlines(asked, inSector, orgUnits, units, st, today),
                        size,
                        after,
                        DeadlineResource::position,
                        uri,
                        DeadlineTable::answer));
    }

    /** Where a row is in the list, for its cursor. */
    private static String position(Deadline d) {
        return d.sector() + "|" + d.orgUnit();
    }

    @GET
    @Path("/rules")
    @RolesAllowed({"reader", "ops", "planner"})
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(
            summary =
                    "The due-date rules, per sector and kind of period: ANNUAL by monthDay of the following year (default 03-31), "
                            + "QUARTER and MONTH daysAfter the period ends (defaults 20 and 15)")
    @APIResponse(
            responseCode = "200",
            description = "Every rule",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(type = SchemaType.ARRAY, implementation = DeadlineRule.class)))
    public List<DeadlineRule> rules() {
        return service.rules();
    }

    @PUT
    @Path("/rules/{sector}/{periodType}")
    @RolesAllowed("planner")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(
            summary =
                    "Set a sector's due-date rule of a kind of period: {monthDay: \"03-31\"} for ANNUAL, {daysAfter: 20} for QUARTER and "
                            + "MONTH. If-Match (optional) must match the rule's version; the same rule again keeps it")
    @APIResponse(
            responseCode = "200",
            description = "The rule as stored",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = DeadlineRule.class)),
            headers =
                    @Header(
                            name = "ETag",
                            description = "its version, e.g. \"2\"",
                            schema = @Schema(type = SchemaType.STRING)))
    @APIResponse(
            responseCode = "400",
            description = "Every fault in errors[] (sector, periodType, monthDay, daysAfter, If-Match, body); "
                    + "nothing stored")
    @APIResponse(responseCode = "412", description = "If-Match does not match the rule's version; nothing stored")
    public RestResponse<DeadlineRule> put(
            @PathParam("sector") String sector,
            @PathParam("periodType") String periodType,
            DeadlineRuleChange body,
            @HeaderParam(EntityTags.IF_MATCH) String ifMatch) {
        WriteRequests.required(body, "a JSON object {monthDay} for ANNUAL or {daysAfter} for QUARTER and MONTH");
        EntityTags precondition = EntityTags.parse(ifMatch);
        DeadlineRule r = service.setRule(sector, periodType, body, precondition, Params.operator(token));
        return RestResponse.ResponseBuilder.ok(r)
                .header(HttpHeaders.ETAG, EntityTags.of(r.version()))
                .build();
    }
}
