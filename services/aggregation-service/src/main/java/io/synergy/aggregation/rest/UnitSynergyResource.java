package io.synergy.aggregation.rest;

import io.synergy.aggregation.config.MethodConfig;
import io.synergy.aggregation.config.UnitsConfig;
import io.synergy.aggregation.store.FactStore;
import io.synergy.aggregation.store.YearStateStore;
import io.synergy.method.results.IndicatorTable;
import io.synergy.method.results.UnitSynergyCalculator;
import io.synergy.method.results.YearState;
import io.synergy.method.results.YearStates;
import io.synergy.method.synergy.Coupling;
import io.synergy.method.synergy.Normalisation;
import io.synergy.method.synergy.SynergyOptions;
import io.synergy.model.catalogue.Catalogue;
import io.synergy.model.catalogue.Indicator;
import io.synergy.model.orgunit.OrgUnit;
import io.synergy.model.orgunit.OrgUnitLevel;
import io.synergy.model.orgunit.OrgUnits;
import io.synergy.platform.orgunits.OrgUnitRegistry;
import io.synergy.platform.problem.FieldError;
import io.synergy.platform.problem.ProblemException;
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
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** The synergy degree of parks or enterprises, scored on the panel of the units of that level (clause 二十). */
@Path("/api/v1/synergy/units")
@RolesAllowed("reader")
@Tag(name = "synergy")
public class UnitSynergyResource {

    @Inject
    FactStore facts;

    @Inject
    Catalogue catalogue;

    @Inject
    OrgUnitRegistry registry;

    @Inject
    MethodConfig method;

    @Inject
    UnitsConfig units;

    @Inject
    YearStateStore yearStates;

