package io.synergy.testsupport;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.synergy.model.catalogue.Sector;
import io.synergy.model.event.EventKind;
import io.synergy.model.event.IndicatorEvent;
import io.synergy.model.event.Topics;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/** Publishes indicator events as a sector service's outbox relay would (CloudEvents headers, key code|district). */
public final class IndicatorEvents {

    private static final ObjectMapper JSON = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    private final KafkaTestClient kafka;

    public IndicatorEvents(KafkaTestClient kafka) {
        this.kafka = kafka;
    }

    /** A ratio indicator (value = 100 · num / den, in %). */
    public void ratio(
            Sector sector,
            String code,
            String district,
            int year,
            double numerator,
            double denominator,
            long revision) {
        IndicatorEvent e = new IndicatorEvent(
                UUID.randomUUID().toString(),
                sector.code(),
                EventKind.INDICATOR,
                code,
                district,
                Integer.toString(year),
                100 * numerator / denominator,
                numerator,
                denominator,
                "%",
                revision,
                true,
                "ops-test/" + code + "/" + district + "/" + year,
                Instant.now());
        try {
            kafka.send(
                    Topics.indicators(sector),
                    e.key(),
                    JSON.writeValueAsString(e),
                    Map.of(
                            "ce_id",
                            e.eventId(),
                            "ce_type",
                            "cn.qingdao.synergy.indicator.v1",
                            "ce_specversion",
                            "1.0"));
        } catch (JsonProcessingException ex) {
            throw new IllegalStateException(ex);
        }
    }
}
