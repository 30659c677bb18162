package io.synergy.sector.rest;

import io.synergy.model.period.Period;
import io.synergy.platform.problem.FieldError;
import io.synergy.platform.problem.Problem;
import io.synergy.platform.problem.ProblemException;
import io.synergy.platform.tabular.Tabular;
import io.synergy.sector.read.CompletenessView;
import io.synergy.sector.read.IndicatorQueries;
import io.synergy.sector.read.IndicatorsView;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The sector's computed indicators for any period, and who has reported what ({@link IndicatorQueries} computes them). */
@Path("/api/v1")
@Tag(name = "indicators", description = "The sector's indicators for any period, and who has reported what")
@APIResponse(
        responseCode = "401",
        description = "No valid bearer token",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(
        responseCode = "403",
        description = "The token lacks the role: reader or feed:<sector>",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(
        responseCode = "503",
        description = "The database is unavailable; retry",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class IndicatorResource {

    private final IndicatorQueries queries;

    public IndicatorResource(IndicatorQueries queries) {
        this.queries = queries;
    }

    @GET
    @RolesAllowed({"reader", "${synergy.sector.feed-role}"})
    @Path("/indicators")
    @Produces({MediaType.APPLICATION_JSON, Tabular.CSV, Tabular.XLSX})
    @Operation(
            summary =
                    "Indicator values of every district (or one), the city and the district groups, for a year, quarter or month",
            description =
                    "Districts from their data values rolled up to the period by aggregation type; the city and groups from summed "
                            + "numerators and denominators. complete=false when months or quarters do not cover the period. JSON, or with "
                            + "Accept a CSV or an Excel workbook (one row per org unit and figure).")
    @APIResponse(
            responseCode = "200",
            description =
                    "One entry per org unit (city, districts, groups) with every sector indicator and published data element",
            content = {
                @Content(
                        mediaType = MediaType.APPLICATION_JSON,
                        schema = @Schema(implementation = IndicatorsView.class)),
                @Content(
                        mediaType = Tabular.CSV,
                        schema = @Schema(type = SchemaType.STRING, description = "one row per org unit and figure"))
            })
    @APIResponse(
            responseCode = "400",
            description = "Missing or malformed period, or an unknown org unit",
            content =
                    @Content(
                            mediaType = Problem.MEDIA_TYPE,
                            schema = @Schema(implementation = Problem.class),
                            examples = @ExampleObject(name = "bad period", value = """
                    {"type": "https://synergy.qingdao/problems/invalid-request", "title": "The request is not valid", "status": 400,
                     "detail": "Invalid period", "errors": [{"field": "period", "message": "quarter 5 does not exist (1–4)"}]}""")))
    public Tabular<IndicatorsView> indicators(
            @Parameter(description = "2024, 2024Q3 or 2024-07", required = true, example = "2024") @QueryParam("period")
                    String periodText,
            @Parameter(
                            description =
                                    "one district (370202), the city (370200) or a group (central-urban); all when absent")
                    @QueryParam("district")
                    String district) {
        return queries.indicators(period(periodText), district);
    }

    @GET
    @RolesAllowed({"reader", "${synergy.sector.feed-role}"})
    @Path("/completeness")
    @Produces({MediaType.APPLICATION_JSON, Tabular.CSV, Tabular.XLSX})
    @Operation(
            summary =
                    "Which district reported which data elements within a period, for which sub-periods, and when last",
            description = "JSON, or with Accept a CSV or an Excel workbook (one row per district and data element).")
    @APIResponse(
            responseCode = "200",
            description =
                    "Every district with each data element: reported or not, the sub-periods, complete, last received, report id",
            content = {
                @Content(
                        mediaType = MediaType.APPLICATION_JSON,
                        schema = @Schema(implementation = CompletenessView.class)),
                @Content(
                        mediaType = Tabular.CSV,
                        schema =
                                @Schema(
                                        type = SchemaType.STRING,
                                        description = "one row per district and data element"))
            })
    @APIResponse(
            responseCode = "400",
            description = "Missing or malformed period",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Tabular<CompletenessView> completeness(
            @Parameter(description = "2024, 2024Q3 or 2024-07", required = true, example = "2024") @QueryParam("period")
                    String periodText) {
        return queries.completeness(period(periodText));
    }

    private static Period period(String text) {
        try {
            return Period.parse(text);
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalid("Invalid period", List.of(new FieldError("period", e.getMessage())));
        }
    }
}
