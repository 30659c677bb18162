package io.synergy.aggregation.inventory;

import io.synergy.aggregation.rest.KeptAnswers;
import io.synergy.platform.problem.FieldError;
import io.synergy.platform.problem.Problem;
import io.synergy.platform.problem.ProblemException;
import io.synergy.platform.query.Queries;
import io.synergy.platform.tabular.Tabular;
import io.synergy.results.view.ResultView;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import java.net.URI;
import java.util.List;
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
 * The integrated emission inventory (大气污染物与温室气体融合排放清单, clause 二十二): per sector and gas, calculated
 * from activity data and the versioned factor library next to the reported figures; the printable annual report; the
 * factor library and its revisions; the figures earlier versions produced.
 */
@RolesAllowed("reader")
@Path("/api/v1/inventory")
@Tag(name = "inventory", description = "The integrated air-pollutant and greenhouse-gas inventory")
public class InventoryResource {

    /** The question, as sent: each answer is kept per version of the facts, results and factors ({@link KeptAnswers}). */
    private record InventoryQuestion(String view, String period, String orgUnit) {}

    private final InventoryService inventory;
    private final JsonWebToken token;
    private final KeptAnswers answers;

    InventoryResource(InventoryService inventory, JsonWebToken token, KeptAnswers answers) {
        this.inventory = inventory;
        this.token = token;
        this.answers = answers;
    }

