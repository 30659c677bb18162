package io.synergy.sector.model;

import io.synergy.model.catalogue.Sector;
import io.synergy.model.orgunit.OrgUnit;
import io.synergy.model.orgunit.OrgUnits;

/**
 * A sector's data set in the reporting cycle is a district's figures for one year (docs/reporting-cycle.md): an enterprise's
 * reports belong to its district's data set, and a quarter's or month's to its year's. The writers of a data set — reports,
 * revisions and approval transitions — take one advisory lock per data set: exclusive for the district's own figures and
 * the approval transitions, shared for its enterprises' reports, which serialise among themselves on a lock of their
 * unit-year and, while the district has figures of its own that year, on a lock of the district's enterprises
 * (ReportIngestor, docs/architecture.md).
 */
public final class DataSets {

    /** The advisory lock class of a district's year (ReportStore.lock): taken by ingestion and by approval transitions alike. */
    public static final int LOCK_CLASS = 2;

    /** The advisory lock class of an enterprise's year (exclusive): two reports of one enterprise and year never interleave. */
    public static final int UNIT_LOCK_CLASS = 6;

    /**
     * The advisory lock class of a district's enterprises in a year (exclusive), taken by their reports while the district
     * has figures of its own that year: the sum the rule "enterprises within their district" judges is theirs together.
     */
    public static final int ENTERPRISES_LOCK_CLASS = 7;

    private DataSets() {}

    /** The data set an org unit's figures of a year belong to: its district's (an unknown unit stands for itself). */
    public static UnitYear of(String orgUnit, int year, OrgUnits units) {
        return new UnitYear(units.districtOf(orgUnit).map(OrgUnit::code).orElse(orgUnit), year);
    }

    /**
     * The key of the data set's advisory lock in {@link #LOCK_CLASS} and {@link #ENTERPRISES_LOCK_CLASS}, and of an org
     * unit's year in {@link #UNIT_LOCK_CLASS}.
     */
    public static int lockKey(Sector sector, UnitYear dataSet) {
        return (sector.code() + ":" + dataSet.orgUnit() + ":" + dataSet.year()).hashCode();
    }
}
