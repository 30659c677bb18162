package io.synergy.platform.health;

import io.quarkus.logging.Log;
import io.smallrye.health.event.SmallRyeHealthStatusChangeEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * One short line when a health state changes, instead of SmallRye Health's whole JSON document at INFO on every probe that finds
 * the service DOWN (silenced in the platform kit's configuration: category io.smallrye.health at WARN). Under a burst of probes
 * (Kubernetes, a load balancer, a monitor) a DOWN service would otherwise write a line per probe: 150,000 lines in ten minutes
 * were seen. The body stays one request away: GET /q/health/ready.
 */
@ApplicationScoped
public class HealthChangeLog {

    void changed(@Observes SmallRyeHealthStatusChangeEvent event) {
        JsonObject payload = event.health().getPayload();
        String type = event.healthType() == null
                ? "health"
                : event.healthType().name().toLowerCase(Locale.ROOT);
        if (event.health().isDown()) {
            Log.warnf("%s DOWN: %s", type, downChecks(payload));
        } else {
            Log.infof("%s UP", type);
        }
    }

    /** The names of the checks that are DOWN, with their data (a reason, a timeout), in one line. */
    static String downChecks(JsonObject payload) {
        JsonValue checks = payload == null ? null : payload.get("checks");
        if (checks == null || checks.getValueType() != JsonValue.ValueType.ARRAY) {
            return "(no checks)";
        }
        return checks.asJsonArray().stream()
                .filter(c -> c.getValueType() == JsonValue.ValueType.OBJECT)
                .map(JsonValue::asJsonObject)
                .filter(c -> "DOWN".equals(c.getString("status", "")))
                .map(c -> c.getString("name", "?") + (c.containsKey("data") ? " " + c.get("data") : ""))
                .collect(Collectors.joining("; "));
    }
}
