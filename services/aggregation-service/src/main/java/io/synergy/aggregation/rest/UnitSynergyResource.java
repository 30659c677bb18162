package io.synergy.aggregation.rest;

import io.synergy.aggregation.config.MethodConfig;
import io.synergy.aggregation.config.UnitsConfig;
import io.synergy.aggregation.projects.ProjectsAndPilots;
import io.synergy.aggregation.store.DataSetStore;
import io.synergy.aggregation.store.IndicatorTables;
import io.synergy.aggregation.store.YearStateStore;
import io.synergy.method.results.IndicatorTable;
import io.synergy.method.results.UnitSynergyCalculator;
import io.synergy.method.results.YearCoverage;
import io.synergy.method.results.YearState;
import io.synergy.method.results.YearStates;
import io.synergy.method.synergy.Normalisation;
import io.synergy.method.synergy.SynergyOptions;
import io.synergy.model.catalogue.Catalogue;
import io.synergy.model.catalogue.Indicator;
import io.synergy.model.orgunit.OrgUnit;
import io.synergy.model.orgunit.OrgUnitLevel;
import io.synergy.model.orgunit.OrgUnits;
import io.synergy.platform.problem.FieldError;
import io.synergy.platform.problem.Problem;
import io.synergy.platform.problem.ProblemException;
import io.synergy.platform.query.Paging;
import io.synergy.platform.query.Queries;
import io.synergy.platform.tabular.Tabular;
import io.synergy.results.view.ResultView;
import io.synergy.results.view.UnitSynergyView;
import io.synergy.results.view.ViewChoices;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

/** The synergy degree of parks or enterprises, scored on the panel of the units of that level (clause 二十). */
@Path("/api/v1/synergy/units")
@RolesAllowed("reader")
@Tag(name = "synergy")
public class UnitSynergyResource {

    private static final Set<String> LEVELS = Set.of("park", "enterprise");

    /**
     * Rankings kept: one of 5,000 enterprises weighs megabytes (its JSON alone ~5 MB, extrapolated from 31 KB for the
     * demo's 30), and the aggregation's heap is 64 MB (deploy/local/services.sh).
     */
    static final int RANKINGS_KEPT = 2;

    /**
     * Pages kept: each holds its slice of a kept ranking (the rows are shared) and its renderings — a whole ranking of
     * 5,000 enterprises ~6 MB of JSON and CSV once both were asked for.
     */
    static final int PAGES_KEPT = 4;

    /** The panel asked for, as sent: evaluated once per version of the facts and results ({@link KeptAnswers}). */
    private record PanelQuestion(String view, String period, String level, String industry, String coupling) {}

    /** The whole question, as sent: the page of the panel's ranking. */
    private record PageQuestion(
            String view,
            String period,
            String level,
            String industry,
            String coupling,
            String pilot,
            String pilotLevel,
            String pilotStatus,
            String pilotYear,
            String limit,
            String cursor) {}

    /** A page of the ranking and where the next one starts. */
    private record PageAnswer(Tabular<UnitSynergyView> answer, Paging.Page<UnitSynergyView.RankedUnit> page) {}

    private final IndicatorTables tables;
    private final Catalogue catalogue;
    private final MethodConfig method;
    private final UnitsConfig units;
    private final YearStateStore yearStates;
    private final DataSetStore dataSets;
    private final KeptAnswers answers;
    private final ProjectsAndPilots pilots;

    UnitSynergyResource(
            IndicatorTables tables,
            Catalogue catalogue,
            MethodConfig method,
            UnitsConfig units,
            YearStateStore yearStates,
            DataSetStore dataSets,
            KeptAnswers answers,
            ProjectsAndPilots pilots) {
        this.tables = tables;
        this.catalogue = catalogue;
        this.method = method;
        this.units = units;
        this.yearStates = yearStates;
        this.dataSets = dataSets;
        this.answers = answers;
        this.pilots = pilots;
    }

