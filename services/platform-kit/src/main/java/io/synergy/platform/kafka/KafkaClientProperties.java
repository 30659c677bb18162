package io.synergy.platform.kafka;

import java.util.Properties;
import java.util.Set;
import org.eclipse.microprofile.config.Config;

/**
 * The application's {@code kafka.*} properties (as the messaging connector reads them), prefix stripped, for the Kafka
 * clients a service creates itself: a secured cluster (TLS, SASL) then needs no second configuration.
 */
public final class KafkaClientProperties {

    private KafkaClientProperties() {}

    /** Every {@code kafka.*} property of the application, prefix stripped. */
    public static Properties all(Config config) {
        Properties p = new Properties();
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
