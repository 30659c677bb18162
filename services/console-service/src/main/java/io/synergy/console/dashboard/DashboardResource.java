package io.synergy.console.dashboard;

import io.synergy.console.results.ResultsView;
import io.synergy.method.results.YearCoverage;
import io.synergy.model.orgunit.OrgUnit;
import io.synergy.platform.orgunits.OrgUnitRegistry;
import io.synergy.platform.problem.FieldError;
import io.synergy.platform.problem.Problem;
import io.synergy.platform.problem.ProblemException;
import io.synergy.platform.query.Queries;
import io.synergy.results.view.AttainmentView;
import io.synergy.results.view.DataSets;
import io.synergy.results.view.DistrictRanking;
import io.synergy.results.view.EffectsView;
import io.synergy.results.view.HistoryView;
import io.synergy.results.view.ResultAnswers;
import io.synergy.results.view.ResultDocument;
import io.synergy.results.view.ResultView;
import io.synergy.results.view.ResultYears;
import io.synergy.results.view.SynergyView;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The dashboard's figures, from the console's view of {@code results.v1} ({@link ResultsView}) built by the same views
 * as the aggregation's read API ({@code results-view}): the same answer as {@code /api/v1/synergy}, {@code /attainment},
 * {@code /synergy/history}, {@code /synergy/districts} and {@code /effects} on the aggregation service for what the
 * dashboard asks, without a read of the aggregation's tables. The effects are those every result carries, from the year
 * before to its year (what the dashboard shows); other ranges are the aggregation's {@code /api/v1/effects}. Each answer is
 * of the view asked for ({@code view=latest|official}, latest by default), as on the aggregation.
 */
