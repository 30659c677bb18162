package io.synergy.method.synergy;

import io.synergy.model.catalogue.Direction;
import io.synergy.model.catalogue.Subsystem;
import java.util.Arrays;
import java.util.Objects;

/**
 * One indicator's values over the samples of an evaluation.
 *
 * @param id        indicator id, unique within an evaluation
 * @param subsystem the subsystem it belongs to (U1 pollution or U2 carbon)
 * @param direction which way it improves
 * @param values    one value per sample, in sample order; {@code Double.NaN} (or any non-finite value) = missing.
 *                  Copied on the way in and out, so the record stays immutable.
 * @param baseline  base-year value b, used only by {@link Normalisation#TARGET}; may be {@code null}
 * @param target    plan target g, used only by {@link Normalisation#TARGET}; may be {@code null}
 */
public record IndicatorSeries(
        String id, Subsystem subsystem, Direction direction, double[] values, Double baseline, Double target) {

    public IndicatorSeries {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(subsystem, "subsystem");
        Objects.requireNonNull(direction, "direction");
        values = Objects.requireNonNull(values, "values").clone();
    }

    /** A series without baseline and target (enough for {@link Normalisation#RANGE}). */
    public IndicatorSeries(String id, Subsystem subsystem, Direction direction, double... values) {
        this(id, subsystem, direction, values, null, null);
    }

    /** A copy of the values. */
    @Override
    public double[] values() {
        return values.clone();
    }

    /** The value of sample {@code i} without copying the array. */
    public double value(int i) {
        return values[i];
    }

    /** The number of values. */
    public int size() {
        return values.length;
    }

    /** This series with a baseline and a target, for {@link Normalisation#TARGET}. */
    public IndicatorSeries withAnchors(Double newBaseline, Double newTarget) {
        return new IndicatorSeries(id, subsystem, direction, values, newBaseline, newTarget);
    }

    /** Package access to the stored array, for the calculator's inner loops (never handed out). */
    double[] valuesUnsafe() {
        return values;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof IndicatorSeries s
                && id.equals(s.id)
                && subsystem == s.subsystem
                && direction == s.direction
                && Arrays.equals(values, s.values)
                && Objects.equals(baseline, s.baseline)
                && Objects.equals(target, s.target);
    }

    @Override
    public int hashCode() {
        return Objects.hash(id, subsystem, direction, Arrays.hashCode(values), baseline, target);
    }

    @Override
    public String toString() {
        return "IndicatorSeries[id=" + id + ", subsystem=" + subsystem + ", direction=" + direction + ", values="
                + Arrays.toString(values) + ", baseline=" + baseline + ", target=" + target + "]";
    }
}
