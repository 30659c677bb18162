package io.synergy.registry.projects;

import static io.restassured.RestAssured.given;
import static io.synergy.registry.projects.Planner.asPlanner;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.synergy.model.orgunit.UnifiedSocialCreditCode;
import io.synergy.registry.OpenApiOperations;
import io.synergy.registry.Paged;
import io.synergy.registry.shared.WriteOperations;
import io.synergy.testsupport.OpenApiAssertions;
import io.synergy.testsupport.PlatformTestResource;
import io.synergy.testsupport.TestTokens;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The key projects' requests: every fault of a project named at once and nothing stored, who may read and write, the
 * list's filters and paging, and the OpenAPI document. Each test uses codes and org units of its own.
 */
@QuarkusTest
@WithTestResource(PlatformTestResource.class)
class ProjectRequestsTest {

    static final String PROJECTS = "/api/v1/projects";

    static String uscc(String first17) {
        return first17 + UnifiedSocialCreditCode.checkCharacter(first17);
    }

    static Map<String, Object> project(
            String code, String type, String orgUnit, String status, String statusDate, int start, Integer completion) {
        Map<String, Object> p = new HashMap<>();
        p.put("code", code);
        p.put("zh", "项目" + code);
        p.put("type", type);
        p.put("orgUnit", orgUnit);
        p.put("leadDepartment", "市生态环境局");
        p.put("startYear", start);
        p.put("completionYear", completion);
        p.put("status", status);
        p.put("statusDate", statusDate);
        return p;
    }

    static List<String> fields(Response r) {
        r.then().statusCode(400).contentType(startsWith("application/problem+json"));
        return r.jsonPath().getList("errors.field", String.class);
    }

    @Test
    void everyFaultOfAProjectIsNamedAtOnceAndNothingIsStored() {
        Map<String, Object> bad = project("qd 1", "NUCLEAR_FUSION", "370299", "PLANNED", "2023-01-01", 1990, 1985);
        bad.put("zh", " ");
        bad.remove("leadDepartment");
        bad.put(
                "reductions",
                List.of(Map.of("substance", "OZONE", "planned", 1), Map.of("substance", "NOX", "planned", -1)));
        assertThat(fields(asPlanner().contentType("application/json").body(bad).post(PROJECTS)))
                .containsExactlyInAnyOrder(
                        "code",
                        "zh",
                        "leadDepartment",
                        "type",
                        "orgUnit",
                        "startYear",
                        "completionYear",
                        "reductions[0].substance",
                        "reductions[1].planned");

        // a verified reduction needs a completed project and its document; a cancelled project keeps none
        Map<String, Object> building =
                project("QD-REQ-0001", "KILN_FUEL_SWITCH", "370203", "UNDER_CONSTRUCTION", "2024-03-01", 2024, 2025);
        building.put("reductions", List.of(Map.of("substance", "NOX", "planned", 12, "verified", 10)));
        JsonPath p = asPlanner()
                .contentType("application/json")
                .body(building)
                .post(PROJECTS)
                .then()
                .statusCode(400)
                .extract()
                .jsonPath();
        assertThat(p.getList("errors.field", String.class))
                .containsExactlyInAnyOrder("reductions[0].verified", "verificationDocument");
        assertThat(p.getString("errors.find { it.field == 'reductions[0].verified' }.message"))
                .contains("only a completed project");
        building.put("status", "CANCELLED");
        building.put("verificationDocument", "青环验〔2024〕1号");
        asPlanner()
                .contentType("application/json")
                .body(building)
                .post(PROJECTS)
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("reductions[0].verified"))
                .body("errors[0].message", containsString("cancelled project keeps no"));

