package io.synergy.sector.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.synergy.platform.problem.ProblemException;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
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
}
