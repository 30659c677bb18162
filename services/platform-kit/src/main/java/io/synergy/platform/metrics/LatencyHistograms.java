package io.synergy.platform.metrics;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/**
 * HTTP request latencies as histograms ({@code http_server_requests_seconds_bucket}) instead of a summary: buckets add up across
 * replicas, so {@code histogram_quantile(0.99, sum by (le) (rate(..._bucket[5m])))} is the platform's p99; client-side
 * percentiles cannot be combined. Quarkus builds that timer, so the histogram is switched on here; the platform's own latency
 * timers (recompute, result freshness) ask for theirs where they are built.
 */
@Singleton
public class LatencyHistograms {

    static final String HTTP_SERVER_REQUESTS = "http.server.requests";

    @Produces
    @Singleton
    MeterFilter httpServerRequestHistogram() {
        return new MeterFilter() {
            @Override
            public DistributionStatisticConfig configure(Meter.Id id, DistributionStatisticConfig config) {
                if (!HTTP_SERVER_REQUESTS.equals(id.getName())) {
                    return config;
                }
                return DistributionStatisticConfig.builder().percentilesHistogram(true).build().merge(config);
            }
        };
    }
}
