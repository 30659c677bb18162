package io.synergy.method.inventory;

import io.synergy.method.results.Figure;
import io.synergy.method.results.IndicatorTable;
import io.synergy.model.catalogue.Catalogue;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The annual totals the inventory of one org unit and year reads: activity data (fuel use, process activities) and
 * reported emissions, by data-element code, in the data element's canonical unit.
 */
@FunctionalInterface
public interface InventoryInputs {

    /**
     * @param value    the annual total
     * @param complete {@code false} when some of the unit's members have not reported it, or the year is built from
     *                 months or quarters that do not yet cover it
     * @param missing  what is missing (district codes, "370285 (part of the year)")
     */
    record Input(double value, boolean complete, List<String> missing) {

        public Input {
            missing = List.copyOf(missing);
        }
    }

    /** The annual total of a data element, or empty when nothing was reported for it. */
    Optional<Input> get(String dataElement);

    /**
     * The inputs of any org unit the hierarchy knows, from the aggregation's indicator table: it sums a data element
     * over the unit's members (districts, parks, enterprises), so a city or a park inventory is the sum of its parts'
     * activities — and, every formula being linear, of their emissions. A data element whose total travels as a sector
     * indicator (agriculture.emissions.ch4 as AG-CH4) is read through that indicator.
     */
    static InventoryInputs of(IndicatorTable table, Catalogue catalogue, String orgUnit, int year) {
        return code -> {
            Figure f = table.get(orgUnit, catalogue.factCodeOf(code), year);
            return f.present() ? Optional.of(new Input(f.value(), f.complete(), f.missing())) : Optional.empty();
        };
    }

    /** Complete inputs from a map (tests, worked examples). */
    static InventoryInputs of(Map<String, Double> values) {
        return code -> Optional.ofNullable(values.get(code)).map(v -> new Input(v, true, List.of()));
    }
}
