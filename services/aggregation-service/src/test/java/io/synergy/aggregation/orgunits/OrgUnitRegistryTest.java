package io.synergy.aggregation.orgunits;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.synergy.model.event.EventKind;
import io.synergy.model.event.IndicatorEvent;
import io.synergy.model.orgunit.UnifiedSocialCreditCode;
import io.synergy.testsupport.KafkaBroker;
import io.synergy.testsupport.KafkaTestClient;
import io.synergy.testsupport.PlatformTestResource;
import io.synergy.testsupport.TestTokens;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The registry of parks and enterprises: validation, events, CSV import, roll-ups through the hierarchy, moves. */
@QuarkusTest
@WithTestResource(PlatformTestResource.class)
class OrgUnitRegistryTest {

    static final Duration WAIT = Duration.ofSeconds(30);

    @Inject
    ObjectMapper json;

    private final KafkaTestClient kafka = new KafkaTestClient(KafkaBroker.bootstrapServers());

    static String uscc(String first17) {
        return first17 + UnifiedSocialCreditCode.checkCharacter(first17);
    }

    static Map<String, Object> enterprise(String code, String parent, String section, String division) {
        return Map.of("code", code, "level", "ENTERPRISE", "zh", "企业" + code.substring(12), "en", "Enterprise " + code.substring(12),
                "parent", parent, "industrySection", section, "industryDivision", division, "flags", List.of("KEY_POLLUTER"));
    }

    @Test
    void registeringValidatesEveryFieldAndPublishesTheChange() {
        given().contentType("application/json").body(Map.of("code", "370281P07", "level", "PARK", "zh", "胶州湾产业园", "en", "Jiaozhou Bay park",
                "parent", "370281")).post("/api/v1/org-units").then().statusCode(201).body("version", equalTo(1));
        String code = uscc("91370281MA3D00007");
        given().contentType("application/json").body(enterprise(code, "370281P07", "C", "26")).post("/api/v1/org-units").then().statusCode(201);
        given().get("/api/v1/org-units/" + code).then().statusCode(200).body("parent", equalTo("370281P07")).body("flags", hasItem("KEY_POLLUTER"));

        var records = kafka.readUntil("org-units.v1", rs -> rs.stream().anyMatch(r -> code.equals(r.key())), WAIT);
        var event = records.stream().filter(r -> code.equals(r.key())).findFirst().orElseThrow();
        assertThat(event.headers()).containsEntry("ce_type", "cn.qingdao.synergy.orgunit.v1");
        assertThat(event.value()).contains("\"industryDivision\":\"26\"");

        // every fault at once, nothing stored
        String badCheck = code.substring(0, 17) + (code.charAt(17) == '0' ? '1' : '0');
        JsonPath problem = given().contentType("application/json").body(Map.of("code", badCheck, "level", "ENTERPRISE", "zh", "", "parent", "370299",
                "industrySection", "C", "industryDivision", "44", "flags", List.of("ROYAL"))).post("/api/v1/org-units").then().statusCode(400)
                .extract().jsonPath();
        assertThat(problem.getList("errors.field", String.class)).contains("code", "zh", "parent", "industryDivision", "flags");
        assertThat(problem.getString("errors.find { it.field == 'code' }.message")).contains("check character");
        given().get("/api/v1/org-units/" + badCheck).then().statusCode(404);
        // operations need ops; reading needs reader
        given().header("Authorization", TestTokens.bearer(TestTokens.token("reader"))).contentType("application/json")
                .body(enterprise(uscc("91370281MA3D00008"), "370281", "C", "26")).post("/api/v1/org-units").then().statusCode(403);
    }

