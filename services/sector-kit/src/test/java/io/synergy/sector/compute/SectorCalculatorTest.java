package io.synergy.sector.compute;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.synergy.model.catalogue.Catalogue;
import io.synergy.model.catalogue.DataElement;
import io.synergy.model.catalogue.IndicatorValue;
import io.synergy.model.catalogue.Sector;
import io.synergy.model.event.EventKind;
import io.synergy.model.period.Period;
import io.synergy.sector.compute.PeriodRollUp.PeriodValue;
import io.synergy.sector.compute.PeriodRollUp.Total;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What the energy sector publishes for a district, and how districts roll up to the city, computed by hand. */
class SectorCalculatorTest {

    private static final String TOTAL = "energy.primary.total";
    private static final String NONFOSSIL = "energy.primary.nonfossil";
    private static final Period YEAR = Period.parse("2024");

    private final Catalogue catalogue = Catalogue.load();
    private final SectorCalculator calculator = new SectorCalculator(catalogue, Sector.ENERGY);

    private static Map<String, List<PeriodValue>> annual(Map<String, Double> values) {
        Map<String, List<PeriodValue>> out = new HashMap<>();
        values.forEach((code, v) -> out.put(code, List.of(new PeriodValue(YEAR, v, "r"))));
        return out;
    }

    private static SectorCalculator.Output output(List<SectorCalculator.Output> outputs, String code) {
        return outputs.stream().filter(o -> o.code().equals(code)).findFirst().orElseThrow();
    }

    @Test
    void totalsAreTheRolledUpValuesOfTheSectorsDataElementsOnly() {
        Map<String, List<PeriodValue>> values = new HashMap<>(annual(Map.of(TOTAL, 1000.0)));
        values.put(
                NONFOSSIL,
                List.of(new PeriodValue(Period.parse("2024-01"), 10), new PeriodValue(Period.parse("2024-02"), 20)));
        values.put("transport.trips.total", List.of(new PeriodValue(YEAR, 5)));
        Map<String, Total> totals = calculator.totals(YEAR, values);
        assertThat(totals).containsOnlyKeys(TOTAL, NONFOSSIL);
        assertThat(totals.get(NONFOSSIL).value()).isEqualTo(30.0);
        assertThat(totals.get(NONFOSSIL).complete()).isFalse();
    }

    @Test
    void anIndicatorIsItsRatioWithNumeratorAndDenominatorAndCompleteOnlyWhenEveryOperandIs() {
        List<SectorCalculator.Output> out =
                calculator.compute(calculator.totals(YEAR, annual(Map.of(TOTAL, 1250.0, NONFOSSIL, 180.5))));
        SectorCalculator.Output e1 = output(out, "E1");
        assertThat(e1.kind()).isEqualTo(EventKind.INDICATOR);
        assertThat(e1.unit()).isEqualTo("%");
        assertThat(e1.value().value()).isCloseTo(14.44, within(1e-9));
        assertThat(e1.value().numerator()).isEqualTo(180.5);
        assertThat(e1.value().denominator()).isEqualTo(1250.0);
        assertThat(e1.complete()).isTrue();

        Map<String, List<PeriodValue>> partial = annual(Map.of(TOTAL, 1250.0));
        partial.put(NONFOSSIL, List.of(new PeriodValue(Period.parse("2024Q1"), 50)));
        SectorCalculator.Output early = output(calculator.compute(calculator.totals(YEAR, partial)), "E1");
        assertThat(early.value().value()).isCloseTo(4.0, within(1e-9));
        assertThat(early.complete()).as("one quarter of the non-fossil energy").isFalse();

        assertThat(output(calculator.compute(Map.of()), "E1").value()).isEqualTo(IndicatorValue.NONE);
    }

    @Test
    void everyIndicatorAndPublishedDataElementIsAnOutputInCatalogueOrder() {
        List<SectorCalculator.Output> out = calculator.compute(Map.of());
        List<String> expected = new ArrayList<>(catalogue.sectorIndicators(Sector.ENERGY).stream()
                .map(i -> i.id())
                .toList());
        expected.addAll(catalogue.publishedDataElements(Sector.ENERGY).stream()
                .map(DataElement::code)
                .toList());
        assertThat(out).extracting(SectorCalculator.Output::code).containsExactlyElementsOf(expected);
        assertThat(out).allSatisfy(o -> assertThat(o.complete()).isFalse());
    }

    @Test
    void aPublishedDataElementIsItsTotal() {
        DataElement published = catalogue.publishedDataElements(Sector.ENERGY).get(0);
        SectorCalculator.Output o = output(
                calculator.compute(calculator.totals(YEAR, annual(Map.of(published.code(), 42.0)))), published.code());
        assertThat(o.kind()).isEqualTo(EventKind.DATA_ELEMENT);
        assertThat(o.unit()).isEqualTo(published.unit());
        assertThat(o.value()).isEqualTo(IndicatorValue.total(42.0));
        assertThat(o.complete()).isTrue();
    }

    @Test
    void theCityIsTheRatioOfSumsNotTheMeanOfRatios() {
        List<SectorCalculator.Output> small =
                calculator.compute(calculator.totals(YEAR, annual(Map.of(TOTAL, 100.0, NONFOSSIL, 50.0))));
        List<SectorCalculator.Output> large =
                calculator.compute(calculator.totals(YEAR, annual(Map.of(TOTAL, 900.0, NONFOSSIL, 90.0))));
        DataElement published = catalogue.publishedDataElements(Sector.ENERGY).get(0);
        Map<String, IndicatorValue> city = calculator.rollUp(List.of(small, large));
        assertThat(city.get("E1").value())
                .as("140 of 1 000, not the mean of 50 % and 10 %")
                .isCloseTo(14.0, within(1e-9));
        assertThat(city.get("E1").numerator()).isEqualTo(140.0);
        assertThat(city.get("E1").denominator()).isEqualTo(1000.0);
        assertThat(city.get(published.code())).as("no district has it").isEqualTo(IndicatorValue.NONE);

        List<SectorCalculator.Output> withPublished =
                calculator.compute(calculator.totals(YEAR, annual(Map.of(published.code(), 7.0))));
        assertThat(calculator
                        .rollUp(List.of(small, withPublished, withPublished))
                        .get(published.code()))
                .isEqualTo(IndicatorValue.total(14.0));
    }
}
