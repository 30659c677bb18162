package io.synergy.aggregation.rest;

import io.synergy.aggregation.config.MethodConfig;
import io.synergy.aggregation.store.DataSetStore;
import io.synergy.aggregation.store.IndicatorTables;
import io.synergy.aggregation.store.YearStateStore;
import io.synergy.method.results.EffectsCalculator;
import io.synergy.method.results.IndicatorTable;
import io.synergy.method.results.YearState;
import io.synergy.method.results.YearStates;
import io.synergy.model.catalogue.Sector;
import io.synergy.model.orgunit.OrgUnit;
import io.synergy.model.orgunit.OrgUnits;
import io.synergy.platform.problem.FieldError;
import io.synergy.platform.problem.Problem;
import io.synergy.platform.problem.ProblemException;
import io.synergy.platform.query.Queries;
import io.synergy.platform.tabular.Tabular;
import io.synergy.results.view.EffectsView;
import io.synergy.results.view.ResultView;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Co-reduction effects (协同控制效应): ΔP, ΔC, elasticity and quadrant per pollutant, per sector and for all sectors. */
@RolesAllowed("reader")
@Path("/api/v1/effects")
@Tag(name = "effects", description = "Co-reduction effects between two years")
public class EffectsResource {

    /** The question, as sent: each answer is kept per version of the facts and results ({@link KeptAnswers}). */
    private record EffectsQuestion(String view, String from, String to, String sector, String orgUnit) {}

    private final IndicatorTables tables;
    private final MethodConfig method;
    private final YearStateStore yearStates;
    private final DataSetStore dataSets;
    private final KeptAnswers answers;

    EffectsResource(
            IndicatorTables tables,
            MethodConfig method,
            YearStateStore yearStates,
            DataSetStore dataSets,
            KeptAnswers answers) {
        this.tables = tables;
        this.method = method;
        this.yearStates = yearStates;
        this.dataSets = dataSets;
        this.answers = answers;
    }

    @GET
    @Produces({MediaType.APPLICATION_JSON, Tabular.CSV, Tabular.XLSX})
    @Operation(
            summary = "ΔP, ΔC, elasticity ELs = ΔP/ΔC and quadrant of each air pollutant against CO2 between two years",
            description =
                    "sector: energy, transport, building, agriculture, waste, or all (the sum of the five); omitted: every sector and all. "
                            + "provisional: true when either year is neither complete nor closed (docs/method.md §3): provisionalYears names them. "
                            + "view: latest (default) or official (the facts of the accepted data sets only); dataSets: per year, the unit's data "
                            + "sets accepted of those expected. JSON, or with Accept a CSV or an Excel workbook.")
    @APIResponse(
            responseCode = "200",
            description = "The effects; a row that cannot be computed carries a reason",
            content = {
                @Content(mediaType = MediaType.APPLICATION_JSON, schema = @Schema(implementation = EffectsView.class)),
                @Content(
                        mediaType = Tabular.CSV,
                        schema = @Schema(type = SchemaType.STRING, description = "one row per sector and pollutant"))
            })
    @APIResponse(
            responseCode = "400",
            description = "from, to, sector, orgUnit or view is not valid (to must be later than from); errors[].field "
                    + "names it",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "404",
            description = "No data for one of the years",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public Tabular<EffectsView> effects(
            @Parameter(description = "the earlier year, e.g. 2023", required = true) @QueryParam("from") String from,
            @Parameter(description = "the later year, e.g. 2024", required = true) @QueryParam("to") String to,
            @Parameter(
                            description =
                                    "energy, transport, building, agriculture, waste or all; omitted: every sector and all")
                    @QueryParam("sector")
                    String sector,
            @Parameter(description = "370200 (default), a district code or a group") @QueryParam("orgUnit")
                    String orgUnit,
            @Parameter(description = "latest (default: every report) or official (the accepted data sets only)")
                    @QueryParam("view")
                    String view) {
        return answers.answer(
                new EffectsQuestion(view, from, to, sector, orgUnit),
                units -> effects(units, ResultView.parse(view), from, to, sector, orgUnit));
    }

    private Tabular<EffectsView> effects(
            OrgUnits units, ResultView v, String from, String to, String sector, String orgUnit) {
        int y0 = Queries.year("from", from);
        int y1 = Queries.year("to", to);
        if (y0 >= y1) {
            throw ProblemException.invalid(
                    "Invalid range", List.of(new FieldError("to", "must be later than from (" + y0 + ")")));
        }
        if (sector != null
                && !EffectsCalculator.ALL.equals(sector)
                && Sector.find(sector).isEmpty()) {
            throw ProblemException.invalid(
                    "Invalid parameter",
                    List.of(new FieldError(
                            "sector", "must be one of energy, transport, building, agriculture, waste, all")));
        }
        OrgUnit unit = Queries.orgUnit(units, orgUnit);
        IndicatorTable table = tables.current(v, units);
        if (!table.years().contains(y0) || !table.years().contains(y1)) {
            throw Queries.noData("No data for " + (table.years().contains(y0) ? y1 : y0)
                    + (v == ResultView.LATEST ? "" : " in the " + v.code() + " view"));
        }
        DataSetStore.Accepted accepted = dataSets.accepted();
        Map<Integer, YearState> states = yearStates.states();
        List<Integer> provisionalYears = Stream.of(y0, y1)
                .filter(y -> YearStates.provisional(method.baseYear(), y, states))
                .toList();
        return EffectsView.of(
                        unit.code(),
                        y0,
                        y1,
                        provisionalYears,
                        EffectsCalculator.effects(table, unit.code(), y0, y1, sector))
                .in(
                        v,
                        Map.of(
                                Integer.toString(y0), accepted.count(units, unit.code(), y0),
                                Integer.toString(y1), accepted.count(units, unit.code(), y1)))
                .tabular()
                .kept();
    }
}
