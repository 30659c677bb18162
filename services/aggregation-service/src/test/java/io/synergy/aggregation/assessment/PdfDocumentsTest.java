package io.synergy.aggregation.assessment;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.synergy.aggregation.assessment.SvgCharts.Point;
import java.nio.file.Path;
import java.util.List;
import org.apache.pdfbox.Loader;
import org.apache.pdfbox.pdmodel.PDDocument;
import org.apache.pdfbox.text.PDFTextStripper;
import org.junit.jupiter.api.Test;

class PdfDocumentsTest {

    /** The font .ci/run and the local run's prerequisites install (Debian fonts-droid-fallback). */
    private static final Path FONT = Path.of("/usr/share/fonts/truetype/droid/DroidSansFallbackFull.ttf");

    @Test
    void aPageWithChineseTextAndAnSvgChartPrintsAsAPdfWhoseTextReadsBack() throws Exception {
        String page = "<!DOCTYPE html><html xmlns=\"http://www.w3.org/1999/xhtml\"><head><style>body { font-family: '"
                + PdfDocuments.FAMILY + "'; }</style></head><body><h1>减污降碳协同增效评估考核报告 Assessment report</h1>"
                + SvgCharts.line(List.of(new Point("2023", 0.9), new Point("2024", 1.0)), 0, 1, "协同度")
                + "</body></html>";

        byte[] pdf = new PdfDocuments(FONT).print(page);

        assertThat(pdf).startsWith("%PDF".getBytes());
        try (PDDocument document = Loader.loadPDF(pdf)) {
            assertThat(document.getNumberOfPages()).isEqualTo(1);
            assertThat(new PDFTextStripper().getText(document)).contains("减污降碳协同增效评估考核报告", "Assessment");
        }
    }

    @Test
    void withoutTheFontNothingIsPrintedAndTheFailureNamesTheSetting() {
        PdfDocuments documents = new PdfDocuments(Path.of("/nonexistent/font.ttf"));
        assertThat(documents.available()).isFalse();
        assertThatThrownBy(() -> documents.print("<html/>"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("synergy.assessment.pdf-font");
    }
}
