package io.synergy.model.catalogue;

/** Which way an indicator improves. */
public enum Direction {
    /** Higher values are better (a share, a utilisation rate). */
    HIGHER,
    /** Lower values are better (emissions, coal per kWh). */
    LOWER;

    /** {@code true} when {@code value} is at least as good as {@code reference}. */
    public boolean meets(double value, double reference) {
        return this == HIGHER ? value >= reference : value <= reference;
    }
}
