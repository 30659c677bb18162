package io.synergy.registry.projects;

import static io.restassured.RestAssured.given;
import static io.synergy.registry.projects.Planner.asPlanner;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.synergy.model.orgunit.UnifiedSocialCreditCode;
import io.synergy.testsupport.PlatformTestResource;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.dhatim.fastexcel.reader.CellType;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.Row;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;

/**
 * Progress of the key projects against a hand-worked example: six projects of Shinan (市南区, in no other test), its park
 * and an enterprise in the park, taken at the end of 2021, 2023 and 2024 from their status histories.
 *
 * <pre>
 * project  clause  unit        history                                              planned t/a            verified t/a
 * A        8  PV   370202      PLANNED 2022-01-10, UC 2023-03-01, DONE 2024-06-30   CO2 1000               CO2 950.5
 * B        11 VOC  park        PLANNED 2023-02-01, UC 2024-04-01                    VOCS 80.25, CO2 300    -
 * C        11 VOC  enterprise  PLANNED 2022-05-05, DONE 2023-12-31                  VOCS 20                VOCS 18.125
 * D        3  coal 370202      PLANNED 2023-01-01, CANCELLED 2024-02-02             NOX 500                -
 * E        8  PV   370202      PLANNED 2025-01-15                                   CO2 700                -
 * F        3  kiln 370202      PLANNED 2022-01-01, DONE 2024-12-31                  NOX 30                 - (not verified yet)
 *
 * end of 2024: A, B, C, D, F count (E not yet): planned 0, under construction 1 (B), completed 3 (A, C, F), cancelled 1 (D);
 *   completed without verification 1 (F). Planned (D cancelled): CO2 1000 + 300 = 1300, VOCS 80.25 + 20 = 100.25, NOX 30.
 *   Delivered: CO2 950.5 (A), VOCS 18.125 (C), NOX 0.
 *   clause 3: D, F: 2 projects, completed 1, cancelled 1, NOX planned 30, delivered 0
 *   clause 8: A: 1 project, completed 1, CO2 planned 1000, delivered 950.5
 *   clause 11: B, C: 2 projects, under construction 1, completed 1, VOCS planned 100.25, delivered 18.125; CO2 planned 300
 * end of 2023: A UC, B, D, F PLANNED, C completed: planned 3, under construction 1, completed 1; planned NOX 500 + 30 = 530,
 *   CO2 1300, VOCS 100.25; delivered VOCS 18.125 only.
 * end of 2021: nothing.
 * the park at the end of 2024: B and C.
 * </pre>
 */
@QuarkusTest
@WithTestResource(PlatformTestResource.class)
class ProjectProgressTest {

    static final String PROGRESS = "/api/v1/projects/progress";
    static final String PARK = "370202P01";
    static final String ENTERPRISE = "91370202MA3P00001" + UnifiedSocialCreditCode.checkCharacter("91370202MA3P00001");

    static Map<String, Object> project(
            String code,
            String type,
            String unit,
            int start,
            Integer completion,
            List<String[]> history,
            List<Map<String, Object>> reductions,
            String document) {
        Map<String, Object> p = new HashMap<>();
        p.put("code", code);
        p.put("zh", "市南区重点工程" + code);
        p.put("type", type);
        p.put("orgUnit", unit);
        p.put("leadDepartment", "市生态环境局");
        p.put("startYear", start);
        p.put("completionYear", completion);
        p.put("reductions", reductions);
        p.put("verificationDocument", document);
        // the history, one status after the other, as a planner records them
        for (String[] s : history) {
            p.put("status", s[0]);
            p.put("statusDate", s[1]);
            asPlanner()
                    .contentType("application/json")
                    .body(p)
                    .put("/api/v1/projects/" + code)
                    .then()
                    .statusCode(Matchers.oneOf(200, 201));
        }
        return p;
    }

    static String[] at(String status, String day) {
        return new String[] {status, day};
    }

    private static boolean recorded;

