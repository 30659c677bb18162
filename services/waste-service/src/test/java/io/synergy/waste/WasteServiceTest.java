package io.synergy.waste;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.synergy.model.catalogue.Sector;
import io.synergy.testsupport.PlatformTestResource;
import io.synergy.testsupport.sector.CatalogueContract;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** What differs per sector ({@link CatalogueContract}) for waste, and what only waste has: W2, a total (tonnes landfilled), not a share. */
@QuarkusTest
@WithTestResource(PlatformTestResource.class)
class WasteServiceTest extends CatalogueContract {

    WasteServiceTest() {
        super(Sector.WASTE);
    }

    /** W2 (零填埋) is the tonnes landfilled: the city's is the districts' sum, with no denominator, and so are its events. */
    @Test
    void landfillTotalIsASum() {
        int year = freshYear();
        List<String> ds = List.of("370214", "370215", "370281");
        double[] landfilled = {120.5, 0, 40};
        ArrayNode batch = MAPPER.createArrayNode();
        String[] ids = new String[ds.size()];
        for (int i = 0; i < ds.size(); i++) {
            ids[i] = uniqueId("w2");
            batch.add(report(
                    ids[i],
                    ds.get(i),
                    String.valueOf(year),
                    null,
                    Map.of("waste.domestic.collected", 1000.0, "waste.domestic.landfilled", landfilled[i])));
        }
        accepted(postJson(batch), 201);

        JsonNode city = row(unitRows(indicators(String.valueOf(year), null), "370200"), "W2");
        assertThat(city.path("value").asDouble()).isEqualTo(160.5);
        assertThat(city.path("numerator").asDouble()).isEqualTo(160.5);
        assertThat(city.path("denominator").isNull()).isTrue();
        assertThat(city.path("unit").asText()).isEqualTo("t");

        // zero landfilled is a value (the target), not a missing one: it is published
        String zero = ids[1];
        Event e = awaitEvents(
                        x -> zero.equals(x.data().path("reportId").asText())
                                && "W2".equals(x.data().path("code").asText()),
                        1)
                .get(0);
        assertThat(e.data().path("value").asDouble()).isZero();
        assertThat(e.data().path("numerator").asDouble()).isZero();
        assertThat(e.data().path("denominator").isNull()).isTrue();
        assertThat(e.data().path("kind").asText()).isEqualTo("INDICATOR");
    }
}
