package io.synergy.testsupport.containers;

import io.synergy.kafka.PlatformKafka;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.testcontainers.kafka.KafkaContainer;
import org.testcontainers.postgresql.PostgreSQLContainer;

/**
 * Kafka (apache/kafka, KRaft) and PostgreSQL 15 as containers, one pair per test JVM — the {@code -Pcontainers}
 * alternative to the in-JVM broker and the machine's PostgreSQL, for machines with a container engine. Called by
 * {@code PlatformTestResource} when {@code synergy.test.infrastructure=containers}. Unlike the in-JVM broker, the
 * container's listener is PLAINTEXT without ACLs: this opt-in route checks the services against another Kafka build, not
 * the platform's access model (which the default build and the end-to-end tests do).
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
        config.put("kafka.security.protocol", "PLAINTEXT");
        config.put("quarkus.datasource.jdbc.url", postgres.getJdbcUrl() + (schema == null ? "" : "?currentSchema=" + schema));
        config.put("quarkus.datasource.username", postgres.getUsername());
        config.put("quarkus.datasource.password", postgres.getPassword());
        return config;
    }

    private static void createTopics(String bootstrap) {
        try (Admin admin = Admin.create(Map.<String, Object>of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap))) {
            PlatformKafka.provisionTopics(admin, (short) 1);
        } catch (Exception e) {
            throw new IllegalStateException("could not create the platform's topics", e);
        }
    }
}
