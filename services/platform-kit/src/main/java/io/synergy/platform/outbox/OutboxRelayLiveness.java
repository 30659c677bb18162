package io.synergy.platform.outbox;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

/**
 * Liveness is DOWN once the {@code outbox} channel's emitter has lost its subscription: SmallRye Reactive Messaging never
 * subscribes an emitter again, so every later relay run fails ({@code SRMSG00028: The subscription to outbox has been
 * cancelled}), events pile up in the outbox and the published figures freeze until the service restarts — which is what a
 * DOWN liveness makes the platform do. The Kafka sink cancels it when an {@link Error} (an {@link OutOfMemoryError}) escapes
 * its sending chain (docs/operations.md, "Outbox channel cancelled"). A Kafka outage does not: a send that fails or expires
 * is only nacked, the rows stay and the relay retries, so liveness stays UP then.
 *
 * <p>活性检查：outbox 通道的订阅被取消后（只能靠重启恢复），活性为 DOWN，平台随即重启服务；Kafka 不可用时仍为 UP。
 */
@Liveness
@ApplicationScoped
public class OutboxRelayLiveness implements HealthCheck {

    private final OutboxRelay relay;

    public OutboxRelayLiveness(OutboxRelay relay) {
        this.relay = relay;
    }

    @Override
    public HealthCheckResponse call() {
        if (!relay.channelCancelled()) {
            return HealthCheckResponse.up("Outbox relay");
        }
        return HealthCheckResponse.named("Outbox relay")
                .down()
                .withData(
                        "reason",
                        "the subscription to the outbox channel has been cancelled; only a restart resumes publishing")
                .withData("backlog", relay.backlog())
                .build();
    }
}
