package io.synergy.registry.orgunits;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.synergy.model.orgunit.UnifiedSocialCreditCode;
import io.synergy.testsupport.PlatformTestResource;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.apache.commons.compress.utils.SeekableInMemoryByteChannel;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;
import org.dhatim.fastexcel.reader.Cell;
import org.dhatim.fastexcel.reader.CellType;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.Row;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;

/**
 * The registry as a table: {@code GET /api/v1/org-units} answers JSON, CSV or an Excel workbook from one column
 * declaration, and the import takes either back. Each test works in a district of its own.
 */
@QuarkusTest
@WithTestResource(PlatformTestResource.class)
class OrgUnitTablesTest {

    static final String UNITS = "/api/v1/org-units";
    static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    static final String HEADER = "code,level,name_zh,name_en,parent,industry_section,industry_division,flags,closed";

    static String uscc(String first17) {
        return first17 + UnifiedSocialCreditCode.checkCharacter(first17);
    }

    @Test
    void theCsvStartsWithAByteOrderMarkNeutralisesFormulaLeadingNamesAndImportsBackUnchanged() {
        String enterprise = uscc("91370214MA3K00001");
        given().contentType("application/json")
                .body(Map.of(
                        "code",
                        "370214P01",
                        "level",
                        "PARK",
                        "zh",
                        "城阳园区",
                        "en",
                        "=HYPERLINK(\"http://evil\")",
                        "parent",
                        "370214"))
                .post(UNITS)
                .then()
                .statusCode(201);
        given().contentType("application/json")
                .body(Map.of(
                        "code",
                        enterprise,
                        "level",
                        "ENTERPRISE",
                        "zh",
                        "-示范企业",
                        "en",
                        "@SUM(1,2)",
                        "parent",
                        "370214P01",
                        "industrySection",
                        "C",
                        "industryDivision",
                        "26",
                        "flags",
                        List.of("KEY_POLLUTER", "CARBON_MARKET")))
                .post(UNITS)
                .then()
                .statusCode(201);

        Response csv = given().accept("text/csv").queryParam("parent", "370214").get(UNITS);
        csv.then()
                .statusCode(200)
                .contentType(startsWith("text/csv"))
                .header("Content-Disposition", "attachment; filename=\"org-units.csv\"");
        assertThat(csv.contentType()).containsIgnoringCase("charset=UTF-8");
        byte[] bytes = csv.asByteArray();
        assertThat(bytes).startsWith(0xEF, 0xBB, 0xBF);
        String text = new String(bytes, StandardCharsets.UTF_8);
        assertThat(text.substring(1).split("\r\n"))
                .containsExactly(
                        HEADER,
                        "370214P01,PARK,城阳园区,\"'=HYPERLINK(\"\"http://evil\"\")\",370214,,,,false",
                        enterprise
                                + ",ENTERPRISE,'-示范企业,\"'@SUM(1,2)\",370214P01,C,26,CARBON_MARKET|KEY_POLLUTER,false");

        // the export is an import: nothing changes, the names come back without their apostrophes
        given().contentType("text/csv")
                .body(bytes)
                .post(UNITS + "/import")
                .then()
                .statusCode(200)
                .body("rows", equalTo(2))
                .body("unchanged", equalTo(2));
        given().get(UNITS + "/370214P01")
                .then()
                .body("en", equalTo("=HYPERLINK(\"http://evil\")"))
                .header("ETag", "\"1\"");
        given().get(UNITS + "/" + enterprise)
                .then()
                .body("zh", equalTo("-示范企业"))
                .body("en", equalTo("@SUM(1,2)"));

        // JSON is still the default answer; other media types are not acceptable
        given().queryParam("parent", "370214")
                .get(UNITS)
                .then()
                .statusCode(200)
                .contentType(startsWith("application/json"))
                .body("code", Matchers.contains("370214P01", enterprise));
        given().accept("application/xml").get(UNITS).then().statusCode(406);
    }

    @Test
    void theWorkbookHasABilingualFrozenHeaderTypedCellsAndImportsBack() throws IOException {
        String enterprise = uscc("91370285MA3K00001");
        given().contentType("text/csv; charset=UTF-8")
                .body(HEADER + "\n370285P01,PARK,莱西园区,Laixi park,370285,,,,\n" + enterprise
                        + ",ENTERPRISE,莱西企业,,370285P01,C,26,CARBON_MARKET,true\n")
                .post(UNITS + "/import")
                .then()
                .statusCode(200)
                .body("created", equalTo(2));

        Response xlsx = given().accept(XLSX).queryParam("parent", "370285").get(UNITS);
        xlsx.then()
                .statusCode(200)
                .contentType(startsWith(XLSX))
                .header("Content-Disposition", "attachment; filename=\"org-units.xlsx\"");
        assertThat(xlsx.contentType()).as("a binary type has no charset").isEqualTo(XLSX);
        byte[] bytes = xlsx.asByteArray();
        try (ReadableWorkbook workbook = new ReadableWorkbook(new ByteArrayInputStream(bytes))) {
            assertThat(workbook.getSheets().count()).isEqualTo(1);
            List<Row> rows = workbook.getFirstSheet().read();
            assertThat(rows).hasSize(3);
            List<String> header = rows.get(0).stream().map(Cell::asString).toList();
            assertThat(header)
                    .hasSize(9)
                    .allMatch(h ->
                            h.codePoints().anyMatch(c -> Character.UnicodeScript.of(c) == Character.UnicodeScript.HAN)
                                    && h.chars().anyMatch(c -> c >= 'A' && c <= 'z'));
            assertThat(header.get(0)).contains("Code");
            Row e = rows.get(2);
            assertThat(e.getCell(0).asString()).isEqualTo(enterprise);
            assertThat(e.getCell(2).asString()).isEqualTo("莱西企业");
            assertThat(e.getCell(6).asString()).isEqualTo("26");
            assertThat(e.getCell(8).getType()).isEqualTo(CellType.BOOLEAN);
            assertThat(e.getCell(8).asBoolean()).isTrue();
        }
        assertThat(part(bytes, "xl/worksheets/sheet1.xml"))
                .containsPattern("<pane [^>]*ySplit=\"1\"[^>]*state=\"frozen\"");

        // the workbook as exported imports back: same units, nothing new
        given().contentType(XLSX)
                .body(bytes)
                .post(UNITS + "/import")
                .then()
                .statusCode(200)
                .body("rows", equalTo(2))
                .body("unchanged", equalTo(2));
    }

