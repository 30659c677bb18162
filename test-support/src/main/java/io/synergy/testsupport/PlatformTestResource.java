package io.synergy.testsupport;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import java.util.Map;

/**
 * The real infrastructure a Quarkus test application needs: the JVM's one {@link KafkaBroker}, and the verification
 * key of {@link TestTokens}. Use it with {@code @WithTestResource(PlatformTestResource.class)} on every
 * {@code @QuarkusTest} of a module, so that they share one application boot.
 */
public class PlatformTestResource implements QuarkusTestResourceLifecycleManager {

    @Override
    public Map<String, String> start() {
        return Map.of(
                "kafka.bootstrap.servers", KafkaBroker.start(),
                "mp.jwt.verify.publickey.location", TestTokens.publicKeyFile().toString(),
                "mp.jwt.verify.issuer", TestTokens.ISSUER);
    }

    @Override
    public void stop() {
        // the broker outlives the application: it stops with the JVM
    }
}
