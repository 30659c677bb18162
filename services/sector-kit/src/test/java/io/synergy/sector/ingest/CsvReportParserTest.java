package io.synergy.sector.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.synergy.platform.problem.FieldError;
import java.util.List;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.Test;

class CsvReportParserTest {

    private static final String HEADER = "report_id,source,district,period,data_element,value\n";

    private static List<String> fields(JsonReportParser.Result r) {
        return r.errors().stream().map(FieldError::field).toList();
    }

    @Test
    void namesTheLinesAsAnEditorShowsThem() {
        JsonReportParser.Result r = CsvReportParser.parse(HEADER + "r,s,370202,2024,e,1\nr,s,370202,2024,e,1,extra\n");
        assertThat(fields(r)).containsExactly("line 3");
        assertThat(r.reports().get(0).values().get(0).path()).isEqualTo("line 2");
    }

    @Test
    void countsEmptyLinesAndMultiLineCells() {
        JsonReportParser.Result r =
                CsvReportParser.parse(HEADER + "\nr,\"s\nt\",370202,2024,e,1\n\nr2,s,370202,2024,e,x\n");
        assertThat(r.reports()).hasSize(2);
        assertThat(r.reports().get(0).values().get(0).path()).isEqualTo("line 3");
        assertThat(fields(r)).containsExactly("line 6: value");
    }

    @Test
    void crlfLineEnds() {
        JsonReportParser.Result r =
                CsvReportParser.parse(HEADER.replace("\n", "\r\n") + "r,s,370202,2024,e,1\r\nr,s,370202,2024,e2,y\r\n");
        assertThat(fields(r)).containsExactly("line 3: value");
    }

    @Test
    void namesTheLineWhereAnUnclosedQuoteOpens() {
        JsonReportParser.Result r = CsvReportParser.parse(HEADER + "r,s,370202,2024,e,\"12\nr,s,370202,2024,e,1\n");
        assertThat(fields(r)).containsExactly("line 2");
    }

    @Test
    void headerProblemsAreOnTheHeaderLine() {
        assertThat(fields(CsvReportParser.parse("report_id,source\nr,s\n"))).containsOnly("line 1");
    }

    @Test
    void rowsOfOneReportIdAndRevisionFormOneReport() {
        JsonReportParser.Result r = CsvReportParser.parse(
                "report_id,source,district,period,data_element,value,unit,revision\n"
                        + "a,s,370202,2024,e1,1,tce,2\nb,s,370203,2024,e1,3,,\na,s,370202,2024,e2,2,,2\na,s,370202,2024,e1,5,,3\n");
        assertThat(r.errors()).isEmpty();
        assertThat(r.batch()).as("a CSV is always a batch").isTrue();
        assertThat(r.reports())
                .extracting(RawReport::reportId, RawReport::revision, RawReport::path)
                .containsExactly(
                        Tuple.tuple("a", 2, "line 2"), Tuple.tuple("b", null, "line 3"), Tuple.tuple("a", 3, "line 5"));
        assertThat(r.reports().get(0).values())
                .containsExactly(
                        new RawReport.RawValue("line 2", "e1", 1.0, "tce"),
                        new RawReport.RawValue("line 4", "e2", 2.0, null));
    }

    @Test
    void rowsOfOneReportMustAgreeOnSourceDistrictAndPeriod() {
        JsonReportParser.Result r = CsvReportParser.parse(HEADER + "a,s,370202,2024,e1,1\na,s,370203,2024,e2,1\n");
        assertThat(fields(r)).containsExactly("line 3");
        assertThat(r.errors().get(0).message()).contains("different source, district or period than on line 2");
    }

    @Test
    void theHeaderNamesKnownColumnsOnceAndTheRequiredOnes() {
        assertThat(CsvReportParser.parse("report_id,source,district,period,data_element,value,colour\n")
                        .errors())
                .singleElement()
                .satisfies(e -> assertThat(e.message()).contains("unknown column 'colour'"));
        assertThat(CsvReportParser.parse("report_id,source,district,period,data_element,value,value\n")
                        .errors())
                .singleElement()
                .satisfies(e -> assertThat(e.message()).contains("'value' appears twice"));
        assertThat(CsvReportParser.parse("report_id,source,district,period,data_element\n")
                        .errors())
                .singleElement()
                .satisfies(e -> assertThat(e.message()).contains("missing column(s): value"));
        assertThat(CsvReportParser.parse(" REPORT_ID ,Source,DISTRICT,period,data_element,value\na,s,370202,2024,e,1\n")
                        .errors())
                .as("headers are case- and space-insensitive")
                .isEmpty();
        assertThat(CsvReportParser.parse(HEADER).errors()).singleElement().satisfies(e -> {
            assertThat(e.field()).isEqualTo("body");
            assertThat(e.message()).contains("no rows");
        });
        assertThat(fields(CsvReportParser.parse(""))).containsExactly("body");
    }

    @Test
    void cellsAreCheckedForTheirType() {
        JsonReportParser.Result r = CsvReportParser.parse(
                "report_id,source,district,period,data_element,value,unit,revision\n"
                        + "a,s,370202,2024,e1,0x1F,,\na,s,370202,2024,e2,NaN,,\nb,s,370202,2024,e1,1e3,,two\nc,,370202,2024,e1,,,\n");
        assertThat(fields(r))
                .containsExactly(
                        "line 2: value", "line 3: value", "line 4: revision", "line 5: source", "line 5: value");
        assertThat(r.reports().get(1).values().get(0).value())
                .as("1e3 is a number")
                .isEqualTo(1000.0);
    }
}
