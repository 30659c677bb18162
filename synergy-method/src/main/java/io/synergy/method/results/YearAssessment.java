package io.synergy.method.results;

import java.util.List;

/**
 * One year's state, with what keeps it from being complete.
 *
 * @param coverage the state and the counts
 * @param missing  each indicator of the synergy set that is not complete for the city, with what it lacks
 * @param excluded the indicators without any city value this year: every evaluation whose window contains the year leaves
 *                 them out (an indicator must have a value for every sample)
 */
public record YearAssessment(int year, YearCoverage coverage, List<Missing> missing, List<String> excluded) {

    public YearAssessment {
        missing = List.copyOf(missing);
        excluded = List.copyOf(excluded);
    }

    /** An incomplete indicator and what it lacks ("370285", "370283 (part of the year)", "no data"). */
    public record Missing(String indicator, List<String> missing) {

        public Missing {
            missing = List.copyOf(missing);
        }
    }

    public YearState state() {
        return coverage.state();
    }
}
