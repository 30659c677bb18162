package io.synergy.method.synergy;

import static io.synergy.model.catalogue.Direction.HIGHER;
import static io.synergy.model.catalogue.Direction.LOWER;
import static io.synergy.model.catalogue.Subsystem.CARBON;
import static io.synergy.model.catalogue.Subsystem.POLLUTION;

import java.util.List;

/** The two published test vectors, as inputs. */
final class TestVectors {

    private TestVectors() {}

    /** docs/method.md §5 (the worked example): city 2020–2024, three indicators per subsystem. */
    static final List<String> SPEC_YEARS = List.of("2020", "2021", "2022", "2023", "2024");

    static final List<IndicatorSeries> SPEC_SERIES = List.of(
            new IndicatorSeries("A1", POLLUTION, HIGHER, 92, 93.5, 94.8, 95.6, 96.3),
            new IndicatorSeries("W1", POLLUTION, HIGHER, 85, 86.2, 88.9, 90.1, 91),
            new IndicatorSeries("EM-NOX", POLLUTION, LOWER, 52000, 49800, 47100, 46200, 44000),
            new IndicatorSeries("E1", CARBON, HIGHER, 9.2, 10.1, 11.8, 12.9, 13.7),
            new IndicatorSeries("E2", CARBON, LOWER, 305, 302.1, 300.4, 298, 297.2),
            new IndicatorSeries("T1", CARBON, HIGHER, 60, 61.5, 63, 66.2, 67.5));

    /** synergy-methods.md §6.1: 2022–2024, four indicators per subsystem, two of them non-monotone. */
    static final List<String> RESEARCH_YEARS = List.of("2022", "2023", "2024");

    static final List<IndicatorSeries> RESEARCH_SERIES = List.of(
            new IndicatorSeries("A1", POLLUTION, HIGHER, 94.0, 95.5, 96.2),
            new IndicatorSeries("W1", POLLUTION, HIGHER, 88.0, 90.5, 89.5),
            new IndicatorSeries("W3", POLLUTION, HIGHER, 36.0, 37.5, 39.0),
            new IndicatorSeries("NOx", POLLUTION, LOWER, 48000, 46500, 45100),
            new IndicatorSeries("E1", CARBON, HIGHER, 11.0, 12.6, 13.9),
            new IndicatorSeries("E2", CARBON, LOWER, 301.5, 299.0, 297.8),
            new IndicatorSeries("T1", CARBON, HIGHER, 71.3, 68.9, 70.4),
            new IndicatorSeries("B1", CARBON, HIGHER, 6.5, 7.8, 9.0));
}