@RolesAllowed("reader")
@Path("/api/v1/dashboard")
@Tag(name = "dashboard", description = "The dashboard's figures, from the results published on results.v1")
@APIResponse(
        responseCode = "400",
        description = "A parameter is not valid; errors[].field names it",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class DashboardResource {

    private static final String UNIT = "370200 (default), a district code or a group";
    private static final String VIEW =
            "latest (default: every report) or official (the data sets the city accepted only); dataSets in the answer "
                    + "says how many are accepted of how many expected";

    private final ResultsView results;
    private final OrgUnitRegistry registry;

    DashboardResource(ResultsView results, OrgUnitRegistry registry) {
        this.results = results;
        this.registry = registry;
    }

    @GET
    @Path("/years")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(
            summary =
                    "The years with a result for the city, ascending, each with its state (COMPLETE, CLOSED, PROVISIONAL) and "
                            + "coverage, and the year the dashboard opens on (empty before the first result)")
    @APIResponse(
            responseCode = "200",
            description = "The years, their states and the year to open on",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = ResultYears.class)))
    public ResultYears years() {
        String city = registry.current().city().code();
        List<ResultDocument> docs = results.ofUnit(ResultView.LATEST, city);
        Map<Integer, YearCoverage> coverage = new HashMap<>();
        docs.stream()
                .filter(d -> d.result().coverage() != null)
                .forEach(d -> coverage.put(d.year(), d.result().coverage()));
        return ResultYears.of(city, docs.stream().map(ResultDocument::year).toList(), coverage);
    }

    @GET
    @Path("/synergy")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(
            summary =
                    "U1, U2, C, T, D, grade and lag of one org unit and year (as GET /api/v1/synergy of the aggregation service)")
    @APIResponse(
            responseCode = "200",
            description = "The synergy degree",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = SynergyView.class)))
    @APIResponse(
            responseCode = "404",
            description = "No result for this org unit and year",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public SynergyView synergy(
            @Parameter(description = "year, e.g. 2024", required = true) @QueryParam("period") String period,
            @Parameter(description = UNIT) @QueryParam("orgUnit") String orgUnit,
            @Parameter(description = "range (default) or target") @QueryParam("method") String method,
            @Parameter(description = "standard (default) or corrected") @QueryParam("coupling") String coupling,
            @Parameter(description = "series or panel (districts only)") @QueryParam("basis") String basis,
            @Parameter(description = VIEW) @QueryParam("view") String view) {
        return ResultAnswers.synergy(results, registry.current(), view, period, orgUnit, method, coupling, basis);
    }

    @GET
    @Path("/synergy/history")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "D, U1, U2 per year of one org unit (as GET /api/v1/synergy/history of the aggregation service)")
    @APIResponse(
            responseCode = "200",
            description = "The unit's years",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = HistoryView.class)))
    @APIResponse(
            responseCode = "404",
            description = "No result for this org unit",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public HistoryView history(
            @Parameter(description = UNIT) @QueryParam("orgUnit") String orgUnit,
            @Parameter(description = "range (default) or target") @QueryParam("method") String method,
            @Parameter(description = "standard (default) or corrected") @QueryParam("coupling") String coupling,
            @Parameter(description = "series or panel (districts only)") @QueryParam("basis") String basis,
            @Parameter(description = VIEW) @QueryParam("view") String view) {
        return ResultAnswers.history(results, registry.current(), view, orgUnit, method, coupling, basis);
    }

    @GET
    @Path("/synergy/districts")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "District ranking by D in one year (as GET /api/v1/synergy/districts of the aggregation service)")
    @APIResponse(
            responseCode = "200",
            description = "The districts, ranked",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = DistrictRanking.class)))
    @APIResponse(
            responseCode = "404",
            description = "No district result in this year",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public DistrictRanking districts(
            @Parameter(description = "year, e.g. 2024", required = true) @QueryParam("period") String period,
            @Parameter(description = "range (default) or target") @QueryParam("method") String method,
            @Parameter(description = "standard (default) or corrected") @QueryParam("coupling") String coupling,
            @Parameter(description = VIEW) @QueryParam("view") String view) {
        return ResultAnswers.districts(results, registry.current(), view, period, method, coupling);
    }

    @GET
    @Path("/attainment")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(
            summary =
                    "Attainment of every targeted indicator of one org unit and year (as GET /api/v1/attainment of the aggregation service)")
    @APIResponse(
            responseCode = "200",
            description = "The attainment of every targeted indicator",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = AttainmentView.class)))
    @APIResponse(
            responseCode = "404",
            description = "No result for this org unit and year",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public AttainmentView attainment(
            @Parameter(description = "year, e.g. 2024", required = true) @QueryParam("period") String period,
            @Parameter(description = UNIT) @QueryParam("orgUnit") String orgUnit,
            @Parameter(description = VIEW) @QueryParam("view") String view) {
        return ResultAnswers.attainment(results, registry.current(), view, period, orgUnit);
    }

    @GET
    @Path("/effects")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(
            summary =
                    "Co-reduction effects of one org unit from the year before to a year, per sector and for all sectors, as its result "
                            + "carries them (GET /api/v1/effects of the aggregation service answers any two years)")
    @APIResponse(
            responseCode = "200",
            description = "The effects; a row that cannot be computed carries a reason",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = EffectsView.class)))
    @APIResponse(
            responseCode = "404",
            description = "No result for this org unit and year",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public EffectsView effects(
            @Parameter(description = "the year before to, e.g. 2023", required = true) @QueryParam("from") String from,
            @Parameter(description = "the year, e.g. 2024", required = true) @QueryParam("to") String to,
            @Parameter(description = UNIT) @QueryParam("orgUnit") String orgUnit,
            @Parameter(description = VIEW) @QueryParam("view") String view) {
        ResultView v = ResultView.parse(view);
        int y0 = Queries.year("from", from);
        int y1 = Queries.year("to", to);
        if (y0 != y1 - 1) {
            throw ProblemException.invalid(
                    "Invalid range",
                    List.of(new FieldError(
                            "from",
                            "must be the year before to (" + (y1 - 1)
                                    + "): a result carries the effects from the year before; any two years: "
                                    + "GET /api/v1/effects of the aggregation service")));
        }
        OrgUnit unit = Queries.orgUnit(registry.current(), orgUnit);
        ResultDocument doc = results.find(v, unit.code(), y1)
                .orElseThrow(() -> Queries.noData("No results for " + unit.code() + " in " + y1));
        List<Integer> provisionalYears = Stream.of(y0, y1)
                .filter(y -> results.find(v, unit.code(), y)
                        .map(d -> d.result().provisional())
                        .orElse(true))
                .toList();
        Map<String, DataSets> dataSets = new HashMap<>();
        for (int y : List.of(y0, y1)) {
            results.find(v, unit.code(), y)
                    .map(ResultDocument::dataSets)
                    .ifPresent(d -> dataSets.put(Integer.toString(y), d));
        }
        return EffectsView.of(
                        unit.code(), y0, y1, provisionalYears, doc.result().effects())
                .in(v, dataSets);
    }
}
