package io.synergy.aggregation.rest;

import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.synergy.aggregation.config.MethodConfig;
import io.synergy.aggregation.ops.deadletters.Operator;
import io.synergy.aggregation.recompute.Recomputer;
import io.synergy.aggregation.store.FactStore;
import io.synergy.aggregation.store.YearStateStore;
import io.synergy.method.results.IndicatorTable;
import io.synergy.method.results.ResultCalculator;
import io.synergy.method.results.YearAssessment;
import io.synergy.method.results.YearCoverage;
import io.synergy.method.results.YearState;
import io.synergy.method.results.YearStates;
import io.synergy.model.catalogue.Catalogue;
import io.synergy.model.catalogue.Indicator;
import io.synergy.model.orgunit.OrgUnits;
import io.synergy.platform.orgunits.OrgUnitRegistry;
import io.synergy.platform.problem.FieldError;
import io.synergy.platform.problem.ProblemException;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * Which years are complete, closed or provisional (docs/method.md §3): only complete and closed years enter the
 * evaluation window of other years. Operators close a year that will not become complete (a district that never
 * reports an indicator) so that it counts with what it has.
 */
@Path("/api/v1/years")
@Tag(name = "years", description = "Complete, closed and provisional years")
public class YearsResource {

    static final int MAX_REASON = 1000;

    /** Why the year is closed: kept in the audit with who closed it and when. */
    public record CloseRequest(String reason) {
    }

    /**
     * A year's state: counts of the synergy set's indicators complete for the city and of the districts in, what is
     * missing, and the indicators without a city value that every window holding the year leaves out.
     */
    public record YearView(int year, YearState state, String stateZh, boolean provisional, int indicatorsIn, int indicatorsExpected,
            int districtsIn, int districtsExpected, List<YearAssessment.Missing> missing, List<String> excluded, Instant assessedAt,
            YearStateStore.Settlement settled) {

        static YearView of(int year, YearCoverage v, List<YearAssessment.Missing> missing, List<String> excluded, Instant assessedAt,
                YearStateStore.Settlement settled) {
            return new YearView(year, v.state(), v.state().zh(), v.provisional(), v.indicatorsIn(), v.indicatorsExpected(), v.districtsIn(),
                    v.districtsExpected(), missing, excluded, assessedAt, settled);
        }
    }

    /** Every assessed year; {@code latestSettled} is the newest complete or closed one (the dashboard opens on it). */
    public record YearsView(String orgUnit, Integer latestSettled, List<YearView> years) {
    }

    private final YearStateStore store;
    private final AgroalDataSource dataSource;
    private final FactStore facts;
    private final Catalogue catalogue;
    private final OrgUnitRegistry registry;
    private final MethodConfig method;
    private final Recomputer recomputer;
    private final Operator operator;

    public YearsResource(YearStateStore store, AgroalDataSource dataSource, FactStore facts, Catalogue catalogue, OrgUnitRegistry registry,
            MethodConfig method, Recomputer recomputer, Operator operator) {
        this.store = store;
        this.dataSource = dataSource;
        this.facts = facts;
        this.catalogue = catalogue;
        this.registry = registry;
        this.method = method;
        this.recomputer = recomputer;
        this.operator = operator;
    }

    @GET
    @RolesAllowed("reader")
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Every year's state — COMPLETE, CLOSED or PROVISIONAL — with indicatorsIn/Expected, districtsIn/Expected, missing, "
            + "excluded and, for a settled year, who settled it, when and why",
            description = "As assessed by the latest recompute. A year is complete when every indicator of the synergy set is complete for the "
                    + "city; closed when an operator closed it; provisional otherwise.")
    public YearsView years() {
        List<YearView> years = store.all().stream().map(s -> YearView.of(s.year(), s.coverage(), s.missing(), s.excluded(), s.assessedAt(),
                s.settled())).toList();
        Integer latest = years.stream().filter(y -> !y.provisional()).map(YearView::year).reduce((a, b) -> b).orElse(null);
        return new YearsView(registry.current().city().code(), latest, years);
    }

    @POST
    @Path("/{year}/close")
    @RolesAllowed("ops")
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    @Operation(summary = "Close a provisional year with what it has: it joins the evaluation window of later years, and it and every later "
            + "year are recomputed",
            description = "Answers what is missing and which indicators every window holding the year will leave out (those without a city "
                    + "value). Recorded with the operator (the token's subject), the time and the reason. 409 when the year is complete or "
                    + "closed already.")
    @RequestBody(content = @Content(mediaType = MediaType.APPLICATION_JSON, examples = @ExampleObject(name = "close",
            value = "{\"reason\": \"莱西市 2025 年畜禽粪污数据确认无法提供 · Laixi cannot provide its 2025 manure figures\"}")))
    @APIResponse(responseCode = "200", description = "Closed")
    @APIResponse(responseCode = "400", description = "year is not a year, or before the base year; reason is missing or too long")
    @APIResponse(responseCode = "404", description = "Nothing has been reported for the year")
    @APIResponse(responseCode = "409", description = "The year is complete or closed already")
    public YearView close(@PathParam("year") String yearText, CloseRequest request) {
        int year = Queries.year("year", yearText);
        if (year < method.baseYear()) {
            throw ProblemException.invalid("Invalid parameter", List.of(new FieldError("year",
                    "years before the base year " + method.baseYear() + " are not evaluated")));
        }
        String reason = request == null || request.reason() == null ? "" : request.reason().strip();
        if (reason.isEmpty() || reason.length() > MAX_REASON) {
            throw ProblemException.invalid("A reason is required", List.of(new FieldError("reason",
                    "say why the year is closed without being complete (at most " + MAX_REASON + " characters)")));
        }
        String who = operator.who();
        return QuarkusTransaction.requiringNew().call(() -> close(year, reason, who));
    }

    private YearView close(int year, String reason, String who) throws SQLException {
        try (Connection c = dataSource.getConnection()) {
            OrgUnits units = registry.current();
            IndicatorTable table = new IndicatorTable(facts.all(c), catalogue, units, method.baseYear());
            if (!table.years().contains(year)) {
                throw Queries.noData("Nothing has been reported for " + year + ": there is nothing to close");
            }
            ResultCalculator calculator = new ResultCalculator(catalogue, units, method.settings());
            YearAssessment now = YearStates.assess(table, calculator.synergySet(), units, year, YearStateStore.states(c).get(year));
            List<String> synergySet = calculator.synergySet().stream().map(Indicator::id).toList();
            Optional<YearStateStore.Settlement> settled = now.state().settled() ? Optional.empty()
                    : store.settle(c, now, YearState.CLOSED, synergySet, who, reason, Instant.now());
            if (settled.isEmpty()) {
                throw new ProblemException(409, "year-settled", "The year is settled already",
                        year + " is " + (now.state().settled() ? now.state().en() : "settled") + " already: see GET /api/v1/years");
            }
            // the year joins the windows of the years after it: recompute from it, as soon as this commits
            FactStore.requestRecompute(c, List.of(year));
            recomputer.requestedInTransaction();
            YearCoverage v = now.coverage();
            YearCoverage closed = new YearCoverage(YearState.CLOSED, v.indicatorsIn(), v.indicatorsExpected(), v.districtsIn(),
                    v.districtsExpected());
            return YearView.of(year, closed, now.missing(), now.excluded(), settled.get().at(), settled.get());
        }
    }
}
