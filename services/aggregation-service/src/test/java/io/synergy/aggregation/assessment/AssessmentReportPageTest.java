package io.synergy.aggregation.assessment;

import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.synergy.aggregation.assessment.AssessmentReportPage.AttainmentLine;
import io.synergy.aggregation.assessment.AssessmentReportPage.DataSetLine;
import io.synergy.aggregation.assessment.AssessmentReportPage.EffectLine;
import io.synergy.aggregation.assessment.AssessmentReportPage.Heading;
import io.synergy.aggregation.assessment.AssessmentReportPage.HistoryLine;
import io.synergy.aggregation.assessment.AssessmentReportPage.Page;
import io.synergy.aggregation.assessment.AssessmentReportPage.PilotLine;
import io.synergy.aggregation.assessment.AssessmentReportPage.ProjectLine;
import io.synergy.aggregation.assessment.AssessmentReportPage.RankLine;
import io.synergy.aggregation.assessment.AssessmentReportPage.SynergyLine;
import io.synergy.aggregation.assessment.SvgCharts.Point;
import io.synergy.testsupport.PlatformTestResource;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;

/** The assessment report's page from a hand-made model: every section, escaping, well-formed XHTML, and its PDF. */
@QuarkusTest
@WithTestResource(PlatformTestResource.class)
class AssessmentReportPageTest {

    private static final Path FONT = Path.of("/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf");

    static Page page(String pilotDocument, boolean provisional) {
        List<HistoryLine> history = List.of(
                new HistoryLine("2023", "0.908", "优质协调", false), new HistoryLine("2024", "0.969", "优质协调", provisional));
        List<RankLine> ranking = List.of(
                new RankLine("1", "370212", "崂山区", "0.951", "优质协调"),
                new RankLine("2", "370283", "平度市", "0.702", "中级协调"));
        return new Page(
                new Heading(
                        "370200", "青岛市", "Qingdao", "2024", provisional, "19 / 19 项指标 indicators", "2026-11-30 19:00"),
                List.of(new AttainmentLine(
                        "E1",
                        "非化石能源消费比重",
                        "Non-fossil share of energy use",
                        "%",
                        "9.20",
                        "13.70",
                        "15.00",
                        "2025",
                        "规划目标 PLAN",
                        "青环发〔2024〕18号",
                        "77.59 %",
                        "滞后",
                        "LAGGING",
                        "15.08 (2025) 达标 meets")),
                new SynergyLine("0.969", "优质协调", "high-quality coordination", "1.000", "0.938", "0.999", "0.969", "同步"),
                SvgCharts.line(List.of(new Point("2023", 0.908), new Point("2024", 0.969)), 0, 1, "协同度 D"),
                history,
                SvgCharts.bars(List.of(new Point("崂山区", 0.951), new Point("平度市", 0.702)), 1, "D by district"),
                ranking,
                List.of(new EffectLine("NOx", "2023→2024", "-0.047619", "-0.013769", "3.458", "协同减排", "co-reduction")),
                List.of(new ProjectLine(
                        "clause",
                        "（三）",
                        "煤电三改联动",
                        "4",
                        "2",
                        "1",
                        "1",
                        "0",
                        List.of("NOx 1250 / 2400", "CO2 0 / 9000"))),
                List.of(new PilotLine(
                        "370211", "黄岛区某轮胎企业", "环评碳评试点", "TYRE", "省级", "2024", "已批准", "DESIGNATED", pilotDocument)),
                List.of(new AssessmentReportPage.InventoryLine("二氧化碳", "CO2", "57,300,000.00", "57,000,000.00")),
                List.of(new DataSetLine("能源", "energy", "10 / 10 区市 districts", "已审定", "ACCEPTED")));
    }

    @Test
    void everySectionIsThereWithItsFiguresAndPostedTextIsEscaped() throws Exception {
        String html = AssessmentReportPage.html(page("鲁环函〔2024〕<script>alert(1)</script>", false));
        // kept for a look in a browser (docs/images/assessment-report.png is a screenshot of it)
        Files.writeString(Path.of("target", "assessment-report.html"), html);

        assertThat(html)
                .contains(
                        "青岛市 2024 年度减污降碳协同增效评估考核报告",
                        "一、目标完成情况",
                        "二、协同度",
                        "三、各区市协同度排名",
                        "四、协同减排效应",
                        "五、重点工程进展",
                        "六、试点示范",
                        "七、排放清单摘要",
                        "八、数据报送与审核");
        assertThat(html)
                .contains("77.59 %", "青环发〔2024〕18号", "0.969", "崂山区", "3.458", "煤电三改联动", "NOx 1250 / 2400", "已审定");
        assertThat(html)
                .doesNotContain("<script>")
                .contains("&lt;script&gt;alert(1)&lt;/script&gt;")
                .doesNotContain("暂定 Provisional");
        // the charts are SVG in the page itself, not escaped text
        assertThat(html).contains("<svg xmlns=\"http://www.w3.org/2000/svg\"");
        // well-formed XHTML: the PDF renderer parses it as XML
        DocumentBuilderFactory.newInstance()
                .newDocumentBuilder()
                .parse(new ByteArrayInputStream(html.getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void aProvisionalYearSaysSoAndEmptySectionsSayNoData() {
        Page full = page("doc", true);
        Page empty = new Page(
                full.heading(),
                List.of(),
                null,
                "",
                List.of(),
                "",
                List.of(),
                List.of(),
                List.of(),
                List.of(),
                List.of(),
                List.of());

        String html = AssessmentReportPage.html(empty);

        assertThat(html)
                .contains("暂定 Provisional", "本年度不可计算 / not computable for this year", "暂无数据 / no data")
                .doesNotContain("三、各区市协同度排名");
    }

    @Test
    void thePdfOpensAndCarriesTheChineseTitleAndTheFigures() throws Exception {
        byte[] pdf = new PdfDocuments(FONT).print(AssessmentReportPage.html(page("鲁环函〔2024〕12号", false)));

        try (PDDocument document = Loader.loadPDF(pdf)) {
            String text = new PDFTextStripper().getText(document).replaceAll("\\s+", "");
            assertThat(text).contains("年度减污降碳协同增效评估考核报告", "目标完成情况", "0.969", "崂山区", "鲁环函〔2024〕12号");
        }
    }
}
