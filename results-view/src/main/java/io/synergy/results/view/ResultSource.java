package io.synergy.results.view;

import java.util.Collection;
import java.util.List;
import java.util.Optional;

/**
 * Where stored results are read from: the aggregation's result table, or the console's view of {@code results.v1} (the
 * same documents). {@link ResultAnswers} builds the same answers from either.
 */
public interface ResultSource {

    /** The result of a unit and year. */
    Optional<ResultDocument> find(String orgUnit, int year);

    /** Every result of a unit, ascending by year. */
    List<ResultDocument> ofUnit(String orgUnit);

    /** The results of these units in a year (those that have one). */
    List<ResultDocument> ofYear(int year, Collection<String> orgUnits);
}
