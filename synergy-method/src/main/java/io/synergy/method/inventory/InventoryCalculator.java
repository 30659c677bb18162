package io.synergy.method.inventory;

import io.synergy.method.inventory.Inventory.Co2e;
import io.synergy.method.inventory.Inventory.Contribution;
import io.synergy.method.inventory.Inventory.FuelEnergy;
import io.synergy.method.inventory.Inventory.Row;
import io.synergy.method.inventory.Inventory.SectorCo2e;
import io.synergy.method.inventory.Inventory.Total;
import io.synergy.method.inventory.InventoryInputs.Input;
import io.synergy.model.catalogue.InventoryCatalogue;
import io.synergy.model.catalogue.InventoryCatalogue.Activity;
import io.synergy.model.catalogue.InventoryCatalogue.ActivityData;
import io.synergy.model.catalogue.InventoryCatalogue.ActivityKind;
import io.synergy.model.catalogue.InventoryCatalogue.Gas;
import io.synergy.model.catalogue.Sector;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Computes the integrated inventory of one org unit and year with one version of the factor library.
 *
 * <p>For each sector and gas: calculated = Σ over the sector's reported activities that emit the gas of
 * activity × NCV × factor (factors per TJ, NCV in TJ per unit) or activity × factor (factors per unit of activity:
 * processes, and per-mass pollutant factors); reported = the sector's reported emission; difference = calculated −
 * reported and relative difference = difference ÷ reported. A sector's own factor row wins over the general one. The
 * formulas are linear in the activities, so the inventory of a unit computed from its summed activities equals the
 * sum of its members' inventories.
 *
 * <p>What cannot be calculated is said, never zeroed: an activity without a factor makes the row MISSING_FACTOR (the
 * contributions that could be computed are still listed); a zero activity needs no factor (it emits nothing whatever
 * the factor is).
 */
public final class InventoryCalculator {

    private final InventoryCatalogue catalogue;
    private final Gwp gwp;

    public InventoryCalculator(InventoryCatalogue catalogue, Gwp gwp) {
        this.catalogue = catalogue;
        this.gwp = gwp;
    }

    public Inventory compute(FactorLibrary library, InventoryInputs inputs, int year) {
        Map<String, Activity> activities = catalogue.activitiesByCode();
        Map<String, Input> used = new LinkedHashMap<>();
        List<Row> rows = new ArrayList<>();
        List<FuelEnergy> energy = new ArrayList<>();
        List<String> notReported = new ArrayList<>();
        int version = library.version();

        for (Sector sector : Sector.values()) {
            List<ActivityData> sectorActivities = catalogue.activityData(sector);
            Map<ActivityData, Input> present = new LinkedHashMap<>();
            for (ActivityData ad : sectorActivities) {
                inputs.get(ad.dataElement()).ifPresent(in -> {
                    present.put(ad, in);
                    used.put(ad.dataElement(), in);
                });
            }
            if (!sectorActivities.isEmpty() && present.isEmpty()) {
                notReported.add(sector.code() + ": no activity data");
            }
            for (Map.Entry<ActivityData, Input> e : present.entrySet()) {
                Activity a = activities.get(e.getKey().activity());
                if (a.kind() == ActivityKind.FUEL) {
                    energy.add(fuelEnergy(
                            library, year, sector, e.getKey(), a, e.getValue().value()));
                }
            }
            boolean anyReported = false;
            boolean reportsSomething = false;
            for (Gas gas : catalogue.gases()) {
                Optional<InventoryCatalogue.ReportedEmission> reportedAs = catalogue.reported(sector, gas.code());
                reportsSomething |= reportedAs.isPresent();
                Input reported =
                        reportedAs.flatMap(r -> inputs.get(r.dataElement())).orElse(null);
                if (reported != null) {
                    used.put(reportedAs.get().dataElement(), reported);
                    anyReported = true;
                }
                Row row = row(
                        library,
                        year,
                        sector,
                        gas.code(),
                        sectorActivities,
                        present,
                        activities,
                        reported == null ? null : reported.value());
                boolean calculable =
                        row.status() == CalculationStatus.COMPUTED || row.status() == CalculationStatus.MISSING_FACTOR;
                if (calculable || reported != null) {
                    rows.add(row);
                }
            }
            if (reportsSomething && !anyReported) {
                notReported.add(sector.code() + ": no reported emissions");
            }
        }

        Map<String, Double> energyByFuel = new LinkedHashMap<>();
        for (Activity a : catalogue.activities()) {
            double sum = 0;
            boolean any = false;
            for (FuelEnergy fe : energy) {
                if (fe.fuel().equals(a.code()) && fe.energyTJ() != null) {
                    sum += fe.energyTJ();
                    any = true;
                }
            }
            if (any) {
                energyByFuel.put(a.code(), sum);
            }
        }
        List<Total> totals = totals(rows, version);
        List<String> incomplete = new ArrayList<>();
        used.forEach((code, in) -> {
            if (!in.complete()) {
                incomplete.add(
                        code + ": " + (in.missing().isEmpty() ? "part of the year" : String.join(", ", in.missing())));
            }
        });
        boolean examples = rows.stream().anyMatch(Row::example);
        return new Inventory(
                year,
                version,
                rows,
                energy,
                energyByFuel,
                totals,
                co2e(rows, totals, version),
                incomplete.isEmpty(),
                incomplete,
                notReported,
                examples);
    }

