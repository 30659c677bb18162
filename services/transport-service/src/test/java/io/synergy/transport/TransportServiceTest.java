package io.synergy.transport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.synergy.model.catalogue.Sector;
import io.synergy.testsupport.PlatformTestResource;
import io.synergy.testsupport.sector.CatalogueContract;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * What differs per sector ({@link CatalogueContract}) for transport, and what only transport has: T1 over the central urban area,
 * freight units.
 */
@QuarkusTest
@WithTestResource(PlatformTestResource.class)
class TransportServiceTest extends CatalogueContract {

    TransportServiceTest() {
        super(Sector.TRANSPORT);
    }

    /**
     * T1's target is for 中心城区 (the group central-urban: 370202, 370203, 370212, 370213): its share is the group's green
     * trips over the group's trips, 1 900 / 4 000 = 47.5 %, not the mean of the members' shares (42.5 %), and a
     * district outside the group (370211) counts for the city only.
     */
    @Test
    void greenTravelShareOfTheCentralUrbanArea() {
        int year = freshYear();
        Map<String, double[]> trips = new LinkedHashMap<>();
        trips.put("370202", new double[] {600, 1000});
        trips.put("370203", new double[] {300, 1000});
        trips.put("370212", new double[] {100, 500});
        trips.put("370213", new double[] {900, 1500});
        trips.put("370211", new double[] {10, 1000});
        ArrayNode batch = MAPPER.createArrayNode();
        trips.forEach((district, t) -> batch.add(report(
                uniqueId("t1"),
                district,
                String.valueOf(year),
                null,
                Map.of("transport.trips.green", t[0], "transport.trips.total", t[1]))));
        accepted(postJson(batch), 201);

        JsonNode group = row(unitRows(indicators(String.valueOf(year), "central-urban"), "central-urban"), "T1");
        assertThat(group.path("value").asDouble()).isCloseTo(47.5, within(1e-9));
        assertThat(group.path("numerator").asDouble()).isEqualTo(1900.0);
        assertThat(group.path("denominator").asDouble()).isEqualTo(4000.0);
        JsonNode city = row(unitRows(indicators(String.valueOf(year), null), "370200"), "T1");
        assertThat(city.path("value").asDouble()).isCloseTo(38.2, within(1e-9));
        // the other districts did not report: their T1 is absent, and the city is not complete
        assertThat(city.path("complete").asBoolean()).isFalse();
        assertThat(group.path("complete").asBoolean()).isTrue();

        JsonNode t1 = catalogIndicator("T1");
        assertThat(t1.path("target").path("scope").asText()).isEqualTo("central-urban");
        assertThat(t1.path("target").path("value").asDouble()).isEqualTo(70.0);
    }

    /** Freight turnover comes in 10^8 t·km from the statistics yearbook; the CSV carries the unit's middle dot as UTF-8. */
    @Test
    void freightInHundredMillionTonneKilometres() {
        int year = freshYear();
        String id = uniqueId("freight");
        String csv = CSV_HEADER + "\n"
                + csvRow(id, "370211", String.valueOf(year), "transport.freight.total", "1.2", "10^8 t·km", "") + "\n"
                + csvRow(id, "370211", String.valueOf(year), "transport.freight.railwater", "3000", "10^4 t·km", "")
                + "\n";
        JsonNode answer = accepted(postCsv(csv), 201).get(0);
        JsonNode rw = answer.path("indicators").get(0);
        assertThat(rw.path("indicator").asText()).isEqualTo("FREIGHT-RW");
        assertThat(rw.path("value").asDouble()).isCloseTo(25.0, within(1e-9));
        assertThat(storedValues(getReport(id).path("revisions").get(0)))
                .containsEntry("transport.freight.total", 1.2e8)
                .containsEntry("transport.freight.railwater", 3.0e7);
    }

    private JsonNode catalogIndicator(String id) {
        JsonNode catalog = json(
                given().get("/api/v1/catalog").then().statusCode(200).extract().response());
        for (JsonNode i : catalog.path("indicators")) {
            if (id.equals(i.path("id").asText())) {
                return i;
            }
        }
        throw new AssertionError(id + " is not in the catalog");
    }
}
