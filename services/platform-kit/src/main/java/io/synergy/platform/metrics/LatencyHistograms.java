package io.synergy.platform.metrics;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.config.MeterFilter;
import io.micrometer.core.instrument.distribution.DistributionStatisticConfig;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.time.Duration;
import java.util.stream.Stream;

/**
 * HTTP request latencies as a histogram ({@code http_server_requests_seconds_bucket}) instead of a summary: buckets add up across
 * replicas, so {@code histogram_quantile(0.99, sum by (le) (rate(..._bucket[5m])))} is the platform's p99; client-side
 * percentiles cannot be combined. Quarkus builds that timer, so the histogram is switched on here; the platform's own latency
 * timers (recompute, result freshness) ask for theirs where they are built.
 *
 * <p>Fixed buckets from 5 ms to 10 s rather than Micrometer's percentile histogram: a service answers on dozens of
 * (method, uri, status) series, and 69 buckets each made the aggregation's scrape 590 KB; these 11 keep it a tenth of that and
 * still place a p99 within its bucket.
 */
@Singleton
public class LatencyHistograms {

    static final String HTTP_SERVER_REQUESTS = "http.server.requests";

    static final double[] HTTP_BUCKETS_NANOS = Stream.of(5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10_000)
            .mapToDouble(ms -> Duration.ofMillis(ms).toNanos())
            .toArray();

    @Produces
    @Singleton
    MeterFilter httpServerRequestHistogram() {
        return new MeterFilter() {
            @Override
            public DistributionStatisticConfig configure(Meter.Id id, DistributionStatisticConfig config) {
                if (!HTTP_SERVER_REQUESTS.equals(id.getName())) {
                    return config;
                }
                return DistributionStatisticConfig.builder()
                        .serviceLevelObjectives(HTTP_BUCKETS_NANOS)
                        .build()
                        .merge(config);
            }
        };
    }
}
