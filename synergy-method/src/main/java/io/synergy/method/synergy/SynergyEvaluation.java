package io.synergy.method.synergy;

import io.synergy.model.catalogue.Subsystem;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The result of a synergy evaluation, with every intermediate an auditor needs.
 *
 * @param computable    {@code false} with fewer than 2 samples or a subsystem with no indicator left
 * @param reason        why it is not computable; {@code null} when computable
 * @param samples       the sample labels, in input order
 * @param normalisation the normalisation used
 * @param coupling      the coupling degree selected for D
 * @param weights       per subsystem (POLLUTION, then CARBON): method and weights; empty when not computable
 * @param normalised    indicator id → x' per sample (included indicators, input order); empty when not computable.
 *                      The accessor returns copies of the arrays.
 * @param excluded      indicators left out, with the reason
 * @param scores        one score per sample, in sample order; empty (never zeros) when not computable
 */
public record SynergyEvaluation(
        boolean computable,
        String reason,
        List<String> samples,
        Normalisation normalisation,
        Coupling coupling,
        List<SubsystemWeights> weights,
        Map<String, double[]> normalised,
        List<Excluded> excluded,
        List<SampleScore> scores) {

    public SynergyEvaluation {
        samples = List.copyOf(samples);
        Objects.requireNonNull(normalisation, "normalisation");
        Objects.requireNonNull(coupling, "coupling");
        weights = List.copyOf(weights);
        normalised = Collections.unmodifiableMap(deepCopy(normalised));
        excluded = List.copyOf(excluded);
        scores = List.copyOf(scores);
        if (computable != (reason == null)) {
            throw new IllegalArgumentException("reason must be given exactly when not computable");
        }
    }

    /** A copy of the normalised values (the arrays are copies too). */
    @Override
    public Map<String, double[]> normalised() {
        return Collections.unmodifiableMap(deepCopy(normalised));
    }

    /** The weights of {@code subsystem}, if computed. */
    public Optional<SubsystemWeights> weightsOf(Subsystem subsystem) {
        return weights.stream().filter(w -> w.subsystem() == subsystem).findFirst();
    }

    private static Map<String, double[]> deepCopy(Map<String, double[]> m) {
        LinkedHashMap<String, double[]> copy = new LinkedHashMap<>();
        Objects.requireNonNull(m, "normalised").forEach((k, v) -> copy.put(k, v.clone()));
        return copy;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof SynergyEvaluation e)) {
            return false;
        }
        if (computable != e.computable
                || !Objects.equals(reason, e.reason)
                || !samples.equals(e.samples)
                || normalisation != e.normalisation
                || coupling != e.coupling
                || !weights.equals(e.weights)
                || !excluded.equals(e.excluded)
                || !scores.equals(e.scores)
                || !normalised.keySet().equals(e.normalised.keySet())) {
            return false;
        }
        for (Map.Entry<String, double[]> entry : normalised.entrySet()) {
            if (!Arrays.equals(entry.getValue(), e.normalised.get(entry.getKey()))) {
                return false;
            }
        }
        return true;
    }

    @Override
    public int hashCode() {
        int h = Objects.hash(computable, reason, samples, normalisation, coupling, weights, excluded, scores);
        for (Map.Entry<String, double[]> entry : normalised.entrySet()) {
            h = 31 * h + (entry.getKey().hashCode() ^ Arrays.hashCode(entry.getValue()));
        }
        return h;
    }

    @Override
    public String toString() {
        StringBuilder n = new StringBuilder("{");
        normalised.forEach((k, v) ->
                n.append(n.length() > 1 ? ", " : "").append(k).append('=').append(Arrays.toString(v)));
        n.append('}');
        return "SynergyEvaluation[computable=" + computable + ", reason=" + reason + ", samples=" + samples
                + ", normalisation=" + normalisation + ", coupling=" + coupling + ", weights=" + weights
                + ", normalised=" + n + ", excluded=" + excluded + ", scores=" + scores + "]";
    }
}