    @GET
    @Produces({MediaType.APPLICATION_JSON, Tabular.CSV, Tabular.XLSX})
    @Operation(
            summary =
                    "The inventory of an org unit and year: sectors × gases, calculated vs reported, difference, factor version",
            description =
                    "orgUnit: the city (default), a district, a group, a park or an enterprise. JSON, or with Accept a CSV or an Excel "
                            + "workbook: one row per sector and gas (then the totals, sector 'all', and the CO2 equivalent). 404 when nothing was "
                            + "reported for the unit and year.")
    @APIResponse(
            responseCode = "200",
            description = "The inventory",
            content = {
                @Content(
                        mediaType = MediaType.APPLICATION_JSON,
                        schema = @Schema(implementation = InventoryAnswer.class)),
                @Content(
                        mediaType = Tabular.CSV,
                        schema =
                                @Schema(
                                        type = SchemaType.STRING,
                                        description =
                                                "one row per sector and gas, then the totals (sector all) and the CO2 equivalent"))
            })
    @APIResponse(
            responseCode = "400",
            description =
                    "period is not a year, orgUnit is unknown, or view is not latest or official; errors[].field names it",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "404",
            description = "No activity data and no reported emissions for the unit and year",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "503",
            description = "The factor library is not loaded yet (at the first start), or the database is "
                    + "unavailable; retry",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Tabular<InventoryAnswer> get(
            @Parameter(description = "year, e.g. 2024", required = true) @QueryParam("period") String period,
            @Parameter(description = "370200 (default), a district, a group, a park or an enterprise")
                    @QueryParam("orgUnit")
                    String orgUnit,
            @Parameter(description = "latest (default: every report) or official (the accepted data sets only)")
                    @QueryParam("view")
                    String view) {
        return answers.answer(
                new InventoryQuestion(view, period, orgUnit),
                units -> InventoryTable.answer(
                                inventory.inventory(orgUnit, Queries.year("period", period), ResultView.parse(view)),
                                inventory.catalogue().inventory())
                        .kept());
    }

    @GET
    @Path("report")
    @Produces(MediaType.TEXT_HTML)
    @Operation(
            summary =
                    "The annual inventory report (清单报告) as printable HTML (A4; the browser's print to PDF gives a clean document)")
    @APIResponse(
            responseCode = "200",
            description = "The report",
            content = @Content(mediaType = MediaType.TEXT_HTML, schema = @Schema(type = SchemaType.STRING)))
    @APIResponse(
            responseCode = "400",
            description = "period is not a year, or orgUnit is unknown; errors[].field names it",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "404",
            description = "No activity data and no reported emissions for the unit and year",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public RestResponse<String> report(
            @Parameter(description = "year, e.g. 2024", required = true) @QueryParam("period") String period,
            @Parameter(description = "370200 (default), a district, a group, a park or an enterprise")
                    @QueryParam("orgUnit")
                    String orgUnit) {
        InventoryAnswer answer = inventory.inventory(orgUnit, Queries.year("period", period));
        return RestResponse.ResponseBuilder.ok(
                        InventoryReportPage.render(answer, inventory.catalogue().inventory()),
                        MediaType.TEXT_HTML + "; charset=UTF-8")
                // the report has inline styles and nothing else: no script may run in it, whatever text was posted as a
                // source
                .header("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; img-src data:")
                .header("X-Content-Type-Options", "nosniff")
                .build();
    }

    @GET
    @Path("history")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(
            summary =
                    "Earlier figures of an org unit and year: the inventory as each factor revision found it, newest first")
    @APIResponse(
            responseCode = "200",
            description = "The earlier figures (none before a revision changed them)",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = InventoryService.History.class)))
    @APIResponse(
            responseCode = "400",
            description = "period is not a year, or orgUnit is unknown; errors[].field names it",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public InventoryService.History history(
            @Parameter(description = "year, e.g. 2024", required = true) @QueryParam("period") String period,
            @Parameter(description = "370200 (default), a district, a group, a park or an enterprise")
                    @QueryParam("orgUnit")
                    String orgUnit) {
        return inventory.history(orgUnit, Queries.year("period", period));
    }

    @GET
    @Path("factors")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(
            summary =
                    "The emission-factor library: the current version (or ?version=N) in full, and every version's summary")
    @APIResponse(
            responseCode = "200",
            description = "The library",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = InventoryService.Factors.class)))
    @APIResponse(
            responseCode = "400",
            description = "version is not a number",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "404",
            description = "No such version",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public InventoryService.Factors factors(
            @Parameter(description = "a version number; omitted: the current one") @QueryParam("version")
                    String version) {
        Integer v = null;
        if (version != null && !version.isBlank()) {
            try {
                v = Integer.parseInt(version.strip());
            } catch (NumberFormatException e) {
                throw ProblemException.invalid(
                        "Invalid parameter", List.of(new FieldError("version", "must be a version number such as 2")));
            }
        }
        return inventory.factors(v);
    }

    @POST
    @Path("factors")
    @RolesAllowed("ops")
    @Consumes({MediaType.APPLICATION_JSON, "application/yaml", "application/x-yaml", "text/yaml", "text/x-yaml"})
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(
            summary =
                    "Store a new version of the factor library (the complete set, JSON or YAML); recomputes the affected years",
            description =
                    "The figures the new version changes (every org unit and year with data) are kept in the history as computed with the "
                            + "previous version; GET /api/v1/inventory then names the revision in revisedFrom. 400 with every fault of the library.")
    @APIResponse(
            responseCode = "201",
            description = "Stored: the new version and the org-unit years whose figures it changed",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = InventoryService.Revision.class)),
            headers =
                    @Header(
                            name = "Location",
                            description = "/api/v1/inventory/factors?version={version}",
                            schema = @Schema(type = SchemaType.STRING)))
    @APIResponse(
            responseCode = "400",
            description = "Every fault of the library in errors[], or a body that is not JSON or YAML; nothing stored",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "415",
            description = "The body is neither JSON nor YAML",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public RestResponse<InventoryService.Revision> revise(
            byte[] body, @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType) {
        FactorLibraryDocument document = FactorLibraryParser.parse(body, FactorLibraryParser.isYaml(contentType));
        InventoryService.Revision revision = inventory.revise(document, who());
        return RestResponse.ResponseBuilder.<InventoryService.Revision>created(
                        URI.create("/api/v1/inventory/factors?version=" + revision.version()))
                .entity(revision)
                .type(MediaType.APPLICATION_JSON)
                .build();
    }

    /** The subject of the token that authorised the revision: a client cannot name someone else. */
    private String who() {
        String name = token == null ? null : token.getName();
        if (name == null || name.isBlank()) {
            return "anonymous";
        }
        String trimmed = name.strip();
        return trimmed.length() > 200 ? trimmed.substring(0, 200) : trimmed;
    }
}
