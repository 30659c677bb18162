package io.synergy.results.view;

/**
 * How many of the data sets an answer rests on the city's sector bureaus have accepted (已审定): a data set is a sector's
 * figures of one district for one year, and every district reports for every sector, so {@code expected} is the number of
 * sectors (5) times the districts the answer covers — the city's every district, a group's members, a district itself
 * (a park or enterprise: its district). The same in both views: the official view holds the {@code accepted} ones only.
 */
public record DataSets(int accepted, int expected) {

    public DataSets plus(DataSets other) {
        return new DataSets(accepted + other.accepted, expected + other.expected);
    }
}
