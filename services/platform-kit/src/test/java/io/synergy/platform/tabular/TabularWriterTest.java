package io.synergy.platform.tabular;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.util.List;
import java.util.stream.IntStream;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.apache.commons.compress.utils.SeekableInMemoryByteChannel;
import org.dhatim.fastexcel.reader.Cell;
import org.dhatim.fastexcel.reader.CellType;
import org.dhatim.fastexcel.reader.ReadableWorkbook;
import org.dhatim.fastexcel.reader.Row;
import org.dhatim.fastexcel.reader.Sheet;
import org.junit.jupiter.api.Test;

/** One declaration, two formats: CSV as Excel on a Chinese Windows opens it safely, XLSX with real types. */
class TabularWriterTest {

    record Emission(String unit, String name, Double value, Long count, LocalDate day, Boolean audited) {}

    static final List<Column<Emission>> COLUMNS = List.of(
            Column.text("org_unit", "单位", "Org unit", Emission::unit),
            Column.text("name", "名称", "Name", Emission::name),
            Column.number("value", "排放量", "Emissions", "t", Emission::value),
            Column.integer("count", "企业数", "Enterprises", null, Emission::count),
            Column.date("day", "日期", "Date", Emission::day),
            Column.bool("audited", "已审核", "Audited", Emission::audited));

    static Table<Emission> table(List<Emission> rows) {
        return new Table<>("排放 Emissions", COLUMNS, rows);
    }

