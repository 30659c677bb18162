package io.synergy.method.results;

/**
 * What a year has of the synergy set, for the city: carried by every result of the year, so a provisional figure always
 * says how much it rests on ("3 / 19 indicators, 2 / 10 districts").
 *
 * @param state              complete, closed or provisional
 * @param indicatorsIn       indicators of the synergy set that are complete for the city (in their scope: T1 over the central urban area)
 * @param indicatorsExpected the size of the synergy set (19 by default)
 * @param districtsIn        districts whose own figures are complete for every indicator they contribute to
 * @param districtsExpected  the number of districts (10)
 */
public record YearCoverage(
        YearState state, int indicatorsIn, int indicatorsExpected, int districtsIn, int districtsExpected) {

    public boolean provisional() {
        return state == YearState.PROVISIONAL;
    }
}
