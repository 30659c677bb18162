package io.synergy.platform.kafka;

import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import io.synergy.model.event.Topics;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.errors.TopicExistsException;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Creates the platform's topics with their partition counts and compaction when they are missing — on one machine
 * and in tests. In Kubernetes, topics are declared as Strimzi {@code KafkaTopic} resources instead and this is off
 * ({@code synergy.kafka.create-topics=false}).
 */
@ApplicationScoped
public class TopicProvisioner {

    @ConfigProperty(name = "synergy.kafka.create-topics", defaultValue = "true")
    boolean enabled;

    @ConfigProperty(name = "synergy.kafka.replication-factor", defaultValue = "1")
    short replicationFactor;

    @ConfigProperty(name = "kafka.bootstrap.servers")
    String bootstrap;

    void provision(@Observes @Priority(10) StartupEvent event) {
        if (!enabled) {
            return;
        }
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        p.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, "10000");
        p.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, "5000");
        try (Admin admin = Admin.create(p)) {
            Set<String> existing = admin.listTopics().names().get(10, TimeUnit.SECONDS);
            List<NewTopic> missing = Topics.all().stream()
                    .filter(t -> !existing.contains(t.name()))
                    .map(t -> new NewTopic(t.name(), t.partitions(), replicationFactor)
                            .configs(t.compacted() ? Map.of("cleanup.policy", "compact") : Map.of()))
                    .toList();
            if (!missing.isEmpty()) {
                admin.createTopics(missing).all().get(30, TimeUnit.SECONDS);
                Log.infof("created %d topics", missing.size());
            }
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                Log.warnf("could not create topics (they will be auto-created or must exist): %s", e.getCause().getMessage());
            }
        } catch (Exception e) {
            // Kafka may be down at start: the services still start and catch up; topics then come from auto-creation
            Log.warnf("could not create topics (Kafka unreachable?): %s", e.getMessage());
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
