package io.synergy.sector.compute;

import io.synergy.model.catalogue.Catalogue;
import io.synergy.model.catalogue.DataElement;
import io.synergy.model.catalogue.Indicator;
import io.synergy.model.catalogue.IndicatorMath;
import io.synergy.model.catalogue.IndicatorValue;
import io.synergy.model.catalogue.Sector;
import io.synergy.model.event.EventKind;
import io.synergy.model.period.Period;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a sector publishes for one district and period: its indicators (with numerator and denominator) and the data
 * elements that cross-sector indicators need. Everything comes from the catalogue; there is no per-indicator code.
 */
public final class SectorCalculator {

    /** One computed output. */
    public record Output(String code, EventKind kind, String unit, IndicatorValue value, boolean complete) {}

    private final Catalogue catalogue;
    private final List<Indicator> indicators;
    private final List<DataElement> published;
    private final List<DataElement> elements;

    public SectorCalculator(Catalogue catalogue, Sector sector) {
        this.catalogue = catalogue;
        this.indicators = catalogue.sectorIndicators(sector);
        this.published = catalogue.publishedDataElements(sector);
        this.elements = catalogue.dataElements(sector);
    }

    public List<Indicator> indicators() {
        return indicators;
    }

    /** Period totals of each data element of the sector, from a district's stored values. */
    public Map<String, PeriodRollUp.Total> totals(
            Period period, Map<String, List<PeriodRollUp.PeriodValue>> valuesByElement) {
        Map<String, PeriodRollUp.Total> totals = new HashMap<>();
        for (DataElement de : elements) {
            List<PeriodRollUp.PeriodValue> vs = valuesByElement.get(de.code());
            if (vs != null) {
                PeriodRollUp.Total t = PeriodRollUp.rollUp(period, de.aggregation(), vs);
                if (t != null) {
                    totals.put(de.code(), t);
                }
            }
        }
        return totals;
    }

    /** The indicators and published data elements for one district, from its period totals. */
    public List<Output> compute(Map<String, PeriodRollUp.Total> totals) {
        List<Output> out = new ArrayList<>();
        for (Indicator i : indicators) {
            IndicatorValue v = IndicatorMath.evaluate(
                    i, code -> totals.containsKey(code) ? totals.get(code).value() : null);
            boolean complete = catalogue.dataElementsOf(i).stream()
                    .allMatch(c -> totals.containsKey(c) && totals.get(c).complete());
            out.add(new Output(i.id(), EventKind.INDICATOR, i.unit(), v, complete));
        }
        for (DataElement de : published) {
            PeriodRollUp.Total t = totals.get(de.code());
            out.add(new Output(
                    de.code(),
                    EventKind.DATA_ELEMENT,
                    de.unit(),
                    t == null ? IndicatorValue.NONE : IndicatorValue.total(t.value()),
                    t != null && t.complete()));
        }
        return out;
    }

    /** Rolls district outputs up to a larger unit (city, group) from numerators and denominators. */
    public Map<String, IndicatorValue> rollUp(List<List<Output>> districts) {
        Map<String, List<IndicatorValue>> parts = new LinkedHashMap<>();
        for (List<Output> d : districts) {
            for (Output o : d) {
                parts.computeIfAbsent(o.code(), k -> new ArrayList<>()).add(o.value());
            }
        }
        Map<String, IndicatorValue> result = new LinkedHashMap<>();
        for (Indicator i : indicators) {
            result.put(i.id(), IndicatorMath.rollUp(i, parts.getOrDefault(i.id(), List.of())));
        }
        for (DataElement de : published) {
            double sum = 0;
            boolean any = false;
            for (IndicatorValue v : parts.getOrDefault(de.code(), List.of())) {
                if (v.present()) {
                    sum += v.value();
                    any = true;
                }
            }
            result.put(de.code(), any ? IndicatorValue.total(sum) : IndicatorValue.NONE);
        }
        return result;
    }
}
