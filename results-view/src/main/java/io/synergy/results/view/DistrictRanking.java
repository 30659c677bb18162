package io.synergy.results.view;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.synergy.method.results.ResultCalculator;
import io.synergy.method.results.YearCoverage;
import io.synergy.platform.tabular.Column;
import io.synergy.platform.tabular.Table;
import io.synergy.platform.tabular.Tabular;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The districts ranked by D in one year, scored on the district panel (comparable across districts and years) —
 * {@code GET /api/v1/synergy/districts}. The year's state is the city's, the same in every district's result.
 *
 * @param view     the facts the results are computed from (latest or official)
 * @param dataSets the data sets accepted of those expected, summed over the districts listed (each row has its own)
 */
public record DistrictRanking(
        String period,
        String basis,
        String method,
        String coupling,
        boolean provisional,
        YearCoverage coverage,
        List<RankedDistrict> districts,
        ResultView view,
        @JsonInclude(JsonInclude.Include.NON_NULL) DataSets dataSets) {

    /** One district: its synergy view (without explanation), its name and, when computable, its rank (1 is the highest D). */
    public record RankedDistrict(
            @JsonUnwrapped SynergyView synergy,
            Name name,
            @JsonInclude(JsonInclude.Include.NON_NULL) Integer rank) {}

    /** A district's result of the year, with its name. */
    public record District(ResultDocument document, Name name) {}

    /** The answer as JSON, or as a table of one row per district (CSV, a workbook). */
    public Tabular<DistrictRanking> tabular() {
        List<Column<RankedDistrict>> columns = List.of(
                ViewColumns.rank(RankedDistrict::rank),
                ViewColumns.orgUnit(r -> r.synergy().orgUnit()),
                ViewColumns.nameZh(RankedDistrict::name),
                ViewColumns.nameEn(RankedDistrict::name),
                ViewColumns.d(r -> r.synergy().score()),
                ViewColumns.u1(r -> r.synergy().score()),
                ViewColumns.u2(r -> r.synergy().score()),
                ViewColumns.gradeZh(r -> r.synergy().score()),
                ViewColumns.lag(r -> r.synergy().score()),
                ViewColumns.provisional(r -> r.synergy().provisional()));
        return Tabular.of(
                this, "synergy-districts-" + period, new Table<>("区县协同度排名 District ranking", columns, districts));
    }

    /**
     * The ranking of the districts' results of one year: the computable ones by descending D, then the others in the
     * order given.
     *
     * @param districts at least one
     */
    public static DistrictRanking of(int year, List<District> districts, String method, String coupling) {
        List<SynergyView> views = new ArrayList<>();
        List<Name> names = new ArrayList<>();
        DataSets dataSets = new DataSets(0, 0);
        for (District d : districts) {
            views.add(SynergyView.of(d.document(), ResultCalculator.PANEL, method, coupling)
                    .withoutExplanation());
            names.add(d.name());
            dataSets = d.document().dataSets() == null
                    ? dataSets
                    : dataSets.plus(d.document().dataSets());
        }
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < views.size(); i++) {
            order.add(i);
        }
        order.sort(Comparator.comparingDouble(
                i -> views.get(i).computable() ? -views.get(i).score().d() : Double.MAX_VALUE));
        List<RankedDistrict> rows = new ArrayList<>();
        int rank = 0;
        for (int i : order) {
            SynergyView v = views.get(i);
            rows.add(new RankedDistrict(v, names.get(i), v.computable() ? ++rank : null));
        }
        SynergyView first = views.get(0);
        return new DistrictRanking(
                Integer.toString(year),
                ResultCalculator.PANEL,
                method,
                coupling,
                first.provisional(),
                first.coverage(),
                rows,
                districts.get(0).document().view(),
                dataSets.expected() == 0 ? null : dataSets);
    }
}
