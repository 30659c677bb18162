package io.synergy.aggregation.rest;

import io.synergy.aggregation.store.ResultStore;
import io.synergy.platform.problem.Problem;
import io.synergy.platform.tabular.Tabular;
import io.synergy.results.view.AttainmentView;
import io.synergy.results.view.ResultAnswers;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Target attainment (目标完成度) of every targeted indicator for the city, a district or a group. */
@RolesAllowed("reader")
@Path("/api/v1/attainment")
@Tag(name = "attainment", description = "Target attainment of the targeted indicators")
public class AttainmentResource {

    /** The question, as sent: each answer is kept per result version ({@link KeptAnswers}). */
    private record AttainmentQuestion(String view, String period, String orgUnit) {}

    private final ResultStore results;
    private final KeptAnswers answers;

    AttainmentResource(ResultStore results, KeptAnswers answers) {
        this.results = results;
        this.answers = answers;
    }

    @GET
    @Produces({MediaType.APPLICATION_JSON, Tabular.CSV, Tabular.XLSX})
    @Operation(
            summary =
                    "Attainment of every targeted indicator: value, baseline, target, completion, τ (序时进度), status, projection",
            description =
                    "Without orgUnit: the city (370200). JSON, or with Accept a CSV or an Excel workbook (one row per indicator). A year "
                            + "without data is a 404 problem. A year neither complete nor closed says provisional: true with its coverage "
                            + "(docs/method.md §3). Each row names the target it is judged against: targetSource PLAN (the plan's), ALLOCATED (set for "
                            + "the unit by document, targets.v1) or NONE (no target applies: status NO_TARGET, not counted in the summary), and "
                            + "targetDocument (its 文号). view: latest (default; every report stored) or official (only the data sets the city's "
                            + "sector bureau accepted, docs/reporting-cycle.md); dataSets says how many of the unit's data sets are accepted "
                            + "of how many expected (5 sectors × its districts).")
    @APIResponse(
            responseCode = "200",
            description = "The attainment of every targeted indicator",
            content = {
                @Content(
                        mediaType = MediaType.APPLICATION_JSON,
                        schema = @Schema(implementation = AttainmentView.class),
                        examples = @ExampleObject(name = "city", value = """
                            {"period": "2024", "orgUnit": "370200", "indicators": [{"indicator": "E1", "orgUnit": "370200", "period": "2024",
                             "value": 13.7, "unit": "%", "baseline": 9.2, "baselineYear": 2020, "target": 15.0, "targetYear": 2025,
                             "targetSource": "PLAN", "targetDocument": "青环发〔2024〕18号", "completion": 0.775862, "timeProgress": 0.8, "status": "LAGGING",
                             "projection": {"year": 2025, "value": 15.08, "meetsTarget": true}}],
                             "summary": {"ACHIEVED": 0, "ON_TRACK": 2, "LAGGING": 3, "OFF_TRACK": 0, "NO_DATA": 0}}""")),
                @Content(
                        mediaType = Tabular.CSV,
                        schema = @Schema(type = SchemaType.STRING, description = "one row per indicator"))
            })
    @APIResponse(
            responseCode = "400",
            description =
                    "period is not a year, orgUnit is unknown, or view is not latest or official; errors[].field names it",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "404",
            description = "No data for this org unit and year",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Tabular<AttainmentView> attainment(
            @Parameter(description = "latest (default: every report) or official (the accepted data sets only)")
                    @QueryParam("view")
                    String view,
            @Parameter(description = "year, e.g. 2024", required = true) @QueryParam("period") String period,
            @Parameter(description = "370200 (default), a district code or central-urban") @QueryParam("orgUnit")
                    String orgUnit) {
        return answers.answer(
                new AttainmentQuestion(view, period, orgUnit),
                units -> ResultAnswers.attainment(results, units, view, period, orgUnit)
                        .tabular()
                        .kept());
    }
}
