package io.synergy.method.synergy;

/**
 * The ten grades of the coupling coordination degree D (docs/method.md §3), lower bound inclusive: [0, 0.1) 极度失调 …
 * [0.9, ∞) 优质协调.
 *
 * <p>Why the bounds are compared as literal doubles instead of {@code floor(10·D)}: 10·0.7 is 7.000000000000001
 * in binary floating point, so the multiplication would move values near a boundary; comparing with the
 * literals 0.1 … 0.9 keeps "lower bound inclusive" exact for the doubles those literals denote.
 */
public enum Grade {
    EXTREME_IMBALANCE(0.0, "极度失调", "extreme imbalance"),
    SEVERE_IMBALANCE(0.1, "严重失调", "severe imbalance"),
    MODERATE_IMBALANCE(0.2, "中度失调", "moderate imbalance"),
    MILD_IMBALANCE(0.3, "轻度失调", "mild imbalance"),
    VERGE_OF_IMBALANCE(0.4, "濒临失调", "verge of imbalance"),
    BARELY_COORDINATED(0.5, "勉强协调", "barely coordinated"),
    PRIMARY_COORDINATION(0.6, "初级协调", "primary coordination"),
    INTERMEDIATE_COORDINATION(0.7, "中级协调", "intermediate coordination"),
    GOOD_COORDINATION(0.8, "良好协调", "good coordination"),
    HIGH_QUALITY_COORDINATION(0.9, "优质协调", "high-quality coordination");

    private static final Grade[] VALUES = values();

    private final double lowerBound;
    private final String zh;
    private final String en;

    Grade(double lowerBound, String zh, String en) {
        this.lowerBound = lowerBound;
        this.zh = zh;
        this.en = en;
    }

    /** The inclusive lower bound of this grade's band of D. */
    public double lowerBound() {
        return lowerBound;
    }

    public String zh() {
        return zh;
    }

    public String en() {
        return en;
    }

    /**
     * The grade of {@code d}: the highest grade whose lower bound is ≤ d. Values above 1 (possible through the ε
     * shift, e.g. D = 1.00005) are 优质协调.
     *
     * @throws IllegalArgumentException when d is negative or NaN
     */
    public static Grade of(double d) {
        if (!(d >= 0)) {
            throw new IllegalArgumentException("D must be >= 0: " + d);
        }
        for (int i = VALUES.length - 1; i > 0; i--) {
            if (d >= VALUES[i].lowerBound) {
                return VALUES[i];
            }
        }
        return VALUES[0];
    }
}