    static String csv(Table<?> table) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        TabularWriter.csv(table, out);
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void csvStartsWithAByteOrderMarkAndHasTheKeysAsHeader() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        TabularWriter.csv(table(List.of()), out);
        byte[] bytes = out.toByteArray();
        assertThat(bytes).startsWith(0xEF, 0xBB, 0xBF);
        assertThat(new String(bytes, 3, bytes.length - 3, StandardCharsets.UTF_8))
                .isEqualTo("org_unit,name,value,count,day,audited\r\n");
    }

    @Test
    void formulaLeadingTextIsNeutralisedButNumbersStayNumbers() throws IOException {
        String csv = csv(table(List.of(
                new Emission("370202", "=1+1", -12.5, -3L, null, null),
                new Emission("370203", "+86 532", 0.0, 0L, null, null),
                new Emission("370211", "-x", null, null, null, null),
                new Emission("370212", "@SUM(A1:A9)", null, null, null, null),
                new Emission("370213", "\tcmd", null, null, null, null),
                new Emission("370214", "\rcmd", null, null, null, null),
                new Emission("370215", "'=already quoted", null, null, null, null),
                new Emission("-370200", "a-b = c", null, null, null, null))));
        List<String> lines = List.of(csv.substring(1).split("\r\n", -1));
        assertThat(lines.get(1)).isEqualTo("370202,'=1+1,-12.5,-3,,");
        assertThat(lines.get(2)).isEqualTo("370203,'+86 532,0,0,,");
        assertThat(lines.get(3)).isEqualTo("370211,'-x,,,,");
        assertThat(lines.get(4)).isEqualTo("370212,'@SUM(A1:A9),,,,");
        assertThat(lines.get(5)).isEqualTo("370213,'\tcmd,,,,");
        // a carriage return inside a cell is quoted as well
        assertThat(lines.get(6)).isEqualTo("370214,\"'\rcmd\",,,,");
        // apostrophes then a formula character: one more apostrophe, so that the reader can take exactly one away
        assertThat(lines.get(7)).isEqualTo("370215,''=already quoted,,,,");
        // a text column's leading minus is neutralised; only the start of a cell counts
        assertThat(lines.get(8)).isEqualTo("'-370200,a-b = c,,,,");
    }

    @Test
    void quotesCommasNewlinesAndChineseFollowRfc4180() throws IOException {
        String csv = csv(
                table(List.of(new Emission("370202", "\"示范\"企业, 第一\n二号", 1.0, 1L, LocalDate.of(2024, 12, 31), true))));
        assertThat(csv)
                .isEqualTo(
                        "\uFEFForg_unit,name,value,count,day,audited\r\n370202,\"\"\"示范\"\"企业, 第一\n二号\",1,1,2024-12-31,true\r\n");
    }

    @Test
    void numbersKeepSixDecimalsAtMostWithoutBinaryNoise() {
        assertThat(TabularWriter.decimal(362205.39300000004)).isEqualByComparingTo("362205.393");
        assertThat(TabularWriter.decimal(362205.39300000004).toPlainString()).isEqualTo("362205.393");
        assertThat(TabularWriter.decimal(1000.0).toPlainString()).isEqualTo("1000");
        assertThat(TabularWriter.decimal(new BigDecimal("1E+3")).toPlainString())
                .isEqualTo("1000");
        assertThat(TabularWriter.decimal(0.0000004).toPlainString()).isEqualTo("0");
        assertThat(TabularWriter.decimal(-0.0000015).toPlainString()).isEqualTo("-0.000002");
        assertThat(TabularWriter.decimal(Double.NaN)).isNull();
        assertThat(TabularWriter.csvText(ColumnType.NUMBER, Double.POSITIVE_INFINITY))
                .isEmpty();
        assertThatThrownBy(() -> TabularWriter.csvText(ColumnType.INTEGER, 2.5))
                .isInstanceOf(ArithmeticException.class);
    }

    @Test
    void aWorkbookReadBackHasTheSameValuesAndTypesAFrozenBilingualHeaderAndOneSheetPerTable() throws IOException {
        Emission first = new Emission("370202", "=1+1", -12.5, 3L, LocalDate.of(2024, 12, 31), true);
        Emission second = new Emission("370203", "青岛示范企业", 362205.39300000004, null, null, false);
        Table<String> other =
                new Table<>("Notes", List.of(Column.text("note", "说明", "Note", s -> s)), List.of("示例", "-x"));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        TabularWriter.xlsx(List.of(table(List.of(first, second)), other), out);
        byte[] bytes = out.toByteArray();

        try (ReadableWorkbook workbook = new ReadableWorkbook(new ByteArrayInputStream(bytes))) {
            List<Sheet> sheets = workbook.getSheets().toList();
            assertThat(sheets).extracting(Sheet::getName).containsExactly("排放 Emissions", "Notes");
            List<Row> rows = sheets.get(0).read();
            assertThat(rows).hasSize(3);
            assertThat(rows.get(0).stream().map(Cell::asString).toList())
                    .containsExactly(
                            "单位 Org unit", "名称 Name", "排放量 Emissions (t)", "企业数 Enterprises", "日期 Date", "已审核 Audited");
            Row r1 = rows.get(1);
            assertThat(r1.getCell(0).getType()).isEqualTo(CellType.STRING);
            assertThat(r1.getCell(1).asString()).isEqualTo("=1+1"); // a string cell: Excel never evaluates it
            assertThat(r1.getCell(2).getType()).isEqualTo(CellType.NUMBER);
            assertThat(r1.getCell(2).asNumber()).isEqualByComparingTo("-12.5");
            assertThat(r1.getCell(3).asNumber()).isEqualByComparingTo("3");
            assertThat(r1.getCell(4).getType()).isEqualTo(CellType.NUMBER);
            assertThat(r1.getCell(4).asDate().toLocalDate()).isEqualTo(LocalDate.of(2024, 12, 31));
            assertThat(r1.getCell(5).getType()).isEqualTo(CellType.BOOLEAN);
            assertThat(r1.getCell(5).asBoolean()).isTrue();
            Row r2 = rows.get(2);
            assertThat(r2.getCell(1).asString()).isEqualTo("青岛示范企业");
            assertThat(r2.getCell(2).asNumber()).isEqualByComparingTo("362205.393");
            assertThat(r2.getOptionalCell(3).map(Cell::getType).orElse(CellType.EMPTY))
                    .isEqualTo(CellType.EMPTY);
            assertThat(r2.getCell(5).asBoolean()).isFalse();
            assertThat(sheets.get(1).read().stream()
                            .map(r -> r.getCell(0).asString())
                            .toList())
                    .containsExactly("说明 Note", "示例", "-x");
        }
        String sheet1 = part(bytes, "xl/worksheets/sheet1.xml");
        assertThat(sheet1).containsPattern("<pane [^>]*ySplit=\"1\"[^>]*state=\"frozen\"");
        assertThat(sheet1).contains("<autoFilter ref=\"A1:F3\"");
    }

    @Test
    void aLargeSheetIsWrittenInChunksAndReadsBackWhole() throws IOException {
        List<Emission> many = IntStream.range(0, 2 * TabularWriter.CHUNK + 7)
                .mapToObj(i -> new Emission("u" + i, "企业" + i, i * 0.5, (long) i, null, i % 2 == 0))
                .toList();
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        TabularWriter.xlsx(List.of(table(many)), out);
        try (ReadableWorkbook workbook = new ReadableWorkbook(new ByteArrayInputStream(out.toByteArray()))) {
            List<Row> rows = workbook.getFirstSheet().read();
            assertThat(rows).hasSize(many.size() + 1);
            Row last = rows.get(rows.size() - 1);
            assertThat(last.getRowNum()).isEqualTo(many.size() + 1);
            assertThat(last.getCell(1).asString()).isEqualTo("企业" + (many.size() - 1));
            assertThat(last.getCell(2).asNumber()).isEqualByComparingTo(BigDecimal.valueOf((many.size() - 1) * 0.5));
        }
    }

    /** A part of a workbook (read as the workbook reader does: from the zip's central directory). */
    static String part(byte[] zip, String name) throws IOException {
        try (ZipFile file = ZipFile.builder()
                        .setSeekableByteChannel(new SeekableInMemoryByteChannel(zip))
                        .get();
                InputStream in = file.getInputStream(file.getEntry(name))) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
