package io.synergy.sector.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import io.synergy.platform.problem.Problem;
import io.synergy.platform.problem.ProblemException;
import io.synergy.sector.config.SectorConfig;
import io.synergy.sector.ingest.ReportService;
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

    @POST
    @Consumes({MediaType.APPLICATION_JSON, CSV})
    @Produces({MediaType.APPLICATION_JSON, Problem.MEDIA_TYPE})
    @Operation(summary = "Submit one report, a batch (JSON array) or a CSV file",
            description = "201 when anything new was stored, 200 when every report was already known (identical duplicates, "
                    + "stale revisions). Invalid input: 400 problem+json naming every faulty field; nothing is stored.")
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
    @APIResponse(responseCode = "409", description = "Same report id and revision already received with other content")
    @APIResponse(responseCode = "413", description = "Body larger than 8 MB or more values than allowed")
    @APIResponse(responseCode = "415", description = "Content type other than application/json or text/csv")
    public Response submit(InputStream body, @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType) {
        byte[] bytes = readLimited(body, config.maxBodyBytes());
        boolean csv = contentType != null && contentType.toLowerCase().startsWith(CSV);
        ReportService.Outcome outcome = reports.submit(bytes, csv ? ReportService.Format.CSV : ReportService.Format.JSON, csv ? "CSV" : "REST");
        Object entity = outcome.batch() ? outcome.results() : outcome.results().get(0);
        return Response.status(outcome.created() ? 201 : 200).type(MediaType.APPLICATION_JSON).entity(entity).build();
    }

    static byte[] readLimited(InputStream in, long limit) {
        try (in) {
            byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, limit + 1));
            if (bytes.length > limit) {
                throw new ProblemException(413, "payload-too-large", "Payload too large",
                        "The body exceeds " + limit + " bytes; split it into smaller batches");
            }
            return bytes;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @GET
    @Path("/{id: .+}")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "A report's revisions, newest first: status, when and how each arrived, its values and its result")
    @APIResponse(responseCode = "404", description = "No report with this id")
    public Map<String, Object> history(@PathParam("id") String id) throws SQLException, IOException {
        List<Map<String, Object>> revisions = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement("""
                SELECT revision, status, channel, received_at, body::text, result::text, source, org_unit, period
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
