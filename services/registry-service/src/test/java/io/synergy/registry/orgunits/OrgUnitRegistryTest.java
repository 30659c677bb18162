package io.synergy.registry.orgunits;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.synergy.model.orgunit.UnifiedSocialCreditCode;
import io.synergy.testsupport.KafkaBroker;
import io.synergy.testsupport.KafkaTestClient;
import io.synergy.testsupport.PlatformTestResource;
import io.synergy.testsupport.TestTokens;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;

/**
 * The registry of parks and enterprises: validation, events, CSV import. (What a move does to the figures is the
 * aggregation's: its HierarchyChangesTest.)
 */
@QuarkusTest
@WithTestResource(PlatformTestResource.class)
class OrgUnitRegistryTest {

    static final Duration WAIT = Duration.ofSeconds(30);

    private final KafkaTestClient kafka = new KafkaTestClient(KafkaBroker.bootstrapServers());

    static String uscc(String first17) {
        return first17 + UnifiedSocialCreditCode.checkCharacter(first17);
    }

    static Map<String, Object> enterprise(String code, String parent, String section, String division) {
        return Map.of(
                "code",
                code,
                "level",
                "ENTERPRISE",
                "zh",
                "企业" + code.substring(12),
                "en",
                "Enterprise " + code.substring(12),
                "parent",
                parent,
                "industrySection",
                section,
                "industryDivision",
                division,
                "flags",
                List.of("KEY_POLLUTER"));
    }

    @Test
    void registeringValidatesEveryFieldAndPublishesTheChange() {
        given().contentType("application/json")
                .body(Map.of(
                        "code",
                        "370281P07",
                        "level",
                        "PARK",
                        "zh",
                        "胶州湾产业园",
                        "en",
                        "Jiaozhou Bay park",
                        "parent",
                        "370281"))
                .post("/api/v1/org-units")
                .then()
                .statusCode(201)
                .body("version", equalTo(1));
        String code = uscc("91370281MA3D00007");
        given().contentType("application/json")
                .body(enterprise(code, "370281P07", "C", "26"))
                .post("/api/v1/org-units")
                .then()
                .statusCode(201);
        given().get("/api/v1/org-units/" + code)
                .then()
                .statusCode(200)
                .body("parent", equalTo("370281P07"))
                .body("flags", hasItem("KEY_POLLUTER"));

        var records = kafka.readUntil("org-units.v1", rs -> rs.stream().anyMatch(r -> code.equals(r.key())), WAIT);
        var event =
                records.stream().filter(r -> code.equals(r.key())).findFirst().orElseThrow();
        assertThat(event.headers())
                .containsEntry("ce_type", "cn.qingdao.synergy.orgunit.v1")
                .containsEntry("ce_source", "/synergy/registry");
        assertThat(event.value()).contains("\"industryDivision\":\"26\"");

        // every fault at once, nothing stored
        String badCheck = code.substring(0, 17) + (code.charAt(17) == '0' ? '1' : '0');
        JsonPath problem = given().contentType("application/json")
                .body(Map.of(
                        "code",
                        badCheck,
                        "level",
                        "ENTERPRISE",
                        "zh",
                        "",
                        "parent",
                        "370299",
                        "industrySection",
                        "C",
                        "industryDivision",
                        "44",
                        "flags",
                        List.of("ROYAL")))
                .post("/api/v1/org-units")
                .then()
                .statusCode(400)
                .extract()
                .jsonPath();
        assertThat(problem.getList("errors.field", String.class))
                .contains("code", "zh", "parent", "industryDivision", "flags");
        assertThat(problem.getString("errors.find { it.field == 'code' }.message"))
                .contains("check character");
        given().get("/api/v1/org-units/" + badCheck).then().statusCode(404);
        // operations need ops; reading needs reader
        given().header("Authorization", TestTokens.bearer(TestTokens.token("reader")))
                .contentType("application/json")
                .body(enterprise(uscc("91370281MA3D00008"), "370281", "C", "26"))
                .post("/api/v1/org-units")
                .then()
                .statusCode(403);
    }

    @Test
    void aCsvImportIsAllOrNothing() {
        String a = uscc("91370283MA3E00001");
        String b = uscc("91370283MA3E00002");
        String header = "code,level,name_zh,name_en,parent,industry_section,industry_division,flags,closed\n";
        String bad = header + "370283P01,PARK,平度园区,Pingdu park,370283,,,,\n" + a
                + ",ENTERPRISE,企业A,A,370283P01,C,30,CARBON_MARKET|KEY_POLLUTER,false\n" + b
                + ",ENTERPRISE,企业B,B,370283P01,Z,99,,false\n";
        given().contentType("text/csv")
                .body(bad)
                .post("/api/v1/org-units/import")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("line 4: industryDivision"));
        given().get("/api/v1/org-units/370283P01").then().statusCode(404);

        String good = bad.replace(",Z,99,", ",D,44,");
        given().contentType("text/csv")
                .body(good)
                .post("/api/v1/org-units/import")
                .then()
                .statusCode(200)
                .body("created", equalTo(3));
        given().contentType("text/csv")
                .body(good)
                .post("/api/v1/org-units/import")
                .then()
                .statusCode(200)
                .body("unchanged", equalTo(3));
        given().queryParam("parent", "370283")
                .queryParam("level", "ENTERPRISE")
                .get("/api/v1/org-units")
                .then()
                .statusCode(200)
                .body("code", Matchers.containsInAnyOrder(a, b));
        given().queryParam("industry", "D").get("/api/v1/org-units").then().body("code", Matchers.contains(b));
    }
}
