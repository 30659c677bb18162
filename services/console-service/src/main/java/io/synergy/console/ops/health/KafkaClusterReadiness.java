package io.synergy.console.ops.health;

import io.synergy.console.ops.OpsConfig;
import io.synergy.console.ops.kafka.OpsKafka;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Collection;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.DescribeClusterOptions;
import org.apache.kafka.clients.admin.DescribeClusterResult;
import org.apache.kafka.common.Node;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Readiness fails when the Kafka cluster does not answer within {@code synergy.ops.health-timeout}. The messaging
 * channels' own readiness follows their consumers' and producers' connection state, which can stay "up" for a while
 * after the broker went away; asking the cluster for its brokers is a direct, bounded test. (The database's readiness is
 * Agroal's own check, already part of {@code /q/health/ready}.)
 */
@Readiness
@ApplicationScoped
public class KafkaClusterReadiness implements HealthCheck {

    private final OpsKafka kafka;
    private final OpsConfig config;

    @Inject
    KafkaClusterReadiness(OpsKafka kafka, OpsConfig config) {
        this.kafka = kafka;
        this.config = config;
    }

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder r = HealthCheckResponse.named("Kafka cluster");
        long timeout = config.healthTimeout().toMillis();
        try {
            DescribeClusterResult cluster =
                    kafka.admin().describeCluster(new DescribeClusterOptions().timeoutMs((int) timeout));
            Collection<Node> nodes = cluster.nodes().get(timeout, TimeUnit.MILLISECONDS);
            if (nodes.isEmpty()) {
                return r.down().withData("error", "no broker available").build();
            }
            return r.up().withData("brokers", nodes.size())
                    .withData("clusterId", cluster.clusterId().get(timeout, TimeUnit.MILLISECONDS))
                    .build();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return r.down().withData("error", "interrupted").build();
        } catch (Exception e) {
            Throwable cause = e.getCause() == null ? e : e.getCause();
            return r.down()
                    .withData(
                            "error",
                            cause.getClass().getSimpleName()
                                    + (cause.getMessage() == null ? "" : ": " + cause.getMessage()))
                    .build();
        }
    }
}
