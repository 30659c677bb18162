package io.synergy.registry.projects;

import static io.restassured.RestAssured.given;
import static io.synergy.registry.projects.Planner.asPlanner;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.synergy.testsupport.PlatformTestResource;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;
import org.dhatim.fastexcel.reader.Cell;
import org.dhatim.fastexcel.reader.CellType;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.Row;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;

/**
 * Key projects in and out as tables: a CSV or a workbook imports all rows or none, and the list's CSV and workbook import
 * back unchanged. Laoshan (崂山区) and Jimo (即墨区) are these tests' own.
 */
@QuarkusTest
@WithTestResource(PlatformTestResource.class)
class ProjectImportTest {

    static final String PROJECTS = "/api/v1/projects";
    static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    static final String HEADER =
            "code,name_zh,name_en,type,org_unit,lead_department,responsible_units,start_year,completion_year,status,status_date,"
                    + "planned_nox,verified_nox,planned_vocs,verified_vocs,planned_co2,verified_co2,verification_document\n";

    @Test
    void aCsvImportsAllRowsOrNoneAndItsExportImportsBackUnchanged() {
        String rows =
                "QD-IMP-0001,=崂山区屋顶光伏,Laoshan rooftop PV,ROOFTOP_PV,370212,市住房城乡建设局,崂山区住建局|崂山区发改局,2023,2024,COMPLETED,"
                        + "2024-09-30,,,,,1200.5,1180.25,崂环验〔2024〕8号\n"
                        + "QD-IMP-0002,崂山区VOCs绿岛,,VOCS_GREEN_ISLAND,370212,市生态环境局,,2024,2025,UNDER_CONSTRUCTION,2024-05-06,,,60,,,,\n"
                        + "QD-IMP-0003,崂山区窑炉替代,,KILN_FUEL_SWITCH,370212,市工业和信息化局,,2024,2024,COMPLETED,2025-03-01,12,11,,,,,\n";
        // the third project is verified without its document, and completed in a year other than its completion year:
        // nothing is stored
        JsonPath problem = asPlanner()
                .contentType("text/csv; charset=UTF-8")
                .body(HEADER + rows)
                .post(PROJECTS + "/import")
                .then()
                .statusCode(400)
                .extract()
                .jsonPath();
        assertThat(problem.getList("errors.field", String.class))
                .containsExactlyInAnyOrder("line 4: completion_year", "line 4: verification_document");
        given().get(PROJECTS + "/QD-IMP-0001").then().statusCode(404);

        String good = HEADER
                + rows.replace(
                        "2024,2024,COMPLETED,2025-03-01,12,11,,,,,",
                        "2024,2025,COMPLETED,2025-03-01,12,11,,,,,青环验〔2025〕2号");
        asPlanner()
                .contentType("text/csv; charset=UTF-8")
                .body(good)
                .post(PROJECTS + "/import")
                .then()
                .statusCode(200)
                .body("rows", equalTo(3))
                .body("created", equalTo(3));
        JsonPath pv = given().get(PROJECTS + "/QD-IMP-0001")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertThat(pv.getString("zh")).isEqualTo("=崂山区屋顶光伏");
        assertThat(pv.getList("responsibleUnits", String.class)).containsExactly("崂山区住建局", "崂山区发改局");
        assertThat(pv.getString("reductions[0].verified")).isEqualTo("1180.25");
        assertThat(pv.getString("changedBy")).isEqualTo("test-reader+planner");

        // the export: a byte order mark, the formula-leading name neutralised, and it imports back unchanged
        byte[] csv = given().accept("text/csv")
                .queryParam("orgUnit", "370212")
                .get(PROJECTS)
                .then()
                .statusCode(200)
                .header("Content-Disposition", "attachment; filename=\"projects.csv\"")
                .extract()
                .asByteArray();
        assertThat(csv).startsWith(0xEF, 0xBB, 0xBF);
        String text = new String(csv, StandardCharsets.UTF_8);
        assertThat(text).contains("QD-IMP-0001,'=崂山区屋顶光伏,Laoshan rooftop PV,ROOFTOP_PV,8,370212,");
        asPlanner()
                .contentType("text/csv")
                .body(csv)
                .post(PROJECTS + "/import")
                .then()
                .statusCode(200)
                .body("rows", equalTo(3))
                .body("unchanged", equalTo(3));
        given().get(PROJECTS + "/QD-IMP-0001").then().header("ETag", "\"1\"").body("zh", equalTo("=崂山区屋顶光伏"));

        // a change by import: a new status, added to the history
        String cancelled = rows.lines()
                .skip(1)
                .findFirst()
                .orElseThrow()
                .replace("UNDER_CONSTRUCTION,2024-05-06", "CANCELLED,2025-01-20");
        asPlanner()
                .contentType("text/csv; charset=UTF-8")
                .body(HEADER + cancelled + "\n")
                .post(PROJECTS + "/import")
                .then()
                .statusCode(200)
                .body("changed", equalTo(1));
        given().get(PROJECTS + "/QD-IMP-0002")
                .then()
                .body("statusHistory.status", Matchers.contains("UNDER_CONSTRUCTION", "CANCELLED"))
                .header("ETag", "\"2\"");
    }