    /** Records the example once (the tests of a class run one after the other; the HTTP port is known only in a test). */
    static synchronized void theProjectsOfShinan() {
        if (recorded) {
            return;
        }
        recorded = true;
        given().contentType("application/json")
                .body(Map.of("code", PARK, "level", "PARK", "zh", "市南软件园", "parent", "370202"))
                .post("/api/v1/org-units")
                .then()
                .statusCode(201);
        given().contentType("application/json")
                .body(Map.of(
                        "code",
                        ENTERPRISE,
                        "level",
                        "ENTERPRISE",
                        "zh",
                        "市南示范涂装企业",
                        "parent",
                        PARK,
                        "industrySection",
                        "C",
                        "industryDivision",
                        "33"))
                .post("/api/v1/org-units")
                .then()
                .statusCode(201);
        // A: completed with its verified reduction (recorded as planned first, then with the verification)
        project(
                "QD-PROG-A",
                "ROOFTOP_PV",
                "370202",
                2022,
                2024,
                List.of(at("PLANNED", "2022-01-10"), at("UNDER_CONSTRUCTION", "2023-03-01")),
                List.of(Map.of("substance", "CO2", "planned", 1000)),
                null);
        project(
                "QD-PROG-A",
                "ROOFTOP_PV",
                "370202",
                2022,
                2024,
                List.<String[]>of(at("COMPLETED", "2024-06-30")),
                List.of(Map.of("substance", "CO2", "planned", 1000, "verified", 950.5)),
                "青环验〔2024〕101号");
        project(
                "QD-PROG-B",
                "VOCS_GREEN_ISLAND",
                PARK,
                2023,
                2025,
                List.of(at("PLANNED", "2023-02-01"), at("UNDER_CONSTRUCTION", "2024-04-01")),
                List.of(Map.of("substance", "VOCS", "planned", 80.25), Map.of("substance", "CO2", "planned", 300)),
                null);
        project(
                "QD-PROG-C",
                "VOCS_SOURCE_SUBSTITUTION",
                ENTERPRISE,
                2022,
                2023,
                List.<String[]>of(at("PLANNED", "2022-05-05")),
                List.of(Map.of("substance", "VOCS", "planned", 20)),
                null);
        project(
                "QD-PROG-C",
                "VOCS_SOURCE_SUBSTITUTION",
                ENTERPRISE,
                2022,
                2023,
                List.<String[]>of(at("COMPLETED", "2023-12-31")),
                List.of(Map.of("substance", "VOCS", "planned", 20, "verified", 18.125)),
                "青环验〔2024〕7号");
        project(
                "QD-PROG-D",
                "COAL_POWER_RETROFIT",
                "370202",
                2023,
                2025,
                List.of(at("PLANNED", "2023-01-01"), at("CANCELLED", "2024-02-02")),
                List.of(Map.of("substance", "NOX", "planned", 500)),
                null);
        project(
                "QD-PROG-E",
                "ROOFTOP_PV",
                "370202",
                2025,
                2026,
                List.<String[]>of(at("PLANNED", "2025-01-15")),
                List.of(Map.of("substance", "CO2", "planned", 700)),
                null);
        project(
                "QD-PROG-F",
                "KILN_FUEL_SWITCH",
                "370202",
                2022,
                2024,
                List.of(at("PLANNED", "2022-01-01"), at("COMPLETED", "2024-12-31")),
                List.of(Map.of("substance", "NOX", "planned", 30)),
                null);
    }

    static JsonPath progress(String period, String unit) {
        theProjectsOfShinan();
        return given().queryParam("period", period)
                .queryParam("orgUnit", unit)
                .get(PROGRESS)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
    }

    /** Asserts a row: projects, planned, under construction, completed, cancelled, completed unverified. */
    static void counts(JsonPath p, String row, int... expected) {
        assertThat(List.of(
                        p.getInt(row + ".projects"),
                        p.getInt(row + ".byStatus.planned"),
                        p.getInt(row + ".byStatus.underConstruction"),
                        p.getInt(row + ".byStatus.completed"),
                        p.getInt(row + ".byStatus.cancelled"),
                        p.getInt(row + ".completedUnverified")))
                .as(row)
                .containsExactly(Arrays.stream(expected).boxed().toArray(Integer[]::new));
    }

    static String sum(JsonPath p, String row, String substance, String which) {
        return p.getString(row + ".reductions.find { it.substance == '" + substance + "' }." + which);
    }

    @Test
    void theEndOf2024CountsTheHistoriesStatusesAndTheDeliveredReductionsOfTheCompletedProjects() {
        JsonPath p = progress("2024", "370202");
        assertThat(p.getString("asOf")).isEqualTo("2024-12-31");
        counts(p, "total", 5, 0, 1, 3, 1, 1);
        assertThat(sum(p, "total", "CO2", "planned")).isEqualTo("1300");
        assertThat(sum(p, "total", "VOCS", "planned")).isEqualTo("100.25");
        assertThat(sum(p, "total", "NOX", "planned")).isEqualTo("30");
        assertThat(sum(p, "total", "CO2", "delivered")).isEqualTo("950.5");
        assertThat(sum(p, "total", "VOCS", "delivered")).isEqualTo("18.125");
        assertThat(sum(p, "total", "NOX", "delivered")).isEqualTo("0");
        assertThat(sum(p, "total", "COD", "planned")).isEqualTo("0");

        assertThat(p.getList("byClause.key", String.class))
                .containsExactly("3", "4", "6", "7", "8", "11", "15", "17", "18");
        counts(p, "byClause.find { it.key == '3' }", 2, 0, 0, 1, 1, 1);
        assertThat(sum(p, "byClause.find { it.key == '3' }", "NOX", "planned")).isEqualTo("30");
        counts(p, "byClause.find { it.key == '8' }", 1, 0, 0, 1, 0, 0);
        assertThat(sum(p, "byClause.find { it.key == '8' }", "CO2", "delivered"))
                .isEqualTo("950.5");
        counts(p, "byClause.find { it.key == '11' }", 2, 0, 1, 1, 0, 0);
        assertThat(sum(p, "byClause.find { it.key == '11' }", "VOCS", "planned"))
                .isEqualTo("100.25");
        assertThat(sum(p, "byClause.find { it.key == '11' }", "VOCS", "delivered"))
                .isEqualTo("18.125");
        assertThat(sum(p, "byClause.find { it.key == '11' }", "CO2", "planned")).isEqualTo("300");
        assertThat(p.getString("byClause.find { it.key == '11' }.label")).isEqualTo("（十一）");
        counts(p, "byClause.find { it.key == '4' }", 0, 0, 0, 0, 0, 0);

        assertThat(p.getList("byDistrict.key", String.class)).containsExactly("370202");
        counts(p, "byDistrict[0]", 5, 0, 1, 3, 1, 1);
        assertThat(p.getString("byDistrict[0].zh")).isEqualTo("市南区");
    }

