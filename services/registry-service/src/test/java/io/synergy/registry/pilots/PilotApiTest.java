package io.synergy.registry.pilots;

import static io.restassured.RestAssured.given;
import static io.synergy.registry.projects.Planner.asPlanner;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.synergy.model.event.EventSchemas;
import io.synergy.model.event.PilotEvent;
import io.synergy.model.event.Topics;
import io.synergy.model.orgunit.UnifiedSocialCreditCode;
import io.synergy.model.project.PilotStatus;
import io.synergy.registry.Paged;
import io.synergy.testsupport.KafkaBroker;
import io.synergy.testsupport.KafkaTestClient;
import io.synergy.testsupport.PlatformTestResource;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.dhatim.fastexcel.reader.Cell;
import org.dhatim.fastexcel.reader.CellType;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.Row;
import org.junit.jupiter.api.Test;

/**
 * Pilots and designations (试点示范): recorded and changed by a planner, each change on {@code pilots.v1}; validated against
 * the catalogue's programmes; listed with filters and pages; imported and exported as CSV and XLSX. Pingdu (平度市) and
 * Jiaozhou (胶州市) enterprises of their own are these tests'.
 */
@QuarkusTest
@WithTestResource(PlatformTestResource.class)
class PilotApiTest {

    static final Duration WAIT = Duration.ofSeconds(30);
    static final String PILOTS = "/api/v1/pilots";
    static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    private final KafkaTestClient kafka = new KafkaTestClient(KafkaBroker.bootstrapServers());

    static String enterprise(String first17, String parent, String division) {
        String code = first17 + UnifiedSocialCreditCode.checkCharacter(first17);
        given().contentType("application/json")
                .body(Map.of(
                        "code",
                        code,
                        "level",
                        "ENTERPRISE",
                        "zh",
                        "试点企业" + first17.substring(12),
                        "parent",
                        parent,
                        "industrySection",
                        "C",
                        "industryDivision",
                        division))
                .post("/api/v1/org-units")
                .then()
                .statusCode(201);
        return code;
    }

    static Map<String, Object> pilot(
            String code,
            String unit,
            String programme,
            String industry,
            String level,
            Integer year,
            String status,
            String document) {
        Map<String, Object> p = new HashMap<>();
        p.put("code", code);
        p.put("orgUnit", unit);
        p.put("programme", programme);
        p.put("industry", industry);
        p.put("level", level);
        p.put("yearDesignated", year);
        p.put("status", status);
        p.put("document", document);
        return p;
    }

    @Test
    void aPilotIsAppliedForDesignatedAndAcceptedEachChangeAnEvent() throws Exception {
        String chemical = enterprise("91370281MA3Q00002", "370281", "26");
        Map<String, Object> body =
                pilot("PL-LIFE-001", chemical, "CARBON_EIA", "CHEMICAL", "PROVINCIAL", null, "APPLIED", null);
        Response created =
                asPlanner().contentType("application/json").body(body).post(PILOTS);
        created.then()
                .statusCode(201)
                .header("Location", endsWith(PILOTS + "/PL-LIFE-001"))
                .header("ETag", "\"1\"")
                .body("clause", equalTo(2));
        body.putAll(Map.of("status", "DESIGNATED", "yearDesignated", 2023, "document", "鲁环函〔2023〕45号"));
        asPlanner()
                .header("If-Match", "\"1\"")
                .contentType("application/json")
                .body(body)
                .put(PILOTS + "/PL-LIFE-001")
                .then()
                .statusCode(200)
                .header("ETag", "\"2\"");
        asPlanner()
                .contentType("application/json")
                .body(body)
                .put(PILOTS + "/PL-LIFE-001")
                .then()
                .statusCode(200)
                .header("ETag", "\"2\"");
        body.put("status", "ACCEPTED");
        asPlanner()
                .header("If-Match", "\"1\"")
                .contentType("application/json")
                .body(body)
                .put(PILOTS + "/PL-LIFE-001")
                .then()
                .statusCode(412);
        asPlanner()
                .header("If-Match", "\"2\"")
                .contentType("application/json")
                .body(body)
                .put(PILOTS + "/PL-LIFE-001")
                .then()
                .statusCode(200)
                .header("ETag", "\"3\"");
        given().get(PILOTS + "/PL-LIFE-001")
                .then()
                .statusCode(200)
                .header("ETag", "\"3\"")
                .body("status", equalTo("ACCEPTED"))
                .body("industry", equalTo("CHEMICAL"))
                .body("yearDesignated", equalTo(2023));

        var records = kafka.readUntil(
                Topics.PILOTS,
                rs -> rs.stream().filter(r -> "PL-LIFE-001".equals(r.key())).count() >= 3,
                WAIT);
        List<PilotEvent> events = new ArrayList<>();
        ObjectMapper json = new ObjectMapper().findAndRegisterModules();
        for (var r : records.stream().filter(r -> "PL-LIFE-001".equals(r.key())).toList()) {
            assertThat(EventSchemas.shared().violations(EventSchemas.PILOT_EVENT, r.value()))
                    .isEmpty();
            assertThat(r.headers())
                    .containsEntry("ce_type", "cn.qingdao.synergy.pilot.v1")
                    .containsEntry("ce_source", "/synergy/registry");
            events.add(json.readValue(r.value(), PilotEvent.class));
        }
        assertThat(events).extracting(PilotEvent::version).containsExactly(1L, 2L, 3L);
        assertThat(events)
                .extracting(PilotEvent::status)
                .containsExactly(PilotStatus.APPLIED, PilotStatus.DESIGNATED, PilotStatus.ACCEPTED);
        assertThat(events.get(2).orgUnit()).isEqualTo(chemical);

        // only planners write
        given().contentType("application/json")
                .body(body)
                .put(PILOTS + "/PL-LIFE-001")
                .then()
                .statusCode(403);
    }

