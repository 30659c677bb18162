package io.synergy.results.view;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.synergy.method.results.UnitYearResult;
import io.synergy.method.results.YearCoverage;
import io.synergy.platform.tabular.Column;
import io.synergy.platform.tabular.Table;
import io.synergy.platform.tabular.Tabular;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The synergy degree of one org unit year by year — {@code GET /api/v1/synergy/history}: the complete and closed years
 * scored in one evaluation, the window of the latest of them ({@code evaluatedYear}), as the literature presents a time
 * series; then each provisional year, scored on its own window (docs/method.md §3).
 *
 * @param evaluatedYear the latest complete or closed year, whose window scores the settled years; {@code null} without one
 * @param reason        why the settled years are not computable (absent when they are)
 * @param view          the facts the results are computed from (latest or official)
 */
public record HistoryView(
        String orgUnit,
        String basis,
        String method,
        String coupling,
        Integer evaluatedYear,
        boolean computable,
        @JsonInclude(JsonInclude.Include.NON_NULL) String reason,
        List<HistoryYear> years,
        ResultView view) {

    static final String NO_SETTLED_YEAR =
            "no complete year yet: a year is complete when every indicator of the synergy set is complete for "
                    + "the city, or closed by an operator (POST /api/v1/years/{year}/close); until then every year is provisional · 尚无完整年份";

    /**
     * One year: its score in the evaluation shown (absent, with the reason, when there is none) and {@code dOwnWindow}, its
     * own result's D (its own window's); {@code dataSets}, the year's data sets accepted of those expected for the unit
     * (absent for a result stored before the views).
     */
    public record HistoryYear(
            String period,
            boolean provisional,
            YearCoverage coverage,
            boolean computable,
            @JsonUnwrapped Score score,
            @JsonInclude(JsonInclude.Include.NON_NULL) String reason,
            Double dOwnWindow,
            @JsonInclude(JsonInclude.Include.NON_NULL) DataSets dataSets) {

        HistoryYear with(DataSets counted) {
            return new HistoryYear(period, provisional, coverage, computable, score, reason, dOwnWindow, counted);
        }
    }

    /** The answer as JSON, or as a table of one row per year (CSV, a workbook). */
    public Tabular<HistoryView> tabular() {
        List<Column<HistoryYear>> columns = List.of(
                Column.text("year", "年份", "Year", HistoryYear::period),
                ViewColumns.d(HistoryYear::score),
                ViewColumns.u1(HistoryYear::score),
                ViewColumns.u2(HistoryYear::score),
                ViewColumns.c(HistoryYear::score),
                ViewColumns.t(HistoryYear::score),
                ViewColumns.gradeZh(HistoryYear::score),
                ViewColumns.gradeEn(HistoryYear::score),
                ViewColumns.lag(HistoryYear::score),
                Column.number("d_own_window", "本年窗口协同度", "D on its own window", null, HistoryYear::dOwnWindow),
                ViewColumns.provisional(HistoryYear::provisional));
        return Tabular.of(this, "synergy-history-" + orgUnit, new Table<>("协同度历年 Synergy history", columns, years));
    }

    /**
     * The history of a unit's stored documents (one view's), each year with its count of data sets.
     *
     * @param documents the unit's results in one view, one per year, at least one
     */
    public static HistoryView of(
            String orgUnit,
            List<ResultDocument> documents,
            ResultView view,
            String basis,
            String method,
            String coupling) {
        HistoryView h =
                of(orgUnit, documents.stream().map(ResultDocument::result).toList(), basis, method, coupling);
        Map<String, DataSets> counted = new HashMap<>();
        documents.stream()
                .filter(d -> d.dataSets() != null)
                .forEach(d -> counted.put(Integer.toString(d.year()), d.dataSets()));
        List<HistoryYear> years =
                h.years().stream().map(y -> y.with(counted.get(y.period()))).toList();
        return new HistoryView(
                h.orgUnit(), basis, method, coupling, h.evaluatedYear(), h.computable(), h.reason(), years, view);
    }

    /**
     * @param results the unit's results, one per year, at least one
     */
    public static HistoryView of(
            String orgUnit, List<UnitYearResult> results, String basis, String method, String coupling) {
        String key = basis + "." + method;
        Map<String, UnitYearResult> byYear = new HashMap<>();
        Integer evaluatedYear = null;
        for (UnitYearResult r : results) {
            byYear.put(Integer.toString(r.year()), r);
            if (!r.provisional() && (evaluatedYear == null || r.year() > evaluatedYear)) {
                evaluatedYear = r.year();
            }
        }
        List<HistoryYear> years = new ArrayList<>();
        UnitYearResult.SynergyResult evaluation = evaluatedYear == null
                ? null
                : byYear.get(Integer.toString(evaluatedYear)).synergy().get(key);
        if (evaluation != null && evaluation.window() != null) {
            for (UnitYearResult.SampleRow sample : evaluation.window()) {
                String year = yearOf(sample.sample());
                years.add(row(year, byYear.get(year), sample, key, coupling));
            }
        }
        for (UnitYearResult r : results) {
            if (r.provisional()) {
                // its own window ends with the year itself
                UnitYearResult.SynergyResult own = r.synergy().get(key);
                List<UnitYearResult.SampleRow> window = own == null || own.window() == null ? List.of() : own.window();
                years.add(row(
                        Integer.toString(r.year()),
                        r,
                        window.isEmpty() ? null : window.get(window.size() - 1),
                        key,
                        coupling));
            }
        }
        years.sort(Comparator.comparing(HistoryYear::period));
        boolean computable = evaluation != null && evaluation.computable();
        String reason = computable ? null : evaluatedYear == null ? NO_SETTLED_YEAR : SynergyView.reasonOf(evaluation);
        return new HistoryView(
                orgUnit, basis, method, coupling, evaluatedYear, computable, reason, years, ResultView.LATEST);
    }

    /** A sample label's year: "2024" or, in the district panel, "370202/2024". */
    static String yearOf(String sample) {
        return sample.contains("/") ? sample.substring(sample.indexOf('/') + 1) : sample;
    }

    /** One year of the history: {@code sample} is its score in the evaluation shown, or null when there is none. */
    private static HistoryYear row(
            String year, UnitYearResult result, UnitYearResult.SampleRow sample, String key, String coupling) {
        UnitYearResult.SynergyResult own =
                result == null ? null : result.synergy().get(key);
        Double dOwnWindow = own == null || !own.computable()
                ? null
                : Score.chosen(own.standard(), own.corrected(), coupling).d();
        boolean provisional = result != null && result.provisional();
        YearCoverage coverage = result == null ? null : result.coverage();
        if (sample == null) {
            return new HistoryYear(
                    year, provisional, coverage, false, null, SynergyView.reasonOf(own), dOwnWindow, null);
        }
        return new HistoryYear(year, provisional, coverage, true, Score.of(sample, coupling), null, dOwnWindow, null);
    }
}
