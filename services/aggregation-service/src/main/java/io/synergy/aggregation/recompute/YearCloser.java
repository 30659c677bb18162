package io.synergy.aggregation.recompute;

import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.synergy.aggregation.config.MethodConfig;
import io.synergy.aggregation.store.AnswerVersion;
import io.synergy.aggregation.store.FactStore;
import io.synergy.aggregation.store.IndicatorTables;
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
import io.synergy.platform.problem.ProblemException;
import io.synergy.platform.query.Queries;
import jakarta.enterprise.context.ApplicationScoped;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * An operator's close of a provisional year (docs/method.md §3): the year is assessed on the facts as they stand, settled
 * as {@code CLOSED} with who closed it and why, and it and every later year are recomputed as soon as that commits — it
 * joins the windows of the years after it.
 */
@ApplicationScoped
public class YearCloser {

    /** A closed year: its assessment (state CLOSED) and the settlement stored. */
    public record Closed(YearAssessment assessment, YearStateStore.Settlement settlement) {}

    private final AgroalDataSource dataSource;
    private final YearStateStore store;
    private final IndicatorTables tables;
    private final Catalogue catalogue;
    private final OrgUnitRegistry registry;
    private final MethodConfig method;
    private final Recomputer recomputer;
    private final AnswerVersion answerVersion;
    private final FactStore facts;

    YearCloser(
            AgroalDataSource dataSource,
            YearStateStore store,
            IndicatorTables tables,
            Catalogue catalogue,
            OrgUnitRegistry registry,
            MethodConfig method,
            Recomputer recomputer,
            AnswerVersion answerVersion,
            FactStore facts) {
        this.facts = facts;
        this.answerVersion = answerVersion;
        this.dataSource = dataSource;
        this.store = store;
        this.tables = tables;
        this.catalogue = catalogue;
        this.registry = registry;
        this.method = method;
        this.recomputer = recomputer;
    }

    /**
     * Closes the year in a transaction of its own: 404 problem when nothing has been reported for it, 409 when it is
     * complete or closed already.
     */
    public Closed close(int year, String reason, String who) {
        return QuarkusTransaction.requiringNew().call(() -> {
            try (Connection c = dataSource.getConnection()) {
                return close(c, year, reason, who);
            }
        });
    }

    private Closed close(Connection c, int year, String reason, String who) throws SQLException {
        OrgUnits units = registry.current();
        IndicatorTable table = tables.current(c, units);
        if (!table.years().contains(year)) {
            throw Queries.noData("Nothing has been reported for " + year + ": there is nothing to close");
        }
        ResultCalculator calculator = new ResultCalculator(catalogue, units, method.settings());
        YearAssessment now = YearStates.assess(
                table, calculator.synergySet(), units, year, store.states(c).get(year));
        List<String> synergySet =
                calculator.synergySet().stream().map(Indicator::id).toList();
        Optional<YearStateStore.Settlement> settled = now.state().settled()
                ? Optional.empty()
                : store.settle(c, now, YearState.CLOSED, synergySet, who, reason, Instant.now());
        if (settled.isEmpty()) {
            throw new ProblemException(
                    409,
                    "year-settled",
                    "The year is settled already",
                    year + " is " + (now.state().settled() ? now.state().en() : "settled")
                            + " already: see GET /api/v1/years");
        }
        // the year joins the windows of the years after it: recompute from it, as soon as this commits
        facts.requestRecompute(c, List.of(year));
        recomputer.requestedInTransaction();
        // the read API's answers about years name who settled them
        answerVersion.raise(c);
        YearCoverage v = now.coverage();
        YearCoverage closed = new YearCoverage(
                YearState.CLOSED, v.indicatorsIn(), v.indicatorsExpected(), v.districtsIn(), v.districtsExpected());
        return new Closed(new YearAssessment(year, closed, now.missing(), now.excluded()), settled.get());
    }
}
