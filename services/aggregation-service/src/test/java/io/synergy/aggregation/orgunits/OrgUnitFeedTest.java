package io.synergy.aggregation.orgunits;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.synergy.model.event.OrgUnitEvent;
import io.synergy.model.event.Topics;
import io.synergy.model.orgunit.OrgUnitLevel;
import io.synergy.platform.orgunits.OrgUnitRegistry;
import io.synergy.testsupport.KafkaBroker;
import io.synergy.testsupport.KafkaTestClient;
import io.synergy.testsupport.PlatformTestResource;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

/**
 * Issue 13 on org-units.v1: a record the registry must not take goes to org-units.v1.dlq with the reason and the
 * service's name, the registry keeps what it had, and the next record is applied. Parks 370211P9x, used by no other test.
 */
@QuarkusTest
@WithTestResource(PlatformTestResource.class)
class OrgUnitFeedTest {

    private static final ObjectMapper JSON = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    private static final KafkaTestClient KAFKA = new KafkaTestClient(KafkaBroker.bootstrapServers());
    private static final Duration WAIT = Duration.ofSeconds(20);

    @Inject
    OrgUnitRegistry registry;

    @AfterAll
    static void close() {
        KAFKA.close();
    }

    private static String park(String code, String parent, String zh, long version) throws Exception {
        return JSON.writeValueAsString(new OrgUnitEvent(
                code,
                OrgUnitLevel.PARK,
                zh,
                "Park " + code,
                parent,
                null,
                null,
                Set.of(),
                false,
                version,
                Instant.now(),
                "feed-test"));
    }

    @Test
    void aRecordTheRegistryMustNotTakeIsSetAsideAndTheNextOneApplied() throws Exception {
        KAFKA.send(Topics.ORG_UNITS, "370211P91", "{\"code\":\"370211P91\",");
        KAFKA.send(Topics.ORG_UNITS, "370211P92", park("370211P93", "370211", "错键园区", 1));
        KAFKA.send(Topics.ORG_UNITS, "370211P94", park("370211P94", "370299", "无区园区", 1));
        KAFKA.send(Topics.ORG_UNITS, "370211P96", park("370211P96", "370211", "好园区", 50_000_000));
        KAFKA.send(Topics.ORG_UNITS, "370211P95", park("370211P95", "370211", "好园区", 1));

        await().atMost(WAIT).until(() -> registry.current().find("370211P95").isPresent());
        assertThat(registry.current().find("370211P93")).isEmpty();
        assertThat(registry.current().find("370211P94")).isEmpty();
        assertThat(registry.current().find("370211P96")).isEmpty();

        List<KafkaTestClient.Received> letters = KAFKA.readUntil(
                Topics.ORG_UNITS_DEAD_LETTERS,
                rs -> rs.stream()
                                .filter(r -> r.value() != null && r.value().contains("370211P9"))
                                .count()
                        >= 4,
                WAIT);
        Map<String, KafkaTestClient.Received> byKind = letters.stream()
                .filter(r -> r.value() != null && r.value().contains("370211P9"))
                .collect(Collectors.toMap(r -> r.headers().get("dead-letter-kind"), r -> r, (a, b) -> b));
        assertThat(byKind).containsOnlyKeys("not-json", "key", "parent", "version");
        for (KafkaTestClient.Received r : byKind.values()) {
            assertThat(r.headers())
                    .containsEntry("dead-letter-service", "aggregation-service")
                    .containsEntry("dead-letter-topic", Topics.ORG_UNITS)
                    .containsKey("dead-letter-reason");
            assertThat(r.key())
                    .isEqualTo(r.headers().get("dead-letter-partition") + "/"
                            + r.headers().get("dead-letter-offset"));
        }
        assertThat(byKind.get("parent").headers().get("dead-letter-reason"))
                .startsWith("parent: ")
                .contains("370299");

        // every service, at every start, refuses the same record again, under the same key (the source's partition and
        // offset) on a compacted topic: the console's listing keeps one entry per source record (its OpsApiTest)

        given().get("/q/health/live").then().statusCode(200);
        given().get("/q/health/ready").then().statusCode(200).body("status", equalTo("UP"));
    }
}
