package io.synergy.platform.kafka;

import java.util.Locale;
import java.util.Properties;
import java.util.Set;
import org.eclipse.microprofile.config.Config;

/**
 * The application's {@code kafka.*} properties (as the messaging connector reads them), prefix stripped, for the Kafka
 * clients a service creates itself: a secured cluster (TLS, SASL) then needs no second configuration.
 */
public final class KafkaClientProperties {

    private KafkaClientProperties() {}

    /**
     * Every {@code kafka.*} property of the application, prefix stripped, and every {@code KAFKA_*} environment variable as
     * Quarkus' default Kafka configuration reads it ({@code KAFKA_SSL_TRUSTSTORE_LOCATION} is {@code ssl.truststore.location}):
     * the clients a service creates itself are configured as its messaging channels are.
     */
    public static Properties all(Config config) {
        Properties p = new Properties();
        for (String name : config.getPropertyNames()) {
            if (name.startsWith("KAFKA_")) {
                String key = name.substring("KAFKA_".length())
                        .toLowerCase(Locale.ROOT)
                        .replace('_', '.');
                config.getOptionalValue(name, String.class).ifPresent(v -> p.putIfAbsent(key, v));
            }
        }
        for (String name : config.getPropertyNames()) {
            if (name.startsWith("kafka.")) {
                config.getOptionalValue(name, String.class).ifPresent(v -> p.put(name.substring("kafka.".length()), v));
            }
        }
        return p;
    }

    /** Those of {@code common} a client of this kind knows, so that it logs no "unknown config" warnings. */
    public static Properties filtered(Properties common, Set<String> known) {
        Properties p = new Properties();
        common.forEach((k, v) -> {
            if (known.contains(k.toString())) {
                p.put(k, v);
            }
        });
        return p;
    }
}
