package io.synergy.registry.health;

import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** A readiness check the test turns DOWN and UP (UP unless a test says otherwise). */
@Readiness
@ApplicationScoped
public class SwitchableReadiness implements HealthCheck {

    static volatile boolean down;

    @Override
    public HealthCheckResponse call() {
        return HealthCheckResponse.named("switchable test check")
                .status(!down)
                .withData("reason", "switched by HealthLogTest")
                .build();
    }
}
