package io.synergy.registry.targets;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.synergy.model.event.TargetEventValidator;
import io.synergy.registry.OpenApiOperations;
import io.synergy.registry.shared.Paging;
import io.synergy.testsupport.DefaultAuthorization;
import io.synergy.testsupport.PlatformTestResource;
import io.synergy.testsupport.TestTokens;
import jakarta.inject.Inject;
import java.time.LocalDate;
import java.util.Map;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;

/** What a target request may be, and who may make it: every fault named, nothing stored; reader reads, planner allocates. */
@QuarkusTest
@WithTestResource(PlatformTestResource.class)
class TargetRequestsTest {

    static final String TARGETS = TargetAllocationTest.TARGETS;

    @Inject
    ObjectMapper json;

    static JsonPath refused(String path, String body) {
        return TargetAllocationTest.as("planner-wang", "planner")
                .contentType("application/json")
                .body(body)
                .put(TARGETS + path)
                .then()
                .statusCode(400)
                .contentType(Matchers.startsWith("application/problem+json"))
                .extract()
                .jsonPath();
    }

    static String body(Object value, Object targetYear, Object document, Object effectiveFrom) {
        return "{\"value\": " + value + ", \"targetYear\": " + targetYear + ", \"document\": " + document
                + ", \"effectiveFrom\": " + effectiveFrom + "}";
    }

