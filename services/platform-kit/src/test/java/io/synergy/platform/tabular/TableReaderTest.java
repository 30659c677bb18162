package io.synergy.platform.tabular;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import io.synergy.platform.problem.FieldError;
import io.synergy.platform.problem.ProblemException;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.dhatim.fastexcel.Workbook;
import org.dhatim.fastexcel.Worksheet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.ThrowingConsumer;

/** Uploads in CSV or XLSX, read strictly by the columns the writers use; every fault named by row and column. */
class TableReaderTest {

    static final List<Column<TabularWriterTest.Emission>> COLUMNS = TabularWriterTest.COLUMNS;
    static final TableReader READER = new TableReader(COLUMNS, TableReader.Limits.DEFAULT, false);
    static final String HEADER = "org_unit,name,value,count,day,audited\n";

    static ProblemException refused(Runnable read) {
        ProblemException e = catchThrowableOfType(ProblemException.class, read::run);
        assertThat(e).as("refused").isNotNull();
        return e;
    }

    static List<String> fields(ProblemException e) {
        return e.errors().stream().map(FieldError::field).toList();
    }

    @Test
    void csvCellsAreTypedAndBlankCellsAreNull() {
        List<TableRow> rows =
                READER.csv("\uFEFF" + HEADER + "370202, 青岛 ,-12.5,3,2024-12-31,TRUE\n370203,,1e3,-4,,false\n,,,,,\n\n");
        assertThat(rows).hasSize(2);
        TableRow r = rows.get(0);
        assertThat(r.where()).isEqualTo("line 2");
        assertThat(r.text("org_unit")).isEqualTo("370202");
        assertThat(r.text("name")).isEqualTo("青岛");
        assertThat(r.number("value")).isEqualByComparingTo("-12.5");
        assertThat(r.integer("count")).isEqualTo(3L);
        assertThat(r.date("day")).isEqualTo(LocalDate.of(2024, 12, 31));
        assertThat(r.bool("audited")).isTrue();
        TableRow s = rows.get(1);
        assertThat(s.text("name")).isNull();
        assertThat(s.number("value")).isEqualByComparingTo("1000");
        assertThat(s.integer("count")).isEqualTo(-4L);
        assertThat(s.date("day")).isNull();
        assertThat(s.bool("audited")).isFalse();
    }

    @Test
    void everyTypeFaultIsNamedByLineAndColumnAtOnce() {
        ProblemException e =
                refused(() -> READER.csv(HEADER + "370202,a,12吨,2.5,2024/12/31,yes\n370203,b,\"1,000\",x,2024-02-30,1\n"
                        + "370204,c,NaN,99999999999999999999,,\n"));
        assertThat(e.status()).isEqualTo(400);
        assertThat(fields(e))
                .containsExactly(
                        "line 2: value",
                        "line 2: count",
                        "line 2: day",
                        "line 2: audited",
                        "line 3: value",
                        "line 3: count",
                        "line 3: day",
                        "line 3: audited",
                        "line 4: value",
                        "line 4: count");
        assertThat(e.errors().get(0).message()).isEqualTo("must be a number, not '12吨'");
        assertThat(e.errors().get(3).message()).isEqualTo("must be true or false, not 'yes'");
        assertThat(e.errors().get(6).message()).startsWith("must be a date (yyyy-mm-dd)");
    }

    @Test
    void aHeaderNamesColumnsByKeyChineseEnglishOrTheWorkbooksLabel() {
        String header = "单位,NAME, 排放量 Emissions (t) ,企业数（）,日期 Date,Audited\n".replace("企业数（）", "Enterprises");
        List<TableRow> rows = READER.csv(header + "370202,x,1,2,2024-01-01,false\n");
        assertThat(rows.get(0).number("value")).isEqualByComparingTo("1");
        assertThat(rows.get(0).integer("count")).isEqualTo(2L);
        assertThat(READER.csv("org_unit,name,排放量（t）,count,day,audited\n370202,x,7,,,\n")
                        .get(0)
                        .number("value"))
                .isEqualByComparingTo("7");
    }

