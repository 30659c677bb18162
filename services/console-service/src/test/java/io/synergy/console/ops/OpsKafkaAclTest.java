package io.synergy.console.ops;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.synergy.kafka.PlatformKafka;
import io.synergy.model.event.Topics;
import io.synergy.model.kafka.KafkaAccess;
import io.synergy.model.kafka.KafkaAcl;
import io.synergy.model.kafka.Principals;
import io.synergy.testsupport.KafkaBroker;
import io.synergy.testsupport.PlatformTestResource;
import java.time.Duration;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.Test;

/**
 * The ops API works with the ops principal's own ACLs, and says so when Kafka refuses it one: with a grant of the ops
 * principal revoked on the broker, the operation needing it answers 403 {@code kafka-not-authorized} naming what was
 * refused — Kafka is up, the service is not "unavailable" — and works again once the platform's ACLs are provisioned.
 */
@QuarkusTest
@WithTestResource(PlatformTestResource.class)
class OpsKafkaAclTest {

    private static final Duration PATIENCE = Duration.ofSeconds(30);

    @Test
    void aRefusedGroupDescribeIsNotAuthorisedNotUnavailable() throws Exception {
        // the answers come from a snapshot (one refresh old at most): a class before may have stopped the broker
        await().atMost(PATIENCE)
                .untilAsserted(() -> given().get("/api/v1/ops/consumers").then().statusCode(200));
        KafkaAcl describeGroup = new KafkaAcl(
                Principals.OPS,
                KafkaAcl.Resource.GROUP,
                KafkaAccess.AGGREGATION_GROUP,
                KafkaAcl.Pattern.LITERAL,
                KafkaAcl.Operation.DESCRIBE);
        assertThat(KafkaAccess.acls(Principals.OPS)).contains(describeGroup);
        try (Admin admin = Admin.create(KafkaBroker.clientProperties(Principals.ADMIN))) {
            try {
                PlatformKafka.revoke(admin, describeGroup);
                await().atMost(PATIENCE)
                        .untilAsserted(() -> given().get("/api/v1/ops/consumers")
                                .then()
                                .statusCode(403)
                                .contentType(startsWith("application/problem+json"))
                                .body("type", equalTo("https://synergy.qingdao/problems/kafka-not-authorized"))
                                .body("detail", containsString("consumer group " + KafkaAccess.AGGREGATION_GROUP)));
                // what the ops principal may still do keeps working
                given().get("/api/v1/ops/topics").then().statusCode(200);
            } finally {
                PlatformKafka.provisionAcls(admin);
            }
        }
        await().atMost(PATIENCE)
                .untilAsserted(() -> given().get("/api/v1/ops/consumers").then().statusCode(200));
    }

    @Test
    void aRefusedTopicDescribeNamesTheTopic() throws Exception {
        KafkaAcl describeResults = new KafkaAcl(
                Principals.OPS,
                KafkaAcl.Resource.TOPIC,
                Topics.RESULTS,
                KafkaAcl.Pattern.LITERAL,
                KafkaAcl.Operation.DESCRIBE);
        try (Admin admin = Admin.create(KafkaBroker.clientProperties(Principals.ADMIN))) {
            try {
                PlatformKafka.revoke(admin, describeResults);
                await().atMost(PATIENCE)
                        .untilAsserted(() -> given().get("/api/v1/ops/topics")
                                .then()
                                .statusCode(403)
                                .body("type", equalTo("https://synergy.qingdao/problems/kafka-not-authorized"))
                                .body("detail", containsString(Topics.RESULTS)));
            } finally {
                PlatformKafka.provisionAcls(admin);
            }
        }
        await().atMost(PATIENCE)
                .untilAsserted(() -> given().get("/api/v1/ops/topics").then().statusCode(200));
    }
}
