package io.synergy.registry.health;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.synergy.platform.health.HealthChangeLog;
import io.synergy.testsupport.LogCapture;
import io.synergy.testsupport.PlatformTestResource;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A service that is DOWN, probed a hundred times, writes one short line when it goes DOWN and one when it comes back — not the
 * whole health document per probe (SmallRye Health's default: 150,000 lines in ten minutes under a burst of probes).
 */
@QuarkusTest
@WithTestResource(PlatformTestResource.class)
class HealthLogTest {

    @Test
    void aBurstOfProbesOnADownServiceLogsTheChangeOnceNotEveryProbe() {
        List<String> lines;
        try (LogCapture health = LogCapture.of(
                name -> name.startsWith("io.smallrye.health") || name.equals(HealthChangeLog.class.getName()))) {
            try {
                given().get("/q/health/ready").then().statusCode(200);
                SwitchableReadiness.down = true;
                for (int i = 0; i < 100; i++) {
                    given().get("/q/health/ready").then().statusCode(503);
                }
                SwitchableReadiness.down = false;
                for (int i = 0; i < 10; i++) {
                    given().get("/q/health/ready").then().statusCode(200);
                }
            } finally {
                SwitchableReadiness.down = false;
            }
            lines = health.lines();
        }
        assertThat(lines).as("no probe logs the health document").noneMatch(l -> l.contains("\"checks\""));
        List<String> down = lines.stream().filter(l -> l.contains("DOWN")).toList();
        assertThat(down)
                .as("the change to DOWN, once (readiness, and the overall state)")
                .hasSizeBetween(1, 2)
                .allMatch(l -> l.contains("switchable test check") && l.contains("switched by HealthLogTest"));
        assertThat(lines.stream().filter(l -> l.endsWith(" UP")).count())
                .as("the change back to UP")
                .isBetween(1L, 2L);
        assertThat(lines).as("every line about health").hasSizeLessThanOrEqualTo(4);
    }
}
