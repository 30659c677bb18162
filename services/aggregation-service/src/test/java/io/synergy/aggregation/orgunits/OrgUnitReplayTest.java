package io.synergy.aggregation.orgunits;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.synergy.model.event.OrgUnitEvent;
import io.synergy.model.event.Topics;
import io.synergy.model.orgunit.OrgUnitLevel;
import io.synergy.model.orgunit.UnifiedSocialCreditCode;
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
import org.junit.jupiter.api.Test;

/**
 * At start, a service reads org-units.v1 from its beginning. Compaction can put an enterprise before its park (the park
 * changed after the enterprise was registered): the enterprise waits for its park during the replay. An enterprise whose
 * park never comes is refused once the replay has reached the topic's end. (Its own application start: the records are
 * written before it.)
 */
@QuarkusTest
@WithTestResource(PlatformTestResource.class)
@WithTestResource(OrgUnitReplayTest.CompactedRegistry.class)
class OrgUnitReplayTest {

    static final String PARK = "370283P91";
    static final String IN_PARK = uscc("91370283MA3D90011");
    static final String ORPHAN = uscc("91370283MA3D90022");

    @Inject
    OrgUnitRegistry registry;

    static String uscc(String first17) {
        return first17 + UnifiedSocialCreditCode.checkCharacter(first17);
    }

    /** Writes, before the application starts, what a compacted registry topic can hold: enterprises first, then the park. */
    public static class CompactedRegistry implements QuarkusTestResourceLifecycleManager {

        @Override
        public Map<String, String> start() {
            ObjectMapper json = new ObjectMapper()
                    .registerModule(new JavaTimeModule())
                    .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
            try (KafkaTestClient kafka = new KafkaTestClient(KafkaBroker.start())) {
                for (OrgUnitEvent e : List.of(
                        new OrgUnitEvent(
                                IN_PARK,
                                OrgUnitLevel.ENTERPRISE,
                                "园中企业",
                                "In the park",
                                PARK,
                                "C",
                                "26",
                                Set.of(),
                                false,
                                1,
                                Instant.now(),
                                "t"),
                        new OrgUnitEvent(
                                ORPHAN,
                                OrgUnitLevel.ENTERPRISE,
                                "孤儿企业",
                                "Orphan",
                                "370283P92",
                                "C",
                                "26",
                                Set.of(),
                                false,
                                1,
                                Instant.now(),
                                "t"),
                        new OrgUnitEvent(
                                PARK,
                                OrgUnitLevel.PARK,
                                "平度园区",
                                "Pingdu park",
                                "370283",
                                null,
                                null,
                                Set.of(),
                                false,
                                2,
                                Instant.now(),
                                "t"))) {
                    kafka.send(Topics.ORG_UNITS, e.code(), json.writeValueAsString(e));
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
            return Map.of();
        }

        @Override
        public void stop() {}
    }

    @Test
    void anEnterpriseWaitsForItsParkDuringTheReplayAndOneWithoutAParkIsRefused() {
        await().atMost(Duration.ofSeconds(30))
                .until(() -> registry.current().find(IN_PARK).isPresent());
        assertThat(registry.current().find(IN_PARK).orElseThrow().parent()).isEqualTo(PARK);
        assertThat(registry.current().find(PARK)).isPresent();
        assertThat(registry.current().find(ORPHAN)).isEmpty();
        try (KafkaTestClient kafka = new KafkaTestClient(KafkaBroker.bootstrapServers())) {
            var letters = kafka.readUntil(
                    Topics.ORG_UNITS_DEAD_LETTERS,
                    rs -> rs.stream()
                            .anyMatch(r -> r.value() != null && r.value().contains(ORPHAN)),
                    Duration.ofSeconds(30));
            var orphan = letters.stream()
                    .filter(r -> r.value() != null && r.value().contains(ORPHAN))
                    .findFirst()
                    .orElseThrow();
            assertThat(orphan.headers())
                    .containsEntry("dead-letter-kind", "parent")
                    .containsEntry("dead-letter-service", "aggregation-service");
            assertThat(orphan.headers().get("dead-letter-reason")).contains("370283P92");
            assertThat(letters).noneMatch(r -> r.value() != null && r.value().contains(IN_PARK));
        }
    }
}
