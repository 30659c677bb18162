package io.synergy.sector.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.synergy.platform.problem.FieldError;
import java.util.List;
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
        JsonReportParser.Result r = CsvReportParser.parse(HEADER + "\nr,\"s\nt\",370202,2024,e,1\n\nr2,s,370202,2024,e,x\n");
        assertThat(r.reports()).hasSize(2);
        assertThat(r.reports().get(0).values().get(0).path()).isEqualTo("line 3");
        assertThat(fields(r)).containsExactly("line 6: value");
    }

    @Test
    void crlfLineEnds() {
        JsonReportParser.Result r = CsvReportParser.parse(HEADER.replace("\n", "\r\n") + "r,s,370202,2024,e,1\r\nr,s,370202,2024,e2,y\r\n");
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
}
