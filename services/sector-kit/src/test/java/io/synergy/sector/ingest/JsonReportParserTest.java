package io.synergy.sector.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.synergy.platform.problem.FieldError;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Reading the JSON of one report or a batch: what is read, and every type error with its path. */
class JsonReportParserTest {

    private static final String REPORT = """
            {"reportId": "r1", "source": "s", "orgUnit": "370202", "period": "2024", "revision": 2,
             "values": [{"dataElement": "energy.primary.total", "value": 1250.5, "unit": "tce"}, {"dataElement": "energy.gdp", "value": 7}]}""";

    private static List<String> fields(JsonReportParser.Result r) {
        return r.errors().stream().map(FieldError::field).toList();
    }

    @Test
    void readsOneReport() {
        JsonReportParser.Result r = JsonReportParser.parse(REPORT);
        assertThat(r.errors()).isEmpty();
        assertThat(r.batch()).isFalse();
        RawReport report = r.reports().get(0);
        assertThat(report)
                .isEqualTo(new RawReport(
                        "",
                        "r1",
                        "s",
                        "370202",
                        "2024",
                        2,
                        List.of(
                                new RawReport.RawValue("values[0]", "energy.primary.total", 1250.5, "tce"),
                                new RawReport.RawValue("values[1]", "energy.gdp", 7.0, null))));
    }

    @Test
    void readsABatchWithAPathPerReport() {
        JsonReportParser.Result r = JsonReportParser.parse(
                "[" + REPORT + ", " + REPORT.replace("\"r1\"", "\"r2\"").replace("\"revision\": 2,", "") + "]");
        assertThat(r.errors()).isEmpty();
        assertThat(r.batch()).isTrue();
        assertThat(r.reports()).extracting(RawReport::path).containsExactly("[0]", "[1]");
        assertThat(r.reports().get(1).revision())
                .as("absent: the validator takes 1")
                .isNull();
        assertThat(r.reports().get(1).values().get(0).path()).isEqualTo("[1].values[0]");
    }

    @Test
    void reportsEveryTypeErrorAtOnceWithItsPath() {
        String body = """
                [{"reportId": 7, "source": "s", "orgUnit": "370202", "period": "2024", "revision": "two", "colour": "red",
                  "values": [{"dataElement": "e", "value": "12", "unit": 3, "note": 1}, {"value": true}, "x"]},
                 {"source": "s", "orgUnit": "370202", "period": "2024", "revision": 1.5, "values": []},
                 "not a report"]""";
        JsonReportParser.Result r = JsonReportParser.parse(body);
        assertThat(fields(r))
                .containsExactlyInAnyOrder(
                        "[0].reportId",
                        "[0].revision",
                        "[0].colour",
                        "[0].values[0].value",
                        "[0].values[0].unit",
                        "[0].values[0].note",
                        "[0].values[1].dataElement",
                        "[0].values[1].value",
                        "[0].values[2]",
                        "[1].reportId",
                        "[1].revision",
                        "[1].values",
                        "[2]");
        assertThat(r.errors())
                .filteredOn(e -> e.field().equals("[0].values[0].value"))
                .singleElement()
                .satisfies(e -> assertThat(e.message()).contains("must be a number", "\"12\""));
        assertThat(r.errors())
                .filteredOn(e -> e.field().equals("[0].colour"))
                .singleElement()
                .satisfies(
                        e -> assertThat(e.message()).contains("unknown field", "reportId, revision, source, values"));
        // what could be read is kept for the validator (which reports nothing twice)
        assertThat(r.reports()).hasSize(2);
    }

    @Test
    void aBodyThatIsNotOneJsonValueIsNamedAsTheBody() {
        assertThat(fields(JsonReportParser.parse(""))).containsExactly("body");
        assertThat(JsonReportParser.parse("").errors().get(0).message()).contains("empty");
        assertThat(JsonReportParser.parse("[]").errors().get(0).message()).contains("the batch is empty");
        assertThat(JsonReportParser.parse(REPORT + " trailing").errors())
                .singleElement()
                .satisfies(e -> assertThat(e.field()).isEqualTo("body"));
        assertThat(fields(JsonReportParser.parse(REPORT + REPORT))).containsExactly("body");
        assertThat(JsonReportParser.parse("{\"reportId\": \"a\", \"reportId\": \"b\"}")
                        .errors()
                        .get(0)
                        .message())
                .contains("malformed JSON");
        assertThat(JsonReportParser.parse("{\"reportId\": \"x\", \"values\": [")
                        .errors()
                        .get(0)
                        .message())
                .contains("malformed JSON", "line 1");
        assertThat(JsonReportParser.parse("null").errors()).singleElement().satisfies(e -> {
            assertThat(e.field()).isEqualTo("body");
            assertThat(e.message()).contains("must be a report object");
        });
        assertThat(JsonReportParser.parse("{\"values\": [{\"dataElement\": \"e\", \"value\": NaN}]}")
                        .errors()
                        .get(0)
                        .field())
                .isEqualTo("body");
    }

    @Test
    void quotesAtMostFortyCharactersBack() {
        assertThat(JsonReportParser.abbreviate("x".repeat(40))).hasSize(40);
        assertThat(JsonReportParser.abbreviate("x".repeat(41))).isEqualTo("x".repeat(40) + "…");
    }
}
