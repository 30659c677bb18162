package io.synergy.method.synergy;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.synergy.model.catalogue.Direction;
import io.synergy.model.catalogue.Subsystem;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;

/**
 * Invariants of the synergy degree over random panels: 200 seeded repetitions per property. Repetition k uses
 * seed {@code SEED + k}, so a failure names its repetition and replays exactly.
 */
class SynergyPropertiesTest {

    private static final long SEED = 20_241_125L;
    private static final int TRIES = 200;

    /** A random evaluation input: n samples, m1 pollution and m2 carbon indicators. */
    record Panel(List<String> samples, List<IndicatorSeries> series) {}

    private static Random random(RepetitionInfo info) {
        return new Random(SEED + info.getCurrentRepetition());
    }

    /**
     * 2–8 samples, 1–4 indicators per subsystem, random directions. Each indicator is either constant (no
     * variation), drawn from {0, 1, 2} (ties), or uniform in [−1000, 1000] with 2 decimals — so the corner cases
     * (hi = lo, Σd = 0, repeated extremes) come up regularly.
     */
    static Panel panel(Random rnd) {
        int n = 2 + rnd.nextInt(7);
        int m1 = 1 + rnd.nextInt(4);
        int m2 = 1 + rnd.nextInt(4);
        List<String> samples = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            samples.add("s" + i);
        }
        List<IndicatorSeries> series = new ArrayList<>();
        for (int j = 0; j < m1 + m2; j++) {
            double[] x = new double[n];
            int kind = rnd.nextInt(10);
            double constant = Math.round(rnd.nextDouble() * 100) / 10.0;
            for (int i = 0; i < n; i++) {
                x[i] = switch (kind) {
                    case 0 -> constant;
                    case 1, 2 -> rnd.nextInt(3);
                    default -> Math.round((rnd.nextDouble() * 2000 - 1000) * 100) / 100.0;
                };
            }
            Direction dir = rnd.nextBoolean() ? Direction.HIGHER : Direction.LOWER;
            series.add(new IndicatorSeries("x" + j, j < m1 ? Subsystem.POLLUTION : Subsystem.CARBON, dir, x));
        }
        return new Panel(samples, series);
    }

    @RepeatedTest(value = TRIES, name = "repetition {currentRepetition}")
    void synergyDegreeIsBetweenZeroAndOne(RepetitionInfo info) {
        Random rnd = random(info);
        Panel p = panel(rnd);
        Coupling coupling = rnd.nextBoolean() ? Coupling.STANDARD : Coupling.CORRECTED;

        SynergyEvaluation e = SynergyCalculator.evaluate(
                p.samples(), p.series(), SynergyOptions.defaults().withCoupling(coupling));

        assertThat(e.computable()).isTrue();
        assertThat(e.scores()).allSatisfy(s -> {
            assertThat(s.d()).isBetween(0.0, 1.0 + 1e-3);
            assertThat(s.cStandard()).isBetween(0.0, 1.0);
            assertThat(s.cCorrected()).isBetween(0.0, 1.0);
        });
    }

    @RepeatedTest(value = TRIES, name = "repetition {currentRepetition}")
    void couplingIsOneWhenBothSubsystemsAreEqual(RepetitionInfo info) {
        Panel p = panel(random(info));
        // The same indicators in both subsystems → identical weights and U1 = U2 for every sample.
        List<IndicatorSeries> mirrored = new ArrayList<>();
        for (IndicatorSeries s : p.series()) {
            mirrored.add(new IndicatorSeries("P-" + s.id(), Subsystem.POLLUTION, s.direction(), s.values()));
            mirrored.add(new IndicatorSeries("C-" + s.id(), Subsystem.CARBON, s.direction(), s.values()));
        }
        SynergyEvaluation e = SynergyCalculator.evaluate(p.samples(), mirrored, SynergyOptions.defaults());

        assertThat(e.scores()).allSatisfy(s -> {
            assertThat(s.u1()).isEqualTo(s.u2());
            assertThat(s.cStandard()).isCloseTo(1.0, within(1e-12));
            assertThat(s.cCorrected()).isCloseTo(1.0, within(1e-12));
            assertThat(s.lag()).isEqualTo(LagType.SYNCHRONOUS);
        });
    }

    @RepeatedTest(value = TRIES, name = "repetition {currentRepetition}")
    void weightsOfEachSubsystemSumToOne(RepetitionInfo info) {
        Random rnd = random(info);
        Panel p = panel(rnd);
        Normalisation normalisation = rnd.nextBoolean() ? Normalisation.RANGE : Normalisation.TARGET;
        List<IndicatorSeries> anchored = p.series().stream()
                .map(s -> s.withAnchors(s.value(0), s.value(s.size() - 1)))
                .toList();

        SynergyEvaluation e = SynergyCalculator.evaluate(
                p.samples(), anchored, SynergyOptions.defaults().withNormalisation(normalisation));

        assertThat(e.weights()).hasSize(2).allSatisfy(w -> {
            double sum = w.weights().values().stream()
                    .mapToDouble(Double::doubleValue)
                    .sum();
            assertThat(sum).isCloseTo(1.0, within(1e-9));
            assertThat(w.weights().values()).allSatisfy(x -> assertThat(x).isBetween(0.0, 1.0));
        });
    }

    @RepeatedTest(value = TRIES, name = "repetition {currentRepetition}")
    void permutingTheSamplesPermutesTheScores(RepetitionInfo info) {
        Random rnd = random(info);
        Panel p = panel(rnd);
        int n = p.samples().size();
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            order.add(i);
        }
        Collections.shuffle(order, rnd);
        List<String> shuffledSamples = order.stream().map(p.samples()::get).toList();
        List<IndicatorSeries> shuffledSeries = p.series().stream()
                .map(s -> {
                    double[] x = new double[n];
                    for (int i = 0; i < n; i++) {
                        x[i] = s.value(order.get(i));
                    }
                    return new IndicatorSeries(s.id(), s.subsystem(), s.direction(), x);
                })
                .toList();

        SynergyEvaluation original = SynergyCalculator.evaluate(p.samples(), p.series(), SynergyOptions.defaults());
        SynergyEvaluation shuffled =
                SynergyCalculator.evaluate(shuffledSamples, shuffledSeries, SynergyOptions.defaults());

        Map<String, SampleScore> bySample = new HashMap<>();
        original.scores().forEach(s -> bySample.put(s.sample(), s));
        assertThat(shuffled.scores()).extracting(SampleScore::sample).containsExactlyElementsOf(shuffledSamples);
        for (SampleScore s : shuffled.scores()) {
            SampleScore o = bySample.get(s.sample());
            assertThat(s.u1()).isCloseTo(o.u1(), within(1e-9));
            assertThat(s.u2()).isCloseTo(o.u2(), within(1e-9));
            assertThat(s.d()).isCloseTo(o.d(), within(1e-9));
            assertThat(s.grade()).isEqualTo(o.grade());
        }
    }

    @RepeatedTest(value = TRIES, name = "repetition {currentRepetition}")
    void gradeIsMonotoneInD(RepetitionInfo info) {
        Random rnd = random(info);
        double a = sampleD(rnd);
        double b = sampleD(rnd);
        double lo = Math.min(a, b);
        double hi = Math.max(a, b);

        assertThat(Grade.of(lo).compareTo(Grade.of(hi))).as("D %s ≤ %s", lo, hi).isLessThanOrEqualTo(0);
        assertThat(Grade.of(hi).lowerBound()).isLessThanOrEqualTo(hi);
    }

    /** Uniform in [0, 1.5], or (a third of the time) a band boundary k/10 or the double just below it. */
    private static double sampleD(Random rnd) {
        if (rnd.nextInt(3) == 0) {
            double bound = rnd.nextInt(11) / 10.0;
            return rnd.nextBoolean() || bound == 0 ? bound : Math.nextDown(bound);
        }
        return rnd.nextDouble() * 1.5;
    }
}
