package io.synergy.method.attainment;

import io.synergy.model.catalogue.Direction;
import java.util.SortedMap;
import java.util.TreeMap;

/** Shared helpers of the attainment tests. */
final class AttainmentFixtures {

    /** "To 6 decimal places": at most half a unit of the 6th decimal away from the printed value. */
    static final double SIX_DP = 5e-7;

    private AttainmentFixtures() {}

    static SortedMap<Integer, Double> series(int firstYear, double... values) {
        SortedMap<Integer, Double> m = new TreeMap<>();
        for (int i = 0; i < values.length; i++) {
            m.put(firstYear + i, values[i]);
        }
        return m;
    }

    static SortedMap<Integer, Double> points(int y0, double b, int y, double v) {
        SortedMap<Integer, Double> m = new TreeMap<>();
        m.put(y0, b);
        m.put(y, v);
        return m;
    }

    static Attainment evaluate(String id, Direction dir, Target target, SortedMap<Integer, Double> values, int year) {
        return AttainmentCalculator.evaluate(new AttainmentInput(id, dir, 2020, target, values, year));
    }
}
