package io.synergy.sector.model;

/** An org unit and a year: the unit of the annual indicators, of the advisory locks and of the combined-state rules. */
public record UnitYear(String orgUnit, int year) implements Comparable<UnitYear> {

    @Override
    public int compareTo(UnitYear o) {
        int c = orgUnit.compareTo(o.orgUnit);
        return c != 0 ? c : Integer.compare(year, o.year);
    }
}
