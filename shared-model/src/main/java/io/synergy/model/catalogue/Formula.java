package io.synergy.model.catalogue;

import java.util.List;

/**
 * How an indicator is computed from data elements or other indicators.
 *
 * @param type        the shape
 * @param numerator   RATIO: a data element code or a SUM indicator id
 * @param denominator RATIO: a data element code or a SUM indicator id
 * @param scale       RATIO: factor applied to the quotient (100 for a percentage, 1000 for tce/MWh → gce/kWh)
 * @param of          SUM: the data elements summed; REDUCTION_VS_BASE and BASE_MINUS_CURRENT: the one indicator
 */
public record Formula(FormulaType type, String numerator, String denominator, Double scale, List<String> of) {

    public Formula {
        of = of == null ? List.of() : List.copyOf(of);
        scale = scale == null ? 1.0 : scale;
    }

    /** The codes this formula reads directly. */
    public List<String> operands() {
        return type == FormulaType.RATIO ? List.of(numerator, denominator) : of;
    }
}
