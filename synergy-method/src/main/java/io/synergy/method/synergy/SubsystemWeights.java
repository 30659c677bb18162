package io.synergy.method.synergy;

import io.synergy.model.catalogue.Subsystem;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * The weights used in one subsystem and how they were obtained.
 *
 * @param subsystem the subsystem
 * @param method    entropy, equal (entropy fallback) or fixed
 * @param weights   indicator id → weight, in input order (an unmodifiable {@link LinkedHashMap}); they sum to 1
 */
public record SubsystemWeights(Subsystem subsystem, WeightMethod method, Map<String, Double> weights) {
    public SubsystemWeights {
        Objects.requireNonNull(subsystem, "subsystem");
        Objects.requireNonNull(method, "method");
        weights = Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(weights, "weights")));
    }
}