    @Test
    void aCsvImportIsAllOrNothing() {
        String a = uscc("91370283MA3E00001");
        String b = uscc("91370283MA3E00002");
        String header = "code,level,name_zh,name_en,parent,industry_section,industry_division,flags,closed\n";
        String bad = header + "370283P01,PARK,平度园区,Pingdu park,370283,,,,\n" + a + ",ENTERPRISE,企业A,A,370283P01,C,30,CARBON_MARKET|KEY_POLLUTER,false\n"
                + b + ",ENTERPRISE,企业B,B,370283P01,Z,99,,false\n";
        given().contentType("text/csv").body(bad).post("/api/v1/org-units/import").then().statusCode(400)
                .body("errors[0].field", equalTo("line 4: industryDivision"));
        given().get("/api/v1/org-units/370283P01").then().statusCode(404);

        String good = bad.replace(",Z,99,", ",D,44,");
        given().contentType("text/csv").body(good).post("/api/v1/org-units/import").then().statusCode(200).body("created", equalTo(3));
        given().contentType("text/csv").body(good).post("/api/v1/org-units/import").then().statusCode(200).body("unchanged", equalTo(3));
        given().queryParam("parent", "370283").queryParam("level", "ENTERPRISE").get("/api/v1/org-units").then().statusCode(200)
                .body("code", org.hamcrest.Matchers.containsInAnyOrder(a, b));
        given().queryParam("industry", "D").get("/api/v1/org-units").then().body("code", org.hamcrest.Matchers.contains(b));
    }

    private void publish(String code, String orgUnit, int year, double value, long revision) throws Exception {
        IndicatorEvent e = new IndicatorEvent(UUID.randomUUID().toString(), "energy", EventKind.DATA_ELEMENT, code, orgUnit, Integer.toString(year),
                value, value, null, "t", revision, true, "registry-test", Instant.now());
        kafka.send("indicators.energy.v1", e.key(), json.writeValueAsString(e));
    }

    private JsonNode parkRow(String park, int year) throws Exception {
        String body = given().queryParam("period", Integer.toString(year)).queryParam("level", "park").get("/api/v1/synergy/units").then()
                .statusCode(200).extract().asString();
        for (JsonNode u : json.readTree(body).path("units")) {
            if (u.path("orgUnit").asText().equals(park)) {
                return u;
            }
        }
        return null;
    }

    @Test
    void parksRollUpTheirEnterprisesAndAMoveReRollsThem() throws Exception {
        given().contentType("text/csv").body("code,level,name_zh,name_en,parent,industry_section,industry_division,flags,closed\n"
                + "370285P01,PARK,莱西园区一,Laixi park 1,370285,,,,\n370285P02,PARK,莱西园区二,Laixi park 2,370285,,,,\n").post("/api/v1/org-units/import")
                .then().statusCode(200);
        String e1 = uscc("91370285MA3F00001");
        String e2 = uscc("91370285MA3F00002");
        given().contentType("application/json").body(enterprise(e1, "370285P01", "C", "26")).post("/api/v1/org-units").then().statusCode(201);
        given().contentType("application/json").body(enterprise(e2, "370285P01", "C", "31")).post("/api/v1/org-units").then().statusCode(201);
        int year = 2019;
        for (String e : List.of(e1, e2)) {
            publish("energy.gdp", e, year, 1000, 1);
            publish("energy.emissions.co2", e, year, e.equals(e1) ? 100 : 300, 1);
        }
        // park 1 holds both: CO2 intensity (100 + 300) / (1000 + 1000)
        await().atMost(WAIT).untilAsserted(() -> {
            JsonNode p1 = parkRow("370285P01", year);
            assertThat(p1).isNotNull();
            assertThat(p1.path("values").path("CI").asDouble()).isEqualTo(0.2);
        });
        // move enterprise 2 to park 2: each park now has its own
        given().contentType("application/json").body(Map.of("level", "ENTERPRISE", "zh", "企业二", "parent", "370285P02", "industrySection", "C",
                "industryDivision", "31")).put("/api/v1/org-units/" + e2).then().statusCode(200).body("version", equalTo(2));
        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(parkRow("370285P01", year).path("values").path("CI").asDouble()).isEqualTo(0.1);
            assertThat(parkRow("370285P02", year).path("values").path("CI").asDouble()).isEqualTo(0.3);
        });
        // a district with no total of its own is the sum of its enterprises, wherever they are in it
        await().atMost(WAIT).untilAsserted(() -> given().queryParam("period", Integer.toString(year)).queryParam("level", "enterprise")
                .queryParam("industry", "C").get("/api/v1/synergy/units").then().statusCode(200)
                .body("units.orgUnit", org.hamcrest.Matchers.hasItems(e1, e2)));
    }
}
