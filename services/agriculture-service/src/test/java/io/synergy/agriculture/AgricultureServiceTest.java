package io.synergy.agriculture;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.synergy.model.catalogue.Sector;
import io.synergy.testsupport.PlatformTestResource;
import io.synergy.testsupport.sector.CatalogueContract;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What differs per sector ({@link CatalogueContract}) for agriculture, and what only agriculture has: monitoring totals
 * (fertiliser, pesticide, CH4, N2O, NH3) reported in mixed units.
 */
@QuarkusTest
@WithTestResource(PlatformTestResource.class)
class AgricultureServiceTest extends CatalogueContract {

    AgricultureServiceTest() {
        super(Sector.AGRICULTURE);
    }

    @Test
    void monitoringTotalsInMixedUnits() {
        int year = freshYear();
        String id = uniqueId("totals");
        ObjectNode r = report(id, "370281", String.valueOf(year), null, Map.of());
        ArrayNode values = (ArrayNode) r.path("values");
        values.addObject()
                .put("dataElement", "agriculture.fertiliser")
                .put("value", 0.12)
                .put("unit", "10^4 t");
        values.addObject()
                .put("dataElement", "agriculture.pesticide")
                .put("value", 2500)
                .put("unit", "kg");
        values.addObject()
                .put("dataElement", "agriculture.emissions.ch4")
                .put("value", 0.3)
                .put("unit", "10^4 t");
        values.addObject()
                .put("dataElement", "agriculture.emissions.n2o")
                .put("value", 45)
                .put("unit", "t");
        values.addObject()
                .put("dataElement", "agriculture.emissions.nh3")
                .put("value", 1)
                .put("unit", "kt");
        JsonNode answer = accepted(postJson(r), 201);

        Map<String, Double> expected =
                Map.of("FERTILISER", 1200.0, "PESTICIDE", 2.5, "AG-CH4", 3000.0, "AG-N2O", 45.0, "AG-NH3", 1000.0);
        Map<String, Double> got = new HashMap<>();
        answer.path("indicators")
                .forEach(i ->
                        got.put(i.path("indicator").asText(), i.path("value").asDouble()));
        assertThat(got).containsOnlyKeys(expected.keySet());
        expected.forEach((k, v) -> assertThat(got.get(k)).as(k).isCloseTo(v, within(1e-9)));

        List<Event> events =
                awaitEvents(e -> id.equals(e.data().path("reportId").asText()), expected.size());
        for (Event e : events) {
            assertThat(e.data().path("kind").asText()).isEqualTo("INDICATOR");
            assertThat(e.data().path("denominator").isNull())
                    .as("%s is a total", e.data().path("code"))
                    .isTrue();
            assertThat(e.data().path("unit").asText()).isEqualTo("t");
        }
    }

    /** Straw and manure utilisation are shares of what was produced: A1 = 970 / 1 000 = 97 %, A2 = 0.9 × 10^4 / 10^4 t = 90 %. */
    @Test
    void utilisationRates() {
        int year = freshYear();
        ObjectNode r = report(
                uniqueId("a1a2"),
                "370283",
                String.valueOf(year),
                null,
                Map.of("agriculture.straw.produced", 1000.0, "agriculture.straw.utilised", 970.0));
        ((ArrayNode) r.path("values"))
                .addObject()
                .put("dataElement", "agriculture.manure.produced")
                .put("value", 1)
                .put("unit", "10^4 t");
        ((ArrayNode) r.path("values"))
                .addObject()
                .put("dataElement", "agriculture.manure.utilised")
                .put("value", 9000);
        JsonNode answer = accepted(postJson(r), 201);
        Map<String, Double> got = new HashMap<>();
        answer.path("indicators")
                .forEach(i ->
                        got.put(i.path("indicator").asText(), i.path("value").asDouble()));
        assertThat(got.get("A1")).isCloseTo(97.0, within(1e-9));
        assertThat(got.get("A2")).isCloseTo(90.0, within(1e-9));
    }
}
