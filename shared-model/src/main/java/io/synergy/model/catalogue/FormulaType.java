package io.synergy.model.catalogue;

/** The shapes of indicator formulas. Everything in the plan is one of these four. */
public enum FormulaType {
    /** scale × numerator ÷ denominator; rolls up by summing numerators and denominators. */
    RATIO,
    /** The sum of data elements (a total in tonnes); rolls up by summing. */
    SUM,
    /** (1 − x(t) ÷ x(base year)) × 100 for an intensity indicator x (E3, E4). */
    REDUCTION_VS_BASE,
    /** x(base year) − x(t) for an emission total x (E5 key-project reductions). */
    BASE_MINUS_CURRENT
}
