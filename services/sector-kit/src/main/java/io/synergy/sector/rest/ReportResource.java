package io.synergy.sector.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import io.synergy.platform.problem.FieldError;
import io.synergy.platform.problem.Problem;
import io.synergy.platform.problem.ProblemException;
import io.synergy.sector.config.SectorConfig;
import io.synergy.sector.ingest.ReportService;
import io.synergy.sector.security.WriterAccess;
import jakarta.annotation.security.RolesAllowed;
import org.eclipse.microprofile.jwt.JsonWebToken;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Ingestion of reports over REST: JSON (one report or a batch) or a CSV upload. */
@Path("/api/v1/reports")
@Tag(name = "reports", description = "Submit reports and read their history")
public class ReportResource {

    static final String CSV = "text/csv";

    @Inject
    ReportService reports;

    @Inject
    SectorConfig config;

    @Inject
    AgroalDataSource dataSource;

    @Inject
    ObjectMapper json;

    @Inject
    JsonWebToken token;

    @Inject
    WriterAccess access;

    @POST
    @RolesAllowed("${synergy.sector.feed-role}")
    @Consumes({MediaType.APPLICATION_JSON, CSV})
    @Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
    @Operation(summary = "Submit one report, a batch (JSON array) or a CSV file",
            description = "201 when anything new was stored, 200 when every report was already known (identical duplicates, "
                    + "stale revisions). Invalid input: 400 problem+json naming every faulty field; nothing is stored. The body is UTF-8 "
                    + "unless the Content-Type declares another charset (text/csv; charset=GBK for a spreadsheet export).")
    @RequestBody(content = {
            @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "report", value = """
                    {"reportId": "qd-energy-stats/2024/370202/1", "source": "qd-energy-stats", "orgUnit": "370202", "period": "2024",
                     "revision": 1, "values": [{"dataElement": "energy.primary.total", "value": 1250.0, "unit": "tce"},
                     {"dataElement": "energy.primary.nonfossil", "value": 180.5, "unit": "tce"}]}""")),
            @Content(mediaType = CSV, examples = @ExampleObject(name = "csv", value = """
                    report_id,source,district,period,data_element,value,unit
                    qd-energy-stats/2024/370202/1,qd-energy-stats,370202,2024,energy.primary.total,1250,tce
                    qd-energy-stats/2024/370202/1,qd-energy-stats,370202,2024,energy.primary.nonfossil,180.5,tce"""))})
    @APIResponse(responseCode = "201", description = "Stored; the indicators of the report's district and year as they now stand")
    @APIResponse(responseCode = "200", description = "Nothing new: an identical duplicate (the original result) or a stale revision")
    @APIResponse(responseCode = "400", description = "Invalid report(s): every fault listed in errors[]; nothing stored",
            content = @Content(mediaType = Problem.MEDIA_TYPE, examples = @ExampleObject(name = "invalid", value = """
                    {"type": "https://synergy.qingdao/problems/invalid-request", "title": "The request is not valid", "status": 400,
                     "detail": "2 faults in the request; nothing was stored",
                     "errors": [{"field": "orgUnit", "message": "'370299' is not a district of 青岛市 370200"},
                                {"field": "values[1].value", "message": "energy.primary.nonfossil (1300.0 tce) exceeds its whole energy.primary.total (1250.0 tce) [rule nonfossil-within-total]"}]}""")))
    @APIResponse(responseCode = "401", description = "No valid bearer token")
    @APIResponse(responseCode = "403", description = "The token may not write this sector (feed:<sector>) or one of the districts")
    @APIResponse(responseCode = "409", description = "Same report id and revision already received with other content; nothing stored",
            content = @Content(mediaType = Problem.MEDIA_TYPE, examples = @ExampleObject(name = "conflict", value = """
                    {"type": "https://synergy.qingdao/problems/revision-conflict", "title": "Report revision conflict", "status": 409,
                     "detail": "A report id and revision can carry one content only; nothing was stored",
                     "errors": [{"field": "revision", "message": "report qd-energy-stats/2024/370202/1 revision 1 was already received with different content; send it as revision 2 to correct it"}]}""")))
    @APIResponse(responseCode = "413", description = "Body larger than 8 MB (synergy.sector.max-body-bytes) or more values than allowed "
            + "(synergy.sector.max-values); errors[].field is body", content = @Content(mediaType = Problem.MEDIA_TYPE))
    @APIResponse(responseCode = "415", description = "No Content-Type, one other than application/json or text/csv, or a charset the "
            + "server does not know; errors[].field is Content-Type", content = @Content(mediaType = Problem.MEDIA_TYPE))
    public Response submit(InputStream body, @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType) {
        if (contentType == null || contentType.isBlank()) {
            // JSON or CSV cannot be guessed reliably: the sender says which
            throw new ProblemException(415, "unsupported-media-type", "Unsupported Media Type",
                    "A Content-Type is required: application/json or text/csv",
                    List.of(new FieldError(HttpHeaders.CONTENT_TYPE, "is required: application/json or text/csv")));
        }
        Charset charset = charset(contentType);
        byte[] bytes = readLimited(body, config.maxBodyBytes());
        // weighed in KiB (at least 1, at most the whole allowance): a semaphore's permits are ints
        int weight = (int) Math.max(1, Math.min(config.maxBytesInFlight(), bytes.length) / 1024);
        if (!turn().tryAcquire(weight)) {
            try {
                if (!turn().tryAcquire(weight, config.ingestionWait().toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS)) {
                    throw busy();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw busy();
            }
        }
        try {
            return store(bytes, contentType, charset);
        } finally {
            turn().release(weight);
        }
    }

    private static ProblemException busy() {
        return new ProblemException(503, "busy", "Service Unavailable", "Too many reports are being stored right now; nothing was stored. "
                + "Retry in a few seconds.");
    }

    private java.util.concurrent.Semaphore turns;

    private synchronized java.util.concurrent.Semaphore turn() {
        if (turns == null) {
            turns = new java.util.concurrent.Semaphore((int) Math.max(1, config.maxBytesInFlight() / 1024), true);
        }
        return turns;
    }

    private Response store(byte[] bytes, String contentType, Charset charset) {
        boolean csv = contentType != null && contentType.toLowerCase(Locale.ROOT).startsWith(CSV);
        ReportService.Outcome outcome = reports.submit(bytes, csv ? ReportService.Format.CSV : ReportService.Format.JSON, csv ? "CSV" : "REST",
                charset, access.of(token));
        Object entity = outcome.batch() ? outcome.results() : outcome.results().get(0);
        // a batch's counts at a glance (the body lists every report; Server-Timing gives the duration)
        return Response.status(outcome.created() ? 201 : 200).type(MediaType.APPLICATION_JSON).entity(entity)
                .header(REPORT_COUNTS, counts(outcome)).build();
    }

    /** {@code Synergy-Report-Counts: total=1000, CREATED=990, DUPLICATE=10}: how many reports the request held, by status. */
    static final String REPORT_COUNTS = "Synergy-Report-Counts";

    static String counts(ReportService.Outcome outcome) {
        Map<String, Long> byStatus = new java.util.TreeMap<>();
        outcome.results().forEach(r -> byStatus.merge(r.status().name(), 1L, Long::sum));
        StringBuilder s = new StringBuilder("total=").append(outcome.results().size());
        byStatus.forEach((status, n) -> s.append(", ").append(status).append('=').append(n));
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
            throw new ProblemException(415, "unsupported-media-type", "Unsupported Media Type",
                    "The body's charset '" + name + "' is not supported; send UTF-8",
                    List.of(new FieldError(HttpHeaders.CONTENT_TYPE, "charset '" + name + "' is not supported; send UTF-8")));
        }
    }

    static byte[] readLimited(InputStream in, long limit) {
        try (in) {
            byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, limit + 1));
            if (bytes.length > limit) {
                throw new ProblemException(413, "payload-too-large", "Payload too large",
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
    @Operation(summary = "A report's revisions, newest first: status, when and how each arrived, its values and its result")
    @APIResponse(responseCode = "200", description = "The report's id, current revision and every revision (CURRENT, SUPERSEDED, STALE)")
    @APIResponse(responseCode = "404", description = "No report with this id", content = @Content(mediaType = Problem.MEDIA_TYPE))
    public Map<String, Object> history(@PathParam("id") String id) throws SQLException, IOException {
        List<Map<String, Object>> revisions = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement("""
                SELECT revision, status, channel, received_at, body, result, source, org_unit, period
                  FROM report WHERE report_id = ? ORDER BY revision DESC""")) {
            ps.setString(1, id);
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Map<String, Object> r = new LinkedHashMap<>();
                    r.put("revision", rs.getInt(1));
                    r.put("status", rs.getString(2));
                    r.put("channel", rs.getString(3));
                    r.put("receivedAt", rs.getTimestamp(4).toInstant().toString());
                    r.put("source", rs.getString(7));
                    r.put("orgUnit", rs.getString(8));
                    r.put("period", rs.getString(9));
                    JsonNode body = json.readTree(rs.getString(5));
                    r.put("values", body.get("values"));
                    r.put("result", rs.getString(6) == null ? null : json.readTree(rs.getString(6)));
                    revisions.add(r);
                }
            }
        }
        if (revisions.isEmpty()) {
            throw ProblemException.notFound("No report " + id + " in the " + config.code().code() + " service");
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("reportId", id);
        out.put("currentRevision", revisions.stream().filter(r -> "CURRENT".equals(r.get("status"))).map(r -> r.get("revision")).findFirst().orElse(null));
        out.put("revisions", revisions);
        return out;
    }
}
