package io.synergy.sector.rest;

import io.synergy.model.period.Period;
import io.synergy.model.report.IngestResult;
import io.synergy.model.report.Report;
import io.synergy.model.report.ReportFlag;
import io.synergy.model.report.ReportHistory;
import io.synergy.model.report.UploadPreview;
import io.synergy.platform.problem.FieldError;
import io.synergy.platform.problem.Problem;
import io.synergy.platform.problem.ProblemException;
import io.synergy.platform.tabular.Tabular;
import io.synergy.sector.approval.AcknowledgedFlag;
import io.synergy.sector.approval.ApprovalService;
import io.synergy.sector.approval.FlagAcknowledgement;
import io.synergy.sector.config.SectorConfig;
import io.synergy.sector.ingest.IngestionAdmission;
import io.synergy.sector.ingest.JsonReportParser;
import io.synergy.sector.ingest.ReportService;
import io.synergy.sector.read.FlaggedValues;
import io.synergy.sector.read.ReportQueries;
import io.synergy.sector.security.WriterAccess;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import org.eclipse.microprofile.jwt.JsonWebToken;
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

/**
 * Reports over REST: submitting them (JSON, one report or a batch, or a CSV upload) and reading their history and the
 * values flagged for review. Reads the request, then hands over: admission ({@link IngestionAdmission}), ingestion
 * ({@link ReportService}) and the reads ({@link ReportQueries}) live in their own beans.
 */