    @GET
    @Produces({MediaType.APPLICATION_JSON, Tabular.CSV, Tabular.XLSX})
    @Operation(
            summary =
                    "D, U1, U2 and grade of every park or enterprise, ranked, with the panel's weights and the 双近零 (near-zero) flags",
            description =
                    "level: park or enterprise; industry: a GB/T 4754 section letter or division (enterprises); method: range or target "
                            + "(target needs targets, so range is the default and the only one for intensities without plan targets). The panel holds "
                            + "the unit-years of the complete and closed years up to the year, and the year itself; a provisional year says "
                            + "provisional: true with its coverage (docs/method.md §3). Each unit lists its designations (试点示范: "
                            + "programme, level, year, status; pilots.v1); pilot, pilotLevel, pilotStatus and pilotYear keep the units "
                            + "with a designation matching all of them (ranks stay those of the whole panel). Without limit, every unit; with limit, a page of the "
                            + "ranking (ranks stay those of the whole panel), nextCursor and a Link header to the next page. JSON, or with Accept a "
                            + "CSV or an Excel workbook. view: latest (default) or official (the facts of the accepted data sets only: an enterprise's "
                            + "figures belong to its district's data set); dataSets: the city's data sets of the year accepted of those expected.")
    @APIResponse(
            responseCode = "200",
            description = "The units, ranked (a page of them with limit)",
            content = {
                @Content(
                        mediaType = MediaType.APPLICATION_JSON,
                        schema = @Schema(implementation = UnitSynergyView.class)),
                @Content(
                        mediaType = Tabular.CSV,
                        schema = @Schema(type = SchemaType.STRING, description = "one row per unit (of the page)"))
            },
            headers =
                    @Header(
                            name = "Link",
                            description = "<…?cursor=…>; rel=\"next\" when more units follow this page",
                            schema = @Schema(type = SchemaType.STRING)))
    @APIResponse(
            responseCode = "400",
            description =
                    "period, level, coupling, a pilot filter, limit, cursor or view is not valid; errors[].field names it",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    @APIResponse(
            responseCode = "404",
            description = "No unit of the level (and industry) is registered, or no data in the year",
            content = @Content(mediaType = Problem.MEDIA_TYPE, schema = @Schema(implementation = Problem.class)))
    public RestResponse<Tabular<UnitSynergyView>> units(
            @Parameter(description = "year, e.g. 2024", required = true) @QueryParam("period") String period,
            @Parameter(description = "park or enterprise (default)") @QueryParam("level") String level,
            @Parameter(description = "a GB/T 4754 section letter (C) or division (26)") @QueryParam("industry")
                    String industry,
            @Parameter(description = "standard (default) or corrected") @QueryParam("coupling") String coupling,
            @Parameter(description = "only units with a designation of this programme (CARBON_EIA, ZERO_WASTE_PARK…)")
                    @QueryParam("pilot")
                    String pilot,
            @Parameter(description = "only units with a designation of this level: NATIONAL, PROVINCIAL or CITY")
                    @QueryParam("pilotLevel")
                    String pilotLevel,
            @Parameter(
                            description =
                                    "only units with a designation in this status: APPLIED, DESIGNATED, ACCEPTED or REVOKED")
                    @QueryParam("pilotStatus")
                    String pilotStatus,
            @Parameter(description = "only units with a designation of this year, e.g. 2023") @QueryParam("pilotYear")
                    String pilotYear,
            @Parameter(description = "page size, 1-" + Paging.MAX_LIMIT + "; omitted: every unit") @QueryParam("limit")
                    String limit,
            @Parameter(description = "where the page starts: nextCursor of the previous page") @QueryParam("cursor")
                    String cursor,
            @Parameter(description = "latest (default: every report) or official (the accepted data sets only)")
                    @QueryParam("view")
                    String view,
            @Context UriInfo uri) {
        PageAnswer answer = answers.answer(
                new PageQuestion(
                        view,
                        period,
                        level,
                        industry,
                        coupling,
                        pilot,
                        pilotLevel,
                        pilotStatus,
                        pilotYear,
                        limit,
                        cursor),
                PAGES_KEPT,
                orgUnits -> {
                    Paging.Request paging = Paging.request(limit, cursor);
                    Predicate<UnitSynergyView.Designation> designated =
                            pilots.filter(pilot, pilotLevel, pilotStatus, pilotYear);
                    UnitSynergyView all = answers.answer(
                            new PanelQuestion(view, period, level, industry, coupling),
                            RANKINGS_KEPT,
                            units -> ranking(units, ResultView.parse(view), period, level, industry, coupling));
                    List<UnitSynergyView.RankedUnit> candidates = designated == null
                            ? all.units()
                            : all.units().stream()
                                    .filter(u -> u.designations().stream().anyMatch(designated))
                                    .toList();
                    Paging.Page<UnitSynergyView.RankedUnit> page =
                            Paging.page(candidates, UnitSynergyView.RankedUnit::orgUnit, paging);
                    UnitSynergyView shown =
                            page.items().size() == all.units().size() ? all : all.page(page.items(), page.next());
                    return new PageAnswer(shown.tabular().kept(), page);
                });
        return Paging.ok(answer.answer(), answer.page(), uri);
    }

    /** Every unit of the level (and industry) ranked on their panel. */
    private UnitSynergyView ranking(
            OrgUnits orgUnits, ResultView v, String period, String level, String industry, String coupling) {
        int year = Queries.year("period", period);
        String l = Queries.choice("level", level, "enterprise", LEVELS);
        String c = ViewChoices.coupling(coupling);
        OrgUnitLevel wanted = "park".equals(l) ? OrgUnitLevel.PARK : OrgUnitLevel.ENTERPRISE;
        List<OrgUnit> chosen = orgUnits.everything().stream()
                .filter(u -> u.level() == wanted)
                .filter(u -> industry == null
                        || (u.details() != null
                                && (industry.equalsIgnoreCase(u.details().industrySection())
                                        || industry.equals(u.details().industryDivision()))))
                .toList();
        if (chosen.isEmpty()) {
            throw Queries.noData("No " + l + (industry == null ? "" : " of industry " + industry) + " is registered");
        }
        IndicatorTable table = tables.current(v, orgUnits);
        if (!table.years().contains(year)) {
            throw Queries.noData(
                    "No data for " + year + (v == ResultView.LATEST ? "" : " in the " + v.code() + " view"));
        }
        Map<Integer, YearState> states = yearStates.states();
        boolean provisional = YearStates.provisional(method.baseYear(), year, states);
        UnitsConfig.NearZero nearZero = units.nearZero();
        UnitSynergyCalculator.NearZero thresholds =
                new UnitSynergyCalculator.NearZero(nearZero.pollutionIntensityMax(), nearZero.carbonIntensityMax());
        UnitSynergyCalculator.Evaluation e = UnitSynergyCalculator.evaluate(
                table,
                chosen,
                YearStates.window(method.baseYear(), year, states),
                year,
                indicators(units.pollutionIndicators()),
                indicators(units.carbonIndicators()),
                SynergyOptions.defaults()
                        .withNormalisation(Normalisation.RANGE)
                        .withAlphaBeta(method.alpha(), method.beta())
                        .withLagThreshold(method.lagThreshold()),
                thresholds,
                units.pollutionIndicators(),
                "CI");
        YearCoverage coverage = yearStates.all().stream()
                .filter(y -> y.year() == year)
                .map(YearStateStore.Stored::coverage)
                .findFirst()
                .orElse(null);
        UnitSynergyView all = UnitSynergyView.of(year, l, industry, c, provisional, coverage, e, thresholds)
                .in(v, dataSets.accepted().count(orgUnits, orgUnits.city().code(), year));
        // each unit with its designations (试点示范): kept with the ranking, which a pilot's change moves on
        // (ProjectConsumer)
        Map<String, List<UnitSynergyView.Designation>> designations = pilots.designations();
        return all.page(
                all.units().stream()
                        .map(u -> u.withDesignations(designations.getOrDefault(u.orgUnit(), List.of())))
                        .toList(),
                null);
    }

    private List<Indicator> indicators(List<String> ids) {
        List<Indicator> out = new ArrayList<>();
        for (String id : ids) {
            out.add(catalogue
                    .indicator(id)
                    .orElseThrow(() -> ProblemException.invalid(
                            "Configuration",
                            List.of(new FieldError("synergy.units", id + " is not an indicator of the catalogue")))));
        }
        return out;
    }
}
