package io.synergy.platform.kafka;

import io.quarkus.logging.Log;
import io.quarkus.runtime.StartupEvent;
import io.synergy.model.event.Topics;
import jakarta.annotation.Priority;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.config.ConfigResource;
import org.apache.kafka.common.errors.TopicExistsException;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Creates the platform's topics with their partition counts and configuration ({@link Topics.TopicSpec#configs()}) when
 * they are missing, and sets that configuration on those that exist — on one machine and in tests. In Kubernetes,
 * topics are declared as Strimzi {@code KafkaTopic} resources instead and this is off ({@code synergy.kafka.create-topics=false}).
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
                    .map(t -> new NewTopic(t.name(), t.partitions(), replicationFactor).configs(t.configs()))
                    .toList();
            if (!missing.isEmpty()) {
                admin.createTopics(missing).all().get(30, TimeUnit.SECONDS);
                Log.infof("created %d topics", missing.size());
            }
            reconfigure(
                    admin,
                    Topics.all().stream()
                            .filter(t -> existing.contains(t.name()))
                            .toList());
        } catch (ExecutionException e) {
            if (!(e.getCause() instanceof TopicExistsException)) {
                Log.warnf(
                        "could not create topics (they will be auto-created or must exist): %s",
                        e.getCause().getMessage());
            }
        } catch (Exception e) {
            // Kafka may be down at start: the services still start and catch up; topics then come from auto-creation
            Log.warnf("could not create topics (Kafka unreachable?): %s", e.getMessage());
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * Brings existing topics to the configuration the platform declares: a feed topic created before its records were
     * stamped with the broker's clock (LogAppendTime) gets it, or its tokens would keep being judged at consumption time.
     */
    private static void reconfigure(Admin admin, List<Topics.TopicSpec> topics) throws Exception {
        Map<ConfigResource, Topics.TopicSpec> resources = new HashMap<>();
        topics.stream()
                .filter(t -> !t.configs().isEmpty())
                .forEach(t -> resources.put(new ConfigResource(ConfigResource.Type.TOPIC, t.name()), t));
        if (resources.isEmpty()) {
            return;
        }
        Map<ConfigResource, Config> current =
                admin.describeConfigs(resources.keySet()).all().get(10, TimeUnit.SECONDS);
        Map<ConfigResource, Collection<AlterConfigOp>> changes = new HashMap<>();
        resources.forEach((resource, spec) -> spec.configs().forEach((name, value) -> {
            ConfigEntry entry = current.get(resource).get(name);
            if (entry == null || !value.equals(entry.value())) {
                changes.computeIfAbsent(resource, r -> new ArrayList<>())
                        .add(new AlterConfigOp(new ConfigEntry(name, value), AlterConfigOp.OpType.SET));
            }
        }));
        if (!changes.isEmpty()) {
            admin.incrementalAlterConfigs(changes).all().get(30, TimeUnit.SECONDS);
            Log.infof(
                    "reconfigured topics %s",
                    changes.keySet().stream().map(ConfigResource::name).sorted().toList());
        }
    }
}
