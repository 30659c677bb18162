package io.synergy.aggregation.it;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.synergy.model.catalogue.Sector;
import io.synergy.model.event.EventKind;
import io.synergy.model.event.IndicatorEvent;
import io.synergy.model.event.Topics;
import io.synergy.platform.tracing.WorkTags;
import io.synergy.testsupport.KafkaBroker;
import io.synergy.testsupport.KafkaTestClient;
import io.synergy.testsupport.KafkaTestClient.Received;
import io.synergy.testsupport.PlatformTestResource;
import io.synergy.testsupport.Traceparents;
import io.synergy.testsupport.TracingProfile;
import jakarta.inject.Inject;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The trace an indicator event carries (its {@code traceparent} header, as a sector service's outbox relay sends it) runs on
 * through the aggregation: the consumed batch, the recompute it caused, and the {@code results.v1} events of the results that
 * changed — their {@code traceparent} headers have the same trace id.
 */
@QuarkusTest
@TestProfile(TracingProfile.class)
@WithTestResource(PlatformTestResource.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ResultTraceTest {

    private static final ObjectMapper JSON = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS);

    @Inject
    InMemorySpanExporter spans;

    private final KafkaTestClient kafka = new KafkaTestClient(KafkaBroker.bootstrapServers());

    @AfterAll
    void tearDown() {
        kafka.close();
    }

    @Test
    void theIndicatorEventsTraceRunsThroughTheRecomputeToTheResultEvents() throws Exception {
        String traceId = Traceparents.newTraceId();
        String reportId = "trace-test/" + UUID.randomUUID();
        IndicatorEvent e = new IndicatorEvent(
                UUID.randomUUID().toString(),
                "waste",
                EventKind.INDICATOR,
                "W3",
                "370202",
                "2023",
                31.7,
                317.0,
                1000.0,
                "%",
                1,
                true,
                reportId,
                Instant.now());
        kafka.send(
                Topics.indicators(Sector.WASTE),
                e.key(),
                JSON.writeValueAsString(e),
                Map.of(
                        "ce_id",
                        e.eventId(),
                        "ce_type",
                        "cn.qingdao.synergy.indicator.v1",
                        "ce_specversion",
                        "1.0",
                        "traceparent",
                        Traceparents.of(traceId)));

        Predicate<Received> inTrace =
                r -> traceId.equals(Traceparents.traceId(r.headers().get("traceparent")));
        List<Received> results =
                kafka.readUntil(Topics.RESULTS, rs -> rs.stream().anyMatch(inTrace), Duration.ofSeconds(60)).stream()
                        .filter(inTrace)
                        .toList();
        assertThat(results).as("results.v1 events in the event's trace").isNotEmpty();
        assertThat(results)
                .extracting(Received::key)
                .as("the city's result of the event's year changed")
                .contains("370200:2023");

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            List<SpanData> trace = spans.getFinishedSpanItems().stream()
                    .filter(s -> s.getTraceId().equals(traceId))
                    .toList();
            SpanData consume = trace.stream()
                    .filter(s -> s.getName().equals("indicators consume"))
                    .findFirst()
                    .orElseThrow();
            assertThat(consume.getKind()).isEqualTo(SpanKind.CONSUMER);
            assertThat(consume.getAttributes().get(WorkTags.REPORT_ID)).isEqualTo(reportId);
            assertThat(consume.getAttributes().get(WorkTags.ORG_UNIT)).isEqualTo("370202");
            assertThat(consume.getAttributes().get(WorkTags.PERIOD)).isEqualTo("2023");
            SpanData recompute = trace.stream()
                    .filter(s -> s.getName().equals("recompute"))
                    .findFirst()
                    .orElseThrow();
            assertThat(recompute.getParentSpanId())
                    .as("the recompute continues the consuming span")
                    .isEqualTo(consume.getSpanId());
            assertThat(trace)
                    .as("the outbox relay's producer span for results.v1")
                    .anyMatch(s -> s.getKind() == SpanKind.PRODUCER
                            && s.getName().contains(Topics.RESULTS)
                            && s.getParentSpanId().equals(recompute.getSpanId()));
            // kept for a look (docs/operations.md shows such a trace): target/trace-example.txt
            Files.writeString(
                    Path.of("target", "trace-example.txt"),
                    trace.stream().map(Object::toString).collect(Collectors.joining("\n")) + "\n");
        });

        // the result event names its schema by an absolute URI; this service serves it
        URI dataSchema = URI.create(results.get(0).headers().get("ce_dataschema"));
        assertThat(dataSchema.isAbsolute()).isTrue();
        given().get(dataSchema.getPath()).then().statusCode(200).contentType("application/schema+json");
    }
}
