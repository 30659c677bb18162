package io.synergy.aggregation.assessment;

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
import org.jboss.resteasy.reactive.ResponseHeader;

/** The annual assessment report (年度评估考核报告) of the city or a district, printable: HTML, or PDF with Accept. */
@RolesAllowed("reader")
@Path("/api/v1/assessment/report")
@Tag(name = "assessment", description = "The annual assessment report")
public class AssessmentResource {

    static final String PDF = "application/pdf";
    /** The page has inline styles and SVG only: no script may run in it, whatever text was posted into the data. */
    static final String POLICY = "default-src 'none'; style-src 'unsafe-inline'; img-src data:";

    private final AssessmentReports reports;

    AssessmentResource(AssessmentReports reports) {
        this.reports = reports;
    }

    @GET
    @Produces(MediaType.TEXT_HTML + ";charset=UTF-8")
    @ResponseHeader(name = "Content-Security-Policy", value = POLICY)
    @Operation(
            summary =
                    "The assessment report as a printable page: attainment, synergy and its history, district ranking, effects, "
                            + "inventory (Chinese first, English alongside)",
            description =
                    "Without orgUnit: the city (370200). Accept: application/pdf gives the same page as a PDF. A year "
                            + "without results is a 404 problem.")
    @APIResponse(
            responseCode = "200",
            description = "The report",
            content = @Content(mediaType = MediaType.TEXT_HTML, schema = @Schema(type = SchemaType.STRING)))
    public String html(
            @Parameter(description = "year, e.g. 2024", required = true) @QueryParam("period") String period,
            @Parameter(description = "370200 (default), a district code or central-urban") @QueryParam("orgUnit")
                    String orgUnit) {
        return reports.html(period, orgUnit);
    }

    @GET
    @Produces(PDF)
    @Operation(summary = "The assessment report as a PDF (A4, the CJK font embedded)")
    @APIResponse(
            responseCode = "200",
            description = "The report",
            content = @Content(mediaType = PDF, schema = @Schema(type = SchemaType.STRING, format = "binary")))
    public byte[] pdf(
            @Parameter(description = "year, e.g. 2024", required = true) @QueryParam("period") String period,
            @Parameter(description = "370200 (default), a district code or central-urban") @QueryParam("orgUnit")
                    String orgUnit) {
        return reports.pdf(period, orgUnit);
    }
}
