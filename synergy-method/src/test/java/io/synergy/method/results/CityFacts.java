package io.synergy.method.results;

import io.synergy.model.catalogue.Catalogue;
import io.synergy.model.catalogue.DataElement;
import io.synergy.model.catalogue.FormulaType;
import io.synergy.model.catalogue.Indicator;
import io.synergy.model.catalogue.IndicatorValue;
import io.synergy.model.catalogue.Sector;
import io.synergy.model.orgunit.OrgUnit;
import io.synergy.model.orgunit.OrgUnits;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.Predicate;

/**
 * Facts of a whole city: every sector indicator and every published data element of every district, whole years, so
 * every indicator of the synergy set is complete for the city. Seeded, so every run sees the same numbers; each
 * district improves at its own pace, so the scores differ.
 */
final class CityFacts {

    static final Catalogue CATALOGUE = Catalogue.load();
    static final OrgUnits UNITS = OrgUnits.load();

    private CityFacts() {}

    /** Every fact of the years {@code from}…{@code to}. */
    static List<Fact> years(int from, int to) {
        return years(from, to, f -> true);
    }

    /** The facts of the years {@code from}…{@code to} that {@code keep} accepts. */
    static List<Fact> years(int from, int to, Predicate<Fact> keep) {
        List<Fact> facts = new ArrayList<>();
        for (int y = from; y <= to; y++) {
            facts.addAll(year(y).stream().filter(keep).toList());
        }
        return facts;
    }

    static List<Fact> year(int year) {
        List<Fact> facts = new ArrayList<>();
        List<OrgUnit> districts = UNITS.districts();
        for (int d = 0; d < districts.size(); d++) {
            Random r = new Random(1000L * d + year);
            int k = year - 2020;
            double pace = 0.6 + 0.1 * d;
            for (Sector s : Sector.values()) {
                for (Indicator i : CATALOGUE.sectorIndicators(s)) {
                    double den = 1000 + 100 * d;
                    double share = Math.min(0.95, 0.3 + 0.02 * k * pace + r.nextDouble() * 0.02);
                    IndicatorValue v = i.formula().type() == FormulaType.RATIO
                            ? IndicatorValue.ratio(share * den, den, i.formula().scale())
                            : IndicatorValue.total(den * share);
                    facts.add(new Fact(
                            i.id(), districts.get(d).code(), year, v.value(), v.numerator(), v.denominator(), true));
                }
                for (DataElement de : CATALOGUE.publishedDataElements(s)) {
                    double v = 10_000 * (1 + 0.1 * d) * (1 - 0.02 * k * pace) * (1 + r.nextDouble() * 0.01);
                    facts.add(new Fact(de.code(), districts.get(d).code(), year, v, v, null, true));
                }
            }
        }
        return facts;
    }
}