@Path("/api/v1/reports")
@Tag(name = "reports", description = "Submit reports and read their history")
@APIResponse(
        responseCode = "401",
        description = "No valid bearer token",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(
        responseCode = "403",
        description = "The token lacks the role: reader or feed:<sector> to read, feed:<sector> to write",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
@APIResponse(
        responseCode = "503",
        description = "The database is unavailable; nothing stored, retry",
        content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
public class ReportResource {

    static final String CSV = "text/csv";

    private final ReportService reports;
    private final ReportQueries queries;
    private final IngestionAdmission admission;
    private final SectorConfig config;
    private final JsonWebToken token;
    private final WriterAccess access;
    private final ApprovalService approvals;

    public ReportResource(
            ReportService reports,
            ReportQueries queries,
            IngestionAdmission admission,
            SectorConfig config,
            JsonWebToken token,
            WriterAccess access,
            ApprovalService approvals) {
        this.reports = reports;
        this.queries = queries;
        this.admission = admission;
        this.config = config;
        this.token = token;
        this.access = access;
        this.approvals = approvals;
    }

    @POST
    @RolesAllowed("${synergy.sector.feed-role}")
    @Consumes({MediaType.APPLICATION_JSON, CSV, Tabular.XLSX})
    @Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
    @Operation(
            summary = "Submit one report, a batch (JSON array), a CSV file or an XLSX workbook in the CSV's layout",
            description =
                    "201 when anything new was stored, 200 when every report was already known (identical duplicates, "
                            + "stale revisions). Invalid input: 400 problem+json naming every faulty field; nothing is stored. The body is UTF-8 "
                            + "unless the Content-Type declares another charset (text/csv; charset=GBK for a spreadsheet export). A workbook has one "
                            + "sheet with the CSV's columns (headers as keys, or as GET /api/v1/template writes them); its faults name 'row N: column'. "
                            + "dryRun=true stores and publishes nothing: see the 200 answer.")
    @RequestBody(
            content = {
                @Content(
                        mediaType = MediaType.APPLICATION_JSON,
                        schema = @Schema(oneOf = {Report.class, Report[].class}),
                        examples = @ExampleObject(name = "report", value = """
                    {"reportId": "qd-energy-stats/2024/370202/1", "source": "qd-energy-stats", "orgUnit": "370202", "period": "2024",
                     "revision": 1, "values": [{"dataElement": "energy.primary.total", "value": 1250.0, "unit": "tce"},
                     {"dataElement": "energy.primary.nonfossil", "value": 180.5, "unit": "tce"}]}""")),
                @Content(
                        mediaType = CSV,
                        schema = @Schema(type = SchemaType.STRING),
                        examples = @ExampleObject(name = "csv", value = """
                    report_id,source,district,period,data_element,value,unit
                    qd-energy-stats/2024/370202/1,qd-energy-stats,370202,2024,energy.primary.total,1250,tce
                    qd-energy-stats/2024/370202/1,qd-energy-stats,370202,2024,energy.primary.nonfossil,180.5,tce"""))
            })
    @APIResponse(
            responseCode = "201",
            description = "Stored; the indicators of the report's district and year as they now stand, and "
                    + "flags (IMPLAUSIBLE_CHANGE) with the flagged values when a value is beyond the plausibility band against the year before; "
                    + "a batch (JSON array or CSV) is answered with an array, one result per report in request order",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(oneOf = {IngestResult.class, IngestResult[].class})),
            headers =
                    @Header(
                            name = "Location",
                            description = "for one report (not a batch): its history, /api/v1/reports/{reportId}",
                            schema = @Schema(type = SchemaType.STRING)))
    @APIResponse(
            responseCode = "200",
            description = "Nothing new: an identical duplicate (the original result) or a stale revision. With "
                    + "dryRun=true, what the request would get, nothing stored or published: for JSON the results a real submission would get (or "
                    + "the same problem); for CSV the upload's preview (UploadPreview: rows without a fault, rows with one and why, and the status a "
                    + "real upload would get)",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(oneOf = {IngestResult.class, IngestResult[].class, UploadPreview.class})))
    @APIResponse(
            responseCode = "400",
            description = "Invalid report(s): every fault listed in errors[]; nothing stored",
            content =
                    @Content(
                            mediaType = Problem.MEDIA_TYPE,
                            schema = @Schema(implementation = Problem.class),
                            examples = @ExampleObject(name = "invalid", value = """
                    {"type": "https://synergy.qingdao/problems/invalid-request", "title": "The request is not valid", "status": 400,
                     "detail": "2 faults in the request; nothing was stored",
                     "errors": [{"field": "orgUnit", "message": "'370299' is not a district of 青岛市 370200"},
                                {"field": "values[1].value", "message": "energy.primary.nonfossil (1300.0 tce) exceeds its whole energy.primary.total (1250.0 tce) [rule nonfossil-within-total]"}]}""")))
    @APIResponse(
            responseCode = "403",
            description = "The token may not write this sector (feed:<sector>), one of the org units (a district "
                    + "outside its districts claim, or an enterprise registered outside them: errors[].field orgUnit), or it revises a report whose "
                    + "stored org unit it may not write (errors[].field reportId); nothing stored",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "409",
            description = "Same report id and revision already received with other content (revision-conflict), "
                    + "or a revision that would move the report to another org unit or period (report-scope-fixed, errors[].field orgUnit or period), "
                    + "or a report for a data set (district, year) that is SUBMITTED, APPROVED or ACCEPTED (data-set-locked, errors[].field orgUnit: "
                    + "its state and who must return or reopen it); nothing stored",
            content =
                    @Content(
                            mediaType = Problem.MEDIA_TYPE,
                            schema = @Schema(implementation = Problem.class),
                            examples = {
                                @ExampleObject(name = "conflict", value = """
                    {"type": "https://synergy.qingdao/problems/revision-conflict", "title": "Report revision conflict", "status": 409,
                     "detail": "A report id and revision can carry one content only; nothing was stored",
                     "errors": [{"field": "revision", "message": "report qd-energy-stats/2024/370202/1 revision 1 was already received with different content; send it as revision 2 to correct it"}]}"""),
                                @ExampleObject(name = "moved", value = """
                    {"type": "https://synergy.qingdao/problems/report-scope-fixed", "title": "A report's org unit and period are fixed", "status": 409,
                     "detail": "A revision may correct a report's values, not move it to another org unit or period; nothing was stored",
                     "errors": [{"field": "orgUnit", "message": "report qd-energy-stats/2024/370203 holds figures of 370203 (fixed by its first revision); a revision may not move it to 370202: send 370202's figures under a report id of their own"}]}""")
                            }))
    @APIResponse(
            responseCode = "422",
            description =
                    "The figures of an org unit and period taken together — every current report's values, "
                            + "rolled up to the year, its quarters and months, and a district's enterprises against its own total — would break a rule of the "
                            + "catalogue; errors[] name both data elements, both values and the reports they come from; nothing stored",
            content =
                    @Content(
                            mediaType = Problem.MEDIA_TYPE,
                            schema = @Schema(implementation = Problem.class),
                            examples = @ExampleObject(name = "combined", value = """
                    {"type": "https://synergy.qingdao/problems/combined-state-rule", "title": "The combined figures would break a rule", "status": 422,
                     "detail": "合并后的数据违反目录规则,未保存任何内容 / With this request, the figures of an org unit and period taken together would break 1 rule(s) of the catalogue; nothing was stored",
                     "errors": [{"field": "values[0].value", "message": "部分超过整体 / part exceeds its whole for 370203 in 2024 [rule nonfossil-within-total]: energy.primary.nonfossil = 283921.21 tce (from report(s) demo/qd-energy-stats/370203/2024) > energy.primary.total = 1.0 tce (from report(s) qd-energy-stats/2024/370203/total)"}]}""")))
    @APIResponse(
            responseCode = "413",
            description = "Body larger than 8 MB (synergy.sector.max-body-bytes) or more values than allowed "
                    + "(synergy.sector.max-values); errors[].field is body",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "415",
            description = "No Content-Type, one other than application/json, text/csv or XLSX, or a charset the "
                    + "server does not know; errors[].field is Content-Type",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "503",
            description = "Too many reports are being stored right now (busy: errors[] names the bound, "
                    + "synergy.sector.max-bytes-in-flight or max-values-in-flight, and synergy.sector.ingestion-wait passed), or "
                    + "the database is unavailable; nothing stored, retry after Retry-After",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Response submit(
            InputStream body,
            @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
            @Context UriInfo uri,
            @Parameter(
                            description =
                                    "true: check and compute, store and publish nothing (the form's live validation, the upload's preview)")
                    @QueryParam("dryRun")
                    @DefaultValue("false")
                    boolean dryRun) {
        if (contentType == null || contentType.isBlank()) {
            // JSON or CSV cannot be guessed reliably: the sender says which
            throw new ProblemException(
                    415,
                    "unsupported-media-type",
                    "Unsupported Media Type",
                    "A Content-Type is required: application/json, text/csv or " + Tabular.XLSX,
                    List.of(new FieldError(
                            HttpHeaders.CONTENT_TYPE, "is required: application/json, text/csv or " + Tabular.XLSX)));
        }
        Charset charset = charset(contentType);
        byte[] bytes = readLimited(body, config.maxBodyBytes());
        try (IngestionAdmission.Turn turn = admission.admit(bytes.length)) {
            String type = contentType.toLowerCase(Locale.ROOT);
            ReportService.Format format = type.startsWith(CSV)
                    ? ReportService.Format.CSV
                    : type.startsWith(Tabular.XLSX) ? ReportService.Format.XLSX : ReportService.Format.JSON;
            if (dryRun && format != ReportService.Format.JSON) {
                return Response.ok(
                                reports.preview(bytes, format, charset, access.of(token), turn),
                                MediaType.APPLICATION_JSON)
                        .build();
            }
            if (dryRun) {
                ReportService.Outcome outcome =
                        reports.dryRun(bytes, ReportService.Format.JSON, charset, access.of(token), turn);
                return Response.ok(
                                outcome.batch()
                                        ? outcome.results()
                                        : outcome.results().get(0),
                                MediaType.APPLICATION_JSON)
                        .header(REPORT_COUNTS, counts(outcome))
                        .build();
            }
            ReportService.Outcome outcome = reports.submit(
                    bytes,
                    format,
                    format == ReportService.Format.JSON ? "REST" : format.name(),
                    charset,
                    access.of(token),
                    turn);
            Response.ResponseBuilder answer;
            if (outcome.batch()) {
                answer = Response.status(outcome.created() ? 201 : 200).entity(outcome.results());
            } else if (outcome.created()) {
                // one report stored: its history is where it now lives (a batch creates many, so it names none)
                IngestResult result = outcome.results().get(0);
                answer = Response.created(uri.getBaseUriBuilder()
                                .path(ReportResource.class)
                                .path(result.reportId())
                                .build())
                        .entity(result);
            } else {
                answer = Response.ok(outcome.results().get(0));
            }
            // a batch's counts at a glance (the body lists every report; Server-Timing gives the duration)
            return answer.type(MediaType.APPLICATION_JSON)
                    .header(REPORT_COUNTS, counts(outcome))
                    .build();
        }
    }

    /** {@code Synergy-Report-Counts: total=1000, CREATED=990, DUPLICATE=10}: how many reports the request held, by status. */
    static final String REPORT_COUNTS = "Synergy-Report-Counts";

    static String counts(ReportService.Outcome outcome) {
        Map<String, Long> byStatus = new TreeMap<>();
        outcome.results().forEach(r -> byStatus.merge(r.status().name(), 1L, Long::sum));
        StringBuilder s = new StringBuilder("total=").append(outcome.results().size());
        byStatus.forEach(
                (status, n) -> s.append(", ").append(status).append('=').append(n));
        return s.toString();
    }

    /**
     * The charset the body is declared in: UTF-8 unless the Content-Type names another one (a bureau's spreadsheet
     * may export {@code text/csv; charset=GBK}); one the JVM does not know is a 415.
     */
    static Charset charset(String contentType) {
        if (contentType == null) {
            return StandardCharsets.UTF_8;
        }
        String name;
        try {
            name = MediaType.valueOf(contentType).getParameters().get(MediaType.CHARSET_PARAMETER);
        } catch (IllegalArgumentException e) {
            name = null;
        }
        if (name == null || name.isBlank()) {
            return StandardCharsets.UTF_8;
        }
        try {
            return Charset.forName(name.strip());
        } catch (IllegalArgumentException e) {
            throw new ProblemException(
                    415,
                    "unsupported-media-type",
                    "Unsupported Media Type",
                    "The body's charset '" + name + "' is not supported; send UTF-8",
                    List.of(new FieldError(
                            HttpHeaders.CONTENT_TYPE, "charset '" + name + "' is not supported; send UTF-8")));
        }
    }

    static byte[] readLimited(InputStream in, long limit) {
        try (in) {
            byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, limit + 1));
            if (bytes.length > limit) {
                throw new ProblemException(
                        413,
                        "payload-too-large",
                        "Payload too large",
                        "The body exceeds " + limit + " bytes; split it into smaller batches",
                        List.of(new FieldError("body", "is larger than " + limit + " bytes")));
            }
            return bytes;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @GET
    @RolesAllowed({"reader", "${synergy.sector.feed-role}"})
    @Path("/{id: .+}")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(
            summary =
                    "A report's revisions, newest first: status, when, how (channel) and by whom (sentBy) each arrived, its values and its result")
    @APIResponse(
            responseCode = "200",
            description = "The report's id, current revision and every revision (CURRENT, SUPERSEDED, STALE)",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = ReportHistory.class)))
    @APIResponse(
            responseCode = "404",
            description = "No report with this id",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public ReportHistory history(
            @Parameter(
                            description = "the report id, as sent (it may hold slashes)",
                            example = "qd-energy-stats/2024/370202/1")
                    @PathParam("id")
                    String id) {
        return queries.history(id)
                .orElseThrow(() -> ProblemException.notFound(
                        "No report " + id + " in the " + config.code().code() + " service"));
    }

    @POST
    @RolesAllowed("${synergy.sector.reviewer-role}")
    @Path("/flags/{flagId}/acknowledge")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
    @Operation(
            summary =
                    "Acknowledge a flagged value with a comment (the district's reviewer, reviewer:<sector>): its data set can be approved "
                            + "once every flagged value of it is acknowledged")
    @RequestBody(
            required = true,
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = FlagAcknowledgement.class)))
    @APIResponse(
            responseCode = "200",
            description = "Acknowledged",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = AcknowledgedFlag.class)))
    @APIResponse(
            responseCode = "400",
            description = "No comment, or one longer than 2000 characters; errors[].field is comment",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "404",
            description = "No flagged value with this id",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "409",
            description = "Already acknowledged, or its revision was superseded; errors[].field is id",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public AcknowledgedFlag acknowledge(
            @Parameter(description = "the flag's id, as the list of flagged values gives it", example = "1")
                    @PathParam("flagId")
                    long id,
            FlagAcknowledgement body) {
        return approvals.acknowledge(id, body, ApprovalResource.actor(token));
    }

    static final int DEFAULT_LIMIT = 100;
    static final int MAX_LIMIT = 1000;

    @GET
    @RolesAllowed({"reader", "${synergy.sector.feed-role}"})
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(
            summary = "Values accepted but flagged for review, oldest first, a page at a time",
            description =
                    "flag=IMPLAUSIBLE_CHANGE: values beyond synergy.sector.plausibility.max-ratio (default ×10 or ÷10) of the same period a "
                            + "year earlier. Only values of current revisions: a correcting revision takes its report off the list. Pass nextCursor "
                            + "as cursor for the next page; it is null on the last page.")
    @APIResponse(
            responseCode = "200",
            description = "The page, and nextCursor when more may follow",
            content =
                    @Content(
                            mediaType = MediaType.APPLICATION_JSON,
                            schema = @Schema(implementation = FlaggedValues.class)))
    @APIResponse(
            responseCode = "400",
            description = "Missing or unknown flag, malformed period, limit outside 1–1000, or a cursor not given "
                    + "by an earlier page; errors[].field names the parameter",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Tabular<FlaggedValues> flagged(
            @Parameter(description = "the flag to list", required = true, example = "IMPLAUSIBLE_CHANGE")
                    @QueryParam("flag")
                    String flagText,
            @Parameter(
                            description = "a year (every period in it), a quarter (and its months) or a month",
                            example = "2024")
                    @QueryParam("period")
                    String periodText,
            @Parameter(description = "entries per page, 1–1000 (default 100)") @QueryParam("limit") Integer limit,
            @Parameter(description = "nextCursor of the previous page") @QueryParam("cursor") String cursor) {
        List<FieldError> errors = new ArrayList<>();
        ReportFlag flag = null;
        if (flagText == null || flagText.isBlank()) {
            errors.add(new FieldError("flag", "is required: one of " + List.of(ReportFlag.values())));
        } else {
            try {
                flag = ReportFlag.valueOf(flagText.strip());
            } catch (IllegalArgumentException e) {
                errors.add(new FieldError(
                        "flag",
                        "'" + JsonReportParser.abbreviate(flagText) + "' is not a flag: one of "
                                + List.of(ReportFlag.values())));
            }
        }
        Period period = null;
        if (periodText != null) {
            try {
                period = Period.parse(periodText);
            } catch (IllegalArgumentException e) {
                errors.add(new FieldError("period", e.getMessage()));
            }
        }
        int n = limit == null ? DEFAULT_LIMIT : limit;
        if (n < 1 || n > MAX_LIMIT) {
            errors.add(new FieldError("limit", "must be between 1 and " + MAX_LIMIT));
        }
        long after = 0;
        if (cursor != null) {
            try {
                after = Long.parseLong(cursor.strip());
            } catch (NumberFormatException e) {
                after = -1;
            }
            if (after < 0) {
                errors.add(new FieldError(
                        "cursor",
                        "'" + JsonReportParser.abbreviate(cursor)
                                + "' is not a cursor of this list (pass nextCursor as it was given)"));
            }
        }
        if (!errors.isEmpty()) {
            throw ProblemException.invalid("Invalid parameters", errors);
        }
        return queries.flagged(flag, period, after, n);
    }
}
