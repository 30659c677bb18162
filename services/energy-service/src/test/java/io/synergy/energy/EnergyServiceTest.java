package io.synergy.energy;

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
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What differs per sector ({@link CatalogueContract}) for energy, and what only energy has: E2 in g/kWh from tce and MWh, and its
 * units. The sector-neutral contract runs here in full, once for the five sector services (EnergyIngestionTest and its siblings).
 */
@QuarkusTest
@WithTestResource(PlatformTestResource.class)
class EnergyServiceTest extends CatalogueContract {

    EnergyServiceTest() {
        super(Sector.ENERGY);
    }

    /**
     * E2 is reported as standard coal (tce) and electricity supplied (MWh) and computed in gce/kWh: 2 950 tce for
     * 10 000 MWh is 2.95e9 g for 1e7 kWh, 295 gce/kWh — here sent as 0.295 × 10^4 tce and 10 GWh.
     */
    @Test
    void coalUsePerKwhFromTceAndMwh() {
        int year = freshYear();
        String id = uniqueId("e2");
        ObjectNode r = report(id, "370211", String.valueOf(year), null, Map.of());
        ArrayNode values = (ArrayNode) r.path("values");
        values.addObject()
                .put("dataElement", "energy.coalpower.coal")
                .put("value", 0.295)
                .put("unit", "10^4 tce");
        values.addObject()
                .put("dataElement", "energy.coalpower.supplied")
                .put("value", 10)
                .put("unit", "GWh");
        JsonNode answer = accepted(postJson(r), 201);
        JsonNode e2 = indicator(answer, "E2");
        assertThat(e2.path("value").asDouble()).isCloseTo(295.0, within(1e-9));
        assertThat(e2.path("unit").asText()).isEqualTo("gce/kWh");

        JsonNode stored = getReport(id).path("revisions").get(0);
        assertThat(storedValues(stored))
                .containsEntry("energy.coalpower.coal", 2950.0)
                .containsEntry("energy.coalpower.supplied", 10000.0);
        Event event = awaitEvents(
                        e -> id.equals(e.data().path("reportId").asText())
                                && "E2".equals(e.data().path("code").asText()),
                        1)
                .get(0);
        assertThat(event.data().path("numerator").asDouble()).isEqualTo(2950.0);
        assertThat(event.data().path("denominator").asDouble()).isEqualTo(10000.0);
        assertThat(event.data().path("value").asDouble()).isCloseTo(295.0, within(1e-9));

        // the same figures in kWh and kgce are the same report: a duplicate
        ObjectNode same = report(id, "370211", String.valueOf(year), null, Map.of());
        ((ArrayNode) same.path("values"))
                .addObject()
                .put("dataElement", "energy.coalpower.coal")
                .put("value", 2_950_000)
                .put("unit", "kgce");
        ((ArrayNode) same.path("values"))
                .addObject()
                .put("dataElement", "energy.coalpower.supplied")
                .put("value", 10_000_000)
                .put("unit", "kWh");
        assertThat(accepted(postJson(same), 200).path("status").asText()).isEqualTo("DUPLICATE");
    }

    /** 0.125 × 10^4 tce is 1 250 tce; 180 500 kgce is 180.5 tce: E1 = 14.44 %, stored in tce, exactly. */
    @Test
    void convertsTenThousandTceAndKgce() {
        int year = freshYear();
        String id = uniqueId("e1");
        ObjectNode r = report(id, "370212", String.valueOf(year), null, Map.of());
        ArrayNode values = (ArrayNode) r.path("values");
        values.addObject()
                .put("dataElement", "energy.primary.total")
                .put("value", 0.125)
                .put("unit", "10^4 tce");
        values.addObject()
                .put("dataElement", "energy.primary.nonfossil")
                .put("value", 180_500)
                .put("unit", "kgce");
        values.addObject()
                .put("dataElement", "energy.coal.total")
                .put("value", 0.11)
                .put("unit", "10^4 tce");
        JsonNode answer = accepted(postJson(r), 201);
        assertThat(indicator(answer, "E1").path("value").asDouble()).isCloseTo(14.44, within(1e-9));
        assertThat(indicator(answer, "COAL-SHARE").path("value").asDouble()).isCloseTo(88.0, within(1e-9));
        assertThat(storedValues(getReport(id).path("revisions").get(0)))
                .containsEntry("energy.primary.total", 1250.0)
                .containsEntry("energy.primary.nonfossil", 180.5)
                .containsEntry("energy.coal.total", 1100.0);
        // 10^4 kWh is a unit of electricity, not of energy consumption
        ObjectNode wrong =
                report(uniqueId("e1-wrong"), "370212", String.valueOf(year), null, Map.of("energy.primary.total", 1.0));
        ((ObjectNode) wrong.path("values").get(0)).put("unit", "10^4 kWh");
        assertProblem(exchange("POST", REPORTS, JSON, bytes(wrong), false), 400, "values[0].unit");
    }

    private static JsonNode indicator(JsonNode answer, String id) {
        List<JsonNode> found = answer.path("indicators").findParents("indicator").stream()
                .filter(i -> id.equals(i.path("indicator").asText()))
                .toList();
        assertThat(found).as("%s in %s", id, answer).hasSize(1);
        return found.get(0);
    }
}
