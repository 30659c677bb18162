package io.synergy.aggregation.inventory;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.startsWith;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.synergy.model.catalogue.Sector;
import io.synergy.model.event.EventKind;
import io.synergy.model.event.IndicatorEvent;
import io.synergy.model.event.Topics;
import io.synergy.testsupport.DefaultAuthorization;
import io.synergy.testsupport.KafkaBroker;
import io.synergy.testsupport.KafkaTestClient;
import io.synergy.testsupport.PlatformTestResource;
import io.synergy.testsupport.TestTokens;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The inventory end to end on the real broker and database: activity data and reported emissions arrive as
 * DATA_ELEMENT events of two districts; the city inventory is their sum, as JSON, CSV and the printable report; a factor
 * revision (ops only) changes the figures, names itself in revisedFrom and keeps the old figures in the history.
 */
@QuarkusTest
@WithTestResource(PlatformTestResource.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class InventoryFlowTest {

    /** A year no other test of this module reports, so the figures below are exactly these events'. */
    static final int YEAR = 2013;
    /** Districts whose facts in that year no other test looks at (OpsApiTest expects 370202 never to report transport). */
    static final String A = "370285";

    static final String B = "370283";
    static final String CITY = "370200";

    /** t CO2 per t of raw coal and per 10^4 m³ of natural gas with version 1: NCV (GJ) × IPCC factor (t/GJ). */
    static final double RAWCOAL_V1 = 20.908 * 94.6 / 1000;

    static final double NATURALGAS_V1 = 389.31 * 56.1 / 1000;
    static final double RAWCOAL_REVISED = 20.908 * 96.0 / 1000;

    @Inject
    ObjectMapper json;

    private final KafkaTestClient kafka = new KafkaTestClient(KafkaBroker.bootstrapServers());

    private void publish(Sector sector, String code, String district, double value, String unit) throws Exception {
        IndicatorEvent e = new IndicatorEvent(
                UUID.randomUUID().toString(),
                sector.code(),
                EventKind.DATA_ELEMENT,
                code,
                district,
                Integer.toString(YEAR),
                value,
                value,
                null,
                unit,
                1,
                true,
                "inventory-test/" + district,
                Instant.now());
        kafka.send(
                Topics.indicators(sector),
                e.key(),
                json.writeValueAsString(e),
                Map.of("ce_id", e.eventId(), "ce_type", "cn.qingdao.synergy.indicator.v1", "ce_specversion", "1.0"));
    }

    private static JsonNode row(JsonNode inventory, String sector, String gas) {
        for (JsonNode r : inventory.path("rows")) {
            if (r.path("sector").asText().equals(sector)
                    && r.path("gas").asText().equals(gas)) {
                return r;
            }
        }
        throw new AssertionError("no row " + sector + " " + gas + " in " + inventory);
    }

    private JsonNode inventory(String orgUnit) throws Exception {
        return json.readTree(given().queryParam("period", YEAR)
                .queryParam("orgUnit", orgUnit)
                .get("/api/v1/inventory")
                .then()
                .statusCode(200)
                .extract()
                .asString());
    }

    private static boolean published;

    /**
     * The two districts' activity data and reported emissions, sent once (each method may also run alone). Revision 1 of
     * each value: sent again, it would change nothing.
     */
    @BeforeEach
    void publishOnce() throws Exception {
        if (published) {
            return;
        }
        publish(Sector.ENERGY, "energy.fuel.rawcoal", A, 100_000, "t");
        publish(Sector.ENERGY, "energy.fuel.naturalgas", A, 2_000, "10^4 m³");
        publish(Sector.ENERGY, "energy.emissions.co2", A, 250_000, "t");
        publish(Sector.ENERGY, "energy.emissions.nox", A, 200, "t");
        publish(Sector.TRANSPORT, "transport.fuel.diesel", A, 10_000, "t");
        publish(Sector.TRANSPORT, "transport.emissions.co2", A, 30_000, "t");
        publish(Sector.ENERGY, "energy.fuel.rawcoal", B, 50_000, "t");
        publish(Sector.ENERGY, "energy.fuel.naturalgas", B, 1_000, "10^4 m³");
        publish(Sector.ENERGY, "energy.emissions.co2", B, 120_000, "t");
        publish(Sector.ENERGY, "energy.emissions.nox", B, 100, "t");
        // every input has arrived when the city's fuels and reported emissions add up (whatever the factor version)
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            JsonNode city = inventory(CITY);
            assertThat(city.path("energyByFuel").path("rawcoal").asDouble())
                    .isCloseTo(150_000 * 20.908 / 1000, within(1e-6));
            assertThat(city.path("energyByFuel").path("naturalgas").asDouble())
                    .isCloseTo(3_000 * 389.31 / 1000, within(1e-6));
            assertThat(city.path("energyByFuel").path("diesel").asDouble())
                    .isCloseTo(10_000 * 42.652 / 1000, within(1e-6));
            assertThat(row(city, "energy", "CO2").path("reported").asDouble()).isEqualTo(370_000.0);
            assertThat(row(city, "energy", "NOX").path("reported").asDouble()).isEqualTo(300.0);
            assertThat(row(city, "transport", "CO2").path("reported").asDouble())
                    .isEqualTo(30_000.0);
        });
        published = true;
    }

    @Test
    @Order(1)
    void theCityInventoryIsTheSumOfItsDistricts() throws Exception {
        double cityCo2 = 150_000 * RAWCOAL_V1 + 3_000 * NATURALGAS_V1;
        JsonNode city = inventory(CITY);
        assertThat(row(city, "energy", "CO2").path("calculated").asDouble()).isCloseTo(cityCo2, within(1e-6));
        JsonNode a = inventory(A);
        JsonNode b = inventory(B);
        assertThat(row(city, "energy", "CO2").path("calculated").asDouble())
                .isCloseTo(
                        row(a, "energy", "CO2").path("calculated").asDouble()
                                + row(b, "energy", "CO2").path("calculated").asDouble(),
                        within(1e-6));
        assertThat(row(city, "energy", "CO2").path("difference").asDouble()).isCloseTo(cityCo2 - 370_000, within(1e-6));
        assertThat(row(city, "energy", "CO2").path("status").asText()).isEqualTo("COMPUTED");
        assertThat(row(city, "energy", "CO2").path("example").asBoolean()).isFalse();
        // NOx comes from example factors, and says so
        assertThat(row(city, "energy", "NOX").path("example").asBoolean()).isTrue();
        assertThat(city.path("usesExampleFactors").asBoolean()).isTrue();
        assertThat(city.path("exampleNote").asText()).contains("EXAMPLE");
        // the energy by fuel, and the factor version on the answer and on every figure
        assertThat(city.path("energyByFuel").path("rawcoal").asDouble())
                .isCloseTo(150_000 * 20.908 / 1000, within(1e-6));
        int version = city.path("factorVersion").asInt();
        assertThat(version).isPositive();
        assertThat(row(city, "energy", "CO2").path("factorVersion").asInt()).isEqualTo(version);
        assertThat(city.path("co2e").path("factorVersion").asInt()).isEqualTo(version);
        assertThat(city.path("revisedFrom").isNull()).isTrue();
        // eight districts have not reported: the city says so
        assertThat(city.path("complete").asBoolean()).isFalse();
        assertThat(city.path("incomplete").toString()).contains("energy.fuel.rawcoal", "370211");
        assertThat(a.path("complete").asBoolean()).isTrue();
    }

    @Test
    @Order(2)
    void csvAndThePrintableReport() {
        String csv = given().accept("text/csv")
                .queryParam("period", YEAR)
                .get("/api/v1/inventory")
                .then()
                .statusCode(200)
                .contentType(startsWith("text/csv"))
                .extract()
                .asString();
        String[] lines = csv.split("\r\n");
        // the platform's CSV starts with a byte order mark, then the columns' keys
        assertThat(lines[0])
                .isEqualTo(
                        "\uFEFForg_unit,period,sector,sector_zh,gas,gas_zh,unit,calculated,reported,difference,relative_difference,"
                                + "status,reason,example,factor_version,complete");
        double cityCo2 = 150_000 * RAWCOAL_V1 + 3_000 * NATURALGAS_V1;
        String energyCo2 = Arrays.stream(lines)
                .filter(l -> l.startsWith(CITY + "," + YEAR + ",energy,能源,CO2,二氧化碳,t,"))
                .findFirst()
                .orElseThrow();
        String[] cells = energyCo2.split(",");
        assertThat(Double.parseDouble(cells[7])).isCloseTo(cityCo2, within(1e-6));
        assertThat(cells[7]).isEqualTo("362205.393");
        assertThat(cells[8]).isEqualTo("370000");
        assertThat(cells[11]).isEqualTo("COMPUTED");
        assertThat(cells[14])
                .isEqualTo(Integer.toString(given().get("/api/v1/inventory/factors")
                        .then()
                        .extract()
                        .<Integer>path("current")));
        assertThat(csv).contains(",all,合计,CO2,");
        assertThat(csv).contains(",all,合计,CO2e,");

        String html = given().accept("text/html")
                .queryParam("period", YEAR)
                .get("/api/v1/inventory/report")
                .then()
                .statusCode(200)
                .contentType(startsWith("text/html"))
                .header("Content-Security-Policy", containsString("default-src 'none'"))
                .extract()
                .asString();
        assertThat(html)
                .contains(
                        "<!DOCTYPE html>",
                        "@media print",
                        "size: A4",
                        "年度大气污染物与温室气体融合排放清单",
                        "Integrated air-pollutant and greenhouse-gas emission inventory",
                        "分部门排放",
                        "Emissions by sector",
                        "示例排放因子");
        assertThat(html)
                .contains(InventoryReportPage.fmt(cityCo2), "370,000.00", "IPCC 2006 GL Vol. 2 Ch. 1 Table 1.4");
        assertThat(html).doesNotContain("<script");

        given().queryParam("period", 1999)
                .get("/api/v1/inventory/report")
                .then()
                .statusCode(404)
                .contentType(startsWith("application/problem+json"));
        given().queryParam("period", 1999)
                .get("/api/v1/inventory")
                .then()
                .statusCode(404)
                .body("title", equalTo("No data"));
        given().queryParam("period", "2013Q1")
                .get("/api/v1/inventory")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("period"));
        given().queryParam("period", YEAR)
                .queryParam("orgUnit", "999999")
                .get("/api/v1/inventory")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("orgUnit"));
    }

    @Test
    @Order(3)
    void onlyOperatorsMayReviseTheFactorsAndOnlyValidLibraries() {
        String reader = TestTokens.bearer(TestTokens.token("reader"));
        int current = given().get("/api/v1/inventory/factors")
                .then()
                .statusCode(200)
                .extract()
                .path("current");
        given().header("Authorization", reader)
                .contentType("application/json")
                .body("{\"description\": \"x\", \"factors\": []}")
                .post("/api/v1/inventory/factors")
                .then()
                .statusCode(403)
                .contentType(startsWith("application/problem+json"));
        given().header("Authorization", DefaultAuthorization.NONE)
                .get("/api/v1/inventory/factors")
                .then()
                .statusCode(401);
        given().header("Authorization", TestTokens.bearer(TestTokens.token("feed:energy")))
                .queryParam("period", YEAR)
                .get("/api/v1/inventory")
                .then()
                .statusCode(403);
        given().header("Authorization", reader)
                .get("/api/v1/inventory/factors")
                .then()
                .statusCode(200);

        given().contentType("application/json")
                .body("""
                {"description": "broken", "ncv": [], "factors": [
                  {"gas": "CO", "activity": "rawcoal", "factor": 1, "unit": "kg/t", "source": "s", "validFrom": 2020},
                  {"gas": "CO2", "activity": "clinker", "factor": -0.5, "unit": "t/t", "source": "s", "validFrom": 2020, "validTo": 2019}]}""")
                .post("/api/v1/inventory/factors")
                .then()
                .statusCode(400)
                .contentType(startsWith("application/problem+json"))
                .body("errors.field", hasItem("factors[0].gas"))
                .body("errors.field", hasItem("factors[1].factor"))
                .body("errors.field", hasItem("factors[1].validTo"));
        given().contentType("application/json")
                .body("{\"description\": \"x\", \"factors\": [{\"gas\": \"CO2\", \"factor\": \"12\"}]}")
                .post("/api/v1/inventory/factors")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("factors[0].factor"));
        given().contentType("application/yaml")
                .body("description: x\nfactors:\n  - {gas: CO2, colour: red}\n".getBytes(StandardCharsets.UTF_8))
                .post("/api/v1/inventory/factors")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("factors[0].colour"));
        given().contentType("text/plain")
                .body("x")
                .post("/api/v1/inventory/factors")
                .then()
                .statusCode(415);
        given().get("/api/v1/inventory/factors").then().body("current", equalTo(current));
    }

    @Test
    @Order(4)
    void aFactorRevisionRecomputesTheYearAndKeepsTheOldFiguresInTheHistory() throws Exception {
        JsonNode before = inventory(CITY);
        int previous = before.path("factorVersion").asInt();
        double oldCo2 = row(before, "energy", "CO2").path("calculated").asDouble();

        // GET the current library, revise one factor, POST it back as YAML: what the ecology bureau does
        JsonNode factors = json.readTree(given().get("/api/v1/inventory/factors")
                .then()
                .statusCode(200)
                .extract()
                .asString());
        ObjectNode library = (ObjectNode) factors.path("library");
        assertThat(library.path("version").asInt()).isEqualTo(previous);
        library.put("description", "raw coal CO2 from the 2013 plant measurement campaign");
        for (JsonNode f : (ArrayNode) library.path("factors")) {
            if (f.path("gas").asText().equals("CO2")
                    && f.path("activity").asText().equals("rawcoal")) {
                ((ObjectNode) f).put("factor", 96_000).put("source", "Qingdao plant measurements 2013");
            }
        }
        String yaml = new YAMLMapper().writeValueAsString(library);
        Response posted = given().contentType("application/yaml")
                .body(yaml.getBytes(StandardCharsets.UTF_8))
                .post("/api/v1/inventory/factors");
        posted.then()
                .statusCode(201)
                .header("Location", containsString("/api/v1/inventory/factors?version=" + (previous + 1)))
                .body("version", equalTo(previous + 1))
                .body("previousVersion", equalTo(previous));
        JsonNode revision = json.readTree(posted.asString());
        assertThat(revision.path("revisedYears").toString()).contains(Integer.toString(YEAR));
        assertThat(revision.path("revised").toString())
                .contains(
                        "{\"orgUnit\":\"" + CITY + "\",\"year\":" + YEAR + "}",
                        "{\"orgUnit\":\"" + A + "\",\"year\":" + YEAR + "}",
                        "{\"orgUnit\":\"" + B + "\",\"year\":" + YEAR + "}");
        assertThat(revision.path("createdBy").asText()).isNotBlank();

        // the figures changed, and say which version made them and what they were revised from
        JsonNode after = inventory(CITY);
        assertThat(after.path("factorVersion").asInt()).isEqualTo(previous + 1);
        JsonNode co2 = row(after, "energy", "CO2");
        assertThat(co2.path("calculated").asDouble())
                .isCloseTo(150_000 * RAWCOAL_REVISED + 3_000 * NATURALGAS_V1, within(1e-6));
        assertThat(co2.path("factorVersion").asInt()).isEqualTo(previous + 1);
        assertThat(after.path("revisedFrom").path("factorVersion").asInt()).isEqualTo(previous);
        assertThat(after.path("revisedFrom").path("revisedBy").asInt()).isEqualTo(previous + 1);
        assertThat(after.path("revisedFrom").path("revisedAt").asText()).isNotBlank();
        assertThat(after.path("factorLibrary").path("sources").toString()).contains("Qingdao plant measurements 2013");
        // transport burns no raw coal: its figures are the same
        assertThat(row(after, "transport", "CO2").path("calculated").asDouble())
                .isCloseTo(row(before, "transport", "CO2").path("calculated").asDouble(), within(1e-9));

        // the old figures remain, as they were
        JsonNode history = json.readTree(given().queryParam("period", YEAR)
                .queryParam("orgUnit", CITY)
                .get("/api/v1/inventory/history")
                .then()
                .statusCode(200)
                .extract()
                .asString());
        assertThat(history.path("orgUnit").asText()).isEqualTo(CITY);
        JsonNode entry = history.path("entries").get(0);
        assertThat(entry.path("factorVersion").asInt()).isEqualTo(previous);
        assertThat(entry.path("supersededBy").asInt()).isEqualTo(previous + 1);
        assertThat(entry.path("inventory").path("factorVersion").asInt()).isEqualTo(previous);
        assertThat(row(entry.path("inventory"), "energy", "CO2")
                        .path("calculated")
                        .asDouble())
                .isCloseTo(oldCo2, within(1e-9));
        given().queryParam("period", YEAR)
                .queryParam("orgUnit", A)
                .get("/api/v1/inventory/history")
                .then()
                .statusCode(200)
                .body("entries[0].factorVersion", equalTo(previous));
        given().queryParam("period", 1999)
                .get("/api/v1/inventory/history")
                .then()
                .statusCode(200)
                .body("entries.size()", equalTo(0));

        // every version stays readable
        given().queryParam("version", previous)
                .get("/api/v1/inventory/factors")
                .then()
                .statusCode(200)
                .body("library.version", equalTo(previous))
                .body("library.factors.find { it.gas == 'CO2' && it.activity == 'rawcoal' }.factor", equalTo(94_600f));
        given().get("/api/v1/inventory/factors")
                .then()
                .body("current", equalTo(previous + 1))
                .body("versions[0].version", equalTo(previous + 1))
                .body("versions[0].previousVersion", equalTo(previous));
        given().queryParam("version", 999)
                .get("/api/v1/inventory/factors")
                .then()
                .statusCode(404);
    }
}
