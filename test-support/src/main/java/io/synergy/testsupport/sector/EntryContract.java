package io.synergy.testsupport.sector;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.restassured.response.Response;
import io.synergy.model.catalogue.Sector;
import io.synergy.testsupport.TestTokens;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.Row;
import org.junit.jupiter.api.Test;

/**
 * Data entry without storing, sector-neutral: the dry run of a report (the form's live validation) answers what a real
 * submission would — results or the same problem — and stores and publishes nothing; the dry run of an upload (CSV, XLSX) is its
 * preview, row by row; the template, CSV or XLSX, filled in, uploads. Run in full by one sector service (energy).
 */
public abstract class EntryContract extends SectorServiceTest {

    protected static final String DRY_RUN = REPORTS + "?dryRun=true";

    protected EntryContract(Sector sector) {
        super(sector);
    }

    @Test
    void aDryRunAnswersWhatTheSubmissionWouldAndStoresNothing() {
        DistrictYear slot = freshDistrictYear();
        int year = slot.year();
        String d = slot.district();
        String id = uniqueId("dry");
        ObjectNode r = report(id, d, String.valueOf(year), null, validValues());

        Snapshot before = settledSnapshot();
        Response dry = given().contentType(JSON).body(bytes(r)).post(DRY_RUN);
        JsonNode would = accepted(dry, 200);
        assertThat(would.path("status").asText()).isEqualTo("ACCEPTED");
        assertIndicatorsAnswer(would, d, year, expectedOutputs(validValues()));
        assertUnchanged(before);
        given().get(REPORTS + "/" + id).then().statusCode(404);

        // the same faults, the same problem
        ObjectNode bad = r.deepCopy();
        value(bad, 0).put("value", -1);
        Exchange refused = exchange("POST", DRY_RUN, JSON, bytes(bad), false);
        assertProblem(refused, 400, "values[0].value");
        assertThat(exchange(
                                "POST",
                                DRY_RUN,
                                JSON,
                                bytes(report(id, d, String.valueOf(year), null, validValues())),
                                false)
                        .status())
                .isEqualTo(200);
        Response other = given().header(
                        "Authorization",
                        TestTokens.bearer(
                                TestTokens.tokenForDistricts(List.of(otherDistrict(d)), "feed:" + sector.code())))
                .contentType(JSON)
                .body(bytes(r))
                .post(DRY_RUN);
        assertThat(other.statusCode()).as(other.asString()).isEqualTo(403);
        assertUnchanged(before);

        // and the real submission gets what the dry run said
        JsonNode real = accepted(postJson(r), 201);
        assertThat(real.path("indicators")).isEqualTo(would.path("indicators"));
    }

    @Test
    void aDryRunOfABatchAnswersEveryReportAndOfALockedDataSetTheLock() {
        List<DistrictYear> slots = freshDistrictYears(2, 1);
        int year = slots.get(0).year();
        String d = slots.get(0).district();
        ObjectNode a = report(uniqueId("dry-batch-a"), d, String.valueOf(year), null, validValues());
        ObjectNode b =
                report(uniqueId("dry-batch-b"), slots.get(1).district(), String.valueOf(year), null, valuesFor(1));
        Snapshot before = settledSnapshot();
        JsonNode would = accepted(
                given().contentType(JSON)
                        .body(bytes(MAPPER.createArrayNode().add(a).add(b)))
                        .post(DRY_RUN),
                200);
        assertThat(each(would, "status")).containsExactly("ACCEPTED", "ACCEPTED");
        assertUnchanged(before);

        accepted(postJson(a), 201);
        accepted(
                given().header("Authorization", TestTokens.bearer(TestTokens.token("feed:" + sector.code())))
                        .contentType(JSON)
                        .body(bytes(MAPPER.createObjectNode()
                                .put("orgUnit", d)
                                .put("period", String.valueOf(year))
                                .put("action", "SUBMIT")))
                        .post(ApprovalContract.APPROVALS),
                200);
        before = settledSnapshot();
        Exchange locked = exchange(
                "POST",
                DRY_RUN,
                JSON,
                bytes(report(a.path("reportId").asText(), d, String.valueOf(year), 2, valuesFor(2))),
                false);
        assertProblem(locked, 409, "orgUnit");
        assertUnchanged(before);
    }