    @Test
    void everyFaultOfAnAllocationIsNamedAndNothingIsStored() {
        JsonPath p = refused("/EM-NOX/370211P01", body(5, 1990, "\"a memo\"", null));
        assertThat(p.getList("errors.field", String.class))
                .containsExactlyInAnyOrder("indicator", "orgUnit", "targetYear", "document", "effectiveFrom");
        assertThat(p.getString("errors.find { it.field == 'indicator' }.message"))
                .contains("not an indicator with a target")
                .contains("E5-NOX");
        assertThat(p.getString("errors.find { it.field == 'orgUnit' }.message"))
                .contains("not the city, a district or a group");
        assertThat(p.getString("errors.find { it.field == 'document' }.message"))
                .contains("文号");
        // the indicator's sane range: a percentage, a quantity, an intensity
        assertThat(refused("/E1/370281", body(140, 2025, "\"青发改〔2024〕7号\"", "\"2024-05-01\""))
                        .getString("errors[0].message"))
                .contains("percentage from 0 to 100");
        assertThat(refused("/E5-VOCS/370281", body(-3, 2025, "\"青环发〔2024〕30号\"", "\"2024-05-01\""))
                        .getString("errors[0].field"))
                .isEqualTo("value");
        assertThat(refused("/E2/370281", body(0, 2025, "\"青发改〔2024〕7号\"", "\"2024-05-01\""))
                        .getString("errors[0].field"))
                .isEqualTo("value");
        // missing fields and fields of the wrong type
        assertThat(refused("/E1/370281", "{}").getList("errors.field", String.class))
                .containsExactlyInAnyOrder("value", "targetYear", "document", "effectiveFrom");
        assertThat(refused("/E1/370281", body("\"high\"", 2025, "\"青发改〔2024〕7号\"", "\"2024-05-01\""))
                        .getMap("errors[0]"))
                .isEqualTo(Map.of("field", "value", "message", "must be a number"));
        assertThat(refused("/E1/370281", body(16, 2025, "\"青发改〔2024〕7号\"", "\"2024-13-01\""))
                        .getMap("errors[0]"))
                .isEqualTo(Map.of("field", "effectiveFrom", "message", "must be a date, yyyy-mm-dd"));
        assertThat(refused("/E1/370281", body(16, 2025.5, "\"青发改〔2024〕7号\"", "\"2024-05-01\""))
                        .getMap("errors[0]"))
                .isEqualTo(Map.of("field", "targetYear", "message", "must be a whole number"));
        // a malformed If-Match, and no body
        TargetAllocationTest.as("planner-wang", "planner")
                .header("If-Match", "3")
                .contentType("application/json")
                .body(body(16, 2025, "\"青发改〔2024〕7号\"", "\"2024-05-01\""))
                .put(TARGETS + "/E1/370281")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("If-Match"));
        TargetAllocationTest.as("planner-wang", "planner")
                .contentType("application/json")
                .put(TARGETS + "/E1/370281")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("body"));
        given().get(TARGETS + "/E1/370281").then().statusCode(404);
        given().queryParam("indicator", "E1")
                .queryParam("orgUnit", "370281")
                .get(TARGETS + "/history")
                .then()
                .statusCode(200)
                .body("size()", equalTo(0));
    }

    /**
     * A key's event carries its whole timeline of allocations: more than its consumers take (and, unbounded, more than Kafka takes
     * in one record) is refused at intake, naming the row, and nothing is stored or published.
     */
    @Test
    void aTimelineOfMoreAllocationsThanItsEventMayCarryIsRefusedAndNothingIsStored() {
        StringBuilder csv = new StringBuilder(TargetAllocationTest.HEADER);
        LocalDate first = LocalDate.of(2023, 1, 1);
        int rows = TargetEventValidator.MAX_ALLOCATIONS + 1;
        for (int i = 0; i < rows; i++) {
            csv.append("W3,370285,38,2025,青城管发〔2024〕11号,")
                    .append(first.plusDays(i))
                    .append('\n');
        }
        TargetAllocationTest.as("planner-sun", "planner")
                .contentType(TargetAllocationTest.CSV)
                .body(csv.toString())
                .post(TARGETS + "/import")
                .then()
                .statusCode(400)
                .contentType(Matchers.startsWith("application/problem+json"))
                .body("errors.field", Matchers.contains("line " + (rows + 1) + ": effective_from"))
                .body("errors[0].message", Matchers.containsString("at most " + TargetEventValidator.MAX_ALLOCATIONS));
        given().get(TARGETS + "/W3/370285").then().statusCode(404);
        given().queryParam("indicator", "W3")
                .queryParam("orgUnit", "370285")
                .get(TARGETS + "/history")
                .then()
                .statusCode(200)
                .body("size()", equalTo(0));
    }

    @Test
    void theListsNameWhatIsWrongWithTheirParameters() {
        for (Map.Entry<String, String> bad : Map.of(
                        "indicator", "EM-NOX", "orgUnit", "370211P01", "year", "twenty", "limit", "0", "cursor", "!!")
                .entrySet()) {
            given().queryParam(bad.getKey(), bad.getValue())
                    .get(TARGETS)
                    .then()
                    .statusCode(400)
                    .body("errors[0].field", equalTo(bad.getKey()));
        }
        given().queryParam("year", "1999").get(TARGETS).then().statusCode(400).body("errors[0].field", equalTo("year"));
        // a cursor of another list
        given().queryParam("cursor", Paging.encodeCursor("E1|370200|1999"))
                .get(TARGETS)
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("cursor"));
        given().queryParam("orgUnit", "370299")
                .get(TARGETS + "/history")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("orgUnit"));
    }

    @Test
    void readersReadPlannersAllocateAndOperatorsDoNot() {
        String allocation = body(11, 2025, "\"青住建〔2024〕6号\"", "\"2024-08-01\"");
        for (String role : new String[] {"reader", "ops", "feed:building"}) {
            given().header("Authorization", TestTokens.bearer(TestTokens.token(role)))
                    .contentType("application/json")
                    .body(allocation)
                    .put(TARGETS + "/B1/370285")
                    .then()
                    .statusCode(403)
                    .contentType(Matchers.startsWith("application/problem+json"));
            given().header("Authorization", TestTokens.bearer(TestTokens.token(role)))
                    .contentType(TargetAllocationTest.CSV)
                    .body(TargetAllocationTest.HEADER + "B1,370285,11,2025,青住建〔2024〕6号,2024-08-01\n")
                    .post(TARGETS + "/import")
                    .then()
                    .statusCode(403);
        }
        given().header("Authorization", DefaultAuthorization.NONE)
                .get(TARGETS)
                .then()
                .statusCode(401);
        given().get(TARGETS + "/B1/370285").then().statusCode(404);
        TargetAllocationTest.as("planner-qian", "planner")
                .contentType("application/json")
                .body(allocation)
                .put(TARGETS + "/B1/370285")
                .then()
                .statusCode(201);
        // the planner reads as well; a reader reads
        TargetAllocationTest.as("planner-qian", "planner")
                .get(TARGETS + "/B1/370285")
                .then()
                .statusCode(200);
        given().header("Authorization", TestTokens.bearer(TestTokens.token("reader")))
                .queryParam("indicator", "B1")
                .queryParam("orgUnit", "370285")
                .queryParam("year", 2025)
                .get(TARGETS)
                .then()
                .statusCode(200)
                .body("[0].source", equalTo("ALLOCATED"));
        given().header("Authorization", TestTokens.bearer(TestTokens.token("feed:building")))
                .get(TARGETS)
                .then()
                .statusCode(403);
    }

    @Test
    void everyOperationHasATypedSuccessSchemaAndAProblemSchemaForItsErrors() throws Exception {
        JsonNode doc = json.readTree(given().queryParam("format", "json")
                .get("/q/openapi")
                .then()
                .statusCode(200)
                .extract()
                .asString());
        assertThat(OpenApiOperations.checkTyped(doc, TARGETS)).isEqualTo(5);
        assertThat(doc.at("/components/schemas/AppliedTarget/properties").size())
                .isEqualTo(12);
    }
}
