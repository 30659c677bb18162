package io.synergy.platform.orgunits;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.logging.Log;
import io.synergy.model.event.OrgUnitEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Keeps {@link OrgUnitRegistry} current from the compacted topic {@code org-units.v1}. Every instance reads the
 * whole topic from the beginning at start (a consumer group of its own, never committed), so it knows every park and
 * enterprise the registry holds, then each change as it happens.
 */
@ApplicationScoped
public class OrgUnitFeed {

    @Inject
    OrgUnitRegistry registry;

    @Inject
    ObjectMapper json;

    @Incoming("org-units")
    public void consume(String payload) {
        if (payload == null) {
            return; // a tombstone: units are closed, never deleted
        }
        try {
            registry.apply(json.readValue(payload, OrgUnitEvent.class));
        } catch (Exception e) {
            Log.errorf("unreadable org-unit event skipped (%s): %.200s", e.getMessage(), payload);
        }
    }
}
