package io.synergy.aggregation.rest;

import io.synergy.aggregation.config.MethodConfig;
import io.synergy.method.results.EffectsCalculator;
import io.synergy.method.results.IndicatorTable;
import io.synergy.method.results.UnitYearResult;
import io.synergy.method.results.YearState;
import io.synergy.method.results.YearStates;
import io.synergy.aggregation.store.FactStore;
import io.synergy.aggregation.store.YearStateStore;
import io.synergy.model.catalogue.Catalogue;
import io.synergy.model.catalogue.Sector;
import io.synergy.model.orgunit.OrgUnit;
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
import java.util.Map;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Co-reduction effects (协同控制效应): ΔP, ΔC, elasticity and quadrant per pollutant, per sector and for all sectors. */
@RolesAllowed("reader")
@Path("/api/v1/effects")
@Tag(name = "effects")
public class EffectsResource {

    @Inject
    FactStore facts;

    @Inject
    Catalogue catalogue;

    @Inject
    OrgUnitRegistry registry;

    @Inject
    MethodConfig method;

    @Inject
    YearStateStore yearStates;

    @GET
    @Produces({MediaType.APPLICATION_JSON, Csv.MEDIA_TYPE})
    @Operation(summary = "ΔP, ΔC, elasticity ELs = ΔP/ΔC and quadrant of each air pollutant against CO2 between two years",
            description = "sector: energy, transport, building, agriculture, waste, or all (the sum of the five); omitted: every sector and all. "
                    + "provisional: true when either year is neither complete nor closed (docs/method.md §3): provisionalYears names them.")
    public Response effects(@QueryParam("from") String from, @QueryParam("to") String to, @QueryParam("sector") String sector,
            @QueryParam("orgUnit") String orgUnit, @Context HttpHeaders headers) {
        int y0 = Queries.year("from", from);
        int y1 = Queries.year("to", to);
        if (y0 >= y1) {
            throw ProblemException.invalid("Invalid range", List.of(new FieldError("to", "must be later than from (" + y0 + ")")));
        }
        if (sector != null && !EffectsCalculator.ALL.equals(sector) && Sector.find(sector).isEmpty()) {
            throw ProblemException.invalid("Invalid parameter", List.of(new FieldError("sector",
                    "must be one of energy, transport, building, agriculture, waste, all")));
        }
        OrgUnit unit = Queries.orgUnit(registry.current(), orgUnit);
        IndicatorTable table = new IndicatorTable(facts.all(), catalogue, registry.current(), method.baseYear());
        if (!table.years().contains(y0) || !table.years().contains(y1)) {
            throw Queries.noData("No data for " + (table.years().contains(y0) ? y1 : y0));
        }
        List<UnitYearResult.EffectRow> rows = EffectsCalculator.effects(table, unit.code(), y0, y1, sector);
        Map<Integer, YearState> states = yearStates.states();
        List<Integer> provisionalYears = java.util.stream.Stream.of(y0, y1).filter(y -> YearStates.provisional(method.baseYear(), y, states))
                .toList();
        boolean provisional = !provisionalYears.isEmpty();
        if (Csv.wanted(headers)) {
            List<List<Object>> table2 = new ArrayList<>();
            for (UnitYearResult.EffectRow r : rows) {
                table2.add(Arrays.asList(r.sector(), r.pollutant(), r.from(), r.to(), r.p0(), r.p1(), r.c0(), r.c1(), r.deltaP(), r.deltaC(),
                        r.elasticity(), r.quadrant(), r.quadrantZh(), r.reason(), provisional));
            }
            return Csv.of(List.of("sector", "pollutant", "from", "to", "p0", "p1", "co2_0", "co2_1", "delta_p", "delta_c", "elasticity", "quadrant",
                    "quadrant_zh", "reason", "provisional"), table2, "effects-" + unit.code() + "-" + y0 + "-" + y1 + ".csv");
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("orgUnit", unit.code());
        out.put("from", Integer.toString(y0));
        out.put("to", Integer.toString(y1));
        out.put("provisional", provisional);
        out.put("provisionalYears", provisionalYears);
        out.put("effects", rows);
        return Response.ok(out, MediaType.APPLICATION_JSON).build();
    }
}
