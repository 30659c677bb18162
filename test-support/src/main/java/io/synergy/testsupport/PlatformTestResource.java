package io.synergy.testsupport;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.synergy.kafka.PlatformKafka;
import io.synergy.model.kafka.Principals;
import java.util.HashMap;
import java.util.Map;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * The real infrastructure a Quarkus test application needs: the JVM's one {@link KafkaBroker}, with the service's own
 * Kafka principal (its application name, as in every deployment; the console's ops code also gets the
 * {@link Principals#OPS} principal), and the verification key and audience of {@link TestTokens}. Use it with
 * {@code @WithTestResource(PlatformTestResource.class)} on every {@code @QuarkusTest} of a module, so that they share one
 * application boot.
 */
public class PlatformTestResource implements QuarkusTestResourceLifecycleManager {

    /** {@code -Pcontainers} sets it to {@code containers}: Kafka and PostgreSQL then run as containers (Testcontainers). */
    public static final String INFRASTRUCTURE = "synergy.test.infrastructure";

    @Override
    public Map<String, String> start() {
        Map<String, String> config = new HashMap<>();
        config.put(
                "mp.jwt.verify.publickey.location", TestTokens.publicKeyFile().toString());
        config.put("mp.jwt.verify.issuer", TestTokens.ISSUER);
        config.put("mp.jwt.verify.audiences", TestTokens.AUDIENCE);
        // one clock in a test JVM: a second of skew (instead of a minute) lets a test see a token expire in seconds
        config.put("mp.jwt.verify.clock.skew", "1");
        config.put("synergy.feed.clock-skew", "1s");
        if ("containers".equals(System.getProperty(INFRASTRUCTURE))) {
            config.putAll(containers());
        } else {
            config.put("kafka.bootstrap.servers", KafkaBroker.start());
            config.put("kafka.security.protocol", KafkaBroker.SECURITY_PROTOCOL);
            config.put("kafka.sasl.mechanism", PlatformKafka.MECHANISM);
            config.put("kafka.sasl.jaas.config", KafkaBroker.jaasConfig(service()));
            config.put("synergy.ops.kafka-jaas-config", KafkaBroker.jaasConfig(Principals.OPS));
        }
        return config;
    }

    /** The service under test: its application name is its Kafka principal. */
    private static String service() {
        String name = ConfigProvider.getConfig()
                .getOptionalValue("quarkus.application.name", String.class)
                .orElse("");
        if (!Principals.services().contains(name)) {
            throw new IllegalStateException("quarkus.application.name '" + name
                    + "' is none of the platform's services " + Principals.services());
        }
        return name;
    }

    /** The container infrastructure, compiled into this module only with -Pcontainers (hence the reflection). */
    @SuppressWarnings("unchecked")
    private static Map<String, String> containers() {
        String schema = ConfigProvider.getConfig()
                .getOptionalValue("quarkus.flyway.schemas", String.class)
                .orElse(null);
        try {
            return (Map<String, String>) Class.forName("io.synergy.testsupport.containers.ContainerInfrastructure")
                    .getMethod("start", String.class)
                    .invoke(null, schema);
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("-Pcontainers: the container infrastructure is not on the class path", e);
        }
    }

    @Override
    public void stop() {
        // the broker outlives the application: it stops with the JVM
    }
}
