package io.synergy.method.attainment;

import io.synergy.model.catalogue.Direction;
import java.util.Collection;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;

/**
 * Target attainment of one indicator (docs/method.md §2).
 *
 * <p>For baseline b (value at base year y0), target g in target year Y and value v in year y:
 * <ul>
 *   <li>completion r = (v − b)/(g − b): one formula for both directions (for lower-is-better, g − b &lt; 0 and
 *       v − b &lt; 0 while improving); undefined ({@code null}) when g = b;</li>
 *   <li>time progress (序时进度) τ = (y − y0)/(Y − y0), clipped to [0, 1] (so τ = 1 when y ≥ Y);</li>
 *   <li>status, in this order: ACHIEVED if v meets g ({@link Target#isMetBy}); OFF_TRACK if r &lt; 0;
 *       ON_TRACK if r ≥ τ − 10⁻⁹; otherwise LAGGING;</li>
 *   <li>trajectory v* = b + τ(g − b) and gap v − v*;</li>
 *   <li>projection: the least-squares line through the annual values of y0..y (those present), evaluated at Y.</li>
 * </ul>
 *
 * <p>Decisions where the method (docs/method.md) leaves room, and why:
 * <ul>
 *   <li><b>Tolerance 10⁻⁹ in r ≥ τ − 10⁻⁹.</b> r and τ are ratios computed in binary floating point; a value
 *       exactly on the trajectory may come out a few ulps below or above τ ((96.2 − 93)/(97 − 93) is
 *       0.8000000000000007 while (13.9 − 9.5)/(15 − 9.5) is 0.8 exactly). 10⁻⁹ is far below any meaningful
 *       difference in a share of progress and far above double rounding noise.</li>
 *   <li><b>Kept-every-year targets</b> (T2, A2, W2): ACHIEVED if met, else OFF_TRACK, every year; τ is
 *       {@code null}, the trajectory value is the target g itself (it must hold every year) and the gap is v − g.
 *       r is still reported when b is known and g ≠ b.</li>
 *   <li><b>Zero targets</b> (W2 零填埋, lower is better, g = 0): met only when v ≤ 0 (+ tolerance) — that is what
 *       {@link Direction#meets} already says for g = 0, so no special case is needed; r is undefined (b = g = 0).</li>
 *   <li><b>g = b on a reach-by-Y target</b>: r is undefined; if v does not meet g it is worse than the baseline,
 *       i.e. moving away from the target, so the status is OFF_TRACK (the same reading as a kept target).</li>
 *   <li><b>No baseline</b> (no value at y0): ON_TRACK and OFF_TRACK both need r, which needs b. A value that does
 *       not meet the target is then reported as LAGGING (not met, progress unknown) with completion, trajectory
 *       and gap {@code null}; NO_DATA is kept for "no value in year y", which is not the case here.</li>
 *   <li><b>No value in year y</b>: NO_DATA; value, completion, gap and projection are {@code null}. τ, the
 *       baseline and the trajectory value do not depend on v and are still given, so a chart can draw the path.</li>
 * </ul>
 */
public final class AttainmentCalculator {

    /** Slack in r ≥ τ − TOLERANCE; see the class comment. */
    static final double ON_TRACK_TOLERANCE = 1e-9;

    private AttainmentCalculator() {}

