package io.synergy.results.view;

import io.synergy.platform.tabular.Column;
import java.util.function.Function;

/**
 * The columns several views' tables share, declared once: a score's figures (empty cells when the row has no score), a
 * rank, an org unit, its name, a reason and whether the year is provisional.
 */
final class ViewColumns {

    private ViewColumns() {}

    static <T> Column<T> d(Function<T, Score> score) {
        return Column.number("d", "协同度", "Synergy degree D", null, r -> part(score.apply(r), Score::d));
    }

    static <T> Column<T> u1(Function<T, Score> score) {
        return Column.number("u1", "减污子系统发展指数", "U1 pollution reduction", null, r -> part(score.apply(r), Score::u1));
    }

    static <T> Column<T> u2(Function<T, Score> score) {
        return Column.number("u2", "降碳子系统发展指数", "U2 carbon reduction", null, r -> part(score.apply(r), Score::u2));
    }

    static <T> Column<T> c(Function<T, Score> score) {
        return Column.number("c", "耦合度", "Coupling C", null, r -> part(score.apply(r), Score::c));
    }

    static <T> Column<T> t(Function<T, Score> score) {
        return Column.number("t", "综合发展指数", "Composite index T", null, r -> part(score.apply(r), Score::t));
    }

    static <T> Column<T> gradeZh(Function<T, Score> score) {
        return Column.text(
                "grade_zh",
                "协调等级",
                "Grade (Chinese)",
                r -> part(score.apply(r), s -> s.grade().zh()));
    }

    static <T> Column<T> gradeEn(Function<T, Score> score) {
        return Column.text(
                "grade_en",
                "协调等级(英文)",
                "Grade",
                r -> part(score.apply(r), s -> s.grade().en()));
    }

    static <T> Column<T> lag(Function<T, Score> score) {
        return Column.text("lag", "滞后类型", "Lag", r -> part(score.apply(r), Score::lag));
    }

    static <T> Column<T> rank(Function<T, Integer> rank) {
        return Column.integer("rank", "排名", "Rank", null, rank);
    }

    static <T> Column<T> orgUnit(Function<T, String> code) {
        return Column.text("org_unit", "单位代码", "Org unit", code);
    }

    static <T> Column<T> nameZh(Function<T, Name> name) {
        return Column.text("name_zh", "名称", "Name (Chinese)", r -> name.apply(r).zh());
    }

    static <T> Column<T> nameEn(Function<T, Name> name) {
        return Column.text("name_en", "英文名称", "Name", r -> name.apply(r).en());
    }

    static <T> Column<T> reason(Function<T, String> reason) {
        return Column.text("reason", "说明", "Reason", reason);
    }

    /** The last column of every table that serves a year: the year is neither complete nor closed (docs/method.md §3). */
    static <T> Column<T> provisional(Function<T, Boolean> provisional) {
        return Column.bool("provisional", "暂定", "Provisional", provisional);
    }

    private static <R> R part(Score score, Function<Score, R> part) {
        return score == null ? null : part.apply(score);
    }
}
