package io.synergy.sector.store;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Collection;

/**
 * A counter per year ({@code data_version}) that every ingest transaction changing a data value of the year raises:
 * what the read side's computed answers are tagged with, so that they are recomputed once the data changed — on every
 * replica, as the counter commits with the values in the database they all read ({@link YearVersions}: a year's counter
 * is the sum of its slots, so writers of one year never wait for each other's commit).
 */
@ApplicationScoped
public class DataVersionStore {

    private final YearVersions versions;

    public DataVersionStore(AgroalDataSource dataSource) {
        this.versions = new YearVersions(dataSource, "data_version");
    }

    /**
     * Raises the years' counters without waiting: for each year the first slot no other transaction holds ({@code SKIP
     * LOCKED}), or a new slot when all are held. Call it as the transaction's last statement: the slot stays locked until
     * the commit (the slots of a year grow to the most writers of it at once, not with time).
     */
    public void raise(Collection<Integer> years) {
        versions.raise(years);
    }

    /** The year's counter as committed now (by a read begun after this call); 0 before any value of the year was written. */
    public long version(int year) {
        return versions.version(year);
    }
}