    private static FuelEnergy fuelEnergy(
            FactorLibrary library, int year, Sector sector, ActivityData ad, Activity fuel, double quantity) {
        Optional<NetCalorificValue> ncv = library.ncv(fuel.code(), year);
        if (ncv.isEmpty()) {
            return new FuelEnergy(
                    sector.code(),
                    fuel.code(),
                    ad.dataElement(),
                    quantity,
                    fuel.unit(),
                    null,
                    null,
                    null,
                    null,
                    "factor version " + library.version() + " has no net calorific value of " + fuel.code() + " for "
                            + year);
        }
        NetCalorificValue n = ncv.get();
        return new FuelEnergy(
                sector.code(),
                fuel.code(),
                ad.dataElement(),
                quantity,
                fuel.unit(),
                n.value(),
                n.unit(),
                n.source(),
                quantity * n.tjPerUnit(),
                null);
    }

    private Row row(
            FactorLibrary library,
            int year,
            Sector sector,
            String gas,
            List<ActivityData> sectorActivities,
            Map<ActivityData, Input> present,
            Map<String, Activity> activities,
            Double reported) {
        int version = library.version();
        List<ActivityData> emitting = sectorActivities.stream()
                .filter(ad -> activities.get(ad.activity()).emits(gas))
                .toList();
        List<Contribution> contributions = new ArrayList<>();
        List<String> missing = new ArrayList<>();
        boolean anyActivity = false;
        double sum = 0;
        for (ActivityData ad : emitting) {
            Input in = present.get(ad);
            if (in == null) {
                continue;
            }
            anyActivity = true;
            Activity activity = activities.get(ad.activity());
            double v = in.value();
            Optional<EmissionFactor> factor = library.factor(gas, activity.code(), sector.code(), year);
            if (factor.isEmpty()) {
                if (v != 0) {
                    missing.add("no " + gas + " factor for " + activity.code() + " valid in " + year);
                }
                continue;
            }
            EmissionFactor f = factor.get();
            FactorUnit unit = f.parsedUnit();
            Double ncvValue = null;
            String ncvUnit = null;
            Double energyTJ = null;
            double emission;
            if (unit.perEnergy()) {
                Optional<NetCalorificValue> ncv = library.ncv(activity.code(), year);
                if (ncv.isEmpty()) {
                    if (v != 0) {
                        missing.add("no net calorific value of " + activity.code() + " valid in " + year);
                    }
                    continue;
                }
                ncvValue = ncv.get().value();
                ncvUnit = ncv.get().unit();
                energyTJ = v * ncv.get().tjPerUnit();
                emission = energyTJ * f.value() * unit.tonnesPerMassUnit();
            } else {
                emission = v * f.value() * unit.tonnesPerMassUnit();
            }
            sum += emission;
            contributions.add(new Contribution(
                    ad.dataElement(),
                    activity.code(),
                    v,
                    activity.unit(),
                    ncvValue,
                    ncvUnit,
                    energyTJ,
                    f.value(),
                    f.unit(),
                    f.sector(),
                    f.source(),
                    f.example(),
                    emission));
        }
        boolean example = contributions.stream().anyMatch(Contribution::example);
        CalculationStatus status;
        String reason;
        Double calculated = null;
        if (emitting.isEmpty()) {
            status = CalculationStatus.NOT_MODELLED;
            reason = "no activity of the catalogue emits " + gas + " in the " + sector.code()
                    + " sector: only the reported figure";
        } else if (!anyActivity) {
            status = CalculationStatus.NO_ACTIVITY_DATA;
            reason = "no activity data of the " + sector.code() + " sector reported";
        } else if (!missing.isEmpty()) {
            status = CalculationStatus.MISSING_FACTOR;
            reason = "factor version " + version + ": " + String.join("; ", missing);
        } else {
            status = CalculationStatus.COMPUTED;
            reason = null;
            calculated = sum;
        }
        Comparison c = Comparison.of(calculated, reported);
        return new Row(
                sector.code(),
                gas,
                calculated,
                reported,
                c.difference(),
                c.relative(),
                status,
                reason,
                c.note(),
                example,
                version,
                contributions);
    }

