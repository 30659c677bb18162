package io.synergy.console.entry;

import com.fasterxml.jackson.core.type.TypeReference;
import io.quarkus.security.Authenticated;
import io.synergy.model.approval.ApprovalMatrix;
import io.synergy.model.approval.ApprovalRequest;
import io.synergy.model.approval.DataSetStatus;
import io.synergy.model.report.IngestResult;
import io.synergy.model.report.Report;
import io.synergy.model.report.ReportHistory;
import io.synergy.model.report.UploadPreview;
import io.synergy.platform.problem.FieldError;
import io.synergy.platform.problem.Problem;
import io.synergy.platform.problem.ProblemException;
import io.synergy.platform.tabular.Tabular;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Locale;
import java.util.StringJoiner;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The staff pages' way to the sector services (网页填报, 上传预览, 审核矩阵; docs/reporting-cycle.md): same-origin endpoints
 * that forward to {@code /api/v1/reports}, {@code /api/v1/template} and {@code /api/v1/approvals} of the sector named in the
 * path, with the caller's own {@code Authorization} header ({@link SectorClient}). The sector service checks the token's
 * roles and districts as for any client; the console checks only that the caller is signed in. So the pages need no other
 * origin (the Content-Security-Policy keeps {@code connect-src 'self'}) and no sector service opens CORS.
 */
@Path("/api/v1/sectors")
@Tag(
        name = "data entry",
        description = "Data entry, upload and approval in the browser, forwarded to the sector services")
