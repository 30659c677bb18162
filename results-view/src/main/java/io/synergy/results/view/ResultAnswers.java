package io.synergy.results.view;

import io.synergy.model.orgunit.OrgUnit;
import io.synergy.model.orgunit.OrgUnits;
import io.synergy.platform.query.Queries;
import java.util.ArrayList;
import java.util.List;

/**
 * The answers about stored results, from the request's parameters as they were sent: the aggregation's read API
 * ({@code /api/v1/synergy}, {@code /synergy/history}, {@code /synergy/districts}, {@code /attainment}) and the console's
 * dashboard ({@code /api/v1/dashboard/...}) answer through these, each from its own {@link ResultSource}, in the
 * {@link ResultView} asked for ({@code view}: latest by default). A parameter that is not valid is a problem naming it; a
 * unit or year without a result is a 404 problem.
 */
public final class ResultAnswers {

    private ResultAnswers() {}

    /** U1, U2, C, T, D, grade and lag of one org unit and year. */
    public static SynergyView synergy(
            ResultSource results,
            OrgUnits units,
            String view,
            String period,
            String orgUnit,
            String method,
            String coupling,
            String basis) {
        ResultView v = ResultView.parse(view);
        int year = Queries.year("period", period);
        OrgUnit unit = Queries.orgUnit(units, orgUnit);
        String m = ViewChoices.method(method);
        String c = ViewChoices.coupling(coupling);
        String b = ViewChoices.basis(unit, basis);
        ResultDocument doc = results.find(v, unit.code(), year)
                .orElseThrow(() -> Queries.noData("No results for " + unit.code() + " in " + year));
        return SynergyView.of(doc, b, m, c);
    }

    /** D, U1, U2 (and C, T, grade, lag) per year of one org unit. */
    public static HistoryView history(
            ResultSource results,
            OrgUnits units,
            String view,
            String orgUnit,
            String method,
            String coupling,
            String basis) {
        ResultView v = ResultView.parse(view);
        OrgUnit unit = Queries.orgUnit(units, orgUnit);
        String m = ViewChoices.method(method);
        String c = ViewChoices.coupling(coupling);
        String b = ViewChoices.basis(unit, basis);
        List<ResultDocument> docs = results.ofUnit(v, unit.code());
        if (docs.isEmpty()) {
            throw Queries.noData("No results for " + unit.code());
        }
        return HistoryView.of(unit.code(), docs, v, b, m, c);
    }

    /** The districts of one year ranked by D, on the district panel. */
    public static DistrictRanking districts(
            ResultSource results, OrgUnits units, String view, String period, String method, String coupling) {
        ResultView v = ResultView.parse(view);
        int year = Queries.year("period", period);
        String m = ViewChoices.method(method);
        String c = ViewChoices.coupling(coupling);
        List<DistrictRanking.District> districts = new ArrayList<>();
        for (ResultDocument doc : results.ofYear(
                v, year, units.districts().stream().map(OrgUnit::code).toList())) {
            units.find(doc.orgUnit())
                    .ifPresent(unit -> districts.add(new DistrictRanking.District(doc, Name.of(unit))));
        }
        if (districts.isEmpty()) {
            throw Queries.noData("No district results in " + year);
        }
        return DistrictRanking.of(year, districts, m, c);
    }

    /** The attainment of every targeted indicator of one org unit and year. */
    public static AttainmentView attainment(
            ResultSource results, OrgUnits units, String view, String period, String orgUnit) {
        ResultView v = ResultView.parse(view);
        int year = Queries.year("period", period);
        OrgUnit unit = Queries.orgUnit(units, orgUnit);
        ResultDocument doc = results.find(v, unit.code(), year)
                .orElseThrow(() -> Queries.noData("No results for " + unit.code() + " in " + year
                        + ": no indicator of that year has been reported"));
        return AttainmentView.of(doc, Name.of(unit));
    }
}
