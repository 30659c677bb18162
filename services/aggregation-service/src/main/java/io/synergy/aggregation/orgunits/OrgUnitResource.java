package io.synergy.aggregation.orgunits;

import com.fasterxml.jackson.databind.MappingIterator;
import com.fasterxml.jackson.dataformat.csv.CsvMapper;
import com.fasterxml.jackson.dataformat.csv.CsvParser;
import io.synergy.model.orgunit.OrgUnit;
import io.synergy.model.orgunit.OrgUnitLevel;
import io.synergy.platform.problem.FieldError;
import io.synergy.platform.problem.ProblemException;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The registry of parks (园区) and enterprises (企业): read with {@code reader}, changed with {@code ops}. Every change
 * is published on {@code org-units.v1}, from which the sector services learn which enterprises may report.
 */
@Path("/api/v1/org-units")
@Tag(name = "org units", description = "Parks and enterprises below the districts")
public class OrgUnitResource {

    static final List<String> CSV_COLUMNS = List.of("code", "level", "name_zh", "name_en", "parent", "industry_section", "industry_division",
            "flags", "closed");

    @Inject
    OrgUnitService service;

    @Inject
    JsonWebToken token;

    @GET
    @RolesAllowed("reader")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Parks and enterprises; filters: level (PARK, ENTERPRISE), parent (a district or park), industry (section letter or division)")
    public List<Map<String, Object>> list(@QueryParam("level") String level, @QueryParam("parent") String parent,
            @QueryParam("industry") String industry) {
        OrgUnitLevel l = null;
        if (level != null) {
            if (!level.equals("PARK") && !level.equals("ENTERPRISE")) {
                throw ProblemException.invalid("Invalid parameter", List.of(new FieldError("level", "must be PARK or ENTERPRISE")));
            }
            l = OrgUnitLevel.valueOf(level);
        }
        return service.list(l, parent, industry).stream().map(OrgUnitResource::view).toList();
    }

