package io.synergy.bench.platform;

import static org.assertj.core.api.Assertions.assertThat;

import io.synergy.model.catalogue.Catalogue;
import io.synergy.model.catalogue.PartOfWholeRule;
import io.synergy.model.orgunit.UnifiedSocialCreditCode;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** The generated city is one the platform accepts: valid codes, a hierarchy that exists, values the catalogue's rules allow. */
class ScaleCityTest {

    final ScaleCity city = new ScaleCity(5000, 5, 2015, 10);
    final Catalogue catalogue = Catalogue.load();

    @Test
    void fiveThousandEnterprisesWithValidDistinctCodesInFiftyParksOfTheTenDistricts() {
        assertThat(city.parks()).hasSize(50);
        assertThat(city.enterprises()).hasSize(5000);
        assertThat(city.enterprises())
                .allSatisfy(e -> assertThat(UnifiedSocialCreditCode.problem(e.code()))
                        .as(e.code())
                        .isEmpty());
        assertThat(city.enterprises().stream().map(ScaleCity.Enterprise::code).distinct())
                .hasSize(5000);
        Set<String> parents = new HashSet<>(List.of(ScaleCity.DISTRICTS));
        city.parks().forEach(p -> parents.add(p.code()));
        assertThat(city.enterprises()).allSatisfy(e -> {
            assertThat(parents).contains(e.parent());
            assertThat(e.parent()).startsWith(e.district());
        });
        Map<String, Long> perDistrict = city.enterprises().stream()
                .collect(Collectors.groupingBy(ScaleCity.Enterprise::district, Collectors.counting()));
        assertThat(perDistrict).hasSize(10).allSatisfy((d, n) -> assertThat(n).isEqualTo(500));
        assertThat(city.enterprises().stream().filter(e -> e.parent().equals(e.district())))
                .hasSize(500);
    }

    @Test
    void theImportHasARowPerUnitInTheRegistrysColumns() {
        List<String> lines = city.registryCsv().lines().toList();
        assertThat(lines.get(0))
                .isEqualTo("code,level,name_zh,name_en,parent,industry_section,industry_division,flags,closed");
        assertThat(lines).hasSize(1 + 50 + 5000);
        assertThat(lines).allSatisfy(l -> assertThat(l.split(",", -1)).hasSize(9));
        assertThat(city.unitsFile().lines())
                .hasSize(5000)
                .allSatisfy(l -> assertThat(l).matches("[0-9A-Y]{18},3702\\d\\d"));
    }

    @Test
    void thirtyDataElementsOfTheCatalogueEachInItsSectorAndNoLandfilledWaste() {
        ScaleCity.Enterprise e = city.enterprises().get(17);
        int total = 0;
        for (String sector : ScaleCity.SECTORS) {
            List<ScaleCity.Value> values = city.values(sector, e, 2020, 1);
            total += values.size();
            assertThat(values)
                    .allSatisfy(v -> assertThat(catalogue.dataElement(v.dataElement()))
                            .as(v.dataElement())
                            .hasValueSatisfying(
                                    d -> assertThat(d.sector().name()).isEqualToIgnoringCase(sector)));
            assertThat(values.stream().map(ScaleCity.Value::dataElement).distinct())
                    .hasSize(values.size());
        }
        assertThat(total).isEqualTo(30);
        for (String sector : ScaleCity.SECTORS) {
            assertThat(city.values(sector, e, 2020, 1))
                    .noneMatch(v -> v.dataElement().equals("waste.domestic.landfilled"));
        }
    }

    @Test
    void everyPartWithinItsWholeEveryValuePositiveAndNoYearTenTimesTheLast() {
        for (ScaleCity.Enterprise e : city.enterprises()) {
            for (String sector : ScaleCity.SECTORS) {
                Map<String, Double> previous = null;
                for (int y = 2015; y < 2025; y++) {
                    Map<String, Double> byElement = new HashMap<>();
                    city.values(sector, e, y, 1).forEach(v -> byElement.put(v.dataElement(), v.value()));
                    for (PartOfWholeRule rule : catalogue.rules()) {
                        if (byElement.containsKey(rule.part()) && byElement.containsKey(rule.whole())) {
                            assertThat(byElement.get(rule.part()))
                                    .as("%s %s %d %s", e.code(), sector, y, rule.id())
                                    .isLessThanOrEqualTo(byElement.get(rule.whole()));
                        }
                    }
                    for (Map.Entry<String, Double> v : byElement.entrySet()) {
                        // what the report carries: six significant digits, never 0
                        assertThat(Double.parseDouble(String.format(Locale.ROOT, "%.6g", v.getValue())))
                                .as(v.getKey())
                                .isPositive();
                        if (previous != null) {
                            double ratio = v.getValue() / previous.get(v.getKey());
                            assertThat(ratio)
                                    .as("%s %s %d", e.code(), v.getKey(), y)
                                    .isBetween(0.1, 10.0);
                        }
                    }
                    previous = byElement;
                }
            }
        }
    }

    @Test
    void aCorrectionChangesTheValuesAndIsAHigherRevisionOfTheSameReport() {
        ScaleCity.Enterprise e = city.enterprises().get(1009);
        String first = city.reportJson("energy", e, 2024, 1);
        String second = city.reportJson("energy", e, 2024, 2);
        assertThat(first)
                .contains(
                        "\"reportId\":\"bench-scale/energy/" + e.code() + "/2024\"",
                        "\"revision\":1",
                        "\"orgUnit\":\"" + e.code() + "\"");
        assertThat(second).contains("\"reportId\":\"bench-scale/energy/" + e.code() + "/2024\"", "\"revision\":2");
        assertThat(city.values("energy", e, 2024, 2).get(0).value())
                .isGreaterThan(city.values("energy", e, 2024, 1).get(0).value());
    }
}
