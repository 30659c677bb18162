package io.synergy.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.synergy.model.catalogue.Catalogue;
import io.synergy.model.catalogue.Indicator;
import io.synergy.model.catalogue.IndicatorMath;
import io.synergy.model.catalogue.IndicatorValue;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class IndicatorMathTest {

    private final Catalogue catalogue = Catalogue.load();
    private final Indicator e1 = catalogue.indicator("E1").orElseThrow();
    private final Indicator e2 = catalogue.indicator("E2").orElseThrow();

    @Test
    void ratioIsScaledQuotient() {
        IndicatorValue v = IndicatorMath.evaluate(
                e1, Map.of("energy.primary.nonfossil", 180.5, "energy.primary.total", 1250.0)::get);
        assertThat(v.value()).isCloseTo(14.44, within(1e-12));
        assertThat(v.numerator()).isEqualTo(180.5);
        assertThat(v.denominator()).isEqualTo(1250.0);
    }

    @Test
    void coalPerKwhConvertsTonnesAndMegawattHours() {
        // 29,500 tce for 100,000 MWh = 29.5e9 g / 1e8 kWh = 295 gce/kWh
        IndicatorValue v = IndicatorMath.evaluate(
                e2, Map.of("energy.coalpower.coal", 29_500.0, "energy.coalpower.supplied", 100_000.0)::get);
        assertThat(v.value()).isCloseTo(295.0, within(1e-9));
    }

    @Test
    void rollUpIsRatioOfSumsNotMeanOfRatios() {
        IndicatorValue a = IndicatorValue.ratio(100, 1000, 100); // 10 %
        IndicatorValue b = IndicatorValue.ratio(300, 1000 * 2, 100); // 15 %
        IndicatorValue city = IndicatorMath.rollUp(e1, List.of(a, b));
        assertThat(city.value()).isCloseTo(400.0 / 3000 * 100, within(1e-12));
        assertThat(city.value()).isNotCloseTo(12.5, within(1e-6));
    }

    @Test
    void missingSideIsLeftOutOfTheRollUp() {
        IndicatorValue half = new IndicatorValue(null, null, 500.0);
        IndicatorValue city = IndicatorMath.rollUp(e1, List.of(IndicatorValue.ratio(100, 1000, 100), half));
        assertThat(city.value()).isCloseTo(10.0, within(1e-12));
        assertThat(IndicatorMath.rollUp(e1, List.of(half)).present()).isFalse();
    }

    @Test
    void missingInputMeansNoValue() {
        assertThat(IndicatorMath.evaluate(e1, Map.of("energy.primary.total", 1.0)::get)
                        .present())
                .isFalse();
        assertThat(IndicatorMath.evaluate(e1, Map.of("energy.primary.total", 0.0, "energy.primary.nonfossil", 0.0)::get)
                        .present())
                .isFalse();
    }
}
