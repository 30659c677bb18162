package io.synergy.testsupport.sector;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.restassured.response.Response;
import io.synergy.model.catalogue.Sector;
import io.synergy.testsupport.TestTokens;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Data entry without storing, sector-neutral: the dry run of a report (the form's live validation) answers what a real
 * submission would — results or the same problem — and stores and publishes nothing; the dry run of a CSV upload is its preview,
 * row by row. Run in full by one sector service (energy).
 */
public abstract class EntryContract extends SectorServiceTest {

    protected static final String DRY_RUN = REPORTS + "?dryRun=true";

    protected EntryContract(Sector sector) {
        super(sector);
    }

    @Test
    void aDryRunAnswersWhatTheSubmissionWouldAndStoresNothing() {
        int year = freshYear();
        String d = districts.get(2);
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
        assertThat(exchange("POST", DRY_RUN, JSON, bytes(report(id, d, String.valueOf(year), null, validValues())), false).status())
                .isEqualTo(200);
        Response other = given().header("Authorization", TestTokens.bearer(TestTokens.tokenForDistricts(List.of(districts.get(0)),
                "feed:" + sector.code()))).contentType(JSON).body(bytes(r)).post(DRY_RUN);
        assertThat(other.statusCode()).as(other.asString()).isEqualTo(403);
        assertUnchanged(before);

        // and the real submission gets what the dry run said
        JsonNode real = accepted(postJson(r), 201);
        assertThat(real.path("indicators")).isEqualTo(would.path("indicators"));
    }

    @Test
    void aDryRunOfABatchAnswersEveryReportAndOfALockedDataSetTheLock() {
        int year = freshYear();
        String d = districts.get(4);
        ObjectNode a = report(uniqueId("dry-batch-a"), d, String.valueOf(year), null, validValues());
        ObjectNode b = report(uniqueId("dry-batch-b"), districts.get(5), String.valueOf(year), null, valuesFor(1));
        Snapshot before = settledSnapshot();
        JsonNode would = accepted(given().contentType(JSON).body(bytes(MAPPER.createArrayNode().add(a).add(b))).post(DRY_RUN), 200);
        assertThat(each(would, "status")).containsExactly("ACCEPTED", "ACCEPTED");
        assertUnchanged(before);

        accepted(postJson(a), 201);
        accepted(given().header("Authorization", TestTokens.bearer(TestTokens.token("feed:" + sector.code()))).contentType(JSON)
                .body(bytes(MAPPER.createObjectNode().put("orgUnit", d).put("period", String.valueOf(year)).put("action", "SUBMIT")))
                .post(ApprovalContract.APPROVALS), 200);
        before = settledSnapshot();
        Exchange locked = exchange("POST", DRY_RUN, JSON, bytes(report(a.path("reportId").asText(), d, String.valueOf(year), 2, valuesFor(2))), false);
        assertProblem(locked, 409, "orgUnit");
        assertUnchanged(before);
    }

    @Test
    void theDryRunOfACsvUploadIsItsPreviewRowByRow() {
        int year = freshYear();
        String d = districts.get(6);
        String id = uniqueId("preview");
        Map<String, Double> values = validValues();
        List<String> codes = List.copyOf(values.keySet());
        StringBuilder good = new StringBuilder(CSV_HEADER).append('\n');
        values.forEach((code, v) -> good.append(csvRow(id, d, String.valueOf(year), code, String.valueOf(v), unitOf(code), "1")).append('\n'));

        Snapshot before = settledSnapshot();
        JsonNode preview = accepted(given().contentType(CSV).body(good.toString().getBytes(StandardCharsets.UTF_8)).post(DRY_RUN),
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
        JsonNode faulty = accepted(given().contentType(CSV).body((String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8))
                .post(DRY_RUN), 200);
        assertThat(faulty.path("status").asInt()).isEqualTo(400);
        assertThat(faulty.path("results")).isEmpty();
        assertThat(stream(faulty.path("refusedRows")).map(r -> r.path("row").asInt()).distinct().toList())
                .containsExactlyElementsOf(codes.size() > 2 ? List.of(3, 4) : List.of(3));
        assertThat(faulty.path("refusedRows").get(0).path("column").asText()).isEqualTo("value");
        assertThat(faulty.path("refusedRows").get(0).path("message").asText()).contains("abc");
        assertThat(faulty.path("acceptedRows")).hasSize(values.size() - (codes.size() > 2 ? 2 : 1));
        assertUnchanged(before);
        // a fault of no row (the header) is the problem a real upload gets
        assertProblem(exchange("POST", DRY_RUN, CSV, "".getBytes(StandardCharsets.UTF_8), false), 400, "body");
        given().get(REPORTS + "/" + id).then().statusCode(404);
    }
}
