package io.synergy.aggregation.inventory;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.synergy.platform.problem.FieldError;
import io.synergy.platform.problem.ProblemException;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The integrated emission inventory (大气污染物与温室气体融合排放清单, clause 二十二): per sector and gas, calculated
 * from activity data and the versioned factor library next to the reported figures; the printable annual report; the
 * factor library and its revisions; the figures earlier versions produced.
 */
@RolesAllowed("reader")
@Path("/api/v1/inventory")
@Tag(name = "inventory")
public class InventoryResource {

    @Inject
    InventoryService inventory;

    @Inject
    ObjectMapper json;

    @Inject
    JsonWebToken token;

    @GET
    @Produces({MediaType.APPLICATION_JSON, io.synergy.aggregation.rest.Csv.MEDIA_TYPE})
    @Operation(summary = "The inventory of an org unit and year: sectors × gases, calculated vs reported, difference, factor version",
            description = "orgUnit: the city (default), a district, a group, a park or an enterprise. Accept: text/csv gives one row per sector and gas "
                    + "(then the totals, sector 'all', and the CO2 equivalent). 404 when nothing was reported for the unit and year.")
    public Response get(@QueryParam("period") String period, @QueryParam("orgUnit") String orgUnit, @Context HttpHeaders headers) {
        InventoryAnswer answer = inventory.inventory(orgUnit, io.synergy.aggregation.rest.Queries.year("period", period));
        if (io.synergy.aggregation.rest.Csv.wanted(headers)) {
            return Response.ok(InventoryCsv.of(answer, inventory.catalogue().inventory()), io.synergy.aggregation.rest.Csv.MEDIA_TYPE + "; charset=UTF-8")
                    .header("Content-Disposition", "attachment; filename=\"inventory-" + answer.orgUnit() + "-" + answer.period() + ".csv\"").build();
        }
        return Response.ok(answer, MediaType.APPLICATION_JSON).build();
    }

    @GET
    @Path("report")
    @Produces(MediaType.TEXT_HTML)
    @Operation(summary = "The annual inventory report (清单报告) as printable HTML (A4; the browser's print to PDF gives a clean document)")
    public Response report(@QueryParam("period") String period, @QueryParam("orgUnit") String orgUnit) {
        InventoryAnswer answer = inventory.inventory(orgUnit, io.synergy.aggregation.rest.Queries.year("period", period));
        return Response.ok(InventoryReportPage.render(answer, inventory.catalogue().inventory()), MediaType.TEXT_HTML + "; charset=UTF-8")
                // the report has inline styles and nothing else: no script may run in it, whatever text was posted as a source
                .header("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'; img-src data:")
                .header("X-Content-Type-Options", "nosniff").build();
    }

    @GET
    @Path("history")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Earlier figures of an org unit and year: the inventory as each factor revision found it, newest first")
    public Map<String, Object> history(@QueryParam("period") String period, @QueryParam("orgUnit") String orgUnit) throws IOException {
        InventoryService.History history = inventory.history(orgUnit, io.synergy.aggregation.rest.Queries.year("period", period));
        List<Map<String, Object>> entries = new ArrayList<>();
        for (InventoryHistoryStore.Entry e : history.entries()) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("factorVersion", e.factorVersion());
            m.put("supersededBy", e.supersededBy());
            m.put("supersededAt", e.supersededAt().toString());
            m.put("inventory", json.readValue(e.body(), JsonNode.class));
            entries.add(m);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("orgUnit", history.orgUnit());
        out.put("period", Integer.toString(history.year()));
        out.put("entries", entries);
        return out;
    }

    @GET
    @Path("factors")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The emission-factor library: the current version (or ?version=N) in full, and every version's summary")
    public Map<String, Object> factors(@QueryParam("version") String version) {
        Integer v = null;
        if (version != null && !version.isBlank()) {
            try {
                v = Integer.parseInt(version.strip());
            } catch (NumberFormatException e) {
                throw ProblemException.invalid("Invalid parameter", List.of(new FieldError("version", "must be a version number such as 2")));
            }
        }
        FactorLibraryDocument library = inventory.factors(v);
        List<FactorLibraryStore.VersionInfo> versions = inventory.versions();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("current", versions.isEmpty() ? null : versions.get(0).version());
        out.put("library", library);
        out.put("versions", versions);
        return out;
    }

    @POST
    @Path("factors")
    @RolesAllowed("ops")
    @Consumes({MediaType.APPLICATION_JSON, "application/yaml", "application/x-yaml", "text/yaml", "text/x-yaml"})
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Store a new version of the factor library (the complete set, JSON or YAML); recomputes the affected years",
            description = "The figures the new version changes (every org unit and year with data) are kept in the history as computed with the "
                    + "previous version; GET /api/v1/inventory then names the revision in revisedFrom. 400 with every fault of the library.")
    public Response revise(byte[] body, @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType) {
        FactorLibraryDocument document = FactorLibraryParser.parse(body, FactorLibraryParser.isYaml(contentType));
        InventoryService.Revision revision = inventory.revise(document, who());
        return Response.created(URI.create("/api/v1/inventory/factors?version=" + revision.version())).entity(revision)
                .type(MediaType.APPLICATION_JSON).build();
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
