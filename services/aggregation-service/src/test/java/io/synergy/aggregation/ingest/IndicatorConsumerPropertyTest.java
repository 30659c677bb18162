package io.synergy.aggregation.ingest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.synergy.aggregation.store.IndicatorTables;
import io.synergy.model.catalogue.Catalogue;
import io.synergy.model.catalogue.Indicator;
import io.synergy.model.catalogue.Sector;
import io.synergy.model.event.EventKind;
import io.synergy.model.event.IndicatorEvent;
import io.synergy.model.event.Topics;
import io.synergy.model.kafka.Principals;
import io.synergy.model.orgunit.OrgUnit;
import io.synergy.model.orgunit.OrgUnits;
import io.synergy.testsupport.KafkaBroker;
import io.synergy.testsupport.KafkaTestClient;
import io.synergy.testsupport.PlatformTestResource;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Property: whatever mix of valid and invalid indicator events arrives, on whichever topics, the consumer's committed
 * offsets reach the end of every indicator topic, every valid event's effect is in the facts (the highest revision of
 * each fact wins) and every invalid one is a dead letter. A seeded random sequence of 1,200 steps; the seed is printed, and
 * {@code -Dsynergy.property.seed=…} repeats a run. (Years 1991–2000, which no other test uses.)
 */
@QuarkusTest
@WithTestResource(PlatformTestResource.class)
class IndicatorConsumerPropertyTest {