@Authenticated
@APIResponse(
        responseCode = "401",
        description = "No valid bearer token",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(
        responseCode = "403",
        description = "The sector service refused the token's roles or districts (its problem, passed on)",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(
        responseCode = "404",
        description = "No such sector (errors[].field sector), or nothing with this id in the sector service")
@APIResponse(
        responseCode = "502",
        description =
                "The sector service could not be reached, or its answer could not be read; nothing was done, retry")
@APIResponse(
        responseCode = "503",
        description = "The sector service is busy or its database unavailable (its problem, passed on); retry",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class SectorEntryResource {

    private final SectorClient sectors;
    private final EntryForms forms;

    public SectorEntryResource(SectorClient sectors, EntryForms forms) {
        this.sectors = sectors;
        this.forms = forms;
    }

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(
            summary =
                    "The sectors' entry forms: each sector's data elements (names, units) and the rules that tie two of them "
                            + "together, from the catalogue; the districts to choose from")
    @APIResponse(
            responseCode = "200",
            description = "One form per sector, and the districts",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = EntryForms.Forms.class)))
    public EntryForms.Forms forms() {
        return forms.forms();
    }

    @POST
    @Path("/{sector}/reports")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
    @Operation(
            summary =
                    "Submit one report of the sector (the entry form), or check it without storing it (dryRun=true: the form's "
                            + "live validation)",
            description =
                    "Forwarded to the sector's POST /api/v1/reports: the same checks, the same answers, the same problems — "
                            + "errors[].field names the faulty field of the report (orgUnit, period, values[i].value…).")
    @RequestBody(
            required = true,
            content = @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = Report.class)))
    @APIResponse(
            responseCode = "201",
            description = "Stored: the report's indicators as they now stand",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = IngestResult.class)))
    @APIResponse(
            responseCode = "200",
            description =
                    "dryRun=true: what a submission would get, nothing stored; or nothing new (a duplicate, a stale revision)",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = IngestResult.class)))
    @APIResponse(responseCode = "400", description = "Invalid report: every fault in errors[]; nothing stored")
    @APIResponse(
            responseCode = "409",
            description =
                    "A revision conflict, or the data set is SUBMITTED, APPROVED or ACCEPTED (data-set-locked: who must "
                            + "return or reopen it); nothing stored")
    @APIResponse(
            responseCode = "422",
            description = "The district's figures taken together would break a rule of the catalogue; nothing stored")
    public Response report(
            @BeanParam SectorCall call,
            @Parameter(description = "true: check and compute, store and publish nothing")
                    @QueryParam("dryRun")
                    @DefaultValue("false")
                    boolean dryRun,
            Report report) {
        if (report == null) {
            throw ProblemException.invalid(
                    "A report is required", List.of(new FieldError("body", "is required: one report")));
        }
        SectorClient.Answer<IngestResult> answer = sectors.post(
                call.sector(),
                call.authorization(),
                "/api/v1/reports" + (dryRun ? "?dryRun=true" : ""),
                report,
                new TypeReference<>() {});
        return Response.status(answer.status())
                .type(MediaType.APPLICATION_JSON)
                .entity(answer.body())
                .build();
    }

    @GET
    @Path("/{sector}/reports/{id: .+}")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(
            summary =
                    "A report's revisions, newest first (what the form was filled with, and the revision to send next)")
    @APIResponse(
            responseCode = "200",
            description = "The report's history, as the sector service keeps it",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = ReportHistory.class)))
    public ReportHistory history(
            @BeanParam SectorCall call,
            @Parameter(description = "the report id", example = "web/energy/370202/2024") @PathParam("id") String id) {
        return sectors.get(
                        call.sector(),
                        call.authorization(),
                        "/api/v1/reports/" + encodePath(id),
                        new TypeReference<ReportHistory>() {})
                .body();
    }

    @POST
    @Path("/{sector}/uploads")
    @Consumes({Tabular.CSV, Tabular.XLSX})
    @Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
    @Operation(
            summary =
                    "Upload a filled-in template (CSV or XLSX): first its preview (dryRun=true: the rows accepted, the rows "
                            + "refused and why, nothing stored), then the upload itself",
            description =
                    "Forwarded to the sector's POST /api/v1/reports with the file's own content type (text/csv may declare a "
                            + "charset, e.g. GBK). An upload is stored whole or not at all.")
    @RequestBody(
            required = true,
            content = {@Content(mediaType = Tabular.CSV, schema = @Schema(type = SchemaType.STRING))})
    @APIResponse(
            responseCode = "200",
            description =
                    "dryRun=true: the preview; else nothing new (every report already known): one result per report",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(oneOf = {UploadPreview.class, IngestResult[].class})))
    @APIResponse(
            responseCode = "201",
            description = "Stored: one result per report of the file",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = IngestResult[].class)))
    @APIResponse(
            responseCode = "400",
            description = "A fault in the file, each named by its row and column; nothing stored")
    @APIResponse(
            responseCode = "409",
            description = "A data set of the file is locked, or a revision conflicts; nothing stored")
    @APIResponse(responseCode = "413", description = "The file is too large for the sector service")
    @APIResponse(
            responseCode = "422",
            description = "A district's figures taken together would break a rule; nothing stored")
    public Response upload(
            @BeanParam SectorCall call,
            @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
            @Parameter(description = "true: the preview only, nothing stored")
                    @QueryParam("dryRun")
                    @DefaultValue("false")
                    boolean dryRun,
            byte[] file) {
        if (file == null || file.length == 0) {
            throw ProblemException.invalid(
                    "A file is required", List.of(new FieldError("body", "is empty: upload a CSV or XLSX file")));
        }
        Object body;
        int status;
        if (dryRun) {
            SectorClient.Answer<UploadPreview> preview = sectors.postFile(
                    call.sector(),
                    call.authorization(),
                    "/api/v1/reports?dryRun=true",
                    file,
                    contentType,
                    new TypeReference<>() {});
            body = preview.body();
            status = preview.status();
        } else {
            SectorClient.Answer<List<IngestResult>> results = sectors.postFile(
                    call.sector(),
                    call.authorization(),
                    "/api/v1/reports",
                    file,
                    contentType,
                    new TypeReference<>() {});
            body = results.body();
            status = results.status();
        }
        return Response.status(status)
                .type(MediaType.APPLICATION_JSON)
                .entity(body)
                .build();
    }

    @GET
    @Path("/{sector}/template")
    @Produces({Tabular.CSV, Tabular.XLSX})
    @Operation(
            summary =
                    "The sector's upload template (填报模板): districts, data elements, Chinese names and units, the value empty")
    @APIResponse(
            responseCode = "200",
            description = "The template as a download",
            content = {@Content(mediaType = Tabular.CSV, schema = @Schema(type = SchemaType.STRING))})
    @APIResponse(
            responseCode = "400",
            description = "format not csv or xlsx, a period that is not one, a code that is not a district")
    public Response template(
            @BeanParam SectorCall call,
            @Parameter(description = "csv or xlsx (default csv)", example = "xlsx") @QueryParam("format") String format,
            @Parameter(description = "the period to fill in (default: last year)", example = "2024")
                    @QueryParam("period")
                    String period,
            @Parameter(description = "district codes, comma-separated (default: every district)")
                    @QueryParam("districts")
                    String districts) {
        String f = format == null || format.isBlank() ? "csv" : format.strip().toLowerCase(Locale.ROOT);
        if (!f.equals("csv") && !f.equals("xlsx")) {
            throw ProblemException.invalid(
                    "Invalid parameters", List.of(new FieldError("format", "must be csv or xlsx")));
        }
        SectorClient.Answer<byte[]> download = sectors.download(
                call.sector(),
                call.authorization(),
                "/api/v1/template" + query("format", f, "period", period, "districts", districts));
        Response.ResponseBuilder answer = Response.ok(download.body(), download.contentType());
        if (download.contentDisposition() != null) {
            answer.header("Content-Disposition", download.contentDisposition());
        }
        return answer.build();
    }

    @GET
    @Path("/{sector}/approvals")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(
            summary =
                    "The sector's approval matrix of a year: every district's data set, its state, history and next actions")
    @APIResponse(
            responseCode = "200",
            description = "One row per district",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = ApprovalMatrix.class)))
    @APIResponse(responseCode = "400", description = "period missing, not a year, or in the future")
    public ApprovalMatrix matrix(
            @BeanParam SectorCall call,
            @Parameter(description = "the year", required = true, example = "2024") @QueryParam("period")
                    String period) {
        return sectors.get(
                        call.sector(),
                        call.authorization(),
                        "/api/v1/approvals" + query("period", period),
                        new TypeReference<ApprovalMatrix>() {})
                .body();
    }

    @POST
    @Path("/{sector}/approvals")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
    @Operation(
            summary =
                    "Move a district's data set on: SUBMIT (提交), APPROVE (审核通过), RETURN (退回), ACCEPT (审定), REOPEN (重新打开)",
            description =
                    "Forwarded to the sector's POST /api/v1/approvals; the sector service decides by the token's roles "
                            + "(feed:<sector> submits, reviewer:<sector> approves or returns its districts, approver:<sector> accepts or reopens).")
    @RequestBody(
            required = true,
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = ApprovalRequest.class)))
    @APIResponse(
            responseCode = "200",
            description = "Done: the data set as it now stands, with its history",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = DataSetStatus.class)))
    @APIResponse(
            responseCode = "400",
            description =
                    "Not a district, not a year, an unknown action, no comment to RETURN or REOPEN; errors[].field names each")
    @APIResponse(
            responseCode = "409",
            description =
                    "Not allowed in the data set's state, or flagged values not yet acknowledged; nothing changed")
    public DataSetStatus act(@BeanParam SectorCall call, ApprovalRequest request) {
        return sectors.post(
                        call.sector(),
                        call.authorization(),
                        "/api/v1/approvals",
                        request == null ? new ApprovalRequest(null, null, null, null) : request,
                        new TypeReference<DataSetStatus>() {})
                .body();
    }

    /** {@code ?a=x&b=y} of the parameters given (name, value pairs; a null or blank value is left out), URL-encoded. */
    static String query(String... pairs) {
        StringJoiner q = new StringJoiner("&", "?", "").setEmptyValue("");
        for (int i = 0; i < pairs.length; i += 2) {
            if (pairs[i + 1] != null && !pairs[i + 1].isBlank()) {
                q.add(pairs[i] + "=" + URLEncoder.encode(pairs[i + 1].strip(), StandardCharsets.UTF_8));
            }
        }
        return q.toString();
    }

    /** A report id as one path of the sector's URL: each segment encoded, its slashes kept (the sector reads {id: .+}). */
    static String encodePath(String id) {
        StringJoiner path = new StringJoiner("/");
        for (String segment : id.split("/", -1)) {
            path.add(URLEncoder.encode(segment, StandardCharsets.UTF_8).replace("+", "%20"));
        }
        return path.toString();
    }
}