    @Test
    void aHeaderMissingColumnsNamingOthersOrTwiceIsRefused() {
        ProblemException e = refused(() -> READER.csv("org_unit,name,value,value,colour\n370202,x,1,1,red\n"));
        assertThat(fields(e)).containsOnly("line 1");
        assertThat(e.errors())
                .extracting(FieldError::message)
                .containsExactly(
                        "column 'value' appears twice",
                        "unknown column 'colour'",
                        "missing column(s): count, day, audited");
        // optional columns may be left out; extra columns are ignored where the reader allows them
        TableReader lenient =
                new TableReader(List.of(COLUMNS.get(0), COLUMNS.get(2).asOptional()), TableReader.Limits.DEFAULT, true);
        TableRow row = lenient.csv("colour,org_unit\nred,370202\n").get(0);
        assertThat(row.text("org_unit")).isEqualTo("370202");
        assertThat(row.number("value")).isNull();
        assertThat(fields(refused(() -> READER.csv("")))).containsExactly("body");
        assertThat(fields(refused(() -> READER.csv(HEADER + "\n\n")))).containsExactly("body");
    }

    @Test
    void linesAreCountedAsAnEditorShowsThemAcrossBlankLinesAndMultiLineCells() {
        ProblemException e = refused(
                () -> READER.csv(HEADER + "\n370202,\"two\nlines\",x,,,\n370203,,y,,,\n,,,,,\n370204,,,,,,surplus\n"));
        assertThat(fields(e)).containsExactly("line 3: value", "line 5: value", "line 7");
        assertThat(e.errors().get(2).message()).isEqualTo("cell 7 has a value, but its column has no header");
        assertThat(fields(refused(() -> READER.csv(HEADER + "370202,\"open,1,2,,\n370203,,,,,\n"))))
                .hasSize(1)
                .allMatch(f -> f.startsWith("line "));
    }

    @Test
    void ourOwnCsvReadsBackAsItWasNeutralisedCellsIncluded() throws IOException {
        List<TabularWriterTest.Emission> data = List.of(
                new TabularWriterTest.Emission("-370202", "=1+1", -12.5, -3L, LocalDate.of(2024, 12, 31), true),
                new TabularWriterTest.Emission("370203", "'@x", 0.000001, 0L, null, false),
                new TabularWriterTest.Emission("370204", "\"示范\"企业,\n第二行", null, null, null, null));
        List<TableRow> rows = READER.csv(TabularWriterTest.csv(TabularWriterTest.table(data)));
        for (int i = 0; i < data.size(); i++) {
            TabularWriterTest.Emission d = data.get(i);
            TableRow r = rows.get(i);
            assertThat(r.text("org_unit")).isEqualTo(d.unit());
            assertThat(r.text("name")).isEqualTo(d.name());
            assertThat(r.number("value")).isEqualTo(d.value() == null ? null : TabularWriter.decimal(d.value()));
            assertThat(r.integer("count")).isEqualTo(d.count());
            assertThat(r.date("day")).isEqualTo(d.day());
            assertThat(r.bool("audited")).isEqualTo(d.audited());
        }
    }

    @Test
    void anUploadIsReadByItsContentTypeAndCharsetStrictly() {
        byte[] gbk = (HEADER + "370202,青岛,1,,,\n").getBytes(Charset.forName("GBK"));
        assertThat(READER.read(new ByteArrayInputStream(gbk), "text/csv; charset=GBK", null)
                        .get(0)
                        .text("name"))
                .isEqualTo("青岛");
        // the same bytes sent as UTF-8: refused, never stored as mojibake
        assertThat(fields(refused(() -> READER.read(new ByteArrayInputStream(gbk), "text/csv", null))))
                .containsExactly("body");
        // a UTF-8 byte order mark decides, whatever charset a client library appended by default
        byte[] bom = ("\uFEFF" + HEADER + "370202,青岛,1,,,\n").getBytes(StandardCharsets.UTF_8);
        assertThat(READER.read(new ByteArrayInputStream(bom), "text/csv; charset=ISO-8859-1", null)
                        .get(0)
                        .text("name"))
                .isEqualTo("青岛");
        ProblemException unknown =
                refused(() -> READER.read(new ByteArrayInputStream(gbk), "text/csv; charset=klingon", null));
        assertThat(unknown.status()).isEqualTo(415);
        assertThat(refused(() -> READER.read(new ByteArrayInputStream(gbk), "application/json", null))
                        .status())
                .isEqualTo(415);
        assertThat(refused(() -> READER.read(new ByteArrayInputStream(gbk), null, null))
                        .status())
                .isEqualTo(415);
        TableReader small = new TableReader(COLUMNS, new TableReader.Limits(100, 1000, 2), false);
        ProblemException large = refused(() -> small.read(new ByteArrayInputStream(new byte[101]), "text/csv", null));
        assertThat(large.status()).isEqualTo(413);
        assertThat(fields(large)).containsExactly("body");
        ProblemException rows = refused(() -> small.csv(HEADER + "a,,,,,\nb,,,,,\nc,,,,,\n"));
        assertThat(rows.status()).isEqualTo(413);
        assertThat(small.csv(HEADER + "a,,,,,\nb,,,,,\n\n")).hasSize(2);
    }

