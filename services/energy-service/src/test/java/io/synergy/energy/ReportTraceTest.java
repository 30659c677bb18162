package io.synergy.energy;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import io.synergy.model.catalogue.Sector;
import io.synergy.model.event.Topics;
import io.synergy.platform.schemas.EventSchemaConfig;
import io.synergy.platform.tracing.WorkTags;
import io.synergy.testsupport.DefaultAuthorization;
import io.synergy.testsupport.KafkaTestClient;
import io.synergy.testsupport.KafkaTestClient.Received;
import io.synergy.testsupport.LogCapture;
import io.synergy.testsupport.MonitoringFiles;
import io.synergy.testsupport.PlatformTestResource;
import io.synergy.testsupport.PromQl;
import io.synergy.testsupport.TestTokens;
import io.synergy.testsupport.Traceparents;
import io.synergy.testsupport.TracingProfile;
import jakarta.inject.Inject;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.eclipse.microprofile.config.ConfigProvider;
import org.jboss.logmanager.ExtLogRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * A report posted over REST is followed by one trace: the request's server span (tagged with the report id, sector, org unit and
 * period), the outbox relay's producer span, and the W3C {@code traceparent} header of every indicator event the report caused,
 * all with the trace id the caller sent. The event's {@code ce_dataschema} is an absolute URI this service serves, and the event
 * is valid against the schema found there.
 */
