package io.synergy.sector.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.synergy.platform.problem.ProblemException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The body is decoded strictly in its declared charset: a byte that is not of it is an error, never a replacement character. */
class ReportServiceTest {

    @Test
    void decodesTheDeclaredCharset() {
        Charset gbk = Charset.forName("GBK");
        assertThat(ReportService.decode("青岛,万吨".getBytes(gbk), gbk)).isEqualTo("青岛,万吨");
        assertThat(ReportService.decode("m²".getBytes(StandardCharsets.ISO_8859_1), StandardCharsets.ISO_8859_1))
                .isEqualTo("m²");
    }

    @Test
    void aByteThatIsNotOfTheCharsetIsNamedWithItsOffset() {
        byte[] latin1 = "value,m²".getBytes(StandardCharsets.ISO_8859_1);
        assertThatThrownBy(() -> ReportService.decode(latin1, StandardCharsets.UTF_8))
                .isInstanceOfSatisfying(ProblemException.class, e -> {
                    assertThat(e.status()).isEqualTo(400);
                    assertThat(e.errors()).singleElement().satisfies(f -> {
                        assertThat(f.field()).isEqualTo("body");
                        assertThat(f.message()).contains("is not valid UTF-8", "byte offset 7");
                    });
                });
    }

    /** A JSON body in UTF-8 is checked without being decoded whole: in chunks, across which characters may be split. */
    @Test
    void aLargeBodyIsCheckedChunkByChunkWithTheSameVerdict() {
        String text = "青岛".repeat(10_000) + "m²";
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        ReportService.requireDecodable(utf8, StandardCharsets.UTF_8);

        byte[] broken = utf8.clone();
        broken[20_001] = (byte) 0xFF;
        for (byte[] bad : new byte[][] {broken, Arrays.copyOf(utf8, utf8.length - 1)}) {
            String expected = catchMessage(() -> ReportService.decode(bad, StandardCharsets.UTF_8));
            assertThat(catchMessage(() -> ReportService.requireDecodable(bad, StandardCharsets.UTF_8)))
                    .isEqualTo(expected)
                    .contains("byte offset");
        }
    }

    @Test
    void aJsonBodyParsedFromItsBytesReadsAsFromItsText() {
        String json = "[{\"reportId\": \"青岛-1\", \"source\": \"s\", \"orgUnit\": \"370202\", \"period\": \"2024\","
                + " \"values\": [{\"dataElement\": \"e\", \"value\": 1.5, \"unit\": \"万吨\"}]}, {\"reportId\": 7}]";
        byte[] withBom = ("\uFEFF" + json).getBytes(StandardCharsets.UTF_8);
        assertThat(JsonReportParser.parse(withBom, 3, withBom.length - 3)).isEqualTo(JsonReportParser.parse(json));
        assertThat(JsonReportParser.parse(withBom, 3, withBom.length - 3).errors())
                .isNotEmpty();
    }

    private static String catchMessage(Runnable r) {
        try {
            r.run();
        } catch (ProblemException e) {
            return e.errors().get(0).message();
        }
        throw new AssertionError("no problem");
    }
}
