package io.synergy.aggregation.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.synergy.aggregation.store.ResultStore;
import io.synergy.model.orgunit.OrgUnit;
import io.synergy.platform.orgunits.OrgUnitRegistry;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Target attainment (目标完成度) of every targeted indicator for the city, a district or a group. */
@RolesAllowed("reader")
@Path("/api/v1/attainment")
@Tag(name = "attainment")
public class AttainmentResource {

    @Inject
    ResultStore results;

    @Inject
    OrgUnitRegistry registry;

    @Inject
    ObjectMapper json;

    @GET
    @Produces({MediaType.APPLICATION_JSON, Csv.MEDIA_TYPE})
    @Operation(summary = "Attainment of every targeted indicator: value, baseline, target, completion, τ (序时进度), status, projection",
            description = "Without orgUnit: the city (370200). CSV with Accept: text/csv. A year without data is a 404 problem. A year "
                    + "neither complete nor closed says provisional: true with its coverage (docs/method.md §3). Each row names the "
                    + "target it is judged against: targetSource PLAN (the plan's), ALLOCATED (set for the unit by document, targets.v1) "
                    + "or NONE (no target applies: status NO_TARGET, not counted in the summary), and targetDocument (its 文号).")
    @APIResponse(responseCode = "200", content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "city", value = """
            {"period": "2024", "orgUnit": "370200", "indicators": [{"indicator": "E1", "orgUnit": "370200", "period": "2024", "value": 13.7,
             "unit": "%", "baseline": 9.2, "baselineYear": 2020, "target": 15.0, "targetYear": 2025, "targetSource": "PLAN",
             "targetDocument": "青环发〔2024〕18号", "completion": 0.775862,
             "timeProgress": 0.8, "status": "LAGGING", "projection": {"year": 2025, "value": 15.08, "meetsTarget": true}}],
             "summary": {"ACHIEVED": 0, "ON_TRACK": 2, "LAGGING": 3, "OFF_TRACK": 0, "NO_DATA": 0}}""")))
    @APIResponse(responseCode = "400", description = "period is not a year, or orgUnit is unknown")
    @APIResponse(responseCode = "404", description = "No data for this org unit and year")
    public Response attainment(@Parameter(description = "year, e.g. 2024", required = true) @QueryParam("period") String period,
            @Parameter(description = "370200 (default), a district code or central-urban") @QueryParam("orgUnit") String orgUnit,
            @Context HttpHeaders headers) throws IOException {
        int year = Queries.year("period", period);
        OrgUnit unit = Queries.orgUnit(registry.current(), orgUnit);
        ResultStore.Document doc = results.find(unit.code(), year)
                .orElseThrow(() -> Queries.noData("No results for " + unit.code() + " in " + year + ": no indicator of that year has been reported"));
        JsonNode body = json.readTree(doc.body());
        if (Csv.wanted(headers)) {
            List<List<Object>> rows = new ArrayList<>();
            for (JsonNode a : body.path("attainment")) {
                JsonNode p = a.path("projection");
                // Arrays.asList: an indicator without data has null cells, which List.of refuses
                rows.add(Arrays.asList(a.path("indicator").asText(), a.path("zh").asText(), a.path("en").asText(), a.path("orgUnit").asText(),
                        a.path("period").asText(), text(a, "value"), a.path("unit").asText(), text(a, "baseline"), a.path("baselineYear").asText(),
                        text(a, "target"), text(a, "targetYear"), text(a, "targetSource"), text(a, "targetDocument"), text(a, "completion"), text(a, "timeProgress"), a.path("status").asText(),
                        text(a, "trajectoryValue"), text(a, "gap"), text(p, "year"), text(p, "value"), text(p, "meetsTarget"),
                        a.path("complete").asText(), Provisional.of(body)));
            }
            return Csv.of(List.of("indicator", "name_zh", "name_en", "org_unit", "period", "value", "unit", "baseline", "baseline_year", "target",
                    "target_year", "target_source", "target_document", "completion", "time_progress", "status", "trajectory_value", "gap", "projection_year", "projection_value",
                    "projection_meets_target", "complete", "provisional"), rows, "attainment-" + unit.code() + "-" + year + ".csv");
        }
        ObjectNode out = json.createObjectNode();
        out.put("period", Integer.toString(year));
        out.put("orgUnit", unit.code());
        out.putPOJO("name", java.util.Map.of("zh", unit.zh(), "en", unit.en()));
        Provisional.mark(out, body);
        out.set("indicators", body.path("attainment"));
        out.set("summary", body.path("summary").path("counts"));
        out.set("shareAchievedOrOnTrack", body.path("summary").path("shareAchievedOrOnTrack"));
        out.set("complete", body.path("complete"));
        out.set("incomplete", body.path("incomplete"));
        out.put("version", doc.version());
        out.put("computedAt", doc.computedAt().toString());
        return Response.ok(out, MediaType.APPLICATION_JSON).build();
    }

    static Object text(JsonNode n, String field) {
        JsonNode v = n.path(field);
        return v.isMissingNode() || v.isNull() ? null : v.asText();
    }
}
