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
        return view(unit, year, json.readTree(doc.body()), b, m, c, true);
    }

    private String basis(OrgUnit unit, String basis) {
        String b = Queries.choice("basis", basis, unit.level() == OrgUnitLevel.DISTRICT ? ResultCalculator.PANEL : ResultCalculator.SERIES, BASES);
        if (ResultCalculator.PANEL.equals(b) && unit.level() != OrgUnitLevel.DISTRICT) {
            throw io.synergy.platform.problem.ProblemException.invalid("Invalid parameter", List.of(new io.synergy.platform.problem.FieldError("basis",
                    "the district panel scores districts; " + unit.code() + " is not a district")));
        }
        return b;
    }

    /** One result's synergy degree under a basis, method and coupling; {@code body} is the stored result document. */
    private ObjectNode view(OrgUnit unit, int year, JsonNode body, String basis, String method, String coupling, boolean explain) {
        JsonNode s = body.path("synergy").path(basis + "." + method);
        ObjectNode out = json.createObjectNode();
        out.put("period", Integer.toString(year));
        out.put("orgUnit", unit.code());
        out.put("basis", basis);
        out.put("method", method);
        out.put("coupling", coupling);
        Provisional.mark(out, body);
        boolean computable = s.path("computable").asBoolean(false);
        out.put("computable", computable);
        if (!computable) {
            out.put("reason", s.path("reason").asText("no result"));
        } else {
            scores(out, s, coupling).set("code", s.path(coupling).path("grade"));
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
    @Operation(summary = "D, U1, U2 (and C, T, grade, lag) per year for one org unit: the complete and closed years, then the provisional ones",
            description = "The complete and closed years are scored in one evaluation, the window of the latest of them (settled years from "
                    + "the base year), as the literature presents a time series; a year that has just begun changes none of their figures. "
                    + "Each provisional year is listed too, provisional: true with its coverage, scored on its own window (the settled years "
                    + "before it and itself). dOwnWindow is each year's own result. Without a complete or closed year: computable false "
                    + "with the reason, and the provisional years alone.")
    public Response history(@QueryParam("orgUnit") String orgUnit, @QueryParam("method") String method, @QueryParam("coupling") String coupling,
            @QueryParam("basis") String basis, @Context HttpHeaders headers) throws IOException {
        OrgUnit unit = Queries.orgUnit(registry.current(), orgUnit);
        String m = Queries.choice("method", method, "range", METHODS);
        String c = Queries.choice("coupling", coupling, "standard", COUPLINGS);
        String b = basis(unit, basis);
        String key = b + "." + m;
        List<ResultStore.Document> docs = results.findAll(unit.code(), null);
        if (docs.isEmpty()) {
            throw Queries.noData("No results for " + unit.code());
        }
        Map<String, JsonNode> bodies = new java.util.HashMap<>();
        Integer evaluatedYear = null;
        for (ResultStore.Document doc : docs) { // ascending by year
            JsonNode body = json.readTree(doc.body());
            bodies.put(Integer.toString(doc.year()), body);
            if (!Provisional.of(body)) {
                evaluatedYear = doc.year();
            }
        }
        List<ObjectNode> years = new ArrayList<>();
        JsonNode evaluation = evaluatedYear == null ? null : bodies.get(Integer.toString(evaluatedYear)).path("synergy").path(key);
        if (evaluation != null) {
            for (JsonNode row : evaluation.path("window")) {
                String year = yearOf(row.path("sample").asText());
                years.add(historyRow(year, bodies.get(year), row, key, c));
            }
        }
        for (ResultStore.Document doc : docs) {
            JsonNode body = bodies.get(Integer.toString(doc.year()));
            if (Provisional.of(body)) {
                // its own window ends with the year itself
                JsonNode own = body.path("synergy").path(key).path("window");
                years.add(historyRow(Integer.toString(doc.year()), body, own.isEmpty() ? null : own.get(own.size() - 1), key, c));
            }
        }
        years.sort(Comparator.comparing((ObjectNode y) -> y.path("period").asText()));
        if (Csv.wanted(headers)) {
            List<List<Object>> rows = new ArrayList<>();
            for (ObjectNode y : years) {
                rows.add(java.util.Arrays.asList(y.path("period").asText(), AttainmentResource.text(y, "d"), AttainmentResource.text(y, "u1"),
                        AttainmentResource.text(y, "u2"), AttainmentResource.text(y, "c"), AttainmentResource.text(y, "t"),
                        y.path("grade").path("zh").asText(null), y.path("grade").path("en").asText(null), AttainmentResource.text(y, "lag"),
                        AttainmentResource.text(y, "dOwnWindow"), y.path("provisional").asBoolean()));
            }
            return Csv.of(List.of("year", "d", "u1", "u2", "c", "t", "grade_zh", "grade_en", "lag", "d_own_window", "provisional"), rows,
                    "synergy-history-" + unit.code() + ".csv");
        }
        ObjectNode out = json.createObjectNode();
        out.put("orgUnit", unit.code());
        out.put("basis", b);
        out.put("method", m);
        out.put("coupling", c);
        out.put("evaluatedYear", evaluatedYear);
        boolean computable = evaluation != null && evaluation.path("computable").asBoolean();
        out.put("computable", computable);
        if (!computable) {
            out.put("reason", evaluation == null ? NO_SETTLED_YEAR : evaluation.path("reason").asText());
        }
        out.putPOJO("years", years);
        return Response.ok(out, MediaType.APPLICATION_JSON).build();
    }

    static final String NO_SETTLED_YEAR = "no complete year yet: a year is complete when every indicator of the synergy set is complete for "
            + "the city, or closed by an operator (POST /api/v1/years/{year}/close); until then every year is provisional · 尚无完整年份";

    /**
     * U1, U2, C, T, D, grade and lag of one score — a result or a row of its window — under one coupling; returns the
     * grade object.
     */
    private static ObjectNode scores(ObjectNode out, JsonNode score, String coupling) {
        JsonNode chosen = score.path(coupling);
        out.set("u1", score.path("u1"));
        out.set("u2", score.path("u2"));
        out.set("c", chosen.path("c"));
        out.set("t", score.path("t"));
        out.set("d", chosen.path("d"));
        ObjectNode grade = out.putObject("grade");
        grade.set("zh", chosen.path("gradeZh"));
        grade.set("en", chosen.path("gradeEn"));
        out.set("lag", score.path("lag"));
        return grade;
    }

    /** A sample label's year: "2024" or, in the district panel, "370202/2024". */
    private static String yearOf(String sample) {
        return sample.contains("/") ? sample.substring(sample.indexOf('/') + 1) : sample;
    }

    /** One year of the history: {@code row} is its score in the evaluation shown, or null when that is not computable. */
    private ObjectNode historyRow(String year, JsonNode body, JsonNode row, String key, String coupling) {
        ObjectNode y = json.createObjectNode();
        y.put("period", year);
        Provisional.mark(y, body == null ? json.createObjectNode() : body);
        JsonNode own = body == null ? null : body.path("synergy").path(key);
        y.put("computable", row != null);
        if (row != null) {
            scores(y, row, coupling);
        } else {
            y.put("reason", own == null ? "no result" : own.path("reason").asText("no result"));
        }
        y.set("dOwnWindow", own == null || !own.path("computable").asBoolean() ? null : own.path(coupling).path("d"));
        return y;
    }

    @GET
    @Path("/districts")
    @Produces({MediaType.APPLICATION_JSON, Csv.MEDIA_TYPE})
    @Operation(summary = "District ranking by D in one year, scored on the district panel (comparable across districts and years)",
            description = "The panel holds the district-years of the complete and closed years up to the year, and the year itself; a "
                    + "provisional year says provisional: true with its coverage.")
    public Response districts(@QueryParam("period") String period, @QueryParam("method") String method, @QueryParam("coupling") String coupling,
            @Context HttpHeaders headers) throws IOException {
        int year = Queries.year("period", period);
        String m = Queries.choice("method", method, "range", METHODS);
        String c = Queries.choice("coupling", coupling, "standard", COUPLINGS);
        List<ObjectNode> rows = new ArrayList<>();
        JsonNode anyBody = null;
        for (ResultStore.Document doc : results.findAll(null, year)) {
            OrgUnit unit = registry.current().find(doc.orgUnit()).orElse(null);
            if (unit == null || unit.level() != OrgUnitLevel.DISTRICT) {
                continue;
            }
            anyBody = json.readTree(doc.body());
            ObjectNode v = view(unit, year, anyBody, ResultCalculator.PANEL, m, c, false);
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
                        y.path("grade").path("zh").asText(null), AttainmentResource.text(y, "lag"), y.path("provisional").asBoolean()));
            }
            return Csv.of(List.of("rank", "org_unit", "name_zh", "name_en", "d", "u1", "u2", "grade_zh", "lag", "provisional"), table,
                    "synergy-districts-" + year + ".csv");
        }
        ObjectNode out = json.createObjectNode();
        out.put("period", Integer.toString(year));
        out.put("basis", ResultCalculator.PANEL);
        out.put("method", m);
        out.put("coupling", c);
        Provisional.mark(out, anyBody); // the year's state is the city's, the same in every district's result
        out.putPOJO("districts", rows);
        return Response.ok(out, MediaType.APPLICATION_JSON).build();
    }
}
