package io.synergy.method.results;

import java.util.List;
import java.util.Map;

/**
 * The configurable choices of the method (docs/method.md), as plain values.
 *
 * @param baseYear             y0: first sample of every evaluation and the baseline year of attainment (2020)
 * @param alpha                weight of U1 in T
 * @param beta                 weight of U2 in T
 * @param lagThreshold         |U1 − U2| at or below which the subsystems are synchronous
 * @param pollutionIndicators  U1's indicator set
 * @param carbonIndicators     U2's indicator set
 * @param targetOverrides      indicator id → target value replacing the catalogue's (provincial targets)
 * @param tolerances           indicator id → tolerance ("about 50 %")
 * @param fixedWeights         indicator id → fixed weight (empty: entropy weights)
 */
public record MethodSettings(
        int baseYear,
        double alpha,
        double beta,
        double lagThreshold,
        List<String> pollutionIndicators,
        List<String> carbonIndicators,
        Map<String, Double> targetOverrides,
        Map<String, Double> tolerances,
        Map<String, Double> fixedWeights) {

    public static MethodSettings defaults() {
        return new MethodSettings(
                2020,
                0.5,
                0.5,
                0.1,
                List.of("A1", "A2", "W1", "W2", "W3", "EM-SO2", "EM-NOX", "EM-PM", "EM-VOCS"),
                List.of("E1", "E2", "E3", "E4", "T1", "T2", "T3", "B1", "B2", "EM-CO2"),
                Map.of(),
                Map.of(),
                Map.of());
    }
}
