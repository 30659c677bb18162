package io.synergy.aggregation.it;

import io.synergy.model.catalogue.Catalogue;
import io.synergy.model.catalogue.DataElement;
import io.synergy.model.catalogue.FormulaType;
import io.synergy.model.catalogue.Indicator;
import io.synergy.model.catalogue.IndicatorValue;
import io.synergy.model.catalogue.Sector;
import io.synergy.model.event.EventKind;
import io.synergy.model.event.IndicatorEvent;
import io.synergy.model.orgunit.OrgUnit;
import io.synergy.model.orgunit.OrgUnits;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.UUID;

/**
 * A whole city's indicator events for a year: every sector indicator and every published data element of every
 * district, whole years (revision 1) — so every indicator of the synergy set is complete for the city and the year is
 * complete. Seeded: every run publishes the same numbers; each district improves at its own pace.
 */
final class CityDataSet {

    static final Catalogue CATALOGUE = Catalogue.load();
    static final OrgUnits UNITS = OrgUnits.load();

    private CityDataSet() {}

    /** Every event of one year. */
    static List<IndicatorEvent> year(int year) {
        List<IndicatorEvent> events = new ArrayList<>();
        List<OrgUnit> districts = UNITS.districts();
        for (int d = 0; d < districts.size(); d++) {
            Random r = new Random(1000L * d + year);
            int k = year - 2020;
            double pace = 0.6 + 0.1 * d;
            String district = districts.get(d).code();
            for (Sector s : Sector.values()) {
                for (Indicator i : CATALOGUE.sectorIndicators(s)) {
                    double den = 1000 + 100 * d;
                    double share = Math.min(0.95, 0.3 + 0.02 * k * pace + r.nextDouble() * 0.02);
                    IndicatorValue v = i.formula().type() == FormulaType.RATIO
                            ? IndicatorValue.ratio(share * den, den, i.formula().scale())
                            : IndicatorValue.total(den * share);
                    events.add(event(
                            s,
                            EventKind.INDICATOR,
                            i.id(),
                            district,
                            year,
                            v.value(),
                            v.numerator(),
                            v.denominator(),
                            i.unit()));
                }
                for (DataElement de : CATALOGUE.publishedDataElements(s)) {
                    double v = 10_000 * (1 + 0.1 * d) * (1 - 0.02 * k * pace) * (1 + r.nextDouble() * 0.01);
                    events.add(event(s, EventKind.DATA_ELEMENT, de.code(), district, year, v, v, null, de.unit()));
                }
            }
        }
        return events;
    }

    private static IndicatorEvent event(
            Sector s,
            EventKind kind,
            String code,
            String district,
            int year,
            Double value,
            Double numerator,
            Double denominator,
            String unit) {
        return new IndicatorEvent(
                UUID.randomUUID().toString(),
                s.code(),
                kind,
                code,
                district,
                Integer.toString(year),
                value,
                numerator,
                denominator,
                unit,
                1,
                true,
                "city-data-set/" + district + "/" + year,
                Instant.now());
    }
}