@QuarkusTest
@TestProfile(TracingProfile.class)
@WithTestResource(PlatformTestResource.class)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ReportTraceTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Inject
    InMemorySpanExporter spans;

    @Inject
    EventSchemaConfig schemas;

    private KafkaTestClient kafka;

    @BeforeAll
    void setUp() {
        kafka = new KafkaTestClient(ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class));
    }

    @AfterAll
    void tearDown() {
        kafka.close();
    }

    @Test
    void oneTraceFromTheRestCallThroughTheOutboxToTheIndicatorEventsHeaders() throws Exception {
        String traceId = Traceparents.newTraceId();
        String reportId = "trace-test/" + UUID.randomUUID();
        String body = """
                {"reportId": "%s", "source": "trace-test", "orgUnit": "370202", "period": "2019", "revision": 1,
                 "values": [{"dataElement": "energy.primary.total", "value": 1250.0, "unit": "tce"},
                            {"dataElement": "energy.primary.nonfossil", "value": 180.5, "unit": "tce"}]}""".formatted(reportId);
        given().filter(DefaultAuthorization.as("feed:energy"))
                .contentType("application/json")
                .header("traceparent", Traceparents.of(traceId))
                .body(body)
                .post("/api/v1/reports")
                .then()
                .statusCode(201);

        List<Received> events = kafka
                .readUntil(
                        Topics.indicators(Sector.ENERGY),
                        rs -> rs.stream().anyMatch(r -> r.value().contains(reportId)),
                        Duration.ofSeconds(30))
                .stream()
                .filter(r -> r.value().contains(reportId))
                .toList();
        assertThat(events).isNotEmpty();
        for (Received e : events) {
            assertThat(e.headers().get("traceparent"))
                    .as("the event's traceparent")
                    .isNotNull();
            assertThat(Traceparents.traceId(e.headers().get("traceparent")))
                    .as("the event continues the caller's trace")
                    .isEqualTo(traceId);
        }

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            List<SpanData> trace = spans.getFinishedSpanItems().stream()
                    .filter(s -> s.getTraceId().equals(traceId))
                    .toList();
            SpanData server = trace.stream()
                    .filter(s -> s.getKind() == SpanKind.SERVER)
                    .findFirst()
                    .orElseThrow();
            assertThat(server.getAttributes().get(WorkTags.REPORT_ID)).isEqualTo(reportId);
            assertThat(server.getAttributes().get(WorkTags.SECTOR)).isEqualTo("energy");
            assertThat(server.getAttributes().get(WorkTags.ORG_UNIT)).isEqualTo("370202");
            assertThat(server.getAttributes().get(WorkTags.PERIOD)).isEqualTo("2019");
            assertThat(trace)
                    .as("the outbox relay's producer span, in the same trace")
                    .anyMatch(s ->
                            s.getKind() == SpanKind.PRODUCER && s.getName().contains(Topics.indicators(Sector.ENERGY)));
            // kept for a look (docs/operations.md shows such a trace): target/trace-example.txt
            Files.writeString(
                    Path.of("target", "trace-example.txt"),
                    trace.stream().map(Object::toString).collect(Collectors.joining("\n")) + "\n");
        });

        // the schema the event names: an absolute URI on this service, served, and the event valid against it
        Received event = events.get(0);
        URI dataSchema = URI.create(event.headers().get("ce_dataschema"));
        assertThat(dataSchema.isAbsolute())
                .as("ce_dataschema %s is absolute", dataSchema)
                .isTrue();
        assertThat(dataSchema)
                .as("the configured base followed by the schema's path")
                .isEqualTo(schemas.absolute("/schemas/indicator-event.v1.json"));
        Response schema = given().get(dataSchema.getPath());
        assertThat(schema.statusCode()).isEqualTo(200);
        assertThat(schema.contentType()).startsWith("application/schema+json");
        Schema validator = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12)
                .getSchema(schema.asString(), InputFormat.JSON);
        assertThat(validator.validate(event.value(), InputFormat.JSON))
                .as("the event against its served schema")
                .isEmpty();
        JsonNode data = JSON.readTree(event.value());
        assertThat(data.path("reportId").asText()).isEqualTo(reportId);
        // a value that breaks the schema is caught by the same validator: the check is not vacuous
        assertThat(validator.validate(
                        event.value().replace("\"revision\":", "\"revision\":\"x\",\"r\":"), InputFormat.JSON))
                .isNotEmpty();
    }

    /**
     * A feed message's work logs with its trace, the report and the org unit in the logging context (the JSON lines' "mdc"): a
     * message the validation rejects is logged once, and that line names the trace the producer sent, the report and the unit.
     */
    @Test
    void theLogLineOfARejectedFeedMessageNamesItsTraceReportAndOrgUnit() {
        String traceId = Traceparents.newTraceId();
        String reportId = "trace-test/rejected/" + UUID.randomUUID();
        ExtLogRecord line;
        try (LogCapture feed = LogCapture.of("io.synergy.sector.ingest.FeedConsumer"::equals)) {
            kafka.send(
                    Topics.feed(Sector.ENERGY),
                    reportId,
                    """
                    {"reportId": "%s", "source": "trace-test", "orgUnit": "370299", "period": "2019",
                     "values": [{"dataElement": "energy.primary.total", "value": 1250.0, "unit": "tce"}]}""".formatted(reportId),
                    Map.of(
                            "traceparent",
                            Traceparents.of(traceId),
                            "authorization",
                            TestTokens.bearer(TestTokens.token("feed:energy"))));
            await().atMost(Duration.ofSeconds(30))
                    .until(() -> feed.records().stream()
                            .anyMatch(l -> l.getFormattedMessage().contains("rejected")));
            line = feed.records().stream()
                    .filter(l -> l.getFormattedMessage().contains("rejected"))
                    .findFirst()
                    .orElseThrow();
        }
        Map<String, String> mdc = line.getMdcCopy().entrySet().stream()
                .collect(Collectors.toMap(Map.Entry::getKey, e -> String.valueOf(e.getValue())));
        assertThat(mdc)
                .containsEntry("traceId", traceId)
                .containsKey("spanId")
                .containsEntry("reportId", reportId)
                .containsEntry("orgUnit", "370299")
                .containsEntry("sector", "energy");
    }

    /** The dashboard's sector-side metrics (reports, outbox, HTTP) are in this service's scrape, and HTTP latency is a histogram. */
    @Test
    void theSectorMetricsTheDashboardNamesAreInTheScrape() {
        Set<String> sectorSide =
                PromQl.metricNames(MonitoringFiles.dashboardQueries(MonitoringFiles.dashboard())).stream()
                        .filter(m -> m.startsWith("synergy_reports")
                                || m.startsWith("synergy_outbox")
                                || m.startsWith("http_server"))
                        .collect(Collectors.toSet());
        assertThat(sectorSide).contains("synergy_reports_total", "http_server_requests_seconds_bucket");
        given().filter(DefaultAuthorization.as("feed:energy"))
                .contentType("application/json")
                .body("{}")
                .post("/api/v1/reports")
                .then()
                .statusCode(400);
        Set<String> exported = MonitoringFiles.scrapedNames(
                given().get("/q/metrics").then().statusCode(200).extract().asString());
        assertThat(exported).containsAll(sectorSide);
    }

    @Test
    void schemasAreServedByNameAndNothingElseIs() {
        for (String name : List.of("indicator-event.v1", "result.v1", "org-unit-event.v1", "report.v1")) {
            given().get("/schemas/" + name + ".json").then().statusCode(200).contentType("application/schema+json");
        }
        given().get("/schemas/application.properties").then().statusCode(404);
        given().get("/schemas/..%2Fcatalogue.yaml").then().statusCode(404);
        given().get("/schemas/nothing.v9.json").then().statusCode(404).contentType("application/problem+json");
    }
}
