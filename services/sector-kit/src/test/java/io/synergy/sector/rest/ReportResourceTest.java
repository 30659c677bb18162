package io.synergy.sector.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.synergy.platform.problem.ProblemException;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ReportResourceTest {

    @Test
    void readsTheDeclaredCharset() {
        assertThat(ReportResource.charset(null)).isEqualTo(StandardCharsets.UTF_8);
        assertThat(ReportResource.charset("application/json")).isEqualTo(StandardCharsets.UTF_8);
        assertThat(ReportResource.charset("text/csv; charset=ISO-8859-1")).isEqualTo(StandardCharsets.ISO_8859_1);
        assertThat(ReportResource.charset("text/csv;charset=\"GBK\"").name()).isEqualTo("GBK");
        assertThatThrownBy(() -> ReportResource.charset("application/json; charset=no-such-charset"))
                .isInstanceOfSatisfying(
                        ProblemException.class, e -> assertThat(e.status()).isEqualTo(415));
    }

    @Test
    void readsABodyUpToItsLimitAndRefusesOneByteMore() {
        byte[] atLimit = new byte[1000];
        assertThat(ReportResource.readLimited(new ByteArrayInputStream(atLimit), 1000))
                .hasSize(1000);
        assertThatThrownBy(() -> ReportResource.readLimited(new ByteArrayInputStream(new byte[1001]), 1000))
                .isInstanceOfSatisfying(ProblemException.class, e -> {
                    assertThat(e.status()).isEqualTo(413);
                    assertThat(e.errors())
                            .singleElement()
                            .satisfies(f -> assertThat(f.field()).isEqualTo("body"));
                });
    }
}
