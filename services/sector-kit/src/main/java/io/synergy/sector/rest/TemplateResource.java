package io.synergy.sector.rest;

import io.synergy.model.orgunit.OrgUnits;
import io.synergy.model.period.Period;
import io.synergy.platform.orgunits.OrgUnitRegistry;
import io.synergy.platform.problem.FieldError;
import io.synergy.platform.problem.Problem;
import io.synergy.platform.problem.ProblemException;
import io.synergy.platform.tabular.Tabular;
import io.synergy.sector.ingest.ReportService;
import io.synergy.sector.model.ReportSheet;
import io.synergy.sector.read.ReportTemplate;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The sector's upload template (填报模板), as CSV or as an Excel workbook: {@link ReportTemplate}. */
@Path("/api/v1/template")
@Tag(name = "reports", description = "Submit reports and read their history")
@APIResponse(
        responseCode = "401",
        description = "No valid bearer token",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(
        responseCode = "403",
        description = "The token lacks the role: reader or feed:<sector>",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class TemplateResource {

    private final ReportTemplate template;
    private final OrgUnitRegistry orgUnits;

    public TemplateResource(ReportTemplate template, OrgUnitRegistry orgUnits) {
        this.template = template;
        this.orgUnits = orgUnits;
    }

    @GET
    @RolesAllowed({"reader", "${synergy.sector.feed-role}"})
    @Produces({Tabular.CSV, Tabular.XLSX, MediaType.APPLICATION_JSON})
    @Operation(
            summary =
                    "The upload template: one row per district and data element (codes, Chinese names, units) with the value empty",
            description =
                    "Fill in the value column (and your system's source and report ids, if you like) and upload it as it is to POST "
                            + "/api/v1/reports (text/csv, or the XLSX media type); the name columns are ignored on upload.")
    @APIResponse(
            responseCode = "200",
            description = "The template, as a download (csv, xlsx), or its rows as JSON (json: what a form is "
                    + "built from)",
            content = {
                @Content(
                        mediaType = MediaType.APPLICATION_JSON,
                        schema = @Schema(implementation = ReportSheet.Row[].class)),
                @Content(mediaType = Tabular.CSV, schema = @Schema(type = SchemaType.STRING))
            })
    @APIResponse(
            responseCode = "400",
            description = "format not csv, xlsx or json, a period that is not one, a code that is not a district; "
                    + "errors[].field names the parameter",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response template(
            @Context HttpHeaders headers,
            @Parameter(
                            description = "csv, xlsx, or json; without it, the Accept header decides (default csv)",
                            example = "xlsx")
                    @QueryParam("format")
                    String format,
            @Parameter(
                            description = "the period to fill in: a year, quarter or month (default: last year)",
                            example = "2024")
                    @QueryParam("period")
                    String period,
            @Parameter(
                            description = "district codes, comma-separated (default: every district)",
                            example = "370202,370203")
                    @QueryParam("districts")
                    String districts) {
        List<FieldError> errors = new ArrayList<>();
        String type = format == null || format.isBlank()
                ? accepted(headers)
                : format.strip().equalsIgnoreCase("csv")
                        ? Tabular.CSV
                        : format.strip().equalsIgnoreCase("xlsx")
                                ? Tabular.XLSX
                                : format.strip().equalsIgnoreCase("json") ? MediaType.APPLICATION_JSON : null;
        if (type == null) {
            errors.add(new FieldError("format", "must be csv, xlsx or json"));
        }
        String p = String.valueOf(LocalDate.now(ReportService.ZONE).getYear() - 1);
        if (period != null && !period.isBlank()) {
            try {
                p = Period.parse(period).toString();
            } catch (IllegalArgumentException e) {
                errors.add(new FieldError("period", e.getMessage()));
            }
        }
        List<String> codes = null;
        if (districts != null && !districts.isBlank()) {
            OrgUnits units = orgUnits.current();
            codes = Arrays.stream(districts.split(","))
                    .map(String::strip)
                    .filter(s -> !s.isEmpty())
                    .toList();
            codes.stream()
                    .filter(c -> !units.isDistrict(c))
                    .findFirst()
                    .ifPresent(c -> errors.add(new FieldError(
                            "districts",
                            "'" + (c.length() > 40 ? c.substring(0, 40) + "…" : c) + "' is not a district code")));
        }
        if (!errors.isEmpty()) {
            throw ProblemException.invalid("Invalid parameters", errors);
        }
        return Response.ok(template.template(p, codes), type).build();
    }

    /** The first of the template's formats the client accepts, in its order of preference; CSV when it names none of them. */
    private static String accepted(HttpHeaders headers) {
        for (MediaType m : headers.getAcceptableMediaTypes()) {
            for (String type : List.of(Tabular.CSV, Tabular.XLSX, MediaType.APPLICATION_JSON)) {
                if (!m.isWildcardType() && !m.isWildcardSubtype() && m.isCompatible(MediaType.valueOf(type))) {
                    return type;
                }
            }
        }
        return Tabular.CSV;
    }
}