    @Test
    void earlierYearsTakeTheStatusesOfTheirEndAndAParkItsOwnProjects() {
        JsonPath p = progress("2023", "370202");
        counts(p, "total", 5, 3, 1, 1, 0, 0);
        assertThat(sum(p, "total", "NOX", "planned")).isEqualTo("530");
        assertThat(sum(p, "total", "CO2", "planned")).isEqualTo("1300");
        assertThat(sum(p, "total", "VOCS", "delivered")).isEqualTo("18.125");
        assertThat(sum(p, "total", "CO2", "delivered")).isEqualTo("0");

        counts(progress("2021", "370202"), "total", 0, 0, 0, 0, 0, 0);

        JsonPath park = progress("2024", PARK);
        counts(park, "total", 2, 0, 1, 1, 0, 0);
        assertThat(park.getString("total.zh")).isEqualTo("市南软件园");
        assertThat(park.getList("byDistrict.key", String.class)).containsExactly("370202");

        given().queryParam("period", "twenty")
                .get(PROGRESS)
                .then()
                .statusCode(400)
                .body("errors[0].field", Matchers.equalTo("period"));
        given().get(PROGRESS).then().statusCode(400).body("errors[0].field", Matchers.equalTo("period"));
        given().queryParam("period", "2024")
                .queryParam("orgUnit", "370299")
                .get(PROGRESS)
                .then()
                .statusCode(400)
                .body("errors[0].field", Matchers.equalTo("orgUnit"));
        // the city has every district, Shinan's figures among them
        JsonPath city = progress("2024", "370200");
        assertThat(city.getList("byDistrict.key", String.class)).hasSize(10);
        counts(city, "byDistrict.find { it.key == '370202' }", 5, 0, 1, 3, 1, 1);
    }

    @Test
    void theProgressComesAsACsvAndAWorkbookWithTheSameFigures() throws Exception {
        theProjectsOfShinan();
        Response csv = given().accept("text/csv")
                .queryParam("period", "2024")
                .queryParam("orgUnit", "370202")
                .get(PROGRESS);
        csv.then().statusCode(200).header("Content-Disposition", "attachment; filename=\"project-progress-2024.csv\"");
        byte[] bytes = csv.asByteArray();
        assertThat(bytes).startsWith(0xEF, 0xBB, 0xBF);
        List<String> lines =
                List.of(new String(bytes, StandardCharsets.UTF_8).substring(1).split("\r\n"));
        assertThat(lines.get(0))
                .startsWith("dimension,key,name_zh,name_en,projects,planned,under_construction,completed,cancelled,"
                        + "completed_unverified,planned_nox,delivered_nox,planned_vocs,delivered_vocs");
        assertThat(lines.get(1)).startsWith("total,370202,市南区,Shinan,5,0,1,3,1,1,30,0,100.25,18.125,");
        assertThat(lines).hasSize(1 + 1 + 9 + 1);
        assertThat(lines.get(lines.size() - 1)).startsWith("district,370202,");

        byte[] xlsx = given().accept("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
                .queryParam("period", "2024")
                .queryParam("orgUnit", "370202")
                .get(PROGRESS)
                .then()
                .statusCode(200)
                .extract()
                .asByteArray();
        try (ReadableWorkbook wb = new ReadableWorkbook(new ByteArrayInputStream(xlsx))) {
            List<Row> rows = wb.getFirstSheet().read();
            assertThat(rows.get(0).getCell(12).asString()).isEqualTo("挥发性有机物计划减排量 Planned VOCs reduction (t/a)");
            assertThat(rows.get(1).getCell(12).getType()).isEqualTo(CellType.NUMBER);
            assertThat(rows.get(1).getCell(12).asNumber()).isEqualByComparingTo("100.25");
            assertThat(rows.get(1).getCell(4).asNumber()).isEqualByComparingTo("5");
        }
    }
}
