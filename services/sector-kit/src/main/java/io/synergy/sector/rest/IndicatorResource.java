package io.synergy.sector.rest;

import io.agroal.api.AgroalDataSource;
import io.synergy.model.catalogue.IndicatorValue;
import io.synergy.model.orgunit.OrgUnit;
import io.synergy.model.orgunit.OrgUnits;
import io.synergy.platform.orgunits.OrgUnitRegistry;
import io.synergy.model.period.Period;
import io.synergy.platform.problem.FieldError;
import io.synergy.platform.problem.ProblemException;
import io.synergy.sector.compute.PeriodRollUp;
import io.synergy.sector.compute.SectorCalculator;
import io.synergy.sector.config.SectorConfig;
import io.synergy.model.catalogue.Catalogue;
import io.synergy.sector.store.ReportStore;
import io.synergy.sector.store.ReportStore.UnitYear;
import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import io.synergy.platform.problem.Problem;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The sector's computed indicators for any period, and who has reported what. */
@Path("/api/v1")
@Tag(name = "indicators")
public class IndicatorResource {

    @Inject
    AgroalDataSource dataSource;

    @Inject
    OrgUnitRegistry registry;

    @Inject
    Catalogue catalogue;

    @Inject
    SectorConfig config;

    private SectorCalculator calculator() {
        return new SectorCalculator(catalogue, config.code());
    }

