package io.synergy.aggregation.rest;

import io.synergy.aggregation.store.ResultStore;
import io.synergy.platform.problem.Problem;
import io.synergy.platform.tabular.Tabular;
import io.synergy.results.view.DistrictRanking;
import io.synergy.results.view.HistoryView;
import io.synergy.results.view.ResultAnswers;
import io.synergy.results.view.SynergyView;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The synergy degree (减污降碳协同度) with every intermediate quantity, its history and the district ranking. */
@RolesAllowed("reader")
@Path("/api/v1/synergy")
@Tag(name = "synergy", description = "The synergy degree of pollution and carbon reduction")
public class SynergyResource {

    /** The questions, as sent: each answer is kept per result version ({@link KeptAnswers}). */
    private record SynergyQuestion(
            String view, String period, String orgUnit, String method, String coupling, String basis) {}

    private record HistoryQuestion(String view, String orgUnit, String method, String coupling, String basis) {}

    private record DistrictsQuestion(String view, String period, String method, String coupling) {}

    private final ResultStore results;
    private final KeptAnswers answers;

    SynergyResource(ResultStore results, KeptAnswers answers) {
        this.results = results;
        this.answers = answers;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(
            summary =
                    "U1, U2, C, T, D, grade and lag of one org unit and year, with the explanation (samples, normalised values, weights, excluded)",
            description =
                    "method: range (default, 极差标准化) or target (anchored on baseline and target); coupling: standard (default) or corrected "
                            + "(Wang et al. 2021). basis: series (the unit's own years from the base year; default for the city and groups) or panel "
                            + "(all district-years; default for districts). view: latest (default) or official (the accepted data sets only); "
                            + "dataSets: the unit's data sets accepted of those expected.")
    @APIResponse(
            responseCode = "200",
            description = "The synergy degree; not computable: computable false with the reason, and no score",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = SynergyView.class)))
    @APIResponse(
            responseCode = "400",
            description = "period, orgUnit, method, coupling, basis or view is not valid; errors[].field names it",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "404",
            description = "No data for this org unit and year",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public SynergyView synergy(
            @Parameter(description = "latest (default: every report) or official (the accepted data sets only)")
                    @QueryParam("view")
                    String view,
            @Parameter(description = "year, e.g. 2024", required = true) @QueryParam("period") String period,
            @Parameter(description = "370200 (default), a district code or a group") @QueryParam("orgUnit")
                    String orgUnit,
            @Parameter(description = "range (default) or target") @QueryParam("method") String method,
            @Parameter(description = "standard (default) or corrected") @QueryParam("coupling") String coupling,
            @Parameter(description = "series or panel (districts only)") @QueryParam("basis") String basis) {
        return answers.answer(
                new SynergyQuestion(view, period, orgUnit, method, coupling, basis),
                units -> ResultAnswers.synergy(results, units, view, period, orgUnit, method, coupling, basis));
    }

    @GET
    @Path("/history")
    @Produces({MediaType.APPLICATION_JSON, Tabular.CSV, Tabular.XLSX})
    @Operation(
            summary =
                    "D, U1, U2 (and C, T, grade, lag) per year for one org unit: the complete and closed years, then the provisional ones",
            description =
                    "The complete and closed years are scored in one evaluation, the window of the latest of them (settled years from "
                            + "the base year), as the literature presents a time series; a year that has just begun changes none of their figures. "
                            + "Each provisional year is listed too, provisional: true with its coverage, scored on its own window (the settled years "
                            + "before it and itself). dOwnWindow is each year's own result. Without a complete or closed year: computable false "
                            + "with the reason, and the provisional years alone. JSON, or with Accept a CSV or an Excel workbook (one row per year).")
    @APIResponse(
            responseCode = "200",
            description = "The unit's years",
            content = {
                @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = HistoryView.class)),
                @Content(
                        mediaType = Tabular.CSV,
                        schema = @Schema(type = SchemaType.STRING, description = "one row per year"))
            })
    @APIResponse(
            responseCode = "400",
            description = "orgUnit, method, coupling, basis or view is not valid; errors[].field names it",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "404",
            description = "No result for this org unit",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Tabular<HistoryView> history(
            @Parameter(description = "latest (default: every report) or official (the accepted data sets only)")
                    @QueryParam("view")
                    String view,
            @Parameter(description = "370200 (default), a district code or a group") @QueryParam("orgUnit")
                    String orgUnit,
            @Parameter(description = "range (default) or target") @QueryParam("method") String method,
            @Parameter(description = "standard (default) or corrected") @QueryParam("coupling") String coupling,
            @Parameter(description = "series or panel (districts only)") @QueryParam("basis") String basis) {
        return answers.answer(
                new HistoryQuestion(view, orgUnit, method, coupling, basis),
                units -> ResultAnswers.history(results, units, view, orgUnit, method, coupling, basis)
                        .tabular()
                        .kept());
    }

    @GET
    @Path("/districts")
    @Produces({MediaType.APPLICATION_JSON, Tabular.CSV, Tabular.XLSX})
    @Operation(
            summary =
                    "District ranking by D in one year, scored on the district panel (comparable across districts and years)",
            description =
                    "The panel holds the district-years of the complete and closed years up to the year, and the year itself; a "
                            + "provisional year says provisional: true with its coverage. JSON, or with Accept a CSV or an Excel workbook.")
    @APIResponse(
            responseCode = "200",
            description = "The districts, ranked",
            content = {
                @Content(
                        mediaType = MediaType.APPLICATION_JSON,
                        schema = @Schema(implementation = DistrictRanking.class)),
                @Content(
                        mediaType = Tabular.CSV,
                        schema = @Schema(type = SchemaType.STRING, description = "one row per district"))
            })
    @APIResponse(
            responseCode = "400",
            description = "period, method, coupling or view is not valid; errors[].field names it",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "404",
            description = "No district result in this year",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Tabular<DistrictRanking> districts(
            @Parameter(description = "latest (default: every report) or official (the accepted data sets only)")
                    @QueryParam("view")
                    String view,
            @Parameter(description = "year, e.g. 2024", required = true) @QueryParam("period") String period,
            @Parameter(description = "range (default) or target") @QueryParam("method") String method,
            @Parameter(description = "standard (default) or corrected") @QueryParam("coupling") String coupling) {
        return answers.answer(
                new DistrictsQuestion(view, period, method, coupling),
                units -> ResultAnswers.districts(results, units, view, period, method, coupling)
                        .tabular()
                        .kept());
    }
}
