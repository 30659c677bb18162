package io.synergy.method.synergy;

import io.synergy.model.catalogue.Direction;
import io.synergy.model.catalogue.Subsystem;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * The synergy degree 协同度: coupling coordination degree of the pollution-reduction (U1) and carbon-reduction (U2)
 * subsystems (docs/method.md §3).
 *
 * <p>For samples i = 1..n (years of the city, or district-years of a panel: the calculator never assumes the
 * labels are years) and indicators j of one subsystem:
 * <ol>
 *   <li>Exclusion: an indicator with a missing (non-finite) value for any sample is left out and listed
 *       ("missing value for sample X"); in TARGET mode also one without baseline or target.</li>
 *   <li>Normalisation, ε = {@link SynergyOptions#epsilon()}:
 *     <ul>
 *       <li>RANGE: x' = (x − lo)/(hi − lo) + ε (higher is better), (hi − x)/(hi − lo) + ε (lower is better);
 *           hi = lo → x' = 1 for every sample (docs/method.md §3; such an indicator carries no information, its entropy
 *           weight is 0 and the other weights renormalise).</li>
 *       <li>TARGET: x' = clamp((x − b)/(g − b), 0, 1) + ε. When g = b (e.g. a zero landfill target with a zero
 *           baseline) the ratio is undefined; the indicator is then read as compliance: x' = 1 + ε when x meets g
 *           ({@link Direction#meets}), else 0 + ε.</li>
 *     </ul></li>
 *   <li>Entropy weights within each subsystem: p_ij = x'_ij/Σ_i x'_ij, e_j = −(1/ln n) Σ_i p_ij ln p_ij
 *       (p ln p := 0 at p = 0), d_j = 1 − e_j, w_j = d_j/Σd_j; Σd = 0 (nothing varies) → equal weights 1/m.
 *       An indicator whose x' is the same for every sample gets d_j = 0 exactly (not 1 − e_j, which rounding
 *       would leave at ±1e-16 and so turn the Σd = 0 fallback into a ratio of noise). With
 *       {@link SynergyOptions#fixedWeights()} the configured weights are used instead, renormalised.</li>
 *   <li>U1_i = Σ_{pollution} w_j x'_ij, U2_i = Σ_{carbon} w_j x'_ij.</li>
 *   <li>Standard coupling C = 2√(U1·U2)/(U1 + U2) (0 when U1 + U2 = 0), capped at 1 (it is ≤ 1 by AM–GM; the
 *       cap only removes rounding). Corrected coupling C' = √[(1 − |U1 − U2|)·Umin/Umax] (0 when Umax = 0).
 *       Both are reported; {@link SynergyOptions#coupling()} selects the one in D.</li>
 *   <li>T = αU1 + βU2, D = √(C·T), {@link Grade#of(double)}.</li>
 *   <li>Lag: |U1 − U2| ≤ threshold → synchronous, U1 − U2 &gt; threshold → carbon lagging, else pollution
 *       lagging. The comparison allows 1e-9 of rounding (as the attainment rule r ≥ τ − 1e-9 does), so a
 *       difference that is the threshold in decimal but a few ulps above it in binary stays synchronous.</li>
 * </ol>
 *
 * <p>Not computable (with the reason, scores empty, never zeros): fewer than 2 samples, or a subsystem with no
 * indicator left. Invalid input (series length ≠ number of samples, duplicate ids or sample labels, a fixed
 * weight missing for an included indicator) throws {@link IllegalArgumentException}.
 */
public final class SynergyCalculator {

    /** Rounding slack in the lag threshold comparison; see the class comment. */
    static final double LAG_TOLERANCE = 1e-9;

    private static final Subsystem[] SUBSYSTEMS = {Subsystem.POLLUTION, Subsystem.CARBON};

    private SynergyCalculator() {}

    /**
     * Evaluates the synergy degree of every sample.
     *
     * @param samples sample labels in order (years, or e.g. "370202/2024"); distinct
     * @param series  the indicators, each with one value per sample; ids distinct
     * @param options normalisation, coupling, α/β, lag threshold, ε, fixed weights
     */
    public static SynergyEvaluation evaluate(
            List<String> samples, List<IndicatorSeries> series, SynergyOptions options) {
        Objects.requireNonNull(samples, "samples");
        Objects.requireNonNull(series, "series");
        Objects.requireNonNull(options, "options");
        int n = samples.size();
        Set<String> labels = new HashSet<>();
        for (String s : samples) {
            if (!labels.add(Objects.requireNonNull(s, "sample label"))) {
                throw new IllegalArgumentException("duplicate sample label: " + s);
            }
        }
        Set<String> ids = new HashSet<>();
        for (IndicatorSeries s : series) {
            Objects.requireNonNull(s, "series element");
            if (!ids.add(s.id())) {
                throw new IllegalArgumentException("duplicate indicator id: " + s.id());
            }
            if (s.size() != n) {
                throw new IllegalArgumentException(
                        "indicator " + s.id() + " has " + s.size() + " values for " + n + " samples");
            }
        }

        // 1. Exclusion.
        List<Excluded> excluded = new ArrayList<>();
        List<IndicatorSeries> included = new ArrayList<>();
        for (IndicatorSeries s : series) {
            String reason = exclusionReason(s, samples, options.normalisation());
            if (reason != null) {
                excluded.add(new Excluded(s.id(), reason));
            } else {
                included.add(s);
            }
        }

        if (n < 2) {
            return notComputable("fewer than 2 samples (n = " + n + ")", samples, options, excluded);
        }
        List<List<IndicatorSeries>> bySubsystem = new ArrayList<>();
        List<String> empty = new ArrayList<>();
        for (Subsystem sub : SUBSYSTEMS) {
            List<IndicatorSeries> members = new ArrayList<>();
            for (IndicatorSeries s : included) {
                if (s.subsystem() == sub) {
                    members.add(s);
                }
            }
            if (members.isEmpty()) {
                empty.add(sub.name() + " (" + sub.zh() + ")");
            }
            bySubsystem.add(members);
        }
        if (!empty.isEmpty()) {
            return notComputable(
                    "no indicator left in subsystem " + String.join(" and ", empty), samples, options, excluded);
        }

        // 2. Normalisation (input order of the included indicators).
        Map<String, double[]> normalised = new LinkedHashMap<>();
        for (IndicatorSeries s : included) {
            normalised.put(s.id(), normalise(s, options));
        }

        // 3–4. Weights and subsystem indices.
        List<SubsystemWeights> weights = new ArrayList<>(2);
        double[][] u = new double[2][];
        for (int k = 0; k < SUBSYSTEMS.length; k++) {
            List<IndicatorSeries> members = bySubsystem.get(k);
            int m = members.size();
            double[][] x = new double[m][];
            for (int j = 0; j < m; j++) {
                x[j] = normalised.get(members.get(j).id());
            }
            double[] w;
            WeightMethod method;
            if (!options.fixedWeights().isEmpty()) {
                method = WeightMethod.FIXED;
                w = fixedWeights(SUBSYSTEMS[k], members, options.fixedWeights());
            } else {
                w = entropyWeights(x, n);
                method = w == null ? WeightMethod.EQUAL : WeightMethod.ENTROPY;
                if (w == null) {
                    w = new double[m];
                    Arrays.fill(w, 1.0 / m);
                }
            }
            Map<String, Double> wm = new LinkedHashMap<>();
            for (int j = 0; j < m; j++) {
                wm.put(members.get(j).id(), w[j]);
            }
            weights.add(new SubsystemWeights(SUBSYSTEMS[k], method, wm));
            u[k] = compositeIndex(x, w, n);
        }

        // 5–7. Coupling, coordination, grade, lag.
        List<SampleScore> scores = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            scores.add(score(samples.get(i), u[0][i], u[1][i], options));
        }
        return new SynergyEvaluation(
                true,
                null,
                samples,
                options.normalisation(),
                options.coupling(),
                weights,
                normalised,
                excluded,
                scores);
    }

    private static SynergyEvaluation notComputable(
            String reason, List<String> samples, SynergyOptions options, List<Excluded> excluded) {
        return new SynergyEvaluation(
                false,
                reason,
                samples,
                options.normalisation(),
                options.coupling(),
                List.of(),
                Map.of(),
                excluded,
                List.of());
    }

    private static String exclusionReason(IndicatorSeries s, List<String> samples, Normalisation mode) {
        double[] v = s.valuesUnsafe();
        for (int i = 0; i < v.length; i++) {
            if (!Double.isFinite(v[i])) {
                return "missing value for sample " + samples.get(i);
            }
        }
        if (mode == Normalisation.TARGET) {
            if (s.baseline() == null || !Double.isFinite(s.baseline())) {
                return "no baseline for target normalisation";
            }
            if (s.target() == null || !Double.isFinite(s.target())) {
                return "no target for target normalisation";
            }
        }
        return null;
    }

    /** x' of one indicator per the options' normalisation. */
    static double[] normalise(IndicatorSeries s, SynergyOptions options) {
        double[] x = s.valuesUnsafe();
        int n = x.length;
        double eps = options.epsilon();
        double[] out = new double[n];
        if (options.normalisation() == Normalisation.RANGE) {
            double lo = Double.POSITIVE_INFINITY;
            double hi = Double.NEGATIVE_INFINITY;
            for (double v : x) {
                lo = Math.min(lo, v);
                hi = Math.max(hi, v);
            }
            if (hi == lo) {
                Arrays.fill(out, 1.0);
                return out;
            }
            double range = hi - lo;
            boolean higher = s.direction() == Direction.HIGHER;
            for (int i = 0; i < n; i++) {
                out[i] = (higher ? x[i] - lo : hi - x[i]) / range + eps;
            }
            return out;
        }
        double b = s.baseline();
        double g = s.target();
        if (g == b) {
            for (int i = 0; i < n; i++) {
                out[i] = (s.direction().meets(x[i], g) ? 1.0 : 0.0) + eps;
            }
            return out;
        }
        double span = g - b;
        for (int i = 0; i < n; i++) {
            double r = (x[i] - b) / span;
            out[i] = Math.max(0.0, Math.min(1.0, r)) + eps;
        }
        return out;
    }

    /**
     * Entropy weights of the columns {@code x[j]} over {@code n} samples, or {@code null} when Σd = 0 (the caller
     * then uses equal weights).
     */
    static double[] entropyWeights(double[][] x, int n) {
        int m = x.length;
        double k = 1.0 / Math.log(n);
        double[] d = new double[m];
        double sumD = 0;
        for (int j = 0; j < m; j++) {
            double[] col = x[j];
            boolean constant = true;
            double sum = 0;
            for (int i = 0; i < n; i++) {
                sum += col[i];
                constant &= col[i] == col[0];
            }
            if (constant || sum <= 0) {
                d[j] = 0; // no variation, no information: see the class comment
            } else {
                double h = 0;
                for (int i = 0; i < n; i++) {
                    double p = col[i] / sum;
                    if (p > 0) {
                        h -= p * Math.log(p);
                    }
                }
                d[j] = Math.max(0.0, 1.0 - k * h);
            }
            sumD += d[j];
        }
        if (sumD == 0) {
            return null;
        }
        double[] w = new double[m];
        for (int j = 0; j < m; j++) {
            w[j] = d[j] / sumD;
        }
        return w;
    }

    private static double[] fixedWeights(Subsystem sub, List<IndicatorSeries> members, Map<String, Double> fixed) {
        int m = members.size();
        double[] w = new double[m];
        double sum = 0;
        for (int j = 0; j < m; j++) {
            String id = members.get(j).id();
            Double fw = fixed.get(id);
            if (fw == null) {
                throw new IllegalArgumentException("no fixed weight for included indicator " + id);
            }
            w[j] = fw;
            sum += fw;
        }
        if (sum <= 0) {
            throw new IllegalArgumentException("fixed weights of subsystem " + sub + " sum to 0");
        }
        for (int j = 0; j < m; j++) {
            w[j] /= sum;
        }
        return w;
    }

    private static double[] compositeIndex(double[][] x, double[] w, int n) {
        double[] u = new double[n];
        for (int j = 0; j < x.length; j++) {
            double wj = w[j];
            double[] col = x[j];
            for (int i = 0; i < n; i++) {
                u[i] += wj * col[i];
            }
        }
        return u;
    }

    /** Coupling, coordination, grade and lag of one sample from its U1 and U2. */
    static SampleScore score(String sample, double u1, double u2, SynergyOptions options) {
        double sum = u1 + u2;
        double cStandard = sum == 0 ? 0.0 : Math.min(1.0, 2.0 * Math.sqrt(u1 * u2) / sum);
        double max = Math.max(u1, u2);
        double min = Math.min(u1, u2);
        double diff = u1 - u2;
        double cCorrected = max == 0 ? 0.0 : Math.sqrt(Math.max(0.0, (1.0 - Math.abs(diff)) * min / max));
        double c = options.coupling() == Coupling.STANDARD ? cStandard : cCorrected;
        double t = options.alpha() * u1 + options.beta() * u2;
        double d = Math.sqrt(c * t);
        LagType lag;
        if (Math.abs(diff) <= options.lagThreshold() + LAG_TOLERANCE) {
            lag = LagType.SYNCHRONOUS;
        } else if (diff > 0) {
            lag = LagType.CARBON_LAGGING;
        } else {
            lag = LagType.POLLUTION_LAGGING;
        }
        return new SampleScore(sample, u1, u2, cStandard, cCorrected, c, t, d, Grade.of(d), lag);
    }
}
