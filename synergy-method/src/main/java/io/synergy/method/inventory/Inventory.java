package io.synergy.method.inventory;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.IntStream;

/**
 * The integrated inventory of one org unit and year: per sector and gas, the calculated emission (from activity data
 * and the factor library) next to the reported one; energy by fuel; totals per gas; the CO2 equivalent. Every figure
 * carries the factor version that produced it. Masses are in tonnes, energy in TJ.
 *
 * @param rows               one per sector and gas that has a reported or a calculable emission
 * @param energy             one per sector and fuel reported
 * @param energyByFuel       fuel → TJ over all sectors (fuels without a calorific value are left out)
 * @param totals             per gas over the sectors
 * @param complete           {@code false} when an input is incomplete (a member has not reported, part of a year)
 * @param incomplete         which inputs, and what is missing from them
 * @param notReported        sectors without activity data or without reported emissions
 * @param usesExampleFactors whether any figure was computed with a factor marked as an example
 */
public record Inventory(
        int year,
        int factorVersion,
        List<Row> rows,
        List<FuelEnergy> energy,
        Map<String, Double> energyByFuel,
        List<Total> totals,
        Co2e co2e,
        boolean complete,
        List<String> incomplete,
        List<String> notReported,
        boolean usesExampleFactors) {

    public Inventory {
        rows = List.copyOf(rows);
        energy = List.copyOf(energy);
        energyByFuel = Collections.unmodifiableMap(new LinkedHashMap<>(energyByFuel));
        totals = List.copyOf(totals);
        incomplete = List.copyOf(incomplete);
        notReported = List.copyOf(notReported);
    }

    /** {@code false} when nothing at all was reported for the unit and year (no activity, no emission). */
    public boolean hasData() {
        return !rows.isEmpty() || !energy.isEmpty();
    }

    /**
     * Whether the two computations give the same figures (calculated values, statuses, example flags, energy), whatever
     * the versions' numbers, sources or descriptions: a factor revision that changes none of an org unit's figures does
     * not revise them.
     */
    public boolean sameFiguresAs(Inventory other) {
        return rows.size() == other.rows.size()
                && energy.size() == other.energy.size()
                && IntStream.range(0, rows.size()).allMatch(i -> rows.get(i).sameFigureAs(other.rows.get(i)))
                && IntStream.range(0, energy.size())
                        .allMatch(i -> Objects.equals(
                                        energy.get(i).energyTJ(),
                                        other.energy.get(i).energyTJ())
                                && energy.get(i)
                                        .dataElement()
                                        .equals(other.energy.get(i).dataElement()));
    }

    /**
     * One sector and gas.
     *
     * @param calculated         t, or {@code null} when not calculable ({@code status}, {@code reason} say why)
     * @param reported           t, or {@code null} when the sector did not report this gas
     * @param difference         calculated − reported
     * @param relativeDifference (calculated − reported) ÷ reported
     * @param differenceNote     why the difference or relative difference is absent (e.g. reported zero)
     * @param example            computed with at least one example factor
     * @param contributions      each activity's share of the calculated emission, with its factor
     */
    public record Row(
            String sector,
            String gas,
            Double calculated,
            Double reported,
            Double difference,
            Double relativeDifference,
            CalculationStatus status,
            String reason,
            String differenceNote,
            boolean example,
            int factorVersion,
            List<Contribution> contributions) {

        public Row {
            contributions = List.copyOf(contributions);
        }

        boolean sameFigureAs(Row o) {
            return sector.equals(o.sector)
                    && gas.equals(o.gas)
                    && Objects.equals(calculated, o.calculated)
                    && status == o.status
                    && example == o.example;
        }
    }

    /**
     * One activity's emission of a gas: activity × NCV × factor (per TJ) or activity × factor.
     *
     * @param ncv          per unit of activity, when the factor is per TJ
     * @param energyTJ     activity × NCV, when the factor is per TJ
     * @param factorSector the sector the factor is specific to, or {@code null} for the general row
     * @param emission     t
     */
    public record Contribution(
            String dataElement,
            String activity,
            double activityValue,
            String activityUnit,
            Double ncv,
            String ncvUnit,
            Double energyTJ,
            double factor,
            String factorUnit,
            String factorSector,
            String factorSource,
            boolean example,
            double emission) {}

    /** A sector's use of a fuel in TJ (net calorific basis); {@code energyTJ} null with a reason when the version has no NCV. */
    public record FuelEnergy(
            String sector,
            String fuel,
            String dataElement,
            double quantity,
            String unit,
            Double ncv,
            String ncvUnit,
            String ncvSource,
            Double energyTJ,
            String reason) {}

    /**
     * A gas over all sectors. {@code calculated} sums the sectors whose emission is calculated; it is {@code null} when a
     * sector's is missing a factor (the sum would be wrong, not merely partial). The sectors summed on each side are listed,
     * because a sector that reports emissions but no activity makes the two sides cover different ground.
     */
    public record Total(
            String gas,
            Double calculated,
            Double reported,
            Double difference,
            Double relativeDifference,
            CalculationStatus status,
            String reason,
            String differenceNote,
            boolean example,
            List<String> calculatedSectors,
            List<String> reportedSectors,
            int factorVersion) {

        public Total {
            calculatedSectors = List.copyOf(calculatedSectors);
            reportedSectors = List.copyOf(reportedSectors);
        }
    }

    /** CO2 equivalent (t CO2e) = Σ GWP × emission over the greenhouse gases, calculated and reported. */
    public record Co2e(
            Double calculated,
            Double reported,
            Double difference,
            Double relativeDifference,
            String reason,
            boolean example,
            List<SectorCo2e> bySector,
            Map<String, Double> gwp,
            String gwpSource,
            int factorVersion) {

        public Co2e {
            bySector = List.copyOf(bySector);
            gwp = Collections.unmodifiableMap(new LinkedHashMap<>(gwp));
        }
    }

    public record SectorCo2e(String sector, Double calculated, Double reported, String reason, boolean example) {}
}