    @GET
    @RolesAllowed({"reader", "${synergy.sector.feed-role}"})
    @Path("/indicators")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Indicator values of every district (or one), the city and the district groups, for a year, quarter or month",
            description = "Districts from their data values rolled up to the period by aggregation type; the city and groups from summed "
                    + "numerators and denominators. complete=false when months or quarters do not cover the period.")
    @APIResponse(responseCode = "200", description = "One entry per org unit (city, districts, groups) with every sector indicator and published data element")
    @APIResponse(responseCode = "400", description = "Missing or malformed period, or an unknown org unit",
            content = @Content(mediaType = Problem.MEDIA_TYPE, examples = @ExampleObject(name = "bad period", value = """
                    {"type": "https://synergy.qingdao/problems/invalid-request", "title": "The request is not valid", "status": 400,
                     "detail": "Invalid period", "errors": [{"field": "period", "message": "quarter 5 does not exist (1–4)"}]}""")))
    public Map<String, Object> indicators(
            @Parameter(description = "2024, 2024Q3 or 2024-07", required = true, example = "2024") @QueryParam("period") String periodText,
            @Parameter(description = "one district (370202), the city (370200) or a group (central-urban); all when absent")
            @QueryParam("district") String district) throws SQLException {
        Period period = period(periodText);
        OrgUnits orgUnits = registry.current();
        if (district != null && orgUnits.find(district).isEmpty()) {
            throw ProblemException.invalid("Unknown org unit", List.of(new FieldError("district", "'" + district + "' is not an org unit")));
        }
        SectorCalculator calc = calculator();
        Map<String, List<SectorCalculator.Output>> byDistrict = new LinkedHashMap<>();
        try (Connection c = dataSource.getConnection()) {
            List<UnitYear> keys = orgUnits.districts().stream().map(d -> new UnitYear(d.code(), period.year())).toList();
            var values = ReportStore.values(c, keys);
            for (UnitYear k : keys) {
                var totals = calc.totals(period, values.getOrDefault(k, Map.of()));
                byDistrict.put(k.orgUnit(), calc.compute(totals));
            }
        }
        List<Map<String, Object>> units = new ArrayList<>();
        for (OrgUnit unit : orgUnits.all()) {
            if (district != null && !district.equals(unit.code())) {
                continue;
            }
            List<Map<String, Object>> rows = new ArrayList<>();
            if (unit.districtsToSum().size() == 1 && unit.code().equals(unit.districtsToSum().get(0))) {
                for (SectorCalculator.Output o : byDistrict.get(unit.code())) {
                    rows.add(row(o.code(), o.kind().name(), o.unit(), o.value(), o.complete()));
                }
            } else {
                List<List<SectorCalculator.Output>> parts = unit.districtsToSum().stream().map(byDistrict::get).toList();
                Map<String, IndicatorValue> rolled = calc.rollUp(parts);
                for (SectorCalculator.Output o : byDistrict.values().iterator().next()) {
                    boolean complete = parts.stream().allMatch(p -> p.stream().anyMatch(x -> x.code().equals(o.code()) && x.complete()));
                    rows.add(row(o.code(), o.kind().name(), o.unit(), rolled.get(o.code()), complete));
                }
            }
            Map<String, Object> u = new LinkedHashMap<>();
            u.put("orgUnit", unit.code());
            u.put("level", unit.level());
            u.put("name", Map.of("zh", unit.zh(), "en", unit.en()));
            u.put("indicators", rows);
            units.add(u);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("sector", config.code().code());
        out.put("period", period.toString());
        out.put("orgUnits", units);
        return out;
    }

    private static Map<String, Object> row(String code, String kind, String unit, IndicatorValue v, boolean complete) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("code", code);
        m.put("kind", kind);
        m.put("value", v.value());
        m.put("numerator", v.numerator());
        m.put("denominator", v.denominator());
        m.put("unit", unit);
        m.put("complete", v.present() && complete);
        return m;
    }

    @GET
    @RolesAllowed({"reader", "${synergy.sector.feed-role}"})
    @Path("/completeness")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Which district reported which data elements within a period, for which sub-periods, and when last")
    @APIResponse(responseCode = "200", description = "Every district with each data element: reported or not, the sub-periods, complete, last received, report id")
    @APIResponse(responseCode = "400", description = "Missing or malformed period", content = @Content(mediaType = Problem.MEDIA_TYPE))
    public Map<String, Object> completeness(
            @Parameter(description = "2024, 2024Q3 or 2024-07", required = true, example = "2024") @QueryParam("period") String periodText)
            throws SQLException {
        Period period = period(periodText);
        OrgUnits orgUnits = registry.current();
        Map<String, Map<String, Map<String, Object>>> seen = new TreeMap<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement ps = c.prepareStatement("""
                SELECT org_unit, data_element, period, updated_at, report_id FROM data_value WHERE year = ? ORDER BY org_unit, data_element, period""")) {
            ps.setInt(1, period.year());
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    Period p = Period.parse(rs.getString(3));
                    if (!period.contains(p) && !p.contains(period)) {
                        continue;
                    }
                    Map<String, Object> e = seen.computeIfAbsent(rs.getString(1), k -> new TreeMap<>())
                            .computeIfAbsent(rs.getString(2), k -> new LinkedHashMap<>(Map.of("periods", new ArrayList<String>())));
                    @SuppressWarnings("unchecked")
                    List<String> periods = (List<String>) e.get("periods");
                    periods.add(p.toString());
                    Timestamp t = rs.getTimestamp(4);
                    Object last = e.get("lastReceived");
                    if (last == null || t.toInstant().toString().compareTo((String) last) > 0) {
                        e.put("lastReceived", t.toInstant().toString());
                        e.put("reportId", rs.getString(5));
                    }
                }
            }
        }
        var elements = catalogue.dataElements(config.code());
        List<Map<String, Object>> districts = new ArrayList<>();
        for (OrgUnit d : orgUnits.districts()) {
            Map<String, Map<String, Object>> got = seen.getOrDefault(d.code(), Map.of());
            List<Map<String, Object>> rows = new ArrayList<>();
            int reported = 0;
            for (var de : elements) {
                Map<String, Object> row = new LinkedHashMap<>();
                row.put("dataElement", de.code());
                Map<String, Object> g = got.get(de.code());
                row.put("reported", g != null);
                if (g != null) {
                    reported++;
                    row.putAll(g);
                    @SuppressWarnings("unchecked")
                    List<String> ps = (List<String>) g.get("periods");
                    List<PeriodRollUp.PeriodValue> pv = ps.stream().map(s -> new PeriodRollUp.PeriodValue(Period.parse(s), 0)).toList();
                    PeriodRollUp.Total t = PeriodRollUp.rollUp(period, de.aggregation(), pv);
                    row.put("complete", t != null && t.complete());
                }
                rows.add(row);
            }
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("orgUnit", d.code());
            m.put("name", Map.of("zh", d.zh(), "en", d.en()));
            m.put("reported", reported);
            m.put("expected", elements.size());
            m.put("dataElements", rows);
            districts.add(m);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("sector", config.code().code());
        out.put("period", period.toString());
        out.put("districts", districts);
        return out;
    }

    private static Period period(String text) {
        try {
            return Period.parse(text);
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalid("Invalid period", List.of(new FieldError("period", e.getMessage())));
        }
    }
}
