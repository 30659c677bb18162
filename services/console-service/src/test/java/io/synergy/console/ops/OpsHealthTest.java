package io.synergy.console.ops;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.synergy.testsupport.KafkaBroker;
import io.synergy.testsupport.PlatformTestResource;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Readiness follows Kafka: down while the broker is away, up again when it is back. */
@QuarkusTest
@WithTestResource(PlatformTestResource.class)
class OpsHealthTest {

    @Test
    void readinessFailsWhileKafkaIsAwayAndRecovers() {
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> given().get("/q/health/ready")
                        .then()
                        .statusCode(200)
                        .body("checks.find { it.name == 'Kafka cluster' }.status", equalTo("UP"))
                        .body("checks.name", hasItem("Database connections health check")));
        KafkaBroker.stopBroker();
        try {
            await().atMost(Duration.ofSeconds(30))
                    .untilAsserted(() -> given().get("/q/health/ready")
                            .then()
                            .statusCode(503)
                            .body("checks.find { it.name == 'Kafka cluster' }.status", equalTo("DOWN")));
            // the ops API answers a problem instead of hanging, once the snapshot's refresh found Kafka away
            // (until then it answers the last snapshot, sampledAt saying when)
            await().atMost(Duration.ofSeconds(30))
                    .untilAsserted(() -> given().get("/api/v1/ops/consumers")
                            .then()
                            .statusCode(503)
                            .contentType("application/problem+json"));
        } finally {
            KafkaBroker.restartBroker();
        }
        await().atMost(Duration.ofSeconds(60))
                .untilAsserted(() -> given().get("/q/health/ready").then().statusCode(200));
    }
}