    @Test
    void theDryRunOfACsvUploadIsItsPreviewRowByRow() {
        DistrictYear slot = freshDistrictYear();
        int year = slot.year();
        String d = slot.district();
        String id = uniqueId("preview");
        Map<String, Double> values = validValues();
        List<String> codes = List.copyOf(values.keySet());
        StringBuilder good = new StringBuilder(CSV_HEADER).append('\n');
        values.forEach((code, v) -> good.append(
                        csvRow(id, d, String.valueOf(year), code, String.valueOf(v), unitOf(code), "1"))
                .append('\n'));

        Snapshot before = settledSnapshot();
        JsonNode preview = accepted(
                given().contentType(CSV)
                        .body(good.toString().getBytes(StandardCharsets.UTF_8))
                        .post(DRY_RUN),
                200);
        assertThat(preview.path("rows").asInt()).isEqualTo(values.size());
        assertThat(preview.path("status").asInt()).isEqualTo(201);
        assertThat(preview.path("refusedRows")).isEmpty();
        assertThat(preview.path("acceptedRows")).hasSize(values.size());
        assertThat(preview.path("acceptedRows").get(0).asInt()).isEqualTo(2);
        assertIndicatorsAnswer(preview.path("results").get(0), d, year, expectedOutputs(values));
        assertUnchanged(before);

        // a row with a value that is not a number, and one with a negative value: both named, the others accepted
        String[] lines = good.toString().split("\n");
        lines[2] = csvRow(id, d, String.valueOf(year), codes.get(1), "abc", unitOf(codes.get(1)), "1");
        if (codes.size() > 2) {
            lines[3] = csvRow(id, d, String.valueOf(year), codes.get(2), "-5", unitOf(codes.get(2)), "1");
        }
        JsonNode faulty = accepted(
                given().contentType(CSV)
                        .body((String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8))
                        .post(DRY_RUN),
                200);
        assertThat(faulty.path("status").asInt()).isEqualTo(400);
        assertThat(faulty.path("results")).isEmpty();
        assertThat(stream(faulty.path("refusedRows"))
                        .map(r -> r.path("row").asInt())
                        .distinct()
                        .toList())
                .containsExactlyElementsOf(codes.size() > 2 ? List.of(3, 4) : List.of(3));
        assertThat(faulty.path("refusedRows").get(0).path("column").asText()).isEqualTo("value");
        assertThat(faulty.path("refusedRows").get(0).path("message").asText()).contains("abc");
        assertThat(faulty.path("acceptedRows")).hasSize(values.size() - (codes.size() > 2 ? 2 : 1));
        assertUnchanged(before);
        // a fault of no row (the header) is the problem a real upload gets
        assertProblem(exchange("POST", DRY_RUN, CSV, "".getBytes(StandardCharsets.UTF_8), false), 400, "body");
        given().get(REPORTS + "/" + id).then().statusCode(404);
    }

    protected static final String TEMPLATE = "/api/v1/template";
    protected static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    @Test
    void theCsvTemplateFilledInUploads() {
        DistrictYear slot = freshDistrictYear();
        int year = slot.year();
        String d = slot.district();
        Response r = given().queryParams(Map.of("format", "csv", "period", String.valueOf(year), "districts", d))
                .get(TEMPLATE);
        assertThat(r.statusCode()).as(r.asString()).isEqualTo(200);
        assertThat(r.contentType()).startsWith(CSV);
        assertThat(r.header("Content-Disposition")).contains(sector.code() + "-report-template-" + year + ".csv");
        String text = new String(r.asByteArray(), StandardCharsets.UTF_8).replace("\uFEFF", "");
        List<String> lines = List.of(text.split("\r\n"));
        assertThat(lines.get(0))
                .isEqualTo(
                        "report_id,source,district,district_name,period,data_element,data_element_name,value,unit,revision");
        assertThat(lines).hasSize(1 + elements.size());
        Map<String, Double> values = validValues();
        StringBuilder filled = new StringBuilder(lines.get(0)).append('\n');
        for (int i = 0; i < elements.size(); i++) {
            String line = lines.get(i + 1);
            assertThat(line)
                    .contains("," + d + ",")
                    .contains(orgUnits.find(d).orElseThrow().zh())
                    .contains("," + elements.get(i).code() + ",")
                    .contains(elements.get(i).zh())
                    .endsWith("," + elements.get(i).unit() + ",1");
            // the value cell is empty: ",,<unit>,1" at the end
            String head =
                    line.substring(0, line.length() - (",," + elements.get(i).unit() + ",1").length());
            filled.append(head)
                    .append(',')
                    .append(values.get(elements.get(i).code()))
                    .append(',')
                    .append(elements.get(i).unit())
                    .append(",1\n");
        }
        JsonNode stored = accepted(
                given().contentType(CSV)
                        .body(filled.toString().getBytes(StandardCharsets.UTF_8))
                        .post(REPORTS),
                201);
        assertIndicatorsAnswer(stored.get(0), d, year, expectedOutputs(values));
        problem(given().queryParam("format", "pdf").get(TEMPLATE), "format");
        // as JSON: the same rows, what a form is built from
        JsonNode rows = accepted(
                given().queryParams(Map.of("format", "json", "period", String.valueOf(year), "districts", d))
                        .get(TEMPLATE),
                200);
        assertThat(each(rows, "dataElement"))
                .containsExactlyElementsOf(elements.stream().map(e -> e.code()).toList());
        assertThat(rows.get(0).path("districtName").asText())
                .isEqualTo(orgUnits.find(d).orElseThrow().zh());
        problem(given().queryParam("districts", "379999").get(TEMPLATE), "districts");
    }

