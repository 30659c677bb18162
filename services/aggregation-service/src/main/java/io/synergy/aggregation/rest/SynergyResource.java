package io.synergy.aggregation.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.synergy.method.results.ResultCalculator;
import io.synergy.aggregation.store.ResultStore;
import io.synergy.model.orgunit.OrgUnit;
import io.synergy.model.orgunit.OrgUnitLevel;
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
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The synergy degree (减污降碳协同度) with every intermediate quantity, its history and the district ranking. */
@RolesAllowed("reader")
@Path("/api/v1/synergy")
@Tag(name = "synergy")
public class SynergyResource {

    private static final Set<String> METHODS = Set.of("range", "target");
    private static final Set<String> COUPLINGS = Set.of("standard", "corrected");
    private static final Set<String> BASES = Set.of(ResultCalculator.SERIES, ResultCalculator.PANEL);

    @Inject
    ResultStore results;

    @Inject
    OrgUnitRegistry registry;

    @Inject
    ObjectMapper json;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "U1, U2, C, T, D, grade and lag of one org unit and year, with the explanation (samples, normalised values, weights, excluded)",
            description = "method: range (default, 极差标准化) or target (anchored on baseline and target); coupling: standard (default) or corrected "
                    + "(Wang et al. 2021). basis: series (the unit's own years from the base year; default for the city and groups) or panel "
                    + "(all district-years; default for districts).")
    @APIResponse(responseCode = "404", description = "No data for this org unit and year")
    public ObjectNode synergy(@Parameter(required = true) @QueryParam("period") String period, @QueryParam("orgUnit") String orgUnit,
            @QueryParam("method") String method, @QueryParam("coupling") String coupling, @QueryParam("basis") String basis) throws IOException {
        int year = Queries.year("period", period);
        OrgUnit unit = Queries.orgUnit(registry.current(), orgUnit);
        String m = Queries.choice("method", method, "range", METHODS);
        String c = Queries.choice("coupling", coupling, "standard", COUPLINGS);
        String b = basis(unit, basis);
        ResultStore.Document doc = results.find(unit.code(), year)
                .orElseThrow(() -> Queries.noData("No results for " + unit.code() + " in " + year));
        return view(unit, year, json.readTree(doc.body()).path("synergy").path(b + "." + m), b, m, c, true);
    }

    private String basis(OrgUnit unit, String basis) {
        String b = Queries.choice("basis", basis, unit.level() == OrgUnitLevel.DISTRICT ? ResultCalculator.PANEL : ResultCalculator.SERIES, BASES);
        if (ResultCalculator.PANEL.equals(b) && unit.level() != OrgUnitLevel.DISTRICT) {
            throw io.synergy.platform.problem.ProblemException.invalid("Invalid parameter", List.of(new io.synergy.platform.problem.FieldError("basis",
                    "the district panel scores districts; " + unit.code() + " is not a district")));
        }
        return b;
    }

    private ObjectNode view(OrgUnit unit, int year, JsonNode s, String basis, String method, String coupling, boolean explain) {
        ObjectNode out = json.createObjectNode();
        out.put("period", Integer.toString(year));
        out.put("orgUnit", unit.code());
        out.put("basis", basis);
        out.put("method", method);
        out.put("coupling", coupling);
        boolean computable = s.path("computable").asBoolean(false);
        out.put("computable", computable);
        if (!computable) {
            out.put("reason", s.path("reason").asText("no result"));
        } else {
            JsonNode chosen = s.path(coupling);
            out.set("u1", s.path("u1"));
            out.set("u2", s.path("u2"));
            out.set("c", chosen.path("c"));
            out.set("t", s.path("t"));
            out.set("d", chosen.path("d"));
            ObjectNode grade = out.putObject("grade");
            grade.set("zh", chosen.path("gradeZh"));
            grade.set("en", chosen.path("gradeEn"));
            grade.set("code", chosen.path("grade"));
            out.set("lag", s.path("lag"));
            out.set("lagZh", s.path("lagZh"));
            out.set("cStandard", s.path("standard").path("c"));
            out.set("cCorrected", s.path("corrected").path("c"));
            out.set("dStandard", s.path("standard").path("d"));
            out.set("dCorrected", s.path("corrected").path("d"));
        }
        if (explain) {
            out.set("explanation", s.path("explanation"));
        }
        return out;
    }

    @GET
    @Path("/history")
    @Produces({MediaType.APPLICATION_JSON, Csv.MEDIA_TYPE})
    @Operation(summary = "D, U1, U2 (and C, T, grade, lag) per year for one org unit",
            description = "Every year scored in the same evaluation: the latest year's window (base year … latest year), as the "
                    + "literature presents a time series. dOwnWindow is that year's own result (window base year … that year).")
    public Response history(@QueryParam("orgUnit") String orgUnit, @QueryParam("method") String method, @QueryParam("coupling") String coupling,
            @QueryParam("basis") String basis, @Context HttpHeaders headers) throws IOException {
        OrgUnit unit = Queries.orgUnit(registry.current(), orgUnit);
        String m = Queries.choice("method", method, "range", METHODS);
        String c = Queries.choice("coupling", coupling, "standard", COUPLINGS);
        String b = basis(unit, basis);
        List<ResultStore.Document> docs = results.findAll(unit.code(), null);
        if (docs.isEmpty()) {
            throw Queries.noData("No results for " + unit.code());
        }
        Map<String, JsonNode> ownWindow = new java.util.HashMap<>();
        for (ResultStore.Document doc : docs) {
            ownWindow.put(Integer.toString(doc.year()), json.readTree(doc.body()).path("synergy").path(b + "." + m));
        }
        ResultStore.Document latest = docs.get(docs.size() - 1);
        JsonNode evaluation = ownWindow.get(Integer.toString(latest.year()));
        List<ObjectNode> years = new ArrayList<>();
        for (JsonNode row : evaluation.path("window")) {
            String sample = row.path("sample").asText();
            String year = sample.contains("/") ? sample.substring(sample.indexOf('/') + 1) : sample;
            JsonNode chosen = row.path(c);
            ObjectNode y = json.createObjectNode();
            y.put("period", year);
            y.set("u1", row.path("u1"));
            y.set("u2", row.path("u2"));
            y.set("c", chosen.path("c"));
            y.set("t", row.path("t"));
            y.set("d", chosen.path("d"));
            ObjectNode grade = y.putObject("grade");
            grade.set("zh", chosen.path("gradeZh"));
            grade.set("en", chosen.path("gradeEn"));
            y.set("lag", row.path("lag"));
            JsonNode own = ownWindow.get(year);
            y.set("dOwnWindow", own == null || !own.path("computable").asBoolean() ? null : own.path(c).path("d"));
            years.add(y);
        }
        if (Csv.wanted(headers)) {
            List<List<Object>> rows = new ArrayList<>();
            for (ObjectNode y : years) {
                rows.add(java.util.Arrays.asList(y.path("period").asText(), AttainmentResource.text(y, "d"), AttainmentResource.text(y, "u1"),
                        AttainmentResource.text(y, "u2"), AttainmentResource.text(y, "c"), AttainmentResource.text(y, "t"),
                        y.path("grade").path("zh").asText(null), y.path("grade").path("en").asText(null), AttainmentResource.text(y, "lag"),
                        AttainmentResource.text(y, "dOwnWindow")));
            }
            return Csv.of(List.of("year", "d", "u1", "u2", "c", "t", "grade_zh", "grade_en", "lag", "d_own_window"), rows,
                    "synergy-history-" + unit.code() + ".csv");
        }
        ObjectNode out = json.createObjectNode();
        out.put("orgUnit", unit.code());
        out.put("basis", b);
        out.put("method", m);
        out.put("coupling", c);
        out.put("evaluatedYear", latest.year());
        out.put("computable", evaluation.path("computable").asBoolean());
        if (!evaluation.path("computable").asBoolean()) {
            out.put("reason", evaluation.path("reason").asText());
        }
        out.putPOJO("years", years);
        return Response.ok(out, MediaType.APPLICATION_JSON).build();
    }

    @GET
    @Path("/districts")
    @Produces({MediaType.APPLICATION_JSON, Csv.MEDIA_TYPE})
    @Operation(summary = "District ranking by D in one year, scored on the district panel (comparable across districts and years)")
    public Response districts(@QueryParam("period") String period, @QueryParam("method") String method, @QueryParam("coupling") String coupling,
            @Context HttpHeaders headers) throws IOException {
        int year = Queries.year("period", period);
        String m = Queries.choice("method", method, "range", METHODS);
        String c = Queries.choice("coupling", coupling, "standard", COUPLINGS);
        List<ObjectNode> rows = new ArrayList<>();
        for (ResultStore.Document doc : results.findAll(null, year)) {
            OrgUnit unit = registry.current().find(doc.orgUnit()).orElse(null);
            if (unit == null || unit.level() != OrgUnitLevel.DISTRICT) {
                continue;
            }
            ObjectNode v = view(unit, year, json.readTree(doc.body()).path("synergy").path(ResultCalculator.PANEL + "." + m), ResultCalculator.PANEL, m, c, false);
            v.putPOJO("name", Map.of("zh", unit.zh(), "en", unit.en()));
            rows.add(v);
        }
        if (rows.isEmpty()) {
            throw Queries.noData("No district results in " + year);
        }
        rows.sort(Comparator.comparing((ObjectNode n) -> n.path("computable").asBoolean() ? -n.path("d").asDouble() : Double.MAX_VALUE));
        int rank = 0;
        for (ObjectNode r : rows) {
            if (r.path("computable").asBoolean()) {
                r.put("rank", ++rank);
            }
        }
        if (Csv.wanted(headers)) {
            List<List<Object>> table = new ArrayList<>();
            for (ObjectNode y : rows) {
                table.add(java.util.Arrays.asList(AttainmentResource.text(y, "rank"), y.path("orgUnit").asText(), y.path("name").path("zh").asText(),
                        y.path("name").path("en").asText(), AttainmentResource.text(y, "d"), AttainmentResource.text(y, "u1"), AttainmentResource.text(y, "u2"),
                        y.path("grade").path("zh").asText(null), AttainmentResource.text(y, "lag")));
            }
            return Csv.of(List.of("rank", "org_unit", "name_zh", "name_en", "d", "u1", "u2", "grade_zh", "lag"), table, "synergy-districts-" + year + ".csv");
        }
        ObjectNode out = json.createObjectNode();
        out.put("period", Integer.toString(year));
        out.put("basis", ResultCalculator.PANEL);
        out.put("method", m);
        out.put("coupling", c);
        out.putPOJO("districts", rows);
        return Response.ok(out, MediaType.APPLICATION_JSON).build();
    }
}
