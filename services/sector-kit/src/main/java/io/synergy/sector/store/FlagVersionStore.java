package io.synergy.sector.store;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;

/**
 * A counter per year ({@code flag_version}) of what the list of flagged values shows of the year: raised in the
 * transaction that inserts flags of the year, supersedes a revision of the year (its flags leave the list) or
 * acknowledges a flag of the year. The kept pages of the list are tagged with it ({@link YearVersions}); a page of every
 * period with the counters of every year together.
 */
@ApplicationScoped
public class FlagVersionStore {

    private final YearVersions versions;

    public FlagVersionStore(AgroalDataSource dataSource) {
        this.versions = new YearVersions(dataSource, "flag_version");
    }

    /**
     * Raises the years' counters without waiting (a slot no other transaction holds). Call it with {@link
     * DataVersionStore#raise}, at the transaction's end: the slots stay locked until the commit.
     */
    public void raise(Collection<Integer> years) {
        versions.raise(years);
    }

    /** The year's counter as committed now (by a read begun after this call). */
    public long version(int year) {
        return versions.version(year);
    }

    /** Every year's counters together, as committed now: the version of a page of every period. */
    public long everyYear() {
        return versions.everyYear();
    }
}
