package io.synergy.model.event;

/** What an {@link IndicatorEvent} carries. */
public enum EventKind {
    /** A sector indicator (E1, T1…) with its numerator and denominator. */
    INDICATOR,
    /** The annual total of a data element that a cross-sector indicator needs (emissions, GDP). */
    DATA_ELEMENT
}
