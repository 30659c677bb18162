package io.synergy.aggregation.ingest;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.stream.Collectors;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Readiness is DOWN while the indicator consumer is STALLED — it keeps retrying a batch it cannot store for a transient
 * reason (the database away) — with where it waits, why and since when. Liveness is not touched: a restart would not bring
 * the database back, only lose the retries' progress. A bad record never stalls the consumer (it goes to the dead letters).
 */
@Readiness
@ApplicationScoped
public class IndicatorConsumerReadiness implements HealthCheck {

    private final ConsumerProgress progress;

    public IndicatorConsumerReadiness(ConsumerProgress progress) {
        this.progress = progress;
    }

    @Override
    public HealthCheckResponse call() {
        ConsumerProgress.View v = progress.view();
        HealthCheckResponseBuilder r =
                HealthCheckResponse.named("Indicator consumer").withData("state", v.state());
        if (v.lastBatchAt() != null) {
            r.withData("lastBatchAt", v.lastBatchAt().toString());
        }
        if (!ConsumerProgress.STALLED.equals(v.state())) {
            return r.up().build();
        }
        return r.down()
                .withData("since", v.since().toString())
                .withData("reason", v.reason())
                .withData("attempts", v.attempts())
                .withData(
                        "positions",
                        v.positions().stream()
                                .map(p -> p.topic() + "-" + p.partition() + "@" + p.offset())
                                .collect(Collectors.joining(", ")))
                .build();
    }
}
