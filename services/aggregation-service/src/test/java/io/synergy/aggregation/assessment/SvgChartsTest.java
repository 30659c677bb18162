package io.synergy.aggregation.assessment;

import static org.assertj.core.api.Assertions.assertThat;

import io.synergy.aggregation.assessment.SvgCharts.Point;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.NodeList;

class SvgChartsTest {

    @Test
    void aLineHasAPointPerComputableYearAtItsValueAndSkipsTheOthers() throws Exception {
        Document svg = parse(SvgCharts.line(
                List.of(new Point("2021", 0.5), new Point("2022", null), new Point("2023", 1.0)), 0, 1, "D"));
        NodeList circles = svg.getElementsByTagName("circle");
        assertThat(circles.getLength()).isEqualTo(2);
        // the plot runs from y = 16 (the scale's max) to y = 188 (its min): 0.5 is half way, 1.0 at the top
        assertThat(Double.parseDouble(
                        circles.item(0).getAttributes().getNamedItem("cy").getNodeValue()))
                .isEqualTo(102.0);
        assertThat(Double.parseDouble(
                        circles.item(1).getAttributes().getNamedItem("cy").getNodeValue()))
                .isEqualTo(16.0);
        assertThat(svg.getDocumentElement().getTextContent()).contains("2022", "0.500", "1.000");
    }

    @Test
    void barsAreProportionalToTheirValueAndLabelsAreEscaped() throws Exception {
        Document svg = parse(SvgCharts.bars(
                List.of(new Point("市南区 <b>&", 0.8), new Point("崂山区", 0.4), new Point("平度市", null)),
                1,
                "D by district"));
        NodeList bars = svg.getElementsByTagName("rect");
        assertThat(bars.getLength()).isEqualTo(2);
        double first = Double.parseDouble(
                bars.item(0).getAttributes().getNamedItem("width").getNodeValue());
        double second = Double.parseDouble(
                bars.item(1).getAttributes().getNamedItem("width").getNodeValue());
        assertThat(first).isEqualTo(2 * second);
        assertThat(svg.getDocumentElement().getTextContent()).contains("市南区 <b>&", "平度市", "—");
    }

    private static Document parse(String svg) throws Exception {
        return DocumentBuilderFactory.newInstance()
                .newDocumentBuilder()
                .parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
    }
}
