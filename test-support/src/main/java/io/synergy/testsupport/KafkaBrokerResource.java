package io.synergy.testsupport;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * Quarkus test resource pointing the application at the JVM's one {@link KafkaBroker}. Use it with
 * {@code @WithTestResource(KafkaBrokerResource.class)} on every {@code @QuarkusTest} of a module, so that they share
 * one application boot.
 */
public class KafkaBrokerResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        return Map.of("kafka.bootstrap.servers", KafkaBroker.start());
    }

    @Override
    public void stop() {
        // the broker outlives the application: it stops with the JVM
    }
}