    @Test
    void theWorkbookTemplateFilledInUploadsAndItsFaultsNameTheirRows() throws IOException {
        DistrictYear slot = freshDistrictYear();
        int year = slot.year();
        String d = slot.district();
        Response r = given().queryParams(Map.of("format", "xlsx", "period", String.valueOf(year), "districts", d))
                .get(TEMPLATE);
        assertThat(r.statusCode()).as(r.asString()).isEqualTo(200);
        assertThat(r.contentType()).isEqualTo(XLSX);
        List<List<Object>> rows = new ArrayList<>();
        try (ReadableWorkbook wb = new ReadableWorkbook(new ByteArrayInputStream(r.asByteArray()))) {
            for (Row row : wb.getFirstSheet().read()) {
                List<Object> cells = new ArrayList<>();
                for (int i = 0; i < row.getCellCount(); i++) {
                    cells.add(row.getCell(i) == null ? null : row.getCell(i).getValue());
                }
                rows.add(cells);
            }
        }
        List<Object> header = rows.get(0);
        assertThat(header).contains("数值 Value", "区市名称 District name", "数据元名称 Data element name");
        int valueColumn = header.indexOf("数值 Value");
        assertThat(rows).hasSize(1 + elements.size());
        Map<String, Double> values = validValues();
        for (int i = 0; i < elements.size(); i++) {
            rows.get(i + 1).set(valueColumn, values.get(elements.get(i).code()));
        }

        // a value that is not a number: the preview and the real upload name its row
        Object kept = rows.get(2).get(valueColumn);
        rows.get(2).set(valueColumn, "一千");
        Snapshot before = settledSnapshot();
        JsonNode preview =
                accepted(given().contentType(XLSX).body(workbook(rows)).post(DRY_RUN), 200);
        assertThat(preview.path("status").asInt()).isEqualTo(400);
        assertThat(preview.path("refusedRows").get(0).path("row").asInt()).isEqualTo(3);
        assertThat(preview.path("refusedRows").get(0).path("column").asText()).isEqualTo("value");
        assertProblem(exchange("POST", REPORTS, XLSX, workbook(rows), false), 400, "row 3: value");
        assertUnchanged(before);

        rows.get(2).set(valueColumn, kept);
        JsonNode dry = accepted(given().contentType(XLSX).body(workbook(rows)).post(DRY_RUN), 200);
        assertThat(dry.path("status").asInt()).isEqualTo(201);
        assertThat(dry.path("acceptedRows")).hasSize(elements.size());
        assertUnchanged(before);
        JsonNode stored =
                accepted(given().contentType(XLSX).body(workbook(rows)).post(REPORTS), 201);
        assertIndicatorsAnswer(stored.get(0), d, year, expectedOutputs(values));
        assertThat(getReport(stored.get(0).path("reportId").asText())
                        .path("revisions")
                        .get(0)
                        .path("channel")
                        .asText())
                .isEqualTo("XLSX");
    }

    private void problem(Response r, String field) {
        assertThat(r.statusCode()).as(r.asString()).isEqualTo(400);
        assertThat(each(json(r).path("errors"), "field")).contains(field);
    }

    /** A workbook of one sheet with these cells: texts as text, numbers as numbers. */
    protected static byte[] workbook(List<List<Object>> rows) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Workbook wb = new Workbook(out, "synergy-test", "1.0");
        Worksheet ws = wb.newWorksheet("填报模板");
        for (int r = 0; r < rows.size(); r++) {
            for (int c = 0; c < rows.get(r).size(); c++) {
                Object v = rows.get(r).get(c);
                if (v instanceof Number n) {
                    ws.value(r, c, n);
                } else if (v != null) {
                    ws.value(r, c, v.toString());
                }
            }
        }
        wb.finish();
        return out.toByteArray();
    }
}
