package io.synergy.aggregation.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.synergy.aggregation.config.MethodConfig;
import io.synergy.aggregation.recompute.YearCloser;
import io.synergy.aggregation.store.DataSetStore;
import io.synergy.aggregation.store.YearStateStore;
import io.synergy.method.results.YearAssessment;
import io.synergy.method.results.YearCoverage;
import io.synergy.method.results.YearState;
import io.synergy.model.orgunit.OrgUnits;
import io.synergy.platform.orgunits.OrgUnitRegistry;
import io.synergy.platform.problem.FieldError;
import io.synergy.platform.problem.Problem;
import io.synergy.platform.problem.ProblemException;
import io.synergy.platform.query.Paging;
import io.synergy.platform.query.Queries;
import io.synergy.platform.security.Operator;
import io.synergy.results.view.DataSets;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

/**
 * Which years are complete, closed or provisional (docs/method.md §3): only complete and closed years enter the
 * evaluation window of other years. Operators close a year that will not become complete (a district that never
 * reports an indicator) so that it counts with what it has.
 */
@Path("/api/v1/years")
@Tag(name = "years", description = "Complete, closed and provisional years")
public class YearsResource {

    static final int MAX_REASON = 1000;

    /** Why the year is closed: kept in the audit with who closed it and when. */
    public record CloseRequest(String reason) {}

    /**
     * A year's state: counts of the synergy set's indicators complete for the city and of the districts in, what is
     * missing, and the indicators without a city value that every window holding the year leaves out; {@code dataSets}, the
     * city's data sets of the year accepted of those expected (the official view's progress, docs/reporting-cycle.md).
     */
    public record YearView(
            int year,
            YearState state,
            String stateZh,
            boolean provisional,
            int indicatorsIn,
            int indicatorsExpected,
            int districtsIn,
            int districtsExpected,
            List<YearAssessment.Missing> missing,
            List<String> excluded,
            Instant assessedAt,
            YearStateStore.Settlement settled,
            DataSets dataSets) {

        static YearView of(
                int year,
                YearCoverage v,
                List<YearAssessment.Missing> missing,
                List<String> excluded,
                Instant assessedAt,
                YearStateStore.Settlement settled,
                DataSets dataSets) {
            return new YearView(
                    year,
                    v.state(),
                    v.state().zh(),
                    v.provisional(),
                    v.indicatorsIn(),
                    v.indicatorsExpected(),
                    v.districtsIn(),
                    v.districtsExpected(),
                    missing,
                    excluded,
                    assessedAt,
                    settled,
                    dataSets);
        }
    }

    /**
     * Every assessed year (a page of them with {@code limit}); {@code latestSettled} is the newest complete or closed one
     * (the dashboard opens on it), of all years.
     *
     * @param nextCursor the cursor of the next page, when the request pages and more years follow (absent otherwise)
     */
    public record YearsView(
            String orgUnit,
            Integer latestSettled,
            List<YearView> years,
            @JsonInclude(JsonInclude.Include.NON_NULL) String nextCursor) {}

    private final YearStateStore store;
    private final YearCloser closer;
    private final MethodConfig method;
    private final Operator operator;
    private final OrgUnitRegistry registry;
    private final DataSetStore dataSets;
    private final KeptAnswers answers;

    YearsResource(
            YearStateStore store,
            YearCloser closer,
            OrgUnitRegistry registry,
            MethodConfig method,
            Operator operator,
            DataSetStore dataSets,
            KeptAnswers answers) {
        this.store = store;
        this.closer = closer;
        this.method = method;
        this.operator = operator;
        this.registry = registry;
        this.dataSets = dataSets;
        this.answers = answers;
    }

    /** The city's data sets of a year accepted of those expected. */
    private static DataSets cityDataSets(OrgUnits units, DataSetStore.Accepted accepted, int year) {
        return accepted.count(units, units.city().code(), year);
    }