    private static final ObjectMapper JSON = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);
    private static final KafkaTestClient KAFKA = new KafkaTestClient(KafkaBroker.bootstrapServers());
    private static final int STEPS = 1_200;

    /** Ways to spoil a valid event, each a fault the consumer must set aside. */
    private static final List<Function<ObjectNode, byte[]>> SPOILERS = List.of(
            n -> bytes(n.put("eventId", "event-" + n.get("revision"))),
            n -> bytes(n.put("sector", "nuclear")),
            n -> bytes(n.put("orgUnit", "370299")),
            n -> bytes(n.put("period", "19x5")),
            n -> bytes(n.put("period", "1989")),
            n -> bytes(n.put("revision", 0)),
            n -> bytes(n.put("revision", 5_000_000_000L)),
            n -> bytes(n.put("unit", "%\u0000")),
            n -> bytes(n.put("code", "energy".equals(n.get("sector").asText()) ? "T1" : "E1")),
            n -> {
                n.remove("computedAt");
                return bytes(n);
            },
            n -> n.toString()
                    .replaceFirst("\"numerator\":[^,]+", "\"numerator\":-1e999")
                    .getBytes(StandardCharsets.UTF_8),
            n -> "not json at all".getBytes(StandardCharsets.UTF_8),
            n -> new byte[] {(byte) 0xFF, (byte) 0xFE, 0},
            n -> null);

    @Inject
    AgroalDataSource dataSource;

    @Inject
    IndicatorTables tables;

    @AfterEach
    void forget() throws Exception {
        PoisonRecordTest.forgetTestYears(dataSource, tables);
    }

    @AfterAll
    static void close() {
        KAFKA.close();
    }

    private static byte[] bytes(ObjectNode n) {
        return n.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** The expected fact of one (code, district, year). */
    private record Expected(long revision, double numerator) {}

    @Test
    void committedOffsetsReachTheEndAndEveryValidEventTakesEffect() throws Exception {
        long seed = Long.getLong("synergy.property.seed", System.nanoTime());
        System.out.println(
                "IndicatorConsumerPropertyTest seed " + seed + " (-Dsynergy.property.seed=" + seed + " repeats it)");
        Random random = new Random(seed);
        Catalogue catalogue = Catalogue.load();
        List<String> districts =
                OrgUnits.load().districts().stream().map(OrgUnit::code).toList();
        Sector[] sectors = Sector.values();
        String run = UUID.randomUUID().toString().substring(0, 8);

        Map<String, Expected> expected = new HashMap<>();
        int invalid = 0;
        for (int step = 0; step < STEPS; step++) {
            Sector sector = sectors[random.nextInt(sectors.length)];
            List<Indicator> indicators = catalogue.sectorIndicators(sector);
            String code = indicators.get(random.nextInt(indicators.size())).id();
            String district = districts.get(random.nextInt(districts.size()));
            int year = 1991 + random.nextInt(10);
            String fact = code + "|" + district + "|" + year;
            Expected before = expected.get(fact);
            int roll = random.nextInt(100);
            long revision;
            double numerator = Math.round(random.nextDouble() * 1e6) / 100.0;
            if (before == null || roll < 55 || roll >= 65) {
                revision = before == null ? 1 + random.nextInt(3) : before.revision() + 1 + random.nextInt(2);
            } else if (before.revision() > 1) {
                revision = 1 + random.nextInt((int) before.revision() - 1); // stale: a lower revision changes nothing
            } else {
                revision = before.revision(); // a redelivery: the same revision and content
                numerator = before.numerator();
            }
            IndicatorEvent e = new IndicatorEvent(
                    UUID.randomUUID().toString(),
                    sector.code(),
                    EventKind.INDICATOR,
                    code,
                    district,
                    Integer.toString(year),
                    numerator / 10,
                    numerator,
                    1000.0,
                    "%",
                    revision,
                    random.nextBoolean(),
                    "property/" + step,
                    Instant.now());
            if (roll >= 65) {
                byte[] spoilt = SPOILERS.get(random.nextInt(SPOILERS.size())).apply(JSON.valueToTree(e));
                KAFKA.sendBytes(Topics.indicators(sector), "prop-" + run + "-" + step, spoilt, Map.of());
                invalid++;
            } else {
                KAFKA.sendBytes(Topics.indicators(sector), e.key(), JSON.writeValueAsBytes(e), Map.of());
                if (before == null || revision > before.revision()) {
                    expected.put(fact, new Expected(revision, numerator));
                }
            }
        }
        System.out.println("IndicatorConsumerPropertyTest: " + (STEPS - invalid) + " valid, " + invalid + " invalid, "
                + expected.size() + " facts");

        try (Admin admin = Admin.create(KafkaBroker.clientProperties(Principals.ADMIN))) {
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            for (Sector s : sectors) {
                for (int i = 0; i < Topics.DEFAULT_PARTITIONS; i++) {
                    latest.put(new TopicPartition(Topics.indicators(s), i), OffsetSpec.latest());
                }
            }
            Map<TopicPartition, Long> ends = new HashMap<>();
            admin.listOffsets(latest).all().get(30, TimeUnit.SECONDS).forEach((tp, o) -> ends.put(tp, o.offset()));
            await().atMost(Duration.ofSeconds(90))
                    .pollInterval(Duration.ofSeconds(1))
                    .untilAsserted(() -> {
                        Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(
                                        "aggregation-service")
                                .partitionsToOffsetAndMetadata()
                                .get(30, TimeUnit.SECONDS);
                        ends.forEach((tp, end) -> {
                            if (end > 0) {
                                assertThat(committed.get(tp))
                                        .as("committed offset of %s", tp)
                                        .isNotNull();
                                assertThat(committed.get(tp).offset())
                                        .as("committed offset of %s", tp)
                                        .isGreaterThanOrEqualTo(end);
                            }
                        });
                    });
        }

        Map<String, Expected> stored = new HashMap<>();
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(
                        "SELECT code, org_unit, year, revision, numerator FROM indicator_fact WHERE year BETWEEN 1991 AND 2000");
                ResultSet rs = ps.executeQuery()) {
            while (rs.next()) {
                stored.put(
                        rs.getString(1) + "|" + rs.getString(2) + "|" + rs.getInt(3),
                        new Expected(rs.getLong(4), rs.getDouble(5)));
            }
        }
        assertThat(stored).isEqualTo(expected);

        int spoilt = invalid;
        List<KafkaTestClient.Received> letters = new ArrayList<>(KAFKA.readUntil(
                Topics.INDICATORS_DEAD_LETTERS,
                rs -> rs.stream()
                                .filter(r -> r.key() != null && r.key().startsWith("prop-" + run + "-"))
                                .count()
                        >= spoilt,
                Duration.ofSeconds(60)));
        letters.removeIf(r -> r.key() == null || !r.key().startsWith("prop-" + run + "-"));
        assertThat(letters)
                .hasSize(invalid)
                .allSatisfy(r -> assertThat(r.headers()).containsKeys("dead-letter-reason", "dead-letter-kind"));
    }
}