    @GET
    @Path("/{code}")
    @RolesAllowed("reader")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "One park or enterprise")
    public Map<String, Object> get(@PathParam("code") String code) {
        return service.list(null, null, null).stream().filter(u -> u.code().equals(code)).findFirst().map(OrgUnitResource::view)
                .orElseThrow(() -> ProblemException.notFound("No park or enterprise " + code + " in the registry"));
    }

    @POST
    @RolesAllowed("ops")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Register a park or an enterprise (201), or change one (200)")
    public Response create(OrgUnitChange change) {
        if (change == null) {
            throw ProblemException.invalid("A body is required", List.of(new FieldError("body", "a JSON object {code, level, zh, parent, …}")));
        }
        OrgUnitService.Outcome o = service.apply(List.of(change), List.of(""), operator()).get(0);
        return Response.status(o.created() ? 201 : 200).entity(o.unit()).build();
    }

    @PUT
    @Path("/{code}")
    @RolesAllowed("ops")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Change a park or an enterprise: name, parent (a move re-rolls the years it has figures for), industry, flags, closed")
    public Response update(@PathParam("code") String code, OrgUnitChange change) {
        if (change == null) {
            throw ProblemException.invalid("A body is required", List.of(new FieldError("body", "a JSON object")));
        }
        if (change.code() != null && !change.code().equals(code)) {
            throw ProblemException.invalid("Code mismatch", List.of(new FieldError("code", "the body's code differs from the path's " + code)));
        }
        OrgUnitChange withCode = new OrgUnitChange(code, change.level(), change.zh(), change.en(), change.parent(), change.industrySection(),
                change.industryDivision(), change.flags(), change.closed());
        OrgUnitService.Outcome o = service.apply(List.of(withCode), List.of(""), operator()).get(0);
        return Response.status(o.created() ? 201 : 200).entity(o.unit()).build();
    }

    @POST
    @Path("/import")
    @RolesAllowed("ops")
    @Consumes("text/csv")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "The initial load: a CSV with the header code,level,name_zh,name_en,parent,industry_section,industry_division,flags,closed "
            + "(flags separated by |); all rows or none")
    public Map<String, Object> importCsv(String body) {
        List<OrgUnitChange> changes = new ArrayList<>();
        List<String> paths = new ArrayList<>();
        List<FieldError> errors = new ArrayList<>();
        try (MappingIterator<List<String>> it = new CsvMapper().readerForListOf(String.class).with(CsvParser.Feature.WRAP_AS_ARRAY)
                .with(CsvParser.Feature.SKIP_EMPTY_LINES).readValues(body == null ? "" : body.replace("\uFEFF", ""))) {
            List<String> header = it.hasNextValue() ? it.nextValue().stream().map(h -> h.strip().toLowerCase()).toList() : List.of();
            List<String> missing = CSV_COLUMNS.stream().filter(c -> !header.contains(c)).toList();
            if (!missing.isEmpty()) {
                throw ProblemException.invalid("Missing columns", List.of(new FieldError("line 1", "missing column(s): " + String.join(", ", missing))));
            }
            int line = 1;
            while (it.hasNextValue()) {
                List<String> row = it.nextValue();
                line++;
                Map<String, String> cells = new LinkedHashMap<>();
                for (int i = 0; i < header.size() && i < row.size(); i++) {
                    cells.put(header.get(i), row.get(i).strip());
                }
                Set<String> flags = new TreeSet<>();
                String f = cells.getOrDefault("flags", "");
                if (!f.isBlank()) {
                    flags.addAll(Arrays.stream(f.split("\\|")).map(String::strip).toList());
                }
                String closed = cells.getOrDefault("closed", "");
                if (!closed.isBlank() && !closed.equalsIgnoreCase("true") && !closed.equalsIgnoreCase("false")) {
                    errors.add(new FieldError("line " + line + ": closed", "must be true or false"));
                }
                changes.add(new OrgUnitChange(blankToNull(cells.get("code")), blankToNull(cells.get("level")), blankToNull(cells.get("name_zh")),
                        cells.get("name_en"), blankToNull(cells.get("parent")), blankToNull(cells.get("industry_section")),
                        blankToNull(cells.get("industry_division")), flags, closed.isBlank() ? null : Boolean.parseBoolean(closed)));
                paths.add("line " + line + ": ");
            }
        } catch (ProblemException e) {
            throw e;
        } catch (Exception e) {
            throw ProblemException.invalid("Malformed CSV", List.of(new FieldError("body", "malformed CSV: " + e.getMessage())));
        }
        if (!errors.isEmpty()) {
            throw ProblemException.invalid(errors.size() + " faults; nothing was changed", errors);
        }
        if (changes.isEmpty()) {
            throw ProblemException.invalid("No rows", List.of(new FieldError("body", "the CSV has a header but no rows")));
        }
        List<OrgUnitService.Outcome> outcomes = service.apply(changes, paths, operator());
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("rows", outcomes.size());
        out.put("created", outcomes.stream().filter(OrgUnitService.Outcome::created).count());
        out.put("changed", outcomes.stream().filter(o -> o.changed() && !o.created()).count());
        out.put("unchanged", outcomes.stream().filter(o -> !o.changed()).count());
        return out;
    }

    private String operator() {
        return token == null || token.getName() == null ? "unknown" : token.getName();
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s;
    }

    static Map<String, Object> view(OrgUnit u) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("code", u.code());
        m.put("level", u.level());
        m.put("zh", u.zh());
        m.put("en", u.en());
        m.put("parent", u.parent());
        if (u.details() != null) {
            m.put("industrySection", u.details().industrySection());
            m.put("industryDivision", u.details().industryDivision());
            m.put("flags", u.details().flags());
            m.put("closed", u.details().closed());
        }
        return m;
    }
}