        // completed: its completion year is the year of its completion; no day after today
        Map<String, Object> done =
                project("QD-REQ-0002", "KILN_FUEL_SWITCH", "370203", "COMPLETED", "2024-06-30", 2023, 2023);
        asPlanner()
                .contentType("application/json")
                .body(done)
                .post(PROJECTS)
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("completionYear"))
                .body("errors[0].message", containsString("2024"));
        done.put("completionYear", null);
        asPlanner()
                .contentType("application/json")
                .body(done)
                .post(PROJECTS)
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("completionYear"));
        done.put("statusDate", "2099-01-01");
        asPlanner()
                .contentType("application/json")
                .body(done)
                .post(PROJECTS)
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("statusDate"));
        // a document without a verified reduction, and a substance the type does not record
        Map<String, Object> pv = project("QD-REQ-0003", "ROOFTOP_PV", "370203", "PLANNED", "2024-01-01", 2024, 2025);
        pv.put(
                "reductions",
                List.of(Map.of("substance", "CO2", "planned", 800), Map.of("substance", "NOX", "planned", 1)));
        pv.put("verificationDocument", "x");
        p = asPlanner()
                .contentType("application/json")
                .body(pv)
                .post(PROJECTS)
                .then()
                .statusCode(400)
                .extract()
                .jsonPath();
        assertThat(p.getList("errors.field", String.class))
                .containsExactlyInAnyOrder("reductions[1].planned", "verificationDocument");
        assertThat(p.getString("errors.find { it.field == 'reductions[1].planned' }.message"))
                .contains("ROOFTOP_PV records [CO2]");
        // a malformed If-Match
        asPlanner()
                .header("If-Match", "3")
                .contentType("application/json")
                .body(pv)
                .post(PROJECTS)
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("If-Match"));

        for (String code : List.of("QD-REQ-0001", "QD-REQ-0002", "QD-REQ-0003")) {
            given().get(PROJECTS + "/" + code).then().statusCode(404);
        }
    }

    @Test
    void aProjectBelongsToADistrictParkOrEnterpriseOfTheRegistryThatIsNotClosed() {
        String closed = uscc("91370203MA3P00001");
        given().contentType("application/json")
                .body(Map.of(
                        "code",
                        closed,
                        "level",
                        "ENTERPRISE",
                        "zh",
                        "已关闭企业",
                        "parent",
                        "370203",
                        "industrySection",
                        "C",
                        "industryDivision",
                        "26",
                        "closed",
                        true))
                .post("/api/v1/org-units")
                .then()
                .statusCode(201);
        asPlanner()
                .contentType("application/json")
                .body(project("QD-REQ-0010", "KILN_FUEL_SWITCH", closed, "PLANNED", "2024-01-01", 2024, 2025))
                .post(PROJECTS)
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("orgUnit"))
                .body("errors[0].message", containsString("closed"));
        asPlanner()
                .contentType("application/json")
                .body(project("QD-REQ-0011", "KILN_FUEL_SWITCH", "370200", "PLANNED", "2024-01-01", 2024, 2025))
                .post(PROJECTS)
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("orgUnit"));
        asPlanner()
                .contentType("application/json")
                .body(project("QD-REQ-0012", "KILN_FUEL_SWITCH", "370203", "PLANNED", "2024-01-01", 2024, 2025))
                .post(PROJECTS)
                .then()
                .statusCode(201);
    }

    @Test
    void readersAndPlannersReadOnlyPlannersWrite() {
        Map<String, Object> p = project("QD-REQ-0020", "ROOFTOP_PV", "370203", "PLANNED", "2024-01-01", 2024, 2025);
        // the default token of these tests: reader and ops
        given().contentType("application/json")
                .body(p)
                .post(PROJECTS)
                .then()
                .statusCode(403)
                .body("errors[0].field", equalTo("Authorization"));
        given().header("Authorization", TestTokens.bearer(TestTokens.token("ops")))
                .contentType("application/json")
                .body(p)
                .put(PROJECTS + "/QD-REQ-0020")
                .then()
                .statusCode(403);
        given().header("Authorization", "none").get(PROJECTS).then().statusCode(401);
        given().contentType("text/csv")
                .body("code\nX\n")
                .post(PROJECTS + "/import")
                .then()
                .statusCode(403);
        given().header("Authorization", TestTokens.bearer(TestTokens.token("ops")))
                .get(PROJECTS + "/types")
                .then()
                .statusCode(403);
        given().get(PROJECTS + "/QD-REQ-0020").then().statusCode(404);

        given().header("Authorization", TestTokens.bearer(TestTokens.token("planner")))
                .contentType("application/json")
                .body(p)
                .post(PROJECTS)
                .then()
                .statusCode(201);
        given().header("Authorization", TestTokens.bearer(TestTokens.token("planner")))
                .get(PROJECTS + "/QD-REQ-0020")
                .then()
                .statusCode(200);
        given().get(PROJECTS + "/QD-REQ-0020").then().statusCode(200).body("changedBy", equalTo("test-planner"));
    }

    @Test
    void theListFiltersByTypeClauseUnitAndItsUnitsStatusAndYearAndPages() {
        String park = "370285P07";
        String enterprise = uscc("91370285MA3P00001");
        given().contentType("application/json")
                .body(Map.of("code", park, "level", "PARK", "zh", "莱西示范园", "parent", "370285"))
                .post("/api/v1/org-units")
                .then()
                .statusCode(201);
        given().contentType("application/json")
                .body(Map.of(
                        "code",
                        enterprise,
                        "level",
                        "ENTERPRISE",
                        "zh",
                        "莱西示范企业",
                        "parent",
                        park,
                        "industrySection",
                        "C",
                        "industryDivision",
                        "30"))
                .post("/api/v1/org-units")
                .then()
                .statusCode(201);
        List<Map<String, Object>> projects = List.of(
                project("QD-LIST-0001", "ROOFTOP_PV", "370285", "PLANNED", "2021-05-01", 2022, 2023),
                project("QD-LIST-0002", "ROOFTOP_PV", park, "UNDER_CONSTRUCTION", "2022-02-01", 2022, 2024),
                project("QD-LIST-0003", "KILN_FUEL_SWITCH", enterprise, "COMPLETED", "2023-09-30", 2022, 2023),
                project("QD-LIST-0004", "VOCS_GREEN_ISLAND", park, "PLANNED", "2024-01-05", 2025, 2026),
                project("QD-LIST-0005", "CLEAN_HEATING", "370283", "PLANNED", "2024-01-05", 2024, null));
        for (Map<String, Object> p : projects) {
            asPlanner()
                    .contentType("application/json")
                    .body(p)
                    .post(PROJECTS)
                    .then()
                    .statusCode(201);
        }
        assertThat(codes(Map.of("orgUnit", "370285")))
                .containsExactly("QD-LIST-0001", "QD-LIST-0002", "QD-LIST-0003", "QD-LIST-0004");
        assertThat(codes(Map.of("orgUnit", park))).containsExactly("QD-LIST-0002", "QD-LIST-0003", "QD-LIST-0004");
        assertThat(codes(Map.of("orgUnit", enterprise))).containsExactly("QD-LIST-0003");
        assertThat(codes(Map.of("orgUnit", "370285", "type", "ROOFTOP_PV")))
                .containsExactly("QD-LIST-0001", "QD-LIST-0002");
        assertThat(codes(Map.of("orgUnit", "370285", "clause", "11"))).containsExactly("QD-LIST-0004");
        assertThat(codes(Map.of("orgUnit", "370285", "status", "COMPLETED"))).containsExactly("QD-LIST-0003");
        // under way in 2023: started by then, not completed before it
        assertThat(codes(Map.of("orgUnit", "370285", "year", "2023")))
                .containsExactly("QD-LIST-0001", "QD-LIST-0002", "QD-LIST-0003");
        assertThat(codes(Map.of("orgUnit", "370200", "year", "2030")))
                .contains("QD-LIST-0005")
                .doesNotContain("QD-LIST-0001");

        List<String> paged = new ArrayList<>();
        String next = PROJECTS + "?orgUnit=370285&limit=3";
        while (next != null) {
            Response page = given().urlEncodingEnabled(false).get(next);
            page.then().statusCode(200);
            paged.addAll(page.jsonPath().getList("code", String.class));
            next = Paged.nextLink(page.header("Link"));
        }
        assertThat(paged).containsExactly("QD-LIST-0001", "QD-LIST-0002", "QD-LIST-0003", "QD-LIST-0004");

        JsonPath bad = given().queryParams(Map.of(
                        "type", "X", "clause", "99", "orgUnit", "nowhere", "status", "DONE", "year", "next", "limit",
                        "0"))
                .get(PROJECTS)
                .then()
                .statusCode(400)
                .extract()
                .jsonPath();
        assertThat(bad.getList("errors.field", String.class))
                .containsExactlyInAnyOrder("type", "clause", "orgUnit", "status", "year", "limit");
    }

    static List<String> codes(Map<String, String> query) {
        return given().queryParams(query)
                .get(PROJECTS)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("code", String.class);
    }

    @Test
    void theTypesAreTheCataloguesWithTheirClauses() {
        JsonPath types = given().get(PROJECTS + "/types")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertThat(types.getList("clauses.number", Integer.class)).containsExactly(3, 4, 6, 7, 8, 11, 15, 17, 18);
        assertThat(types.getString("clauses.find { it.number == 11 }.label")).isEqualTo("（十一）");
        assertThat(types.getString("types.find { it.code == 'SHORE_POWER' }.clause"))
                .isEqualTo("7");
        assertThat(types.getList("types.find { it.code == 'VOCS_GREEN_ISLAND' }.substances", String.class))
                .contains("VOCS");
        assertThat(types.getList("substances.findAll { it.mainPollutant }.code", String.class))
                .containsExactly("NOX", "VOCS", "COD", "NH3N");
    }

    @Test
    void everyJsonWriteDocumentsItsVersionItsLocationAndItsPreconditions() {
        // WriteOperations declares these once for every write: each write of a whole entity must carry them
        JsonNode paths = OpenApiAssertions.document().path("paths");
        Map<String, String> entities =
                Map.of("/api/v1/org-units", "unit", PROJECTS, "project", "/api/v1/pilots", "pilot");
        for (Map.Entry<String, String> entity : entities.entrySet()) {
            String item = entity.getKey() + "/{code}";
            String version = "the " + entity.getValue() + "'s version";
            for (JsonNode write : List.of(
                    paths.path(entity.getKey()).path("post"), paths.path(item).path("put"))) {
                JsonNode responses = write.path("responses");
                assertThat(write.has(WriteOperations.ENTITY)).as(item).isFalse();
                assertThat(responses.at("/201/headers/Location/description").asText())
                        .as(item)
                        .isEqualTo(item);
                assertThat(responses.at("/201/headers/ETag/description").asText())
                        .as(item)
                        .isEqualTo(version);
                assertThat(responses.at("/200/headers/ETag/description").asText())
                        .as(item)
                        .isEqualTo(version);
                assertThat(responses
                                .at("/201/content/application~1json/schema/$ref")
                                .asText())
                        .as(item)
                        .startsWith("#/components/schemas/")
                        .isEqualTo(responses
                                .at("/200/content/application~1json/schema/$ref")
                                .asText());
                assertThat(responses
                                .at("/412/content/application~1problem+json/schema/$ref")
                                .asText())
                        .as(item)
                        .isEqualTo("#/components/schemas/Problem");
                assertThat(responses.at("/415/description").asText())
                        .as(item)
                        .isEqualTo("The body is not application/json");
            }
        }
        for (String put :
                List.of("/api/v1/targets/{indicator}/{orgUnit}", "/api/v1/deadlines/rules/{sector}/{periodType}")) {
            assertThat(paths.path(put)
                            .at("/put/responses/415/content/application~1problem+json/schema/$ref")
                            .asText())
                    .as(put)
                    .isEqualTo("#/components/schemas/Problem");
        }
    }

    @Test
    void everyOperationOfProjectsAndPilotsHasATypedSuccessSchemaAndProblemsForItsErrors() throws Exception {
        var doc = new ObjectMapper()
                .readTree(given().queryParam("format", "json")
                        .get("/q/openapi")
                        .then()
                        .statusCode(200)
                        .extract()
                        .asString());
        assertThat(OpenApiOperations.checkTyped(doc, PROJECTS)).isEqualTo(7);
        assertThat(OpenApiOperations.checkTyped(doc, "/api/v1/pilots")).isEqualTo(6);
        assertThat(doc.at("/paths/~1api~1v1~1projects/get/responses/200/content")
                        .has("text/csv"))
                .isTrue();
        assertThat(doc.at("/paths/~1api~1v1~1projects~1progress/get/responses/200/content")
                        .has("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"))
                .isTrue();
    }
}
