package io.synergy.aggregation.it;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.synergy.model.event.EventKind;
import io.synergy.model.event.IndicatorEvent;
import io.synergy.testsupport.KafkaBroker;
import io.synergy.testsupport.KafkaTestClient;
import io.synergy.testsupport.PlatformTestResource;
import jakarta.inject.Inject;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

/** A burst of events is folded into few recomputations, and a status that gets worse raises an alert. */
@QuarkusTest
@WithTestResource(PlatformTestResource.class)
class RecomputeCoalescingTest {

    @Inject
    ObjectMapper json;

    @Inject
    MeterRegistry metrics;

    private final KafkaTestClient kafka = new KafkaTestClient(KafkaBroker.bootstrapServers());

    private IndicatorEvent event(String code, String district, int year, double num, double den, long revision) {
        return event("waste", code, district, year, num, den, revision);
    }

    /** An event of the sector whose topic it is sent on: the consumer refuses any other (issue 13). */
    private IndicatorEvent event(
            String sector, String code, String district, int year, double num, double den, long revision) {
        return new IndicatorEvent(
                UUID.randomUUID().toString(),
                sector,
                EventKind.INDICATOR,
                code,
                district,
                Integer.toString(year),
                100 * num / den,
                num,
                den,
                "%",
                revision,
                true,
                "burst",
                Instant.now());
    }

    private long recomputations() {
        var timer = metrics.find("synergy.recompute.duration").timer();
        return timer == null ? 0 : timer.count();
    }

    @Test
    void tenThousandEventsCauseFewRecomputations() throws Exception {
        List<IndicatorEvent> burst = new ArrayList<>();
        String[] districts = {
            "370202", "370203", "370211", "370212", "370213", "370214", "370215", "370281", "370283", "370285"
        };
        // 10,000 events: every district and year 2020–2024 of W3, revised 200 times (the last revision wins)
        for (int rev = 1; rev <= 200; rev++) {
            for (String d : districts) {
                for (int y = 2020; y <= 2024; y++) {
                    burst.add(event("W3", d, y, 300 + rev, 1000, rev));
                }
            }
        }
        assertThat(burst).hasSize(10_000);
        long before = recomputations();
        Properties p = new Properties();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, KafkaBroker.bootstrapServers());
        p.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
        p.put(ProducerConfig.LINGER_MS_CONFIG, "20");
        try (KafkaProducer<String, String> producer = new KafkaProducer<>(p)) {
            List<Future<RecordMetadata>> acks = new ArrayList<>();
            for (IndicatorEvent e : burst) {
                acks.add(producer.send(
                        new ProducerRecord<>("indicators.waste.v1", e.key(), json.writeValueAsString(e))));
            }
            for (Future<RecordMetadata> a : acks) {
                a.get(30, TimeUnit.SECONDS);
            }
        }
        // the city's W3 in 2024 ends at revision 200's value: (300 + 200) / 1000 = 50 %
        await().atMost(Duration.ofSeconds(60))
                .untilAsserted(() -> assertThat(given().queryParam("period", "2024")
                                .get("/api/v1/attainment")
                                .then()
                                .statusCode(200)
                                .extract()
                                .jsonPath()
                                .getDouble("indicators.find { it.indicator == 'W3' }.value"))
                        .isEqualTo(50.0));
        long recomputations = recomputations() - before;
        System.out.printf("[coalescing] 10000 events -> %d recomputations%n", recomputations);
        assertThat(recomputations).isBetween(1L, 200L);
    }

    @Test
    void aStatusThatGetsWorseRaisesAnAlert() throws Exception {
        // A2 (manure utilisation, kept ≥ 90 % every year from 2024): 95 % is ACHIEVED, a revision to 80 % is OFF_TRACK
        String district = "370285";
        kafka.send(
                "indicators.agriculture.v1",
                "A2|" + district,
                json.writeValueAsString(event("agriculture", "A2", district, 2026, 950, 1000, 1)));
        await().atMost(Duration.ofSeconds(30))
                .untilAsserted(() -> assertThat(given().queryParam("period", "2026")
                                .queryParam("orgUnit", district)
                                .get("/api/v1/attainment")
                                .then()
                                .statusCode(200)
                                .extract()
                                .jsonPath()
                                .getString("indicators.find { it.indicator == 'A2' }.status"))
                        .isEqualTo("ACHIEVED"));
        kafka.send(
                "indicators.agriculture.v1",
                "A2|" + district,
                json.writeValueAsString(event("agriculture", "A2", district, 2026, 800, 1000, 2)));
        var alerts = kafka.readUntil(
                "alerts.v1", rs -> rs.stream().anyMatch(r -> r.key().equals(district + ":A2")), Duration.ofSeconds(30));
        var alert = json.readTree(alerts.stream()
                .filter(r -> r.key().equals(district + ":A2"))
                .findFirst()
                .orElseThrow()
                .value());
        assertThat(alert.path("from").asText()).isEqualTo("ACHIEVED");
        assertThat(alert.path("to").asText()).isEqualTo("OFF_TRACK");
        assertThat(alert.path("year").asInt()).isEqualTo(2026);
        assertThat(alerts.get(0).headers()).containsEntry("ce_type", "cn.qingdao.synergy.alert.v1");
    }
}