    /** Evaluates one indicator in {@code in.year()}. */
    public static Attainment evaluate(AttainmentInput in) {
        Objects.requireNonNull(in, "in");
        Target target = in.target();
        Direction direction = in.direction();
        SortedMap<Integer, Double> values = in.annualValues();
        int y = in.year();
        int y0 = in.baseYear();
        double g = target.value();

        Double v = values.get(y);
        Double b = values.get(y0);
        boolean kept = target.keptEveryYear();
        Double tau = kept ? null : timeProgress(y, y0, target.targetYear());

        Double trajectory;
        if (kept) {
            trajectory = g;
        } else if (b != null) {
            trajectory = b + tau * (g - b);
        } else {
            trajectory = null;
        }

        if (v == null) {
            return new Attainment(
                    in.indicator(),
                    y,
                    null,
                    b,
                    y0,
                    g,
                    target.targetYear(),
                    null,
                    tau,
                    AttainmentStatus.NO_DATA,
                    trajectory,
                    null,
                    null);
        }

        Double completion = (b != null && g != b) ? (v - b) / (g - b) : null;
        boolean achieved = target.isMetBy(v, direction);

        AttainmentStatus status;
        if (achieved) {
            status = AttainmentStatus.ACHIEVED;
        } else if (kept) {
            status = AttainmentStatus.OFF_TRACK;
        } else if (b == null) {
            status = AttainmentStatus.LAGGING;
        } else if (completion == null) {
            // g = b and not met: v is worse than the baseline.
            status = AttainmentStatus.OFF_TRACK;
        } else if (completion < 0) {
            status = AttainmentStatus.OFF_TRACK;
        } else if (completion >= tau - ON_TRACK_TOLERANCE) {
            status = AttainmentStatus.ON_TRACK;
        } else {
            status = AttainmentStatus.LAGGING;
        }

        Double gap = trajectory == null ? null : v - trajectory;
        Projection projection = project(values, y0, y, target, direction);
        return new Attainment(
                in.indicator(),
                y,
                v,
                b,
                y0,
                g,
                target.targetYear(),
                completion,
                tau,
                status,
                trajectory,
                gap,
                projection);
    }

    /** τ = (y − y0)/(Y − y0) clipped to [0, 1]; 1 when y ≥ Y. Requires Y &gt; y0. */
    static double timeProgress(int y, int y0, int targetYear) {
        if (y >= targetYear) {
            return 1.0;
        }
        double tau = (double) (y - y0) / (targetYear - y0);
        return Math.max(0.0, Math.min(1.0, tau));
    }

    /**
     * Ordinary least squares through (year, value) for the years in [y0, y] that have a value, evaluated at the
     * target year; {@code null} with fewer than 2 points. Centred on the mean year for numerical stability.
     */
    static Projection project(SortedMap<Integer, Double> values, int y0, int y, Target target, Direction direction) {
        if (y < y0) {
            return null;
        }
        SortedMap<Integer, Double> window = values.subMap(y0, y + 1);
        int n = window.size();
        if (n < 2) {
            return null;
        }
        double[] xs = new double[n];
        double[] ys = new double[n];
        int i = 0;
        double sx = 0;
        double sy = 0;
        for (Map.Entry<Integer, Double> e : window.entrySet()) {
            xs[i] = e.getKey();
            ys[i] = e.getValue();
            sx += xs[i];
            sy += ys[i];
            i++;
        }
        double mx = sx / n;
        double my = sy / n;
        double sxy = 0;
        double sxx = 0;
        for (int k = 0; k < n; k++) {
            double dx = xs[k] - mx;
            sxy += dx * (ys[k] - my);
            sxx += dx * dx;
        }
        double slope = sxy / sxx; // sxx > 0: at least two distinct years
        double value = my + slope * (target.targetYear() - mx);
        return new Projection(target.targetYear(), value, target.isMetBy(value, direction));
    }

    /**
     * City summary: counts per status (every status present, in enum order) and the share of targeted
     * indicators that are ACHIEVED or ON_TRACK among those with data (not NO_DATA); 0 when none has data.
     */
    public static AttainmentSummary summarise(Collection<Attainment> attainments) {
        Objects.requireNonNull(attainments, "attainments");
        EnumMap<AttainmentStatus, Integer> counts = new EnumMap<>(AttainmentStatus.class);
        for (AttainmentStatus s : AttainmentStatus.values()) {
            counts.put(s, 0);
        }
        for (Attainment a : attainments) {
            counts.merge(a.status(), 1, Integer::sum);
        }
        int withData = attainments.size() - counts.get(AttainmentStatus.NO_DATA);
        int good = counts.get(AttainmentStatus.ACHIEVED) + counts.get(AttainmentStatus.ON_TRACK);
        double share = withData == 0 ? 0.0 : (double) good / withData;
        return new AttainmentSummary(counts, share);
    }
}