    @GET
    @RolesAllowed("reader")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(
            summary =
                    "Every year's state — COMPLETE, CLOSED or PROVISIONAL — with indicatorsIn/Expected, districtsIn/Expected, missing, "
                            + "excluded and, for a settled year, who settled it, when and why",
            description =
                    "As assessed by the latest recompute. A year is complete when every indicator of the synergy set is complete for the "
                            + "city; closed when an operator closed it; provisional otherwise. dataSets: the city's data sets of the year accepted "
                            + "of those expected (the official view's progress). Without limit, every year; with limit, a page, "
                            + "nextCursor and a Link header to the next one.")
    @APIResponse(
            responseCode = "200",
            description = "The years, ascending (a page of them with limit)",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = YearsView.class)),
            headers =
                    @Header(
                            name = "Link",
                            description = "<…?cursor=…>; rel=\"next\" when more years follow this page",
                            schema = @Schema(type = SchemaType.STRING)))
    @APIResponse(
            responseCode = "400",
            description = "limit or cursor is malformed; errors[].field names it",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public RestResponse<YearsView> years(
            @Parameter(description = "page size, 1-" + Paging.MAX_LIMIT + "; omitted: every year") @QueryParam("limit")
                    String limit,
            @Parameter(description = "where the page starts: nextCursor of the previous page") @QueryParam("cursor")
                    String cursor,
            @Context UriInfo uri) {
        YearsAnswer answer = answers.answer(new YearsQuestion(limit, cursor), units -> years(units, limit, cursor));
        return Paging.ok(answer.years(), answer.page(), uri);
    }

    /** The question, as sent: each answer is kept per version of the facts and results ({@link KeptAnswers}). */
    private record YearsQuestion(String limit, String cursor) {}

    private record YearsAnswer(YearsView years, Paging.Page<YearView> page) {}

    private YearsAnswer years(OrgUnits units, String limit, String cursor) {
        Paging.Request paging = Paging.request(limit, cursor);
        DataSetStore.Accepted accepted = dataSets.accepted();
        List<YearView> years = store.all().stream()
                .map(s -> YearView.of(
                        s.year(),
                        s.coverage(),
                        s.missing(),
                        s.excluded(),
                        s.assessedAt(),
                        s.settled(),
                        cityDataSets(units, accepted, s.year())))
                .toList();
        Integer latest = years.stream()
                .filter(y -> !y.provisional())
                .map(YearView::year)
                .reduce((a, b) -> b)
                .orElse(null);
        Paging.Page<YearView> page = Paging.page(years, y -> Integer.toString(y.year()), paging);
        return new YearsAnswer(new YearsView(units.city().code(), latest, page.items(), page.next()), page);
    }

    @POST
    @Path("/{year}/close")
    @RolesAllowed("ops")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(
            summary =
                    "Close a provisional year with what it has: it joins the evaluation window of later years, and it and every later "
                            + "year are recomputed",
            description =
                    "Answers what is missing and which indicators every window holding the year will leave out (those without a city "
                            + "value). Recorded with the operator (the token's subject), the time and the reason. 409 when the year is complete or "
                            + "closed already.")
    @RequestBody(
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            examples =
                                    @ExampleObject(
                                            name = "close",
                                            value =
                                                    "{\"reason\": \"莱西市 2025 年畜禽粪污数据确认无法提供 · Laixi cannot provide its 2025 manure figures\"}")))
    @APIResponse(
            responseCode = "200",
            description = "Closed: the year's state, what it misses and the settlement",
            content =
                    @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = YearView.class)))
    @APIResponse(
            responseCode = "400",
            description = "year is not a year, or before the base year; reason is missing or too long; "
                    + "errors[].field names it",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "404",
            description = "Nothing has been reported for the year",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "409",
            description = "The year is complete or closed already",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "415",
            description = "The body is not application/json",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public YearView close(
            @Parameter(description = "the year, e.g. 2025") @PathParam("year") String yearText, CloseRequest request) {
        int year = Queries.year("year", yearText);
        if (year < method.baseYear()) {
            throw ProblemException.invalid(
                    "Invalid parameter",
                    List.of(new FieldError(
                            "year", "years before the base year " + method.baseYear() + " are not evaluated")));
        }
        String reason = request == null || request.reason() == null
                ? ""
                : request.reason().strip();
        if (reason.isEmpty() || reason.length() > MAX_REASON) {
            throw ProblemException.invalid(
                    "A reason is required",
                    List.of(new FieldError(
                            "reason",
                            "say why the year is closed without being complete (at most " + MAX_REASON
                                    + " characters)")));
        }
        YearCloser.Closed closed = closer.close(year, reason, operator.who());
        YearAssessment a = closed.assessment();
        return YearView.of(
                year,
                a.coverage(),
                a.missing(),
                a.excluded(),
                closed.settlement().at(),
                closed.settlement(),
                cityDataSets(registry.current(), dataSets.accepted(), year));
    }
}