    private List<Total> totals(List<Row> rows, int version) {
        List<Total> totals = new ArrayList<>();
        for (Gas gas : catalogue.gases()) {
            List<Row> ofGas =
                    rows.stream().filter(r -> r.gas().equals(gas.code())).toList();
            if (ofGas.isEmpty()) {
                continue;
            }
            List<String> missingIn = ofGas.stream()
                    .filter(r -> r.status() == CalculationStatus.MISSING_FACTOR)
                    .map(Row::sector)
                    .toList();
            List<Row> computed = ofGas.stream()
                    .filter(r -> r.status() == CalculationStatus.COMPUTED)
                    .toList();
            List<Row> reported =
                    ofGas.stream().filter(r -> r.reported() != null).toList();
            Double calculated = null;
            CalculationStatus status;
            String reason = null;
            if (!missingIn.isEmpty()) {
                status = CalculationStatus.MISSING_FACTOR;
                reason = "not calculable: a factor is missing in " + String.join(", ", missingIn);
            } else if (!computed.isEmpty()) {
                status = CalculationStatus.COMPUTED;
                calculated = computed.stream().mapToDouble(Row::calculated).sum();
            } else if (ofGas.stream().allMatch(r -> r.status() == CalculationStatus.NOT_MODELLED)) {
                status = CalculationStatus.NOT_MODELLED;
                reason = "no activity of the catalogue emits " + gas.code() + ": only reported figures";
            } else {
                status = CalculationStatus.NO_ACTIVITY_DATA;
                reason = "no activity data reported";
            }
            Double reportedSum = reported.isEmpty()
                    ? null
                    : reported.stream().mapToDouble(Row::reported).sum();
            Comparison c = Comparison.of(calculated, reportedSum);
            boolean example =
                    status == CalculationStatus.COMPUTED && computed.stream().anyMatch(Row::example);
            totals.add(new Total(
                    gas.code(),
                    calculated,
                    reportedSum,
                    c.difference(),
                    c.relative(),
                    status,
                    reason,
                    c.note(),
                    example,
                    calculated == null
                            ? List.of()
                            : computed.stream().map(Row::sector).toList(),
                    reported.stream().map(Row::sector).toList(),
                    version));
        }
        return totals;
    }