    @Test
    void aPilotIsValidatedAgainstItsProgrammeEveryFaultAtOnce() {
        JsonPath p = asPlanner()
                .contentType("application/json")
                .body(pilot("pl 1", "370281", "ZERO_WASTE_FACTORY", "STEEL", null, 2099, "DESIGNATED", null))
                .post(PILOTS)
                .then()
                .statusCode(400)
                .extract()
                .jsonPath();
        assertThat(p.getList("errors.field", String.class))
                .containsExactlyInAnyOrder("code", "orgUnit", "industry", "level", "yearDesignated", "document");
        assertThat(p.getString("errors.find { it.field == 'orgUnit' }.message"))
                .contains("ZERO_WASTE_FACTORY designates [ENTERPRISE]");
        // a programme by industry needs one of its industries; an applied pilot has no year yet; a group is designated
        // nothing
        String foundry = enterprise("91370281MA3Q00001", "370281", "33");
        asPlanner()
                .contentType("application/json")
                .body(pilot("PL-VAL-001", foundry, "CARBON_EIA", null, "CITY", null, "APPLIED", null))
                .post(PILOTS)
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("industry"));
        asPlanner()
                .contentType("application/json")
                .body(pilot("PL-VAL-001", foundry, "CARBON_EIA", "FOUNDRY", "CITY", 2024, "APPLIED", null))
                .post(PILOTS)
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("yearDesignated"));
        asPlanner()
                .contentType("application/json")
                .body(pilot(
                        "PL-VAL-002", "central-urban", "EOD_PILOT", null, "NATIONAL", 2024, "DESIGNATED", "环办〔2024〕1号"))
                .post(PILOTS)
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("orgUnit"));
        given().get(PILOTS + "/PL-VAL-001").then().statusCode(404);
        // the extension to foundries is in the catalogue
        asPlanner()
                .contentType("application/json")
                .body(pilot("PL-VAL-001", foundry, "CARBON_EIA", "FOUNDRY", "CITY", null, "APPLIED", null))
                .post(PILOTS)
                .then()
                .statusCode(201);
        JsonPath programmes = given().get(PILOTS + "/programmes")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertThat(programmes.getList("programmes.find { it.code == 'CARBON_EIA' }.industries", String.class))
                .contains("HEATING", "FOUNDRY");
        assertThat(programmes.getList("industries.findAll { it.extension }.code", String.class))
                .containsExactly("HEATING", "FOUNDRY");
    }

    @Test
    void theListFiltersAndPagesAndComesAsCsvAndAWorkbookThatImportBack() throws Exception {
        String tyre = enterprise("91370283MA3Q00002", "370283", "29");
        String beer = enterprise("91370283MA3Q00003", "370283", "15");
        String header = "code,org_unit,programme,industry,level,year_designated,status,document\n";
        String rows = "PL-LIST-001," + tyre + ",CARBON_EIA,TYRE,PROVINCIAL,2022,DESIGNATED,鲁环函〔2022〕8号\n"
                + "PL-LIST-002," + beer + ",CARBON_EIA,BEER,PROVINCIAL,2022,ACCEPTED,鲁环函〔2022〕8号\n"
                + "PL-LIST-003," + beer + ",ZERO_WASTE_FACTORY,,CITY,2024,DESIGNATED,青环发〔2024〕30号\n"
                + "PL-LIST-004,370283,BEAUTIFUL_CITY,,PROVINCIAL,,APPLIED,\n"
                + "PL-LIST-005,370200,ZERO_WASTE_CITY,,NATIONAL,2022,DESIGNATED,环办固体函〔2022〕1号\n";
        // a fault in one row: nothing is stored
        asPlanner()
                .contentType("text/csv; charset=UTF-8")
                .body(header + rows.replace(",ZERO_WASTE_FACTORY,,CITY,", ",ZERO_WASTE_FACTORY,,COUNTY,"))
                .post(PILOTS + "/import")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("line 4: level"));
        given().get(PILOTS + "/PL-LIST-001").then().statusCode(404);
        asPlanner()
                .contentType("text/csv; charset=UTF-8")
                .body(header + rows)
                .post(PILOTS + "/import")
                .then()
                .statusCode(200)
                .body("created", equalTo(5));

        assertThat(codes(Map.of("orgUnit", "370283")))
                .containsExactly("PL-LIST-001", "PL-LIST-002", "PL-LIST-003", "PL-LIST-004");
        assertThat(codes(Map.of("orgUnit", "370283", "programme", "CARBON_EIA")))
                .containsExactly("PL-LIST-001", "PL-LIST-002");
        assertThat(codes(Map.of("orgUnit", "370283", "industry", "BEER"))).containsExactly("PL-LIST-002");
        assertThat(codes(Map.of("orgUnit", beer))).containsExactly("PL-LIST-002", "PL-LIST-003");
        assertThat(codes(Map.of("orgUnit", "370283", "status", "APPLIED"))).containsExactly("PL-LIST-004");
        assertThat(codes(Map.of("orgUnit", "370283", "year", "2024"))).containsExactly("PL-LIST-003");
        assertThat(codes(Map.of("orgUnit", "370283", "clause", "15"))).containsExactly("PL-LIST-003");
        assertThat(codes(Map.of("level", "NATIONAL", "programme", "ZERO_WASTE_CITY")))
                .contains("PL-LIST-005");
        Response first =
                given().queryParams(Map.of("orgUnit", "370283", "limit", "3")).get(PILOTS);
        assertThat(first.jsonPath().getList("code", String.class))
                .containsExactly("PL-LIST-001", "PL-LIST-002", "PL-LIST-003");
        assertThat(given().urlEncodingEnabled(false)
                        .get(Paged.nextLink(first.header("Link")))
                        .jsonPath()
                        .getList("code", String.class))
                .containsExactly("PL-LIST-004");
        JsonPath bad = given().queryParams(
                        Map.of("programme", "X", "level", "COUNTY", "industry", "GOLD", "clause", "3"))
                .get(PILOTS)
                .then()
                .statusCode(400)
                .extract()
                .jsonPath();
        assertThat(bad.getList("errors.field", String.class))
                .containsExactlyInAnyOrder("programme", "level", "industry", "clause");

        byte[] csv = given().accept("text/csv")
                .queryParam("orgUnit", "370283")
                .get(PILOTS)
                .then()
                .statusCode(200)
                .extract()
                .asByteArray();
        assertThat(csv).startsWith(0xEF, 0xBB, 0xBF);
        assertThat(new String(csv, StandardCharsets.UTF_8))
                .contains("PL-LIST-001," + tyre + ",CARBON_EIA,2,TYRE,PROVINCIAL,2022,DESIGNATED,");
        asPlanner()
                .contentType("text/csv")
                .body(csv)
                .post(PILOTS + "/import")
                .then()
                .statusCode(200)
                .body("unchanged", equalTo(4));

        byte[] xlsx = given().accept(XLSX)
                .queryParam("orgUnit", "370283")
                .get(PILOTS)
                .then()
                .statusCode(200)
                .extract()
                .asByteArray();
        try (ReadableWorkbook wb = new ReadableWorkbook(new ByteArrayInputStream(xlsx))) {
            List<Row> sheet = wb.getFirstSheet().read();
            List<String> head = sheet.get(0).stream().map(Cell::asString).toList();
            assertThat(head).contains("试点示范类别 Programme", "批准年份 Year designated");
            assertThat(sheet.get(1)
                            .getCell(head.indexOf("批准年份 Year designated"))
                            .getType())
                    .isEqualTo(CellType.NUMBER);
        }
        asPlanner()
                .contentType(XLSX)
                .body(xlsx)
                .post(PILOTS + "/import")
                .then()
                .statusCode(200)
                .body("unchanged", equalTo(4));
    }

    static List<String> codes(Map<String, String> query) {
        return given().queryParams(query)
                .get(PILOTS)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("code", String.class);
    }
}