    static byte[] workbook(String... sheets) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Workbook wb = new Workbook(out, "test", "1.0");
        for (String name : sheets) {
            Worksheet ws = wb.newWorksheet(name);
            String[] header = HEADER.split(",");
            for (int c = 0; c < header.length; c++) {
                ws.value(0, c, header[c]);
            }
            ws.value(1, 0, "370285P02");
            ws.value(1, 1, "PARK");
            ws.value(1, 2, "莱西二园");
            ws.value(1, 4, 370285); // Excel took the district's code for a number
            ws.value(2, 0, uscc("91370285MA3K00002"));
            ws.value(2, 1, "ENTERPRISE");
            ws.value(2, 2, "莱西二园企业");
            ws.value(2, 4, "370285P02");
            ws.value(2, 5, "C");
            ws.value(2, 6, name.equals("wrong") ? 99 : 26);
            ws.value(2, 8, name.equals("bad") ? "maybe" : "false");
        }
        wb.finish();
        return out.toByteArray();
    }

    @Test
    void aWorkbookInTheCsvsLayoutImportsWithTheSameValidationAndRowNumbersInItsProblems() throws IOException {
        given().contentType(XLSX)
                .body(workbook("bad"))
                .post(UNITS + "/import")
                .then()
                .statusCode(400)
                .contentType(startsWith("application/problem+json"))
                .body("errors[0].field", equalTo("row 3: closed"))
                .body("errors[0].message", startsWith("must be true or false"));
        // several sheets: the import names the one to read
        given().contentType(XLSX)
                .body(workbook("bad", "units"))
                .post(UNITS + "/import")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("sheet"));
        given().contentType(XLSX)
                .queryParam("sheet", "units")
                .body(workbook("bad", "units"))
                .post(UNITS + "/import")
                .then()
                .statusCode(200)
                .body("created", equalTo(2));
        given().get(UNITS + "/" + uscc("91370285MA3K00002"))
                .then()
                .statusCode(200)
                .body("parent", equalTo("370285P02"))
                .body("industryDivision", equalTo("26"));
        // the registry's own validation names the workbook's row too
        given().contentType(XLSX)
                .body(workbook("wrong"))
                .post(UNITS + "/import")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("row 3: industryDivision"));
        given().contentType("application/pdf")
                .body(workbook("units"))
                .post(UNITS + "/import")
                .then()
                .statusCode(415);
        given().contentType(XLSX)
                .body("code,level\n".getBytes(StandardCharsets.UTF_8))
                .post(UNITS + "/import")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("body"));
    }

    @Test
    void theOpenApiDocumentDeclaresJsonCsvAndTheWorkbookWithTheJsonSchema() throws IOException {
        JsonNode doc = new ObjectMapper()
                .readTree(given().queryParam("format", "json")
                        .get("/q/openapi")
                        .then()
                        .statusCode(200)
                        .extract()
                        .asString());
        JsonNode list = doc.at("/paths/~1api~1v1~1org-units/get/responses/200/content");
        assertThat(list.at("/application~1json/schema/items/$ref").asText())
                .isEqualTo("#/components/schemas/OrgUnitView");
        assertThat(list.has("text/csv")).isTrue();
        assertThat(list.at("/" + XLSX.replace("/", "~1") + "/schema/format").asText())
                .isEqualTo("binary");
        assertThat(list.at("/text~1csv/schema/description").asText())
                .startsWith("UTF-8 with a byte order mark; header code,");
        assertThat(doc.at("/paths/~1api~1v1~1org-units/get/responses/200/headers")
                        .has("Link"))
                .isTrue();
        JsonNode body = doc.at("/paths/~1api~1v1~1org-units~1import/post/requestBody/content");
        assertThat(body.has("text/csv") && body.has(XLSX)).as(body.toString()).isTrue();
        assertThat(body.at("/" + XLSX.replace("/", "~1") + "/schema/format").asText())
                .isEqualTo("binary");
        // what every import shares (registry PagesAndImports): its summary, and its errors as problems
        JsonNode imported = doc.at("/paths/~1api~1v1~1org-units~1import/post/responses");
        assertThat(imported.at("/200/content/application~1json/schema/$ref").asText())
                .isEqualTo("#/components/schemas/ImportSummary");
        for (String status : List.of("400", "413", "415")) {
            assertThat(imported.at("/" + status + "/content/application~1problem+json/schema/$ref")
                            .asText())
                    .as(status)
                    .isEqualTo("#/components/schemas/Problem");
        }
        assertThat(doc.at("/components/schemas").has("Tabular"))
                .as("the wrapper is no schema of its own")
                .isFalse();
    }

    static String part(byte[] zip, String name) throws IOException {
        try (ZipFile file = ZipFile.builder()
                .setSeekableByteChannel(new SeekableInMemoryByteChannel(zip))
                .get()) {
            return new String(file.getInputStream(file.getEntry(name)).readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