    @GET
    @Produces({MediaType.APPLICATION_JSON, Csv.MEDIA_TYPE})
    @Operation(summary = "D, U1, U2 and grade of every park or enterprise, ranked, with the panel's weights and the 双近零 (near-zero) flags",
            description = "level: park or enterprise; industry: a GB/T 4754 section letter or division (enterprises); method: range or target "
                    + "(target needs targets, so range is the default and the only one for intensities without plan targets). The panel holds "
                    + "the unit-years of the complete and closed years up to the year, and the year itself; a provisional year says "
                    + "provisional: true with its coverage (docs/method.md §3).")
    public Response units(@QueryParam("period") String period, @QueryParam("level") String level, @QueryParam("industry") String industry,
            @QueryParam("coupling") String coupling, @Context HttpHeaders headers) {
        int year = Queries.year("period", period);
        String l = Queries.choice("level", level, "enterprise", Set.of("park", "enterprise"));
        String c = Queries.choice("coupling", coupling, "standard", Set.of("standard", "corrected"));
        OrgUnits orgUnits = registry.current();
        OrgUnitLevel wanted = "park".equals(l) ? OrgUnitLevel.PARK : OrgUnitLevel.ENTERPRISE;
        List<OrgUnit> chosen = orgUnits.everything().stream().filter(u -> u.level() == wanted)
                .filter(u -> industry == null || (u.details() != null && (industry.equalsIgnoreCase(u.details().industrySection())
                        || industry.equals(u.details().industryDivision()))))
                .toList();
        if (chosen.isEmpty()) {
            throw Queries.noData("No " + l + (industry == null ? "" : " of industry " + industry) + " is registered");
        }
        IndicatorTable table = new IndicatorTable(facts.all(), catalogue, orgUnits, method.baseYear());
        if (!table.years().contains(year)) {
            throw Queries.noData("No data for " + year);
        }
        Map<Integer, YearState> states = yearStates.states();
        boolean provisional = YearStates.provisional(method.baseYear(), year, states);
        UnitSynergyCalculator.Evaluation e = UnitSynergyCalculator.evaluate(table, chosen, YearStates.window(method.baseYear(), year, states), year,
                indicators(units.pollutionIndicators()), indicators(units.carbonIndicators()),
                SynergyOptions.defaults().withNormalisation(Normalisation.RANGE).withAlphaBeta(method.alpha(), method.beta())
                        .withLagThreshold(method.lagThreshold()),
                new UnitSynergyCalculator.NearZero(units.nearZero().pollutionIntensityMax(), units.nearZero().carbonIntensityMax()),
                units.pollutionIndicators(), "CI");
        boolean corrected = "corrected".equals(c);
        List<Map<String, Object>> rows = new ArrayList<>();
        int rank = 0;
        for (UnitSynergyCalculator.UnitRow r : e.units()) {
            Map<String, Object> m = new LinkedHashMap<>();
            if (r.computable()) {
                m.put("rank", ++rank);
            }
            m.put("orgUnit", r.orgUnit());
            m.put("name", Map.of("zh", r.zh(), "en", r.en()));
            m.put("parent", r.parent());
            m.put("industrySection", r.industrySection());
            m.put("industryDivision", r.industryDivision());
            m.put("computable", r.computable());
            if (!r.computable()) {
                m.put("reason", r.reason());
            } else {
                var chosenC = corrected ? r.corrected() : r.standard();
                m.put("u1", r.u1());
                m.put("u2", r.u2());
                m.put("c", chosenC.c());
                m.put("t", r.t());
                m.put("d", chosenC.d());
                m.put("grade", Map.of("zh", chosenC.gradeZh(), "en", chosenC.gradeEn()));
                m.put("lag", r.lag());
                m.put("normalised", r.normalised());
            }
            m.put("pollutionIntensity", r.pollutionIntensity());
            m.put("carbonIntensity", r.carbonIntensity());
            m.put("nearZero", r.nearZero());
            m.put("values", r.values());
            rows.add(m);
        }
        if (Csv.wanted(headers)) {
            List<List<Object>> table2 = new ArrayList<>();
            for (Map<String, Object> m : rows) {
                @SuppressWarnings("unchecked")
                Map<String, String> name = (Map<String, String>) m.get("name");
                @SuppressWarnings("unchecked")
                Map<String, String> grade = (Map<String, String>) m.getOrDefault("grade", Map.of());
                table2.add(Arrays.asList(m.get("rank"), m.get("orgUnit"), name.get("zh"), m.get("industrySection"), m.get("industryDivision"),
                        m.get("d"), m.get("u1"), m.get("u2"), grade.get("zh"), m.get("lag"), m.get("pollutionIntensity"), m.get("carbonIntensity"),
                        m.get("nearZero"), m.get("reason"), provisional));
            }
            return Csv.of(List.of("rank", "org_unit", "name_zh", "industry_section", "industry_division", "d", "u1", "u2", "grade_zh", "lag",
                    "pollution_intensity", "carbon_intensity", "near_zero", "reason", "provisional"), table2, "synergy-" + l + "s-" + year + ".csv");
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("period", Integer.toString(year));
        out.put("level", l.toUpperCase(Locale.ROOT));
        out.put("industry", industry);
        out.put("method", "range");
        out.put("coupling", c);
        out.put("provisional", provisional);
        out.put("coverage", yearStates.all().stream().filter(y -> y.year() == year).map(YearStateStore.Stored::coverage).findFirst().orElse(null));
        out.put("computable", e.computable());
        if (!e.computable()) {
            out.put("reason", e.reason());
        }
        out.put("samples", e.samples());
        out.put("weights", e.weights());
        out.put("weightMethods", e.weightMethods());
        out.put("excluded", e.excluded());
        out.put("nearZeroThresholds", Map.of("pollutionIntensityMax", units.nearZero().pollutionIntensityMax(),
                "carbonIntensityMax", units.nearZero().carbonIntensityMax()));
        out.put("units", rows);
        return Response.ok(out, MediaType.APPLICATION_JSON).build();
    }

    private List<Indicator> indicators(List<String> ids) {
        List<Indicator> out = new ArrayList<>();
        for (String id : ids) {
            out.add(catalogue.indicator(id).orElseThrow(() -> ProblemException.invalid("Configuration",
                    List.of(new FieldError("synergy.units", id + " is not an indicator of the catalogue")))));
        }
        return out;
    }
}
