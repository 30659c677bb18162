package io.synergy.method.inventory;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * One version of the emission-factor library: a complete set of net calorific values and emission factors. Versions are
 * immutable; a revision is a new version that replaces the whole set (so a version alone explains every figure computed
 * with it).
 *
 * @param version     1, 2, …; 0 for a draft not yet stored
 * @param description what this version is and why it was made
 * @param createdAt   when it was stored ({@code null} for a draft)
 * @param createdBy   who stored it
 * @param ncvs        net calorific values per fuel
 * @param factors     emission factors
 */
public record FactorLibrary(
        int version,
        String description,
        Instant createdAt,
        String createdBy,
        List<NetCalorificValue> ncvs,
        List<EmissionFactor> factors) {

    public FactorLibrary {
        ncvs = ncvs == null ? List.of() : List.copyOf(ncvs);
        factors = factors == null ? List.of() : List.copyOf(factors);
    }

    /** A draft, as posted or read from a file: no version yet. */
    public static FactorLibrary draft(String description, List<NetCalorificValue> ncvs, List<EmissionFactor> factors) {
        return new FactorLibrary(0, description, null, null, ncvs, factors);
    }

    /** The draft stored as {@code version}. */
    public FactorLibrary stored(int version, Instant createdAt, String createdBy) {
        return new FactorLibrary(version, description, createdAt, createdBy, ncvs, factors);
    }

    /**
     * The factor for a gas, an activity of a sector, in a year: the sector's own row if there is one, otherwise the
     * row for every sector. A validated library has at most one row of each kind per year.
     */
    public Optional<EmissionFactor> factor(String gas, String activity, String sector, int year) {
        return factors.stream()
                .filter(f -> f.gas().equals(gas) && f.activity().equals(activity) && f.appliesIn(year))
                .filter(f -> f.sector() == null || f.sector().equals(sector))
                .max(Comparator.comparing(f -> f.sector() != null));
    }

    public Optional<NetCalorificValue> ncv(String fuel, int year) {
        return ncvs.stream()
                .filter(n -> n.fuel().equals(fuel) && n.appliesIn(year))
                .findFirst();
    }

    /** {@code true} when any factor is marked as an example. */
    public boolean hasExampleFactors() {
        return factors.stream().anyMatch(EmissionFactor::example);
    }
}