    private Co2e co2e(List<Row> rows, List<Total> totals, int version) {
        List<String> greenhouse = catalogue.gases().stream()
                .filter(Gas::greenhouse)
                .map(Gas::code)
                .toList();
        Map<String, Double> used = new LinkedHashMap<>();
        List<String> withoutGwp = new ArrayList<>();
        for (String g : greenhouse) {
            gwp.of(g).ifPresentOrElse(v -> used.put(g, v), () -> withoutGwp.add(g));
        }
        if (!withoutGwp.isEmpty()) {
            return new Co2e(
                    null,
                    null,
                    null,
                    null,
                    "no global warming potential configured for " + String.join(", ", withoutGwp),
                    false,
                    List.of(),
                    used,
                    gwp.source(),
                    version);
        }
        List<SectorCo2e> bySector = new ArrayList<>();
        for (Sector s : Sector.values()) {
            List<Row> ghg = rows.stream()
                    .filter(r -> r.sector().equals(s.code()) && greenhouse.contains(r.gas()))
                    .toList();
            if (ghg.isEmpty()) {
                continue;
            }
            Weighted calc = weighted(
                    ghg.stream()
                            .map(r -> new Part(r.gas(), r.calculated(), r.status(), r.example()))
                            .toList(),
                    used);
            Weighted rep = weightedReported(
                    ghg.stream()
                            .map(r -> new Part(r.gas(), r.reported(), CalculationStatus.COMPUTED, false))
                            .toList(),
                    used);
            bySector.add(new SectorCo2e(s.code(), calc.value(), rep.value(), calc.reason(), calc.example()));
        }
        List<Total> ghgTotals =
                totals.stream().filter(t -> greenhouse.contains(t.gas())).toList();
        Weighted calc = weighted(
                ghgTotals.stream()
                        .map(t -> new Part(t.gas(), t.calculated(), t.status(), t.example()))
                        .toList(),
                used);
        Weighted rep = weightedReported(
                ghgTotals.stream()
                        .map(t -> new Part(t.gas(), t.reported(), CalculationStatus.COMPUTED, false))
                        .toList(),
                used);
        Comparison c = Comparison.of(calc.value(), rep.value());
        String reason = calc.reason() != null ? calc.reason() : c.note();
        return new Co2e(
                calc.value(),
                rep.value(),
                c.difference(),
                c.relative(),
                reason,
                calc.example(),
                bySector,
                used,
                gwp.source(),
                version);
    }

    private record Part(String gas, Double value, CalculationStatus status, boolean example) {}

    private record Weighted(Double value, String reason, boolean example) {}

    /** Σ GWP × calculated: null when a gas is missing a factor (wrong, not partial) or nothing is calculated. */
    private static Weighted weighted(List<Part> parts, Map<String, Double> gwp) {
        List<String> missing = parts.stream()
                .filter(p -> p.status() == CalculationStatus.MISSING_FACTOR)
                .map(Part::gas)
                .toList();
        if (!missing.isEmpty()) {
            return new Weighted(null, "not calculable: a factor is missing for " + String.join(", ", missing), false);
        }
        double sum = 0;
        boolean any = false;
        boolean example = false;
        for (Part p : parts) {
            if (p.value() != null) {
                sum += gwp.get(p.gas()) * p.value();
                any = true;
                example |= p.example();
            }
        }
        return any ? new Weighted(sum, null, example) : new Weighted(null, "no greenhouse gas calculated", false);
    }

    private static Weighted weightedReported(List<Part> parts, Map<String, Double> gwp) {
        double sum = 0;
        boolean any = false;
        for (Part p : parts) {
            if (p.value() != null) {
                sum += gwp.get(p.gas()) * p.value();
                any = true;
            }
        }
        return new Weighted(any ? sum : null, null, false);
    }

    /** Calculated against reported: the difference, the relative difference, or why either is absent. */
    record Comparison(Double difference, Double relative, String note) {

        static Comparison of(Double calculated, Double reported) {
            if (calculated == null) {
                return new Comparison(null, null, null);
            }
            if (reported == null) {
                return new Comparison(null, null, "no reported emission to compare with");
            }
            double d = calculated - reported;
            if (reported == 0) {
                return new Comparison(d, null, "reported is zero: relative difference undefined");
            }
            return new Comparison(d, d / reported, null);
        }
    }
}
