package io.synergy.results.view;

import io.synergy.method.results.UnitYearResult;

/**
 * U1, U2, C, T, D, grade and lag of one score — a result, a year of its window, a park or an enterprise — under one
 * coupling formula. Answers embed its fields flat ({@code @JsonUnwrapped}), as they always have: {@code {"u1": …, "u2": …,
 * "c": …, "t": …, "d": …, "grade": {…}, "lag": …}}.
 */
public record Score(double u1, double u2, double c, double t, double d, Grade grade, String lag) {

    /** The coupling parameter's values: Wang et al.'s corrected C, or the standard one. */
    public static final String STANDARD = "standard";

    public static final String CORRECTED = "corrected";

    /** The coupled figures of the {@code coupling} asked for ({@link #STANDARD} or {@link #CORRECTED}). */
    public static UnitYearResult.Coupled chosen(
            UnitYearResult.Coupled standard, UnitYearResult.Coupled corrected, String coupling) {
        return CORRECTED.equals(coupling) ? corrected : standard;
    }

    /** A score under the chosen coupling; {@code withCode}: the grade names its constant too. */
    public static Score of(
            double u1, double u2, double t, UnitYearResult.Coupled chosen, String lag, boolean withCode) {
        return new Score(
                u1,
                u2,
                chosen.c(),
                t,
                chosen.d(),
                new Grade(chosen.gradeZh(), chosen.gradeEn(), withCode ? chosen.grade() : null),
                lag);
    }

    /** A year of an evaluation's window under the coupling. */
    public static Score of(UnitYearResult.SampleRow row, String coupling) {
        return of(row.u1(), row.u2(), row.t(), chosen(row.standard(), row.corrected(), coupling), row.lag(), false);
    }
}