    static byte[] workbook(ThrowingConsumer<Workbook> sheets) throws Throwable {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        Workbook wb = new Workbook(out, "test", "1.0");
        sheets.accept(wb);
        wb.finish();
        return out.toByteArray();
    }

    static void header(Worksheet ws, String... names) {
        for (int c = 0; c < names.length; c++) {
            ws.value(0, c, names[c]);
        }
    }

    @Test
    void ourWorkbookReadsBackWithTheSameValuesAndTypes() throws IOException {
        List<TabularWriterTest.Emission> data = List.of(
                new TabularWriterTest.Emission("370202", "=1+1", -12.5, -3L, LocalDate.of(2024, 12, 31), true),
                new TabularWriterTest.Emission("370203", "青岛示范企业", 362205.39300000004, null, null, false));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        TabularWriter.xlsx(List.of(TabularWriterTest.table(data)), out);
        List<TableRow> rows = READER.read(new ByteArrayInputStream(out.toByteArray()), Tabular.XLSX, null);
        assertThat(rows).extracting(TableRow::where).containsExactly("row 2", "row 3");
        assertThat(rows.get(0).text("name")).isEqualTo("=1+1");
        assertThat(rows.get(0).number("value")).isEqualByComparingTo("-12.5");
        assertThat(rows.get(0).integer("count")).isEqualTo(-3L);
        assertThat(rows.get(0).date("day")).isEqualTo(LocalDate.of(2024, 12, 31));
        assertThat(rows.get(0).bool("audited")).isTrue();
        assertThat(rows.get(1).text("name")).isEqualTo("青岛示范企业");
        assertThat(rows.get(1).number("value")).isEqualByComparingTo("362205.393");
        assertThat(rows.get(1).integer("count")).isNull();
        assertThat(rows.get(1).bool("audited")).isFalse();
    }

    @Test
    void aWorkbookInTheCsvsLayoutReadsWithExcelsOwnTypesAndRefusesFormulas() throws Throwable {
        byte[] bytes = workbook(wb -> {
            Worksheet ws = wb.newWorksheet("Sheet1");
            header(ws, "org_unit", "name", "value", "count", "day", "audited");
            ws.value(1, 0, 370202); // a code Excel took for a number
            ws.value(1, 1, "x");
            ws.value(1, 2, "12.5"); // a number stored as text
            ws.value(1, 3, 4.0);
            ws.value(1, 4, LocalDate.of(2024, 1, 31));
            ws.value(1, 5, "TRUE");
            ws.value(2, 0, "370203");
            ws.formula(2, 2, "A2*2");
            ws.value(2, 3, 2.5);
            ws.value(2, 5, 1);
            ws.style(4, 0).bold().set(); // a trailing row with nothing but formatting
            ws.style(4, 1).bold().set();
        });
        ProblemException e = refused(() -> READER.xlsx(bytes, null));
        assertThat(fields(e)).containsExactly("row 3: value", "row 3: count", "row 3: audited");
        assertThat(e.errors().get(0).message()).contains("formula");
        assertThat(e.errors().get(1).message()).isEqualTo("must be a whole number, not '2.5'");

        byte[] good = workbook(wb -> {
            Worksheet ws = wb.newWorksheet("Sheet1");
            header(ws, "org_unit", "name", "value", "count", "day", "audited");
            ws.value(1, 0, 370202);
            ws.value(1, 2, "12.5");
            ws.value(1, 3, 4.0);
            ws.value(1, 4, LocalDate.of(2024, 1, 31));
            ws.value(1, 5, "TRUE");
            ws.style(2, 0).bold().set();
        });
        TableRow r = READER.xlsx(good, null).get(0);
        assertThat(r.text("org_unit")).isEqualTo("370202");
        assertThat(r.number("value")).isEqualByComparingTo(new BigDecimal("12.5"));
        assertThat(r.integer("count")).isEqualTo(4L);
        assertThat(r.date("day")).isEqualTo(LocalDate.of(2024, 1, 31));
        assertThat(r.bool("audited")).isTrue();
    }

