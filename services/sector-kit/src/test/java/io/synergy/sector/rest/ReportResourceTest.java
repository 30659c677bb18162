package io.synergy.sector.rest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.synergy.platform.problem.ProblemException;
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
                .isInstanceOfSatisfying(ProblemException.class, e -> assertThat(e.status()).isEqualTo(415));
    }
}
