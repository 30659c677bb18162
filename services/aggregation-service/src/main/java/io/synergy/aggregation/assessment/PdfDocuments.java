package io.synergy.aggregation.assessment;

import com.openhtmltopdf.pdfboxout.PdfRendererBuilder;
import com.openhtmltopdf.svgsupport.BatikSVGDrawer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Prints a report page (well-formed XHTML from a Qute template) as PDF with openhtmltopdf, the maintained fork of the
 * Flying Saucer HTML-to-PDF renderer on PDFBox; inline SVG charts are drawn by its Batik plugin. Chinese text needs a
 * TrueType font with CJK glyphs embedded in the file: {@code synergy.assessment.pdf-font}, by default Debian's
 * {@code fonts-droid-fallback} (installed by deploy/local/run.sh's prerequisites and .ci/run). The page's CSS names the
 * font family {@value #FAMILY}.
 */
public final class PdfDocuments {

    /** The font family the report's CSS uses for every text. */
    public static final String FAMILY = "Report CJK";

    private final Path font;

    public PdfDocuments(Path font) {
        this.font = font;
    }

    /** Whether the CJK font is there: without it a PDF would print every Chinese character as a blank. */
    public boolean available() {
        return Files.isReadable(font);
    }

    public Path font() {
        return font;
    }

    /** The PDF of one page; fails with {@link IllegalStateException} when the font is missing. */
    public byte[] print(String xhtml) {
        if (!available()) {
            throw new IllegalStateException(
                    "the report's CJK font " + font + " is not installed (synergy.assessment.pdf-font)");
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream(64 * 1024);
        try {
            PdfRendererBuilder builder = new PdfRendererBuilder();
            builder.useFastMode();
            builder.useFont(font.toFile(), FAMILY);
            builder.useSVGDrawer(new BatikSVGDrawer());
            builder.withHtmlContent(xhtml, null);
            builder.toStream(out);
            builder.run();
        } catch (IOException e) {
            throw new UncheckedIOException("printing the report failed", e);
        }
        return out.toByteArray();
    }
}
