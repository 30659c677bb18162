package io.synergy.building;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.synergy.model.catalogue.Sector;
import io.synergy.testsupport.PlatformTestResource;
import io.synergy.testsupport.sector.CatalogueContract;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** What differs per sector ({@link CatalogueContract}) for building, and what only building has: roof areas in m² (a unit that is not ASCII). */
@QuarkusTest
@WithTestResource(PlatformTestResource.class)
class BuildingServiceTest extends CatalogueContract {

    BuildingServiceTest() {
        super(Sector.BUILDING);
    }

    /**
     * A spreadsheet exported in Latin-1 (declared in the Content-Type) writes m² as the single byte 0xB2; the service
     * decodes the declared charset. B2 = 1 800 m² of PV over 0.6 × 10^4 m² of roof = 30 %.
     */
    @Test
    void roofAreaInSquareMetresFromALatin1Csv() {
        int year = freshYear();
        String id = uniqueId("b2");
        String csv = CSV_HEADER + "\n"
                + csvRow(id, "370283", String.valueOf(year), "building.roof.new", "0.6", "10^4 m²", "") + "\n"
                + csvRow(id, "370283", String.valueOf(year), "building.roof.new.pv", "1800", "m²", "") + "\n";
        byte[] latin1 = csv.getBytes(StandardCharsets.ISO_8859_1);
        JsonNode answer = accepted(
                        given().contentType("text/csv; charset=ISO-8859-1")
                                .body(latin1)
                                .post(REPORTS),
                        201)
                .get(0);
        JsonNode b2 = answer.path("indicators").get(0);
        assertThat(b2.path("indicator").asText()).isEqualTo("B2");
        assertThat(b2.path("value").asDouble()).isCloseTo(30.0, within(1e-9));
        assertThat(storedValues(getReport(id).path("revisions").get(0)))
                .containsEntry("building.roof.new", 6000.0)
                .containsEntry("building.roof.new.pv", 1800.0);

        // the same bytes without the declared charset are not UTF-8: refused, naming the body
        assertProblem(exchange("POST", REPORTS, CSV, latin1, false), 400, "body");
    }

    /** m2 is accepted for m²: bureaus without the superscript key type it so. */
    @Test
    void acceptsM2ForSquareMetres() {
        int year = freshYear();
        String id = uniqueId("m2");
        String csv = CSV_HEADER + "\n"
                + csvRow(id, "370285", String.valueOf(year), "building.roof.new", "5000", "m2", "") + "\n"
                + csvRow(id, "370285", String.valueOf(year), "building.roof.new.pv", "2500", "m2", "") + "\n";
        JsonNode answer = accepted(postCsv(csv), 201).get(0);
        assertThat(answer.path("indicators").get(0).path("value").asDouble()).isCloseTo(50.0, within(1e-9));
    }
}
