package io.synergy.results.view;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Where stored results are read from: the aggregation's result table, or the console's view of {@code results.v1} (the
 * same documents). {@link ResultAnswers} builds the same answers from either, in the {@link ResultView} asked for.
 */
public interface ResultSource {

    /** The result of a unit and year in a view. */
    Optional<ResultDocument> find(ResultView view, String orgUnit, int year);

    /** Every result of a unit in a view, ascending by year. */
    List<ResultDocument> ofUnit(ResultView view, String orgUnit);

    /** The results of these units in a year in a view (those that have one). */
    List<ResultDocument> ofYear(ResultView view, int year, Collection<String> orgUnits);
}
