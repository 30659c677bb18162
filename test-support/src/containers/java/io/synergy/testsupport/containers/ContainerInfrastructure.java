package io.synergy.testsupport.containers;

import io.synergy.model.event.Topics;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * Kafka (apache/kafka, KRaft) and PostgreSQL 15 as containers, one pair per test JVM — the {@code -Pcontainers}
 * alternative to the in-JVM broker and the machine's PostgreSQL, for machines with a container engine. Called by
 * {@code PlatformTestResource} when {@code synergy.test.infrastructure=containers}.
 */
public final class ContainerInfrastructure {

    private static KafkaContainer kafka;
    private static PostgreSQLContainer postgres;

    private ContainerInfrastructure() {
    }

    /** Starts the containers once and returns the configuration that points a service at them. */
    public static synchronized Map<String, String> start(String schema) {
        if (kafka == null) {
            kafka = new KafkaContainer("apache/kafka:4.1.1");
            postgres = new PostgreSQLContainer("postgres:15").withDatabaseName("synergy_test").withUsername("synergy").withPassword("synergy");
            kafka.start();
            postgres.start();
            createTopics(kafka.getBootstrapServers());
        }
        Map<String, String> config = new HashMap<>();
        config.put("kafka.bootstrap.servers", kafka.getBootstrapServers());
        config.put("quarkus.datasource.jdbc.url", postgres.getJdbcUrl() + (schema == null ? "" : "?currentSchema=" + schema));
        config.put("quarkus.datasource.username", postgres.getUsername());
        config.put("quarkus.datasource.password", postgres.getPassword());
        return config;
    }

    private static void createTopics(String bootstrap) {
        Properties p = new Properties();
        p.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap);
        try (Admin admin = Admin.create(p)) {
            List<NewTopic> topics = Topics.all().stream()
                    .map(t -> new NewTopic(t.name(), t.partitions(), (short) 1)
                            .configs(t.compacted() ? Map.of("cleanup.policy", "compact") : Map.of()))
                    .toList();
            admin.createTopics(topics).all().get(60, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new IllegalStateException("could not create the platform's topics", e);
        }
    }
}
