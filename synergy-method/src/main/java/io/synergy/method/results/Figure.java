package io.synergy.method.results;

import java.util.List;

/**
 * An indicator's value for one org unit and year, with what it was computed from.
 *
 * @param missing what is absent from the inputs (districts that have not reported, sectors without emissions…); empty
 *                when every input is there and complete
 */
public record Figure(Double value, Double numerator, Double denominator, boolean complete, List<String> missing) {

    public static final Figure NONE = new Figure(null, null, null, false, List.of("no data"));

    public boolean present() {
        return value != null;
    }
}