    @Test
    void theWorkbookHasTypedCellsWithUnitsAndImportsBackAndAWorkbookOfTheSameLayoutImports() throws Exception {
        asPlanner()
                .contentType("text/csv; charset=UTF-8")
                .body(HEADER + "QD-IMP-0101,即墨区岸电,Jimo shore power,SHORE_POWER,370215,市交通运输局,,"
                        + "2022,2023,COMPLETED,2023-11-30,15.5,14,,,3000,2800,即环验〔2023〕5号\n")
                .post(PROJECTS + "/import")
                .then()
                .statusCode(200)
                .body("created", equalTo(1));
        byte[] bytes = given().accept(XLSX)
                .queryParam("orgUnit", "370215")
                .get(PROJECTS)
                .then()
                .statusCode(200)
                .header("Content-Disposition", "attachment; filename=\"projects.xlsx\"")
                .extract()
                .asByteArray();
        try (ReadableWorkbook wb = new ReadableWorkbook(new ByteArrayInputStream(bytes))) {
            List<Row> rows = wb.getFirstSheet().read();
            List<String> header = rows.get(0).stream().map(Cell::asString).toList();
            int nox = header.indexOf("氮氧化物核定减排量 Verified NOx reduction (t/a)");
            int start = header.indexOf("开工年份 Start year");
            assertThat(nox).isPositive();
            assertThat(rows.get(1).getCell(nox).getType()).isEqualTo(CellType.NUMBER);
            assertThat(rows.get(1).getCell(nox).asNumber()).isEqualByComparingTo("14");
            assertThat(rows.get(1).getCell(start).asNumber()).isEqualByComparingTo("2022");
            assertThat(rows.get(1).getCell(header.indexOf("状态日期 Status since")).getType())
                    .isEqualTo(CellType.NUMBER); // an Excel date
        }
        asPlanner()
                .contentType(XLSX)
                .body(bytes)
                .post(PROJECTS + "/import")
                .then()
                .statusCode(200)
                .body("unchanged", equalTo(1));

        // a workbook made by hand, Chinese headers only, and a fault that names its row
        asPlanner()
                .contentType(XLSX)
                .body(workbook("二〇二三"))
                .post(PROJECTS + "/import")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("row 2: start_year"));
        given().get(PROJECTS + "/QD-IMP-0102").then().statusCode(404);
        asPlanner()
                .contentType(XLSX)
                .body(workbook(2023))
                .post(PROJECTS + "/import")
                .then()
                .statusCode(200)
                .body("created", equalTo(1));
        given().get(PROJECTS + "/QD-IMP-0102")
                .then()
                .statusCode(200)
                .body("orgUnit", equalTo("370215"))
                .body("reductions[0].planned", equalTo(25.5f));
    }

    static byte[] workbook(Object startYear) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Workbook wb = new Workbook(out, "test", "1.0");
        Worksheet ws = wb.newWorksheet("projects");
        String[] header = {"项目编号", "项目名称", "项目类型", "所属单位", "牵头单位", "开工年份", "完成年份", "状态", "氮氧化物计划减排量"};
        for (int c = 0; c < header.length; c++) {
            ws.value(0, c, header[c]);
        }
        Object[] row = {"QD-IMP-0102", "即墨区公转铁", "RAIL_WATER_SHIFT", 370215, "市交通运输局", startYear, 2026, "PLANNED", 25.5
        };
        for (int c = 0; c < row.length; c++) {
            if (row[c] instanceof Number n) {
                ws.value(1, c, n);
            } else {
                ws.value(1, c, (String) row[c]);
            }
        }
        wb.finish();
        return out.toByteArray();
    }
}