    @Test
    void aWorkbookOfSeveralSheetsIsReadOnlyWhenTheSheetIsNamed() throws Throwable {
        byte[] bytes = workbook(wb -> {
            Worksheet lists = wb.newWorksheet("Lists");
            lists.value(0, 0, "PARK");
            Worksheet data = wb.newWorksheet("数据");
            header(data, "org_unit", "name", "value", "count", "day", "audited");
            data.value(1, 0, "370202");
        });
        ProblemException e = refused(() -> READER.xlsx(bytes, null));
        assertThat(fields(e)).containsExactly("sheet");
        assertThat(e.errors().get(0).message()).contains("2 sheets", "Lists", "数据");
        assertThat(READER.xlsx(bytes, "数据").get(0).text("org_unit")).isEqualTo("370202");
        assertThat(refused(() -> READER.xlsx(bytes, "Data")).errors().get(0).message())
                .contains("no sheet 'Data'");
    }

    @Test
    void whatIsNoWorkbookIsRefusedByName() {
        byte[] ole2 = {
            (byte) 0xD0, (byte) 0xCF, 0x11, (byte) 0xE0, (byte) 0xA1, (byte) 0xB1, 0x1A, (byte) 0xE1, 0, 0, 0, 0
        };
        assertThat(refused(() -> READER.xlsx(ole2, null)).errors().get(0).message())
                .contains(".xls");
        assertThat(fields(refused(() -> READER.xlsx("code,name\n".getBytes(StandardCharsets.UTF_8), null))))
                .containsExactly("body");
        byte[] truncated = {'P', 'K', 3, 4, 1, 2, 3};
        assertThat(refused(() -> READER.xlsx(truncated, null)).status()).isEqualTo(400);
    }

    static byte[] zip(String name, byte[] content) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            zip.putNextEntry(new ZipEntry(name));
            zip.write(content);
            zip.closeEntry();
        }
        return out.toByteArray();
    }

    @Test
    void aZipBombIsRefusedBeforeAnyXmlIsParsed() throws IOException {
        // 20 MB of the same byte: some 20 kB packed
        byte[] bomb = zip("xl/worksheets/sheet1.xml", new byte[20 << 20]);
        assertThat(bomb.length).isLessThan(100_000);
        TableReader reader = new TableReader(COLUMNS, new TableReader.Limits(1 << 20, 10 << 20, 1000), false);
        ProblemException e = refused(() -> reader.read(new ByteArrayInputStream(bomb), Tabular.XLSX, null));
        assertThat(e.status()).isEqualTo(413);
        assertThat(e.errors().get(0).message()).isEqualTo("unpacks to more than " + (10 << 20) + " bytes");
    }

    @Test
    void aPartDeclaringADtdIsRefused() throws IOException {
        String xxe =
                "<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]><Types>&e;</Types>";
        ProblemException e = refused(
                () -> READER.xlsx(zipUnchecked("[Content_Types].xml", xxe.getBytes(StandardCharsets.UTF_8)), null));
        assertThat(e.status()).isEqualTo(400);
        assertThat(e.errors().get(0).message()).contains("DTD");
        // the match is found across the reader's buffers too
        byte[] buffer = "xx<!DOC".getBytes(StandardCharsets.US_ASCII);
        int matched = ZipGuard.scan(buffer, buffer.length, 0);
        byte[] rest = "TYPE y".getBytes(StandardCharsets.US_ASCII);
        assertThat(ZipGuard.scan(rest, rest.length, matched)).isEqualTo("<!DOCTYPE".length());
        byte[] near = "<<!DOCTYP E".getBytes(StandardCharsets.US_ASCII);
        assertThat(ZipGuard.scan(near, near.length, 0)).isLessThan("<!DOCTYPE".length());
    }

    static byte[] zipUnchecked(String name, byte[] content) {
        try {
            return zip(name, content);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }
}
