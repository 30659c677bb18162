package io.synergy.bench.platform;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class MetricsScrapeTest {

    static final String SCRAPE = """
            # HELP synergy_recompute_duration_seconds Time to recompute all results
            # TYPE synergy_recompute_duration_seconds histogram
            synergy_recompute_duration_seconds_bucket{le="0.005"} 0
            synergy_recompute_duration_seconds_count 4
            synergy_recompute_duration_seconds_sum 1.25
            synergy_recompute_phase_seconds_count{phase="load",service="a b"} 4
            synergy_recompute_phase_seconds_sum{phase="load",service="a b"} 0.5
            synergy_recompute_phase_seconds_sum{phase="store"} 0.25
            synergy_recompute_phase_seconds_sum{xphase="load"} 9
            synergy_recompute_phase_seconds_sum{phase="loaded"} 9
            http_server_requests_seconds_max{uri="/x"} NaN
            """;

    @Test
    void sumsTheSeriesOfANameAndOfExactlyThatLabel() {
        MetricsScrape m = MetricsScrape.parse(SCRAPE);
        assertThat(m.sum("synergy_recompute_duration_seconds_count", null)).isEqualTo(4);
        assertThat(m.sum("synergy_recompute_duration_seconds_sum", null)).isEqualTo(1.25);
        assertThat(m.sum("synergy_recompute_phase_seconds_sum", "phase=\"load\""))
                .isEqualTo(0.5);
        assertThat(m.sum("synergy_recompute_phase_seconds_sum", "phase=\"store\""))
                .isEqualTo(0.25);
        assertThat(m.sum("synergy_recompute_phase_seconds_sum", null)).isEqualTo(0.5 + 0.25 + 9 + 9);
        assertThat(m.sum("synergy_recompute_phase_seconds_count", "phase=\"load\""))
                .isEqualTo(4);
        assertThat(m.sum("absent", null)).isZero();
    }
}
