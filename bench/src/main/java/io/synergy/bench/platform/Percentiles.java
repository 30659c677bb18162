package io.synergy.bench.platform;

import java.util.Arrays;

/** Nearest-rank percentiles of a set of durations in milliseconds (exact: every sample is kept). */
final class Percentiles {

    private final double[] sorted;

    Percentiles(double[] millis) {
        this.sorted = millis.clone();
        Arrays.sort(sorted);
    }

    int count() {
        return sorted.length;
    }

    /** @param p between 0 and 100; NaN when there are no samples */
    double at(double p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))];
    }

    double max() {
        return sorted.length == 0 ? Double.NaN : sorted[sorted.length - 1];
    }

    /** Adds count, p50, p90, p99 and max under {@code prefix}. */
    void putInto(ResultFile out, String prefix) {
        out.put(prefix + ".count", count());
        out.put(prefix + ".p50.ms", at(50));
        out.put(prefix + ".p90.ms", at(90));
        out.put(prefix + ".p99.ms", at(99));
        out.put(prefix + ".max.ms", max());
    }
}
