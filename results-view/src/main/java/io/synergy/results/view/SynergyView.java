package io.synergy.results.view;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonUnwrapped;
import io.synergy.method.results.UnitYearResult;
import io.synergy.method.results.YearCoverage;

/**
 * The synergy degree (协同度) of one org unit and year under a basis, normalisation and coupling — {@code GET
 * /api/v1/synergy} and each row of the district ranking. Not computable: {@code computable: false} and the {@code reason},
 * and no score; computable: the score under the coupling asked for, and C and D under both.
 *
 * @param provisional the year is neither complete nor closed (docs/method.md §3)
 * @param coverage    the year's state and how much of it is in; {@code null} for a document stored before year states
 * @param score       absent when not computable
 * @param explanation samples, weights, normalised values, exclusions; left out of the district ranking
 * @param view        the facts it is computed from (latest or official); left out of the district ranking's rows
 * @param dataSets    the data sets accepted of those expected for the unit and year; absent for a result stored before the
 *                    views
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record SynergyView(
        String period,
        String orgUnit,
        String basis,
        String method,
        String coupling,
        boolean provisional,
        @JsonInclude(JsonInclude.Include.ALWAYS) YearCoverage coverage,
        boolean computable,
        String reason,
        @JsonUnwrapped Score score,
        String lagZh,
        Double cStandard,
        Double cCorrected,
        Double dStandard,
        Double dCorrected,
        UnitYearResult.Explanation explanation,
        ResultView view,
        DataSets dataSets) {

    /** What an answer says of an evaluation that is not there. */
    public static final String NO_RESULT = "no result";

    /** The result's synergy degree under {@code basis} ({@code series}, {@code panel}), {@code method} and {@code coupling}. */
    public static SynergyView of(UnitYearResult result, String basis, String method, String coupling) {
        UnitYearResult.SynergyResult s = result.synergy().get(basis + "." + method);
        String period = Integer.toString(result.year());
        if (s == null || !s.computable()) {
            return new SynergyView(
                    period,
                    result.orgUnit(),
                    basis,
                    method,
                    coupling,
                    result.provisional(),
                    result.coverage(),
                    false,
                    reasonOf(s),
                    null,
                    null,
                    null,
                    null,
                    null,
                    null,
                    s == null ? null : s.explanation(),
                    null,
                    null);
        }
        Score score =
                Score.of(s.u1(), s.u2(), s.t(), Score.chosen(s.standard(), s.corrected(), coupling), s.lag(), true);
        return new SynergyView(
                period,
                result.orgUnit(),
                basis,
                method,
                coupling,
                result.provisional(),
                result.coverage(),
                true,
                null,
                score,
                s.lagZh(),
                s.standard().c(),
                s.corrected().c(),
                s.standard().d(),
                s.corrected().d(),
                s.explanation(),
                null,
                null);
    }

    /** Why an evaluation has no score. */
    static String reasonOf(UnitYearResult.SynergyResult s) {
        return s == null || s.reason() == null ? NO_RESULT : s.reason();
    }

    /** The same view without the explanation and the view (a row of a ranking, which says its view once). */
    public SynergyView withoutExplanation() {
        return new SynergyView(
                period,
                orgUnit,
                basis,
                method,
                coupling,
                provisional,
                coverage,
                computable,
                reason,
                score,
                lagZh,
                cStandard,
                cCorrected,
                dStandard,
                dCorrected,
                null,
                null,
                dataSets);
    }

    /** The view of a stored document: its result under the choices, in the document's view, with its count. */
    public static SynergyView of(ResultDocument document, String basis, String method, String coupling) {
        SynergyView v = of(document.result(), basis, method, coupling);
        return new SynergyView(
                v.period,
                v.orgUnit,
                v.basis,
                v.method,
                v.coupling,
                v.provisional,
                v.coverage,
                v.computable,
                v.reason,
                v.score,
                v.lagZh,
                v.cStandard,
                v.cCorrected,
                v.dStandard,
                v.dCorrected,
                v.explanation,
                document.view(),
                document.dataSets());
    }
}
