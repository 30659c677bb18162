package io.synergy.testsupport;

import io.quarkus.test.junit.QuarkusTestProfile;
import java.util.Map;

/**
 * Every trace recorded and handed to the exporter within 100 ms, and the console in JSON: the tests that follow a report's trace across services
 * read the spans from an {@code InMemorySpanExporter} bean of their module's test sources (which replaces the OTLP exporter).
 * Outside this profile the platform records nothing unless a deployment asks for it (sample ratio 0).
 */
public class TracingProfile implements QuarkusTestProfile {

    @Override
    public Map<String, String> getConfigOverrides() {
        // and JSON log lines, as the chart writes them (SYNERGY_LOG_JSON): the test output shows them
        return Map.of(
                "quarkus.otel.traces.sampler.arg",
                "1",
                "quarkus.otel.bsp.schedule.delay",
                "100ms",
                "quarkus.log.console.json.enabled",
                "true");
    }
}
