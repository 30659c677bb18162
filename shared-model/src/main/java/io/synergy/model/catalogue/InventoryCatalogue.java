package io.synergy.model.catalogue;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The inventory part of the catalogue (section {@code inventory:} of {@code catalogue.yaml}; clause 二十二, the
 * integrated air-pollutant and greenhouse-gas inventory): which gases the inventory reports, which activities emit them,
 * and which data elements carry each activity and each reported emission. Emission factors and net calorific values
 * are deliberately not here: they are revised by the ecology bureau without a release, so they live in the versioned
 * factor library of the aggregation service.
 *
 * @param gases             gases and air pollutants, in reporting order
 * @param activities        fuels and processes, in reporting order
 * @param activityData      the data elements that carry an activity (every sector's fuel use, process activities)
 * @param reportedEmissions the data elements that carry a sector's reported emission of a gas
 */
public record InventoryCatalogue(
        List<Gas> gases,
        List<Activity> activities,
        List<ActivityData> activityData,
        List<ReportedEmission> reportedEmissions) {

    public static final InventoryCatalogue EMPTY = new InventoryCatalogue(List.of(), List.of(), List.of(), List.of());

    public InventoryCatalogue {
        gases = List.copyOf(gases);
        activities = List.copyOf(activities);
        activityData = List.copyOf(activityData);
        reportedEmissions = List.copyOf(reportedEmissions);
    }

    /**
     * A gas or air pollutant of the inventory.
     *
     * @param code       {@code CO2}, {@code NOX}…
     * @param greenhouse whether it counts towards the CO2 equivalent (with its global warming potential)
     */
    public record Gas(String code, String zh, String en, boolean greenhouse) {}

    /** A fuel burnt (its emissions can be computed per unit of energy, with a net calorific value) or a process. */
    public enum ActivityKind {
        FUEL,
        PROCESS
    }

    /**
     * Something that emits: a fuel or a process.
     *
     * @param code  the activity key the factor library uses ({@code rawcoal}, {@code clinker})
     * @param unit  the physical unit of the activity: the canonical unit of every data element that carries it
     * @param gases the gases the inventory computes for this activity; a factor for another gas is refused
     */
    public record Activity(String code, ActivityKind kind, String zh, String en, String unit, List<String> gases) {

        public Activity {
            gases = gases == null ? List.of() : List.copyOf(gases);
        }

        public boolean emits(String gas) {
            return gases.contains(gas);
        }
    }

    /** A data element that carries an activity of a sector ({@code energy.fuel.rawcoal} → raw coal burnt by the energy sector). */
    public record ActivityData(String dataElement, Sector sector, String activity) {}

    /** A data element that carries a sector's reported emission of a gas ({@code energy.emissions.co2} → CO2). */
    public record ReportedEmission(String dataElement, Sector sector, String gas) {}

    public Optional<Gas> gas(String code) {
        return gases.stream().filter(g -> g.code().equals(code)).findFirst();
    }

    public Optional<Activity> activity(String code) {
        return activities.stream().filter(a -> a.code().equals(code)).findFirst();
    }

    public Map<String, Activity> activitiesByCode() {
        return activities.stream()
                .collect(Collectors.toMap(Activity::code, Function.identity(), (a, b) -> a, LinkedHashMap::new));
    }

    public List<ActivityData> activityData(Sector sector) {
        return activityData.stream().filter(a -> a.sector() == sector).toList();
    }

    public Optional<ReportedEmission> reported(Sector sector, String gas) {
        return reportedEmissions.stream()
                .filter(r -> r.sector() == sector && r.gas().equals(gas))
                .findFirst();
    }

    /** {@code true} when the data element is an input of the inventory (an activity or a reported emission). */
    public boolean reads(String dataElement) {
        return activityData.stream().anyMatch(a -> a.dataElement().equals(dataElement))
                || reportedEmissions.stream().anyMatch(r -> r.dataElement().equals(dataElement));
    }
}
