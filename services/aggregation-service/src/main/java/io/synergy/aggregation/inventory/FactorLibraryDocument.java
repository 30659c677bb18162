package io.synergy.aggregation.inventory;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonInclude;
import io.synergy.method.inventory.EmissionFactor;
import io.synergy.method.inventory.FactorLibrary;
import io.synergy.method.inventory.NetCalorificValue;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * A factor library as it travels: the body of {@code POST /api/v1/inventory/factors} (JSON or YAML), the shipped
 * {@code emission-factors.yaml}, and the {@code library} of {@code GET /api/v1/inventory/factors}. The read-only fields
 * (version, when, who) are ignored on the way in, so a client can GET a version, edit it and POST it back.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
@JsonIgnoreProperties(
        value = {"version", "createdAt", "createdBy", "previousVersion", "usesExampleFactors"},
        allowGetters = true)
public record FactorLibraryDocument(
        Integer version,
        String description,
        Instant createdAt,
        String createdBy,
        Integer previousVersion,
        Boolean usesExampleFactors,
        List<NcvRow> ncv,
        List<FactorRow> factors) {

    /** A net calorific value: energy per unit of fuel. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record NcvRow(String fuel, Double value, String unit, String source, Integer validFrom, Integer validTo) {}

    /** An emission factor; {@code sector} only when it applies to one sector, {@code example} for demonstration values. */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    public record FactorRow(
            String gas,
            String activity,
            String sector,
            Double factor,
            String unit,
            String source,
            Integer validFrom,
            Integer validTo,
            Boolean example) {}

    /** The draft the validator checks; absent lists are empty (and refused where required). */
    public FactorLibrary toDraft() {
        List<NetCalorificValue> ncvs = ncv == null
                ? List.of()
                : ncv.stream()
                        .map(n -> n == null
                                ? null
                                : new NetCalorificValue(
                                        n.fuel(), n.value(), n.unit(), n.source(), n.validFrom(), n.validTo()))
                        .toList();
        List<EmissionFactor> fs = factors == null
                ? List.of()
                : factors.stream()
                        .map(f -> f == null
                                ? null
                                : new EmissionFactor(
                                        f.gas(),
                                        f.activity(),
                                        f.sector(),
                                        f.factor(),
                                        f.unit(),
                                        f.source(),
                                        f.validFrom(),
                                        f.validTo(),
                                        Boolean.TRUE.equals(f.example())))
                        .toList();
        return FactorLibrary.draft(description == null ? null : description.strip(), nullSafe(ncvs), nullSafe(fs));
    }

    /** {@code List.copyOf} refuses nulls: a null row is kept out here and reported by the parser instead. */
    private static <T> List<T> nullSafe(List<T> rows) {
        return rows.stream().filter(Objects::nonNull).toList();
    }

    public static FactorLibraryDocument of(FactorLibrary library, Integer previousVersion) {
        return new FactorLibraryDocument(
                library.version(),
                library.description(),
                library.createdAt(),
                library.createdBy(),
                previousVersion,
                library.hasExampleFactors(),
                library.ncvs().stream()
                        .map(n -> new NcvRow(n.fuel(), n.value(), n.unit(), n.source(), n.validFrom(), n.validTo()))
                        .toList(),
                library.factors().stream()
                        .map(f -> new FactorRow(
                                f.gas(),
                                f.activity(),
                                f.sector(),
                                f.value(),
                                f.unit(),
                                f.source(),
                                f.validFrom(),
                                f.validTo(),
                                f.example() ? Boolean.TRUE : null))
                        .toList());
    }
}
