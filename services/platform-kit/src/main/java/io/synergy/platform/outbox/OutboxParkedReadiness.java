package io.synergy.platform.outbox;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Reports the outbox rows Kafka refused for good ({@code outbox_parked}) with the latest reason — and stays UP: the service
 * still takes and publishes everything else, so taking it out of service (readiness DOWN) would only stop good reports, and a
 * restart (liveness DOWN) cannot make Kafka accept the record. The warning is for operators: the metric
 * {@code synergy_outbox_parked_rows} above zero alerts, docs/operations.md ("Parked outbox events") says how to look and
 * re-queue.
 *
 * <p>就绪检查：列出被 Kafka 永久拒绝、已移至 outbox_parked 的事件数与最近原因；状态保持 UP（重启无法修复，其余事件照常发布）。
 */
@Readiness
@ApplicationScoped
public class OutboxParkedReadiness implements HealthCheck {

    private final OutboxRelay relay;

    public OutboxParkedReadiness(OutboxRelay relay) {
        this.relay = relay;
    }

    @Override
    public HealthCheckResponse call() {
        long parked = relay.parkedRows();
        HealthCheckResponseBuilder r =
                HealthCheckResponse.named("Outbox parked events").up().withData("parked", parked);
        if (parked > 0) {
            r.withData(
                            "warning",
                            "Kafka refused " + parked + " outbox event(s); they are kept in outbox_parked and need an"
                                    + " operator (docs/operations.md, \"Parked outbox events\")")
                    .withData("lastReason", String.valueOf(relay.lastParkedReason()));
        }
        return r.build();
    }
}
