package io.synergy.testsupport;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.restassured.RestAssured;
import io.restassured.config.EncoderConfig;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import io.synergy.model.catalogue.Catalogue;
import io.synergy.model.catalogue.DataElement;
import io.synergy.model.catalogue.FormulaType;
import io.synergy.model.catalogue.Indicator;
import io.synergy.model.catalogue.IndicatorMath;
import io.synergy.model.catalogue.IndicatorValue;
import io.synergy.model.catalogue.PartOfWholeRule;
import io.synergy.model.catalogue.Sector;
import io.synergy.model.event.CloudEventTypes;
import io.synergy.model.event.Topics;
import io.synergy.model.orgunit.OrgUnit;
import io.synergy.model.orgunit.OrgUnits;
import io.synergy.testsupport.KafkaTestClient.Received;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.LocalDate;
import java.time.YearMonth;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The contract every sector service fulfils, proven against the real in-JVM broker and the real PostgreSQL schema of
 * the service. Everything is derived from the {@link Catalogue}: the sector's data elements and part-of-whole rules,
 * values that satisfy them, a data element of another sector. A sector service's test is
 *
 * <pre>{@code
 * @QuarkusTest
 * @WithTestResource(PlatformTestResource.class)
 * class EnergyServiceTest extends SectorServiceContract {
 *     EnergyServiceTest() { super(Sector.ENERGY); }
 *     // plus what is specific to the sector
 * }
 * }</pre>
 *
 * <p>Tests do not depend on each other or on their order: each uses its own report ids and its own year
 * ({@link #freshYear()}) — or, writing one or two districts only, district-years of their own
 * ({@link #freshDistrictYears}) — so district-year combinations never overlap. One Quarkus boot serves them all.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class SectorServiceContract {

    protected static final String REPORTS = "/api/v1/reports";
    protected static final String JSON = "application/json";
    protected static final String CSV = "text/csv";
    protected static final String PROBLEM = "application/problem+json";
    protected static final String CSV_HEADER = "report_id,source,district,period,data_element,value,unit,revision";
    protected static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");
    protected static final ObjectMapper MAPPER = new ObjectMapper();
    protected static final Duration WAIT = Duration.ofSeconds(30);

    /**
     * Years handed out by {@link #freshYear()}; 1990–1995 are the bulk test's, 1996–1999 are handed out district by
     * district ({@link #freshDistrictYears}): the years a test may report for end with last year, so they are few.
     */
    private static final AtomicInteger YEARS = new AtomicInteger(2000);
    private static final int BULK_LAST_YEAR = 1995;
    private static final int SHARED_FIRST_YEAR = 1996;
    private static final int SHARED_LAST_YEAR = 1999;
    private static final java.util.Set<String> TAKEN_DISTRICT_YEARS = new java.util.HashSet<>();
    /** Parks and enterprises registered by the tests of this JVM, numbered. */
    private static final AtomicInteger PARKS = new AtomicInteger();
    private static final AtomicInteger ENTERPRISES = new AtomicInteger(Math.floorMod(UUID.randomUUID().hashCode(), 50_000));
    private static final int BULK_FIRST_YEAR = 1990;

    protected final Sector sector;
    protected final Catalogue catalogue = Catalogue.load();
    protected final OrgUnits orgUnits = OrgUnits.load();
    /** The sector's data elements, in catalogue order. */
    protected final List<DataElement> elements;
    protected final List<PartOfWholeRule> rules;
    /** The indicators the sector computes itself (RATIO and SUM over its data elements). */
    protected final List<Indicator> indicators;
    /** The data elements the sector publishes as events for cross-sector indicators (emissions, GDP). */
    protected final List<DataElement> published;
    /** A data element of another sector: this service must refuse it. */
    protected final DataElement foreign;
    protected final List<String> districts;
    protected final String indicatorTopic;
    protected final String feedTopic;

    private KafkaTestClient kafka;
    private HttpClient http;
    /** The default token: the sector's writer (feed:<sector>) who may also read. */
    protected DefaultAuthorization auth;
    private Connection database;

    protected SectorServiceContract(Sector sector) {
        this.sector = sector;
        this.elements = catalogue.dataElements(sector);
        this.rules = catalogue.rules(sector);
        this.indicators = catalogue.sectorIndicators(sector);
        this.published = catalogue.publishedDataElements(sector);
        this.foreign = catalogue.dataElements().stream().filter(d -> d.sector() != sector).findFirst().orElseThrow();
        this.districts = orgUnits.districts().stream().map(OrgUnit::code).toList();
        this.indicatorTopic = Topics.indicators(sector);
        this.feedTopic = Topics.feed(sector);
    }

    // ------------------------------------------------------------------------------------------------------------
    // set-up

    @BeforeAll
    void contractSetUp() {
        assertThat(elements).as("data elements of %s", sector).isNotEmpty();
        assertThat(indicators).as("indicators of %s", sector).isNotEmpty();
        assertThat(ConfigProvider.getConfig().getValue("synergy.sector.code", String.class))
                .as("the service under test is the %s service", sector.code()).isEqualTo(sector.code());
        // every request carries the sector's writer token unless a test says otherwise, and none may be answered with a 5xx
        auth = DefaultAuthorization.as("feed:" + sector.code(), "reader");
        RestAssured.replaceFiltersWith(auth, (request, response, ctx) -> {
            Response r = ctx.next(request, response);
            assertThat(r.statusCode()).as("%s %s answered %s", request.getMethod(), request.getURI(), r.asString()).isLessThan(500);
            return r;
        });
        kafka = new KafkaTestClient(config().getValue("kafka.bootstrap.servers", String.class));
        http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10)).build();
    }

    @AfterAll
    void contractTearDown() {
        RestAssured.replaceFiltersWith(List.of());
        if (kafka != null) {
            kafka.close();
        }
        try {
            if (database != null) {
                database.close();
            }
        } catch (SQLException e) {
            // the JVM is about to end the test run
        }
    }

    protected Config config() {
        return ConfigProvider.getConfig();
    }

    protected KafkaTestClient kafka() {
        return kafka;
    }

    // ------------------------------------------------------------------------------------------------------------
    // valid JSON, CSV and Kafka ingestion

    @Test
    void acceptsOneJsonReportAndPublishesItsIndicators() {
        int year = freshYear();
        String district = districts.get(0);
        String id = uniqueId("single");
        Map<String, Double> values = validValues();

        JsonNode answer = accepted(postJson(report(id, district, String.valueOf(year), null, values)), 201);
        assertThat(answer.path("reportId").asText()).isEqualTo(id);
        assertThat(answer.path("revision").asInt()).isEqualTo(1);
        assertThat(answer.path("status").asText()).isEqualTo("ACCEPTED");
        Map<String, IndicatorValue> expected = expectedOutputs(values);
        assertIndicatorsAnswer(answer, district, year, expected);

        JsonNode history = getReport(id);
        assertThat(history.path("currentRevision").asInt()).isEqualTo(1);
        assertThat(history.path("revisions")).hasSize(1);
        assertThat(history.path("revisions").get(0).path("status").asText()).isEqualTo("CURRENT");
        assertThat(history.path("revisions").get(0).path("channel").asText()).isEqualTo("REST");

        List<Event> events = awaitEvents(e -> id.equals(e.data().path("reportId").asText()), presentCount(expected));
        assertEvents(events, district, year, expected, 1);
    }

    @Test
    void acceptsAJsonBatch() {
        int year = freshYear();
        List<ObjectNode> batch = new ArrayList<>();
        for (int i = 0; i < 3; i++) {
            batch.add(report(uniqueId("batch-" + i), districts.get(i), String.valueOf(year), null, valuesFor(i)));
        }
        // a part equal to its whole is allowed
        Map<String, Double> boundary = validValues();
        rules.forEach(r -> boundary.put(r.part(), boundary.get(r.whole())));
        batch.add(report(uniqueId("batch-boundary"), districts.get(3), String.valueOf(year), 1, boundary));

        JsonNode answer = accepted(postJson(MAPPER.valueToTree(batch)), 201);
        assertThat(answer.isArray()).as("a batch is answered with an array").isTrue();
        assertThat(answer).hasSize(batch.size());
        for (int i = 0; i < batch.size(); i++) {
            JsonNode r = answer.get(i);
            assertThat(r.path("reportId").asText()).isEqualTo(batch.get(i).path("reportId").asText());
            assertThat(r.path("status").asText()).isEqualTo("ACCEPTED");
            Map<String, Double> values = i < 3 ? valuesFor(i) : boundary;
            assertIndicatorsAnswer(r, districts.get(i), year, expectedOutputs(values));
            assertThat(getReport(r.path("reportId").asText()).path("currentRevision").asInt()).isEqualTo(1);
        }

        // the same batch again, plus one new report: only the new one is stored
        List<ObjectNode> again = new ArrayList<>(batch);
        String fresh = uniqueId("batch-new");
        again.add(report(fresh, districts.get(4), String.valueOf(year), null, validValues()));
        JsonNode second = accepted(postJson(MAPPER.valueToTree(again)), 201);
        for (int i = 0; i < batch.size(); i++) {
            assertThat(second.get(i).path("status").asText()).isEqualTo("DUPLICATE");
        }
        assertThat(second.get(batch.size()).path("status").asText()).isEqualTo("ACCEPTED");

        // only duplicates: 200
        accepted(postJson(MAPPER.valueToTree(batch.subList(0, 2))), 200);
    }

    /**
     * Two reports of one batch for the same org unit and period may carry the same data element: the later one holds
     * it, as if they had been sent one after the other (found by the property test: the batch was a 500).
     */
    @Test
    void twoReportsOfOneBatchMayCarryTheSameDataElement() {
        DistrictYear slot = freshDistrictYear();
        int year = slot.year();
        String district = slot.district();
        String element = wholeOrFirst();
        String earlier = uniqueId("batch-same-earlier");
        String later = uniqueId("batch-same-later");
        ArrayNode batch = MAPPER.createArrayNode().add(report(earlier, district, String.valueOf(year), null, Map.of(element, 300.0)))
                .add(report(later, district, String.valueOf(year), null, Map.of(element, 500.0)));
        assertThat(each(accepted(postJson(batch), 201), "status")).containsExactly("ACCEPTED", "ACCEPTED");
        JsonNode c = json(given().queryParam("period", String.valueOf(year)).get("/api/v1/completeness").then().statusCode(200).extract().response());
        JsonNode row = stream(c.path("districts")).filter(d -> district.equals(d.path("orgUnit").asText())).findFirst().orElseThrow()
                .path("dataElements");
        assertThat(stream(row).filter(de -> element.equals(de.path("dataElement").asText())).findFirst().orElseThrow().path("reportId").asText())
                .isEqualTo(later);
    }

    @Test
    void acceptsACsvUpload() {
        int year = freshYear();
        String a = uniqueId("csv-a");
        String b = uniqueId("csv-b");
        Map<String, Double> va = valuesFor(1);
        Map<String, Double> vb = valuesFor(2);
        // as a spreadsheet writes it: byte-order mark, CRLF, a quoted cell, a header in another case
        StringBuilder csv = new StringBuilder("\uFEFF").append(CSV_HEADER.toUpperCase()).append("\r\n");
        va.forEach((de, v) -> csv.append(csvRow(a, districts.get(5), String.valueOf(year), de, "\"" + v + "\"", unitOf(de), "1")).append("\r\n"));
        vb.forEach((de, v) -> csv.append(csvRow(b, districts.get(6), String.valueOf(year), de, String.valueOf(v), "", "")).append("\r\n"));

        JsonNode answer = accepted(postCsv(csv.toString()), 201);
        assertThat(answer.isArray()).isTrue();
        assertThat(answer).hasSize(2);
        assertThat(answer.get(0).path("reportId").asText()).isEqualTo(a);
        assertThat(answer.get(0).path("status").asText()).isEqualTo("ACCEPTED");
        assertThat(answer.get(1).path("reportId").asText()).isEqualTo(b);
        assertIndicatorsAnswer(answer.get(0), districts.get(5), year, expectedOutputs(va));
        assertIndicatorsAnswer(answer.get(1), districts.get(6), year, expectedOutputs(vb));

        JsonNode history = getReport(a);
        JsonNode rev = history.path("revisions").get(0);
        assertThat(rev.path("channel").asText()).isEqualTo("CSV");
        assertThat(rev.path("orgUnit").asText()).isEqualTo(districts.get(5));
        assertThat(storedValues(rev)).containsExactlyInAnyOrderEntriesOf(va);

        // the minimal header (no unit, no revision column) is enough; the same content is a duplicate across channels
        StringBuilder minimal = new StringBuilder("report_id,source,district,period,data_element,value\n");
        vb.forEach((de, v) -> minimal.append(String.join(",", b, source(), districts.get(6), String.valueOf(year), de, String.valueOf(v))).append('\n'));
        JsonNode dup = accepted(postCsv(minimal.toString()), 200);
        assertThat(dup.get(0).path("status").asText()).isEqualTo("DUPLICATE");
        ObjectNode asJson = report(b, districts.get(6), String.valueOf(year), 1, vb);
        assertThat(accepted(postJson(asJson), 200).path("status").asText()).isEqualTo("DUPLICATE");
    }

    @Test
    void acceptsTenThousandValuesInOneCsvUpload() {
        int perReport = elements.size();
        int reportsNeeded = (10_000 + perReport - 1) / perReport;
        StringBuilder csv = new StringBuilder(CSV_HEADER).append('\n');
        int made = 0;
        String batch = UUID.randomUUID().toString().substring(0, 8);
        outer:
        for (int year = BULK_FIRST_YEAR; year <= BULK_LAST_YEAR; year++) {
            for (int month = 1; month <= 12; month++) {
                for (int d = 0; d < districts.size(); d++) {
                    if (made == reportsNeeded) {
                        break outer;
                    }
                    String id = "bulk/" + sector.code() + "/" + batch + "/" + made;
                    String period = YearMonth.of(year, month).toString();
                    for (Map.Entry<String, Double> e : valuesFor(d).entrySet()) {
                        csv.append(csvRow(id, districts.get(d), period, e.getKey(), String.valueOf(e.getValue() / 12), "", "")).append('\n');
                    }
                    made++;
                }
            }
        }
        assertThat(made).as("1990–1995 hold enough months for 10,000 values").isEqualTo(reportsNeeded);
        long started = System.nanoTime();
        JsonNode answer = accepted(postCsv(csv.toString()), 201);
        Duration took = Duration.ofNanos(System.nanoTime() - started);
        assertThat(answer).hasSize(reportsNeeded);
        assertThat(each(answer, "status")).containsOnly("ACCEPTED");
        assertThat(took).as("10,000 values are ingested in one request").isLessThan(Duration.ofSeconds(30));
    }

    @Test
    void ingestsAReportFromTheKafkaFeed() {
        int year = freshYear();
        String district = districts.get(7);
        String id = uniqueId("feed");
        Map<String, Double> values = validValues();
        kafka.send(feedTopic, id, report(id, district, String.valueOf(year), null, values).toString(), feedIdentity());

        JsonNode history = awaitReport(id);
        JsonNode rev = history.path("revisions").get(0);
        assertThat(rev.path("status").asText()).isEqualTo("CURRENT");
        assertThat(rev.path("channel").asText()).isEqualTo("KAFKA");
        assertThat(storedValues(rev)).containsExactlyInAnyOrderEntriesOf(values);
        Map<String, IndicatorValue> expected = expectedOutputs(values);
        assertIndicatorsAnswer(rev.path("result"), district, year, expected);
        assertEvents(awaitEvents(e -> id.equals(e.data().path("reportId").asText()), presentCount(expected)), district, year, expected, 1);

        // a feed message may carry a batch too
        String b1 = uniqueId("feed-batch");
        String b2 = uniqueId("feed-batch");
        ArrayNode batch = MAPPER.createArrayNode()
                .add(report(b1, districts.get(8), String.valueOf(year), null, valuesFor(8)))
                .add(report(b2, districts.get(9), String.valueOf(year), null, valuesFor(9)));
        kafka.send(feedTopic, b1, batch.toString(), feedIdentity());
        awaitReport(b1);
        awaitReport(b2);
    }

    // ------------------------------------------------------------------------------------------------------------
    // validation: every rule, each a 4xx problem naming the field, and nothing changes

    /** An invalid request and what the service must answer. */
    public record BadRequest(String name, String contentType, byte[] body, boolean chunked, int status, String field) {
        @Override
        public String toString() {
            return name;
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badRequests")
    void refusesAnInvalidRequestAndChangesNothing(BadRequest bad) {
        Snapshot before = settledSnapshot();
        Exchange answer = exchange("POST", REPORTS, bad.contentType(), bad.body(), bad.chunked());
        assertProblem(answer, bad.status(), bad.field());
        assertUnchanged(before);
    }

    protected Stream<BadRequest> badRequests() {
        List<BadRequest> cases = new ArrayList<>();
        Map<String, Double> values = validValues();
        String first = elements.get(0).code();
        YearMonth thisMonth = YearMonth.now(ZONE);
        LocalDate today = LocalDate.now(ZONE);

        Consumer<ObjectNode> none = r -> { };
        cases.add(jsonCase("unknown district", r -> r.put("orgUnit", "379999"), "orgUnit"));
        cases.add(jsonCase("district of another city", r -> r.put("orgUnit", "370102"), "orgUnit"));
        cases.add(jsonCase("the city code", r -> r.put("orgUnit", orgUnits.city().code()), "orgUnit"));
        cases.add(jsonCase("a district group", r -> r.put("orgUnit", orgUnits.groups().get(0).code()), "orgUnit"));
        cases.add(jsonCase("district as a number", r -> r.put("orgUnit", Integer.parseInt(districts.get(0))), "orgUnit"));
        cases.add(jsonCase("period 2024Q5", r -> r.put("period", "2024Q5"), "period"));
        cases.add(jsonCase("period 2024-13", r -> r.put("period", "2024-13"), "period"));
        cases.add(jsonCase("period 2024-00", r -> r.put("period", "2024-00"), "period"));
        cases.add(jsonCase("period not a period", r -> r.put("period", "last year"), "period"));
        cases.add(jsonCase("period year 1066", r -> r.put("period", "1066"), "period"));
        cases.add(jsonCase("future year", r -> r.put("period", String.valueOf(today.getYear() + 1)), "period"));
        cases.add(jsonCase("future month", r -> r.put("period", thisMonth.plusMonths(1).toString()), "period"));
        int nextQuarterStart = ((thisMonth.getMonthValue() - 1) / 3 + 1) * 3 + 1;
        YearMonth nq = YearMonth.of(thisMonth.getYear(), 1).plusMonths(nextQuarterStart - 1L);
        cases.add(jsonCase("future quarter", r -> r.put("period", nq.getYear() + "Q" + ((nq.getMonthValue() - 1) / 3 + 1)), "period"));
        cases.add(jsonCase("data element of another sector", r -> value(r, 0).put("dataElement", foreign.code()), "values[0].dataElement"));
        cases.add(jsonCase("unknown data element", r -> value(r, 0).put("dataElement", sector.code() + ".no.such.element"), "values[0].dataElement"));
        cases.add(jsonCase("missing data element", r -> value(r, 0).remove("dataElement"), "values[0].dataElement"));
        cases.add(jsonCase("missing value", r -> value(r, 0).remove("value"), "values[0].value"));
        cases.add(jsonCase("null value", r -> value(r, 0).putNull("value"), "values[0].value"));
        cases.add(jsonCase("non-numeric value", r -> value(r, 0).put("value", "12a"), "values[0].value"));
        cases.add(jsonCase("numeric string value", r -> value(r, 0).put("value", "12"), "values[0].value"));
        cases.add(jsonCase("boolean value", r -> value(r, 0).put("value", true), "values[0].value"));
        cases.add(jsonCase("negative value", r -> value(r, 0).put("value", -1.5), "values[0].value"));
        cases.add(jsonCase("NaN (as a string)", r -> value(r, 0).put("value", "NaN"), "values[0].value"));
        cases.add(jsonCase("Infinity (as a string)", r -> value(r, 0).put("value", "Infinity"), "values[0].value"));
        cases.add(jsonCase("-Infinity (as a string)", r -> value(r, 0).put("value", "-Infinity"), "values[0].value"));
        cases.add(rawJsonCase("1e400 (overflows to infinity)", replaceFirstValue(values, "1e400"), "values[0].value"));
        cases.add(rawJsonCase("-1e400", replaceFirstValue(values, "-1e400"), "values[0].value"));
        cases.add(rawJsonCase("NaN token (not JSON)", replaceFirstValue(values, "NaN"), "body"));
        cases.add(jsonCase("implausibly large value", r -> value(r, 0).put("value", 1e300), "values[0].value"));
        int second = elements.size() > 1 ? 1 : 0;
        cases.add(jsonCase("duplicated data element", r -> value(r, second).put("dataElement", first), "values[" + second + "].dataElement"));
        for (PartOfWholeRule rule : rules) {
            int part = index(rule.part());
            double whole = values.get(rule.whole());
            cases.add(jsonCase("part larger than whole: " + rule.id(), r -> value(r, part).put("value", whole * 1.5 + 1), "values[" + part + "].value"));
        }
        cases.add(jsonCase("unit not of the data element", r -> value(r, 0).put("unit", "furlongs"), "values[0].unit"));
        cases.add(jsonCase("unit of another data element", r -> value(r, 0).put("unit", foreignUnit(elements.get(0))), "values[0].unit"));
        cases.add(jsonCase("unit not a string", r -> value(r, 0).put("unit", 7), "values[0].unit"));
        cases.add(jsonCase("unknown field", r -> r.put("comment", "hello"), "comment"));
        cases.add(jsonCase("unknown field in a value", r -> value(r, 0).put("note", "hello"), "values[0].note"));
        cases.add(jsonCase("missing report id", r -> r.remove("reportId"), "reportId"));
        cases.add(jsonCase("report id with spaces", r -> r.put("reportId", "a report"), "reportId"));
        cases.add(jsonCase("report id too long", r -> r.put("reportId", "r".repeat(201)), "reportId"));
        cases.add(jsonCase("missing source", r -> r.remove("source"), "source"));
        cases.add(jsonCase("missing district", r -> r.remove("orgUnit"), "orgUnit"));
        cases.add(jsonCase("missing period", r -> r.remove("period"), "period"));
        cases.add(jsonCase("missing values", r -> r.remove("values"), "values"));
        cases.add(jsonCase("empty values", r -> r.putArray("values"), "values"));
        cases.add(jsonCase("values not an array", r -> r.put("values", "many"), "values"));
        cases.add(jsonCase("revision 0", r -> r.put("revision", 0), "revision"));
        cases.add(jsonCase("revision not a number", r -> r.put("revision", "two"), "revision"));
        cases.add(jsonCase("revision fractional", r -> r.put("revision", 1.5), "revision"));
        ObjectNode valid = baseReport(uniqueId("never-stored"), values);
        ObjectNode invalid = baseReport(uniqueId("never-stored"), values).put("orgUnit", "379999");
        cases.add(json("batch: one valid report, one invalid (all or nothing)", MAPPER.createArrayNode().add(valid).add(invalid), "[1].orgUnit"));
        cases.add(json("batch: the same report twice", MAPPER.createArrayNode().add(valid).add(valid), "[1].reportId"));
        cases.add(json("batch: not a report", MAPPER.createArrayNode().add(valid).add("text"), "[1]"));
        cases.add(json("empty batch", MAPPER.createArrayNode(), "body"));
        cases.add(bytes("broken JSON", JSON, "{\"reportId\": \"x\", \"values\": [".getBytes(StandardCharsets.UTF_8), 400, "body"));
        cases.add(bytes("JSON followed by garbage", JSON, (valid + " trailing").getBytes(StandardCharsets.UTF_8), 400, "body"));
        cases.add(bytes("two JSON documents", JSON, (valid.toString() + valid).getBytes(StandardCharsets.UTF_8), 400, "body"));
        cases.add(bytes("duplicate JSON key", JSON, "{\"reportId\": \"a\", \"reportId\": \"b\"}".getBytes(StandardCharsets.UTF_8), 400, "body"));
        cases.add(bytes("JSON null", JSON, "null".getBytes(StandardCharsets.UTF_8), 400, "body"));
        cases.add(bytes("JSON string", JSON, "\"report\"".getBytes(StandardCharsets.UTF_8), 400, "body"));
        cases.add(bytes("empty JSON body", JSON, new byte[0], 400, "body"));
        cases.add(bytes("JSON not UTF-8", JSON, notUtf8(valid.toString()), 400, "body"));

        String year = "2020";
        String d = districts.get(0);
        String row = csvRow("csv-never-stored", d, year, first, "1", "", "");
        cases.add(csv("CSV missing the value column", "report_id,source,district,period,data_element\ncsv-x," + source() + "," + d + "," + year + "," + first + "\n", "line 1"));
        cases.add(csv("CSV unknown column", CSV_HEADER + ",colour\n" + row + ",red\n", "line 1"));
        cases.add(csv("CSV unclosed quote", CSV_HEADER + "\n" + csvRow("csv-x", d, year, first, "\"12", "", "") + "\n" + row + "\n", "line 2"));
        cases.add(csv("CSV header only", CSV_HEADER + "\n", "body"));
        cases.add(csv("CSV empty", "", "body"));
        cases.add(csv("CSV non-numeric value", CSV_HEADER + "\n" + csvRow("csv-x", d, year, first, "12a", "", "") + "\n", "line 2: value"));
        cases.add(csv("CSV NaN", CSV_HEADER + "\n" + csvRow("csv-x", d, year, first, "NaN", "", "") + "\n", "line 2: value"));
        cases.add(csv("CSV negative value", CSV_HEADER + "\n" + csvRow("csv-x", d, year, first, "-3", "", "") + "\n", "line 2: value"));
        cases.add(csv("CSV missing value", CSV_HEADER + "\n" + csvRow("csv-x", d, year, first, "", "", "") + "\n", "line 2: value"));
        cases.add(csv("CSV unknown district", CSV_HEADER + "\n" + csvRow("csv-x", "379999", year, first, "1", "", "") + "\n", "line 2: district"));
        cases.add(csv("CSV future period", CSV_HEADER + "\n" + csvRow("csv-x", d, String.valueOf(today.getYear() + 1), first, "1", "", "") + "\n",
                "line 2: period"));
        cases.add(csv("CSV data element of another sector", CSV_HEADER + "\n" + csvRow("csv-x", d, year, foreign.code(), "1", "", "") + "\n",
                "line 2: data_element"));
        cases.add(csv("CSV wrong unit", CSV_HEADER + "\n" + csvRow("csv-x", d, year, first, "1", "furlongs", "") + "\n", "line 2: unit"));
        cases.add(csv("CSV bad revision", CSV_HEADER + "\n" + csvRow("csv-x", d, year, first, "1", "", "two") + "\n", "line 2: revision"));
        cases.add(csv("CSV too many cells", CSV_HEADER + "\n" + row + "\n" + row + ",extra\n", "line 3"));
        cases.add(csv("CSV rows of one report disagree on the district",
                CSV_HEADER + "\n" + row + "\n" + csvRow("csv-never-stored", districts.get(1), year, elements.get(second).code(), "1", "", "") + "\n",
                "line 3"));
        cases.add(csv("CSV duplicated data element", CSV_HEADER + "\n" + row + "\n" + row + "\n", "line 3: data_element"));
        if (!rules.isEmpty()) {
            PartOfWholeRule rule = rules.get(0);
            cases.add(csv("CSV part larger than whole: " + rule.id(), CSV_HEADER + "\n"
                    + csvRow("csv-x", d, year, rule.whole(), "10", "", "") + "\n"
                    + csvRow("csv-x", d, year, rule.part(), "11", "", "") + "\n", "line 3: value"));
        }
        cases.add(bytes("CSV not UTF-8", CSV, notUtf8(CSV_HEADER + "\n" + row + "\n"), 400, "body"));

        int maxValues = config().getOptionalValue("synergy.sector.max-values", Integer.class).orElse(50_000);
        StringBuilder many = new StringBuilder(CSV_HEADER).append('\n');
        for (int i = 0; i <= maxValues; i++) {
            many.append("m").append(i).append(',').append(source()).append(',').append(d).append(",2020,").append(first).append(",1,,\n");
        }
        cases.add(new BadRequest("more values than allowed in one request", CSV, many.toString().getBytes(StandardCharsets.UTF_8), false, 413, "body"));

        long limit = maxBodyBytes();
        cases.add(new BadRequest("body one byte over the limit", JSON, padded(valid, limit + 1), false, 413, "body"));
        cases.add(new BadRequest("10 MB body", JSON, padded(valid, 10L * 1024 * 1024), false, 413, "body"));
        cases.add(new BadRequest("10 MB body, chunked", JSON, padded(valid, 10L * 1024 * 1024), true, 413, "body"));
        cases.add(new BadRequest("10 MB CSV, chunked", CSV, padded(CSV_HEADER + "\n" + row + "\n", 10L * 1024 * 1024), true, 413, "body"));

        byte[] validBytes = valid.toString().getBytes(StandardCharsets.UTF_8);
        cases.add(bytes("text/plain", "text/plain", validBytes, 415, "Content-Type"));
        cases.add(bytes("application/xml", "application/xml", "<report/>".getBytes(StandardCharsets.UTF_8), 415, "Content-Type"));
        cases.add(bytes("form data", "application/x-www-form-urlencoded", "a=b".getBytes(StandardCharsets.UTF_8), 415, "Content-Type"));
        cases.add(bytes("no content type", null, validBytes, 415, "Content-Type"));
        cases.add(bytes("unknown charset", JSON + "; charset=no-such-charset", validBytes, 415, "Content-Type"));
        return cases.stream();
    }

    private BadRequest jsonCase(String name, Consumer<ObjectNode> mutation, String field) {
        ObjectNode r = baseReport(uniqueId("invalid"), validValues());
        mutation.accept(r);
        return json(name, r, field);
    }

    private BadRequest json(String name, JsonNode body, String field) {
        return bytes(name, JSON, body.toString().getBytes(StandardCharsets.UTF_8), 400, field);
    }

    private BadRequest rawJsonCase(String name, String body, String field) {
        return bytes(name, JSON, body.getBytes(StandardCharsets.UTF_8), 400, field);
    }

    private BadRequest csv(String name, String body, String field) {
        return bytes(name, CSV, body.getBytes(StandardCharsets.UTF_8), 400, field);
    }

    private static BadRequest bytes(String name, String contentType, byte[] body, int status, String field) {
        return new BadRequest(name, contentType, body, false, status, field);
    }

    private ObjectNode baseReport(String id, Map<String, Double> values) {
        return report(id, districts.get(0), "2020", null, values);
    }

    /** The base report's JSON with the first value's number replaced by a literal JSON cannot carry as a double. */
    private String replaceFirstValue(Map<String, Double> values, String literal) {
        ObjectNode r = baseReport(uniqueId("invalid"), values);
        value(r, 0).put("value", "__LITERAL__");
        return r.toString().replace("\"__LITERAL__\"", literal);
    }

    private static ObjectNode value(ObjectNode report, int i) {
        return (ObjectNode) report.path("values").get(i);
    }

    private int index(String code) {
        return IntStream.range(0, elements.size()).filter(i -> elements.get(i).code().equals(code)).findFirst().orElseThrow();
    }

    /** A unit that some other data element accepts but this one does not. */
    private String foreignUnit(DataElement de) {
        return catalogue.dataElements().stream().map(DataElement::unit)
                .filter(u -> de.factorFor(u).isEmpty()).findFirst().orElse("furlongs");
    }

    private static byte[] notUtf8(String text) {
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        int at = Math.min(12, utf8.length);
        byte[] out = new byte[utf8.length + 2];
        System.arraycopy(utf8, 0, out, 0, at);
        out[at] = (byte) 0xC3; // a lead byte followed by no continuation byte
        out[at + 1] = (byte) 0x28;
        System.arraycopy(utf8, at, out, at + 2, utf8.length - at);
        return out;
    }

    private static byte[] padded(Object start, long size) {
        byte[] head = start.toString().getBytes(StandardCharsets.UTF_8);
        byte[] out = new byte[(int) size];
        System.arraycopy(head, 0, out, 0, head.length);
        Arrays.fill(out, head.length, out.length, (byte) ' ');
        return out;
    }

    protected long maxBodyBytes() {
        return config().getOptionalValue("synergy.sector.max-body-bytes", Long.class).orElse(8L * 1024 * 1024);
    }

    // ------------------------------------------------------------------------------------------------------------
    // HTTP limits and errors

    @Test
    void acceptsABodyOfExactlyTheLimit() {
        int year = freshYear();
        String id = uniqueId("at-limit");
        byte[] body = padded(report(id, districts.get(0), String.valueOf(year), null, validValues()), maxBodyBytes());
        assertThat((long) body.length).isEqualTo(maxBodyBytes());
        Exchange chunked = exchange("POST", REPORTS, JSON, body, true);
        assertThat(chunked.status()).as(chunked.text()).isEqualTo(201);
        Exchange sized = exchange("POST", REPORTS, JSON, body, false);
        assertThat(sized.status()).as(sized.text()).isEqualTo(200);
        assertThat(sized.json().path("status").asText()).isEqualTo("DUPLICATE");
    }

    @Test
    void refusesABodyAboveTheServersHardLimitAsAProblem() throws IOException {
        long hard = config().getOptionalValue("quarkus.http.limits.max-body-size", String.class).map(SectorServiceContract::bytesOf)
                .orElse(10L * 1024 * 1024);
        Snapshot before = settledSnapshot();
        // the server answers from the headers: a client that asks before sending (Expect: 100-continue) gets the problem
        try (Socket socket = new Socket("localhost", RestAssured.port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST " + REPORTS + " HTTP/1.1\r\nHost: localhost\r\nAuthorization: " + auth.header()
                    + "\r\nContent-Type: application/json\r\nContent-Length: " + (hard + 1)
                    + "\r\nExpect: 100-continue\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            String[] parts = response.split("\r\n\r\n", 2);
            assertThat(parts[0]).startsWith("HTTP/1.1 413");
            assertThat(parts[0].toLowerCase()).contains("content-type: application/problem+json");
            JsonNode problem = MAPPER.readTree(parts[1]);
            assertThat(problem.path("status").asInt()).isEqualTo(413);
            assertThat(problem.findValuesAsText("field")).contains("body");
        }
        assertUnchanged(before);
    }

    @Test
    void answersEveryHttpErrorAsAProblem() {
        assertProblem(exchange("GET", "/no/such/path", null, null, false), 404, null);
        assertProblem(exchange("GET", "/api/v1/no-such-resource", null, null, false), 404, null);
        assertProblem(exchange("GET", REPORTS + "/" + uniqueId("unknown"), null, null, false), 404, null);
        assertProblem(exchange("DELETE", REPORTS, null, null, false), 405, null);
        assertProblem(exchange("PUT", "/api/v1/catalog", JSON, "{}".getBytes(StandardCharsets.UTF_8), false), 405, null);
        Exchange notAcceptable = send(HttpRequest.newBuilder(uri("/api/v1/catalog")).header("Accept", "application/xml").GET().build());
        assertProblem(notAcceptable, 406, "Accept");
        assertProblem(exchange("GET", "/api/v1/indicators", null, null, false), 400, "period");
        assertProblem(exchange("GET", "/api/v1/indicators?period=2024Q5", null, null, false), 400, "period");
        assertProblem(exchange("GET", "/api/v1/indicators?period=2024-13", null, null, false), 400, "period");
        assertProblem(exchange("GET", "/api/v1/indicators?period=2024&district=379999", null, null, false), 400, "district");
        assertProblem(exchange("GET", "/api/v1/completeness?period=soon", null, null, false), 400, "period");
    }

    @Test
    void describesItselfAndIsReady() {
        JsonNode catalog = json(given().get("/api/v1/catalog").then().statusCode(200).extract().response());
        assertThat(catalog.path("sector").asText()).isEqualTo(sector.code());
        assertThat(each(catalog.path("dataElements"), "code")).containsExactlyElementsOf(elements.stream().map(DataElement::code).toList());
        assertThat(each(catalog.path("indicators"), "id")).containsExactlyElementsOf(indicators.stream().map(Indicator::id).toList());
        assertThat(each(catalog.path("rules"), "id")).containsExactlyElementsOf(rules.stream().map(PartOfWholeRule::id).toList());
        // ready means the database and Kafka are reachable (after a broker outage test, once the clients reconnected)
        await().atMost(WAIT).pollInterval(Duration.ofMillis(200)).until(() -> given().get("/q/health/ready").statusCode() == 200);
        String openapi = given().get("/q/openapi").then().statusCode(200).extract().asString();
        assertThat(openapi).contains(REPORTS, "/api/v1/indicators", "/api/v1/completeness", "/api/v1/catalog");
    }

    // ------------------------------------------------------------------------------------------------------------
    // idempotency and revisions

    @Test
    void recognisesADuplicate() {
        int year = freshYear();
        String id = uniqueId("duplicate");
        ObjectNode r = report(id, districts.get(1), String.valueOf(year), null, validValues());
        JsonNode original = accepted(postJson(r), 201);
        awaitEvents(e -> id.equals(e.data().path("reportId").asText()), presentCount(expectedOutputs(validValues())));

        Snapshot before = settledSnapshot();
        JsonNode again = accepted(postJson(r.deepCopy().put("revision", 1)), 200);
        assertThat(again.path("status").asText()).isEqualTo("DUPLICATE");
        assertThat(again.path("reportId").asText()).isEqualTo(id);
        assertThat(again.path("indicators")).as("the original indicators").isEqualTo(original.path("indicators"));
        assertUnchanged(before);
        assertThat(getReport(id).path("revisions")).hasSize(1);
    }

    @Test
    void refusesConflictingContentUnderTheSameRevision() {
        int year = freshYear();
        String id = uniqueId("conflict");
        Map<String, Double> values = validValues();
        accepted(postJson(report(id, districts.get(2), String.valueOf(year), 1, values)), 201);

        Snapshot before = settledSnapshot();
        Map<String, Double> other = new LinkedHashMap<>(values);
        other.put(wholeOrFirst(), values.get(wholeOrFirst()) + 1);
        Exchange conflict = exchange("POST", REPORTS, JSON, bytes(report(id, districts.get(2), String.valueOf(year), 1, other)), false);
        assertProblem(conflict, 409, "revision");
        // all or nothing: a new report in the same batch as a conflict is not stored either
        String innocent = uniqueId("conflict-batch");
        ArrayNode batch = MAPPER.createArrayNode()
                .add(report(innocent, districts.get(3), String.valueOf(year), null, values))
                .add(report(id, districts.get(2), String.valueOf(year), 1, other));
        assertProblem(exchange("POST", REPORTS, JSON, bytes(batch), false), 409, "[1].revision");
        assertUnchanged(before);
        JsonNode history = getReport(id);
        assertThat(history.path("revisions")).hasSize(1);
        assertThat(storedValues(history.path("revisions").get(0))).containsExactlyInAnyOrderEntriesOf(values);
        given().get(REPORTS + "/" + innocent).then().statusCode(404);
    }

    @Test
    void aHigherRevisionSupersedes() {
        int year = freshYear();
        String district = districts.get(3);
        String id = uniqueId("revised");
        Map<String, Double> v1 = validValues();
        accepted(postJson(report(id, district, String.valueOf(year), null, v1)), 201);
        awaitEvents(e -> id.equals(e.data().path("reportId").asText()), presentCount(expectedOutputs(v1)));

        // revision 2 changes every value and drops one data element altogether
        Map<String, Double> v2 = valuesFor(6);
        String dropped = published.isEmpty() ? elements.get(elements.size() - 1).code() : published.get(0).code();
        v2.remove(dropped);
        JsonNode answer = accepted(postJson(report(id, district, String.valueOf(year), 2, v2)), 201);
        assertThat(answer.path("status").asText()).isEqualTo("REVISED");
        assertThat(answer.path("revision").asInt()).isEqualTo(2);
        Map<String, IndicatorValue> expected = expectedOutputs(v2);
        assertIndicatorsAnswer(answer, district, year, expected);

        JsonNode history = getReport(id);
        assertThat(history.path("currentRevision").asInt()).isEqualTo(2);
        assertThat(each(history.path("revisions"), "revision")).containsExactly("2", "1");
        assertThat(each(history.path("revisions"), "status")).containsExactly("CURRENT", "SUPERSEDED");
        assertThat(storedValues(history.path("revisions").get(0))).containsExactlyInAnyOrderEntriesOf(v2);
        assertThat(storedValues(history.path("revisions").get(1))).containsExactlyInAnyOrderEntriesOf(v1);

        // the new values win everywhere: the read API and the events (revision 2 of each changed value)
        assertDistrictIndicators(indicatorsOf(String.valueOf(year), district), district, expected);
        List<Event> events = awaitEvents(e -> id.equals(e.data().path("reportId").asText()) && e.data().path("revision").asLong() == 2,
                expected.size());
        Map<String, JsonNode> latest = events.stream().collect(Collectors.toMap(e -> e.data().path("code").asText(), Event::data, (a, b) -> b));
        expected.forEach((code, v) -> {
            assertThat(latest).containsKey(code);
            assertNumber(latest.get(code).path("value"), v.value(), code + " value");
        });
        assertThat(latest.get(dropped).path("value").isNull()).as("%s was dropped by revision 2", dropped).isTrue();
    }

    @Test
    void aLateLowerRevisionIsIgnored() {
        int year = freshYear();
        String district = districts.get(4);
        String id = uniqueId("stale");
        Map<String, Double> v2 = validValues();
        accepted(postJson(report(id, district, String.valueOf(year), 2, v2)), 201);
        awaitEvents(e -> id.equals(e.data().path("reportId").asText()), presentCount(expectedOutputs(v2)));

        Snapshot before = settledSnapshot();
        JsonNode answer = accepted(postJson(report(id, district, String.valueOf(year), 1, valuesFor(7))), 200);
        assertThat(answer.path("status").asText()).isEqualTo("STALE");
        assertThat(answer.path("message").asText()).isNotBlank();
        Snapshot after = settledSnapshot();
        assertThat(after).as("only the history grew").isEqualTo(before.withReports(before.reports() + 1));

        JsonNode history = getReport(id);
        assertThat(history.path("currentRevision").asInt()).isEqualTo(2);
        assertThat(each(history.path("revisions"), "status")).containsExactly("CURRENT", "STALE");
        assertDistrictIndicators(indicatorsOf(String.valueOf(year), district), district, expectedOutputs(v2));
    }

    /**
     * A report's org unit and period are fixed by its first revision: a revision may correct its values, not move its
     * figures elsewhere (issue 13 — until then a revision could empty another district). On every channel, in a batch,
     * and for two revisions of a new report in one request.
     */
    @Test
    void aRevisionMayNotMoveTheReportToAnotherOrgUnitOrPeriod() {
        List<DistrictYear> slots = freshDistrictYears(2, 1);
        int year = slots.get(0).year();
        String from = slots.get(0).district();
        String to = slots.get(1).district();
        String id = uniqueId("fixed");
        Map<String, Double> values = validValues();
        accepted(postJson(report(id, from, String.valueOf(year), null, values)), 201);

        Snapshot before = settledSnapshot();
        Exchange moved = exchange("POST", REPORTS, JSON, bytes(report(id, to, String.valueOf(year), 2, values)), false);
        assertProblem(moved, 409, "orgUnit");
        assertThat(moved.json().path("type").asText()).endsWith("/report-scope-fixed");
        assertThat(each(moved.json().path("errors"), "message")).anySatisfy(m -> assertThat(m).contains(id, from, to));
        assertProblem(exchange("POST", REPORTS, JSON, bytes(report(id, from, year + "Q1", 2, values)), false), 409, "period");
        ArrayNode batch = MAPPER.createArrayNode().add(report(uniqueId("fixed-innocent"), to, String.valueOf(year), null, values))
                .add(report(id, to, String.valueOf(year), 3, values));
        assertProblem(exchange("POST", REPORTS, JSON, bytes(batch), false), 409, "[1].orgUnit");
        String fresh = uniqueId("fixed-new");
        ArrayNode twoPlaces = MAPPER.createArrayNode().add(report(fresh, from, String.valueOf(year), 1, values))
                .add(report(fresh, to, String.valueOf(year), 2, values));
        assertProblem(exchange("POST", REPORTS, JSON, bytes(twoPlaces), false), 409, "[1].orgUnit");
        StringBuilder csv = new StringBuilder(CSV_HEADER).append('\n');
        values.forEach((de, v) -> csv.append(csvRow(id, to, String.valueOf(year), de, String.valueOf(v), "", "2")).append('\n'));
        assertProblem(exchange("POST", REPORTS, CSV, csv.toString().getBytes(StandardCharsets.UTF_8), false), 409, "line 2: district");
        assertUnchanged(before);
        JsonNode history = getReport(id);
        assertThat(history.path("revisions")).hasSize(1);
        assertThat(history.path("revisions").get(0).path("orgUnit").asText()).isEqualTo(from);
        JsonNode all = indicators(String.valueOf(year), null);
        assertDistrictIndicators(all, from, expectedOutputs(values));
        Map<String, IndicatorValue> none = new LinkedHashMap<>();
        expectedOutputs(values).keySet().forEach(k -> none.put(k, IndicatorValue.NONE));
        assertDistrictIndicators(all, to, none);

        // a revision that keeps them is welcome
        JsonNode revised = accepted(postJson(report(id, from, String.valueOf(year), 2, valuesFor(2))), 201);
        assertThat(revised.path("status").asText()).isEqualTo("REVISED");
        assertDistrictIndicators(indicatorsOf(String.valueOf(year), from), from, expectedOutputs(valuesFor(2)));
    }

    /** Every revision records who sent it (the token's subject) and through which channel; the history shows both. */
    @Test
    void theHistoryShowsWhoSentEachRevisionAndThroughWhichChannel() {
        DistrictYear slot = freshDistrictYear();
        int year = slot.year();
        String district = slot.district();
        String id = uniqueId("sent-by");
        accepted(postJson(report(id, district, String.valueOf(year), 1, validValues())), 201);
        String limited = TestTokens.bearer(TestTokens.tokenForDistricts(List.of(district), "feed:" + sector.code()));
        StringBuilder csv = new StringBuilder(CSV_HEADER).append('\n');
        valuesFor(1).forEach((de, v) -> csv.append(csvRow(id, district, String.valueOf(year), de, String.valueOf(v), "", "2")).append('\n'));
        Response viaCsv = given().header("Authorization", limited).contentType(CSV).body(csv.toString().getBytes(StandardCharsets.UTF_8)).post(REPORTS);
        accepted(viaCsv, 201);
        kafka.send(feedTopic, id, report(id, district, String.valueOf(year), 3, valuesFor(2)).toString(), feedIdentity());
        await().atMost(WAIT).until(() -> getReport(id).path("currentRevision").asInt() == 3);

        JsonNode revisions = getReport(id).path("revisions");
        assertThat(each(revisions, "revision")).containsExactly("3", "2", "1");
        assertThat(each(revisions, "channel")).containsExactly("KAFKA", "CSV", "REST");
        String writer = "test-feed:" + sector.code() + "+reader";
        assertThat(each(revisions, "sentBy")).containsExactly(writer, "test-district-writer", writer);
    }

    @Test
    void concurrentSubmissionsAreConsistent() throws Exception {
        int year = freshYear();
        ExecutorService pool = Executors.newFixedThreadPool(6);
        try {
            // the same new report six times at once: stored once, the others are duplicates
            String id = uniqueId("concurrent");
            byte[] body = bytes(report(id, districts.get(2), String.valueOf(year), null, validValues()));
            List<Future<Exchange>> same = new ArrayList<>();
            for (int i = 0; i < 6; i++) {
                same.add(pool.submit(() -> exchange("POST", REPORTS, JSON, body, false)));
            }
            List<Integer> statuses = new ArrayList<>();
            for (Future<Exchange> f : same) {
                statuses.add(f.get(60, TimeUnit.SECONDS).status());
            }
            assertThat(statuses).containsOnly(201, 200).containsOnlyOnce(201);
            assertThat(getReport(id).path("revisions")).hasSize(1);

            // the twelve months of one district-year at once: the year adds up, and each value's events are in order
            String district = districts.get(3);
            Map<String, Double> month = valuesFor(4);
            List<Future<Exchange>> months = new ArrayList<>();
            List<String> ids = new ArrayList<>();
            for (int m = 1; m <= 12; m++) {
                String mid = uniqueId("concurrent-m" + m);
                ids.add(mid);
                byte[] b = bytes(report(mid, district, YearMonth.of(year, m).toString(), null, month));
                months.add(pool.submit(() -> exchange("POST", REPORTS, JSON, b, false)));
            }
            for (Future<Exchange> f : months) {
                Exchange e = f.get(60, TimeUnit.SECONDS);
                assertThat(e.status()).as(e.text()).isEqualTo(201);
            }
            Map<String, IndicatorValue> expected = expectedOutputs(scaled(month, 12));
            assertDistrictIndicators(indicatorsOf(String.valueOf(year), district), district, expected);
            List<Event> events = awaitEvents(e -> ids.contains(e.data().path("reportId").asText())
                    && e.data().path("complete").asBoolean(), presentCount(expected));
            Map<String, List<Long>> revisions = new HashMap<>();
            List<Event> all = awaitEvents(e -> ids.contains(e.data().path("reportId").asText()), events.size());
            for (Event e : all) {
                revisions.computeIfAbsent(e.record().key(), k -> new ArrayList<>()).add(e.data().path("revision").asLong());
            }
            revisions.forEach((key, revs) -> assertThat(revs).as("revisions of %s, in partition order", key).isSorted().doesNotHaveDuplicates());
            for (Event e : events) {
                assertNumber(e.data().path("value"), expected.get(e.data().path("code").asText()).value(), e.data().path("code").asText());
            }
        } finally {
            pool.shutdownNow();
        }
    }

    // ------------------------------------------------------------------------------------------------------------
    // Kafka: dead letters, and an outage of the broker

    @Test
    void poisonMessagesGoToTheDeadLetterTopicAndTheFeedCarriesOn() {
        int year = freshYear();
        String key = uniqueId("poison-key");
        String broken = uniqueId("poison-broken");
        String invalid = uniqueId("poison-invalid");
        String good = uniqueId("poison-good");
        // one key: one partition, so the good message comes after the poison
        kafka.send(feedTopic, key, "{\"reportId\": \"" + broken + "\", \"values\": [", feedIdentity());
        kafka.send(feedTopic, key, report(invalid, "379999", String.valueOf(year), null, validValues()).toString(), feedIdentity());
        kafka.sendBytes(feedTopic, key, null, feedIdentity());
        kafka.send(feedTopic, key, report(good, districts.get(5), String.valueOf(year), null, validValues()).toString(), feedIdentity());

        awaitReport(good);
        List<Received> dead = kafka.readUntil(Topics.feedDeadLetters(sector),
                seen -> seen.stream().filter(r -> key.equals(r.key())).count() >= 3, WAIT);
        Received brokenDead = dead.stream().filter(r -> r.value() != null && r.value().contains(broken)).findFirst().orElseThrow();
        Received invalidDead = dead.stream().filter(r -> r.value() != null && r.value().contains(invalid)).findFirst().orElseThrow();
        Received emptyDead = dead.stream().filter(r -> key.equals(r.key()) && r.value() == null).findFirst().orElseThrow();
        assertThat(brokenDead.headers().get("dead-letter-reason")).containsIgnoringCase("malformed JSON");
        assertThat(invalidDead.headers().get("dead-letter-reason")).contains("orgUnit").contains("379999");
        assertThat(emptyDead.headers().get("dead-letter-reason")).containsIgnoringCase("empty");
        for (Received r : List.of(brokenDead, invalidDead, emptyDead)) {
            assertThat(r.key()).isEqualTo(key);
            assertThat(r.headers()).containsEntry("dead-letter-topic", feedTopic);
        }
        given().get(REPORTS + "/" + invalid).then().statusCode(404);
        given().get(REPORTS + "/" + broken).then().statusCode(404);
    }

    // ------------------------------------------------------------------------------------------------------------
    // access control: who may write and read (MicroProfile JWT; docs/security.md)

    private String otherSectorRole() {
        return "feed:" + java.util.Arrays.stream(Sector.values()).filter(s -> s != sector).findFirst().orElseThrow().code();
    }

    private Response postAs(String authorization, JsonNode body) {
        return given().header("Authorization", authorization).contentType(JSON).body(bytes(body)).post(REPORTS);
    }

    @Test
    void writesWithoutAValidTokenAre401AndChangeNothing() {
        JsonNode body = report(uniqueId("no-token"), districts.get(0), String.valueOf(freshYear()), null, validValues());
        Snapshot before = settledSnapshot();
        for (String authorization : List.of(DefaultAuthorization.NONE, "Bearer not-a-jwt", "Basic dXNlcjpwYXNz",
                TestTokens.bearer(TestTokens.expired("feed:" + sector.code())),
                TestTokens.bearer(TestTokens.signedByStranger("feed:" + sector.code())))) {
            Response r = postAs(authorization, body);
            assertThat(r.statusCode()).as("%s → %s", authorization, r.asString()).isEqualTo(401);
            assertThat(r.contentType()).startsWith(PROBLEM);
            assertThat(r.header("WWW-Authenticate")).startsWith("Bearer");
            assertThat(json(r).findValuesAsText("field")).contains("Authorization");
        }
        assertUnchanged(before);
    }

    @Test
    void writesNeedThisSectorsFeedRole() {
        JsonNode body = report(uniqueId("wrong-role"), districts.get(0), String.valueOf(freshYear()), null, validValues());
        Snapshot before = settledSnapshot();
        for (String role : List.of(otherSectorRole(), "reader", "ops")) {
            Response r = postAs(TestTokens.bearer(TestTokens.token(role)), body);
            assertThat(r.statusCode()).as("%s → %s", role, r.asString()).isEqualTo(403);
            assertThat(r.contentType()).startsWith(PROBLEM);
        }
        assertUnchanged(before);
    }

    @Test
    void aTokenLimitedToDistrictsWritesOnlyThoseDistricts() {
        int year = freshYear();
        String own = districts.get(1);
        String other = districts.get(2);
        String token = TestTokens.bearer(TestTokens.tokenForDistricts(List.of(own), "feed:" + sector.code()));
        Snapshot before = settledSnapshot();
        ArrayNode batch = MAPPER.createArrayNode();
        batch.add(report(uniqueId("own-district"), own, String.valueOf(year), null, validValues()));
        batch.add(report(uniqueId("other-district"), other, String.valueOf(year), null, validValues()));
        Response refused = postAs(token, batch);
        assertThat(refused.statusCode()).as(refused.asString()).isEqualTo(403);
        assertThat(json(refused).findValuesAsText("field")).containsExactly("[1].orgUnit");
        assertUnchanged(before); // the batch is refused as a whole: the report for its own district is not stored either
        accepted(postAs(token, report(uniqueId("own-district"), own, String.valueOf(year), null, validValues())), 201);
    }

    @Test
    void readsNeedReaderOrThisSectorsRoleWhileHealthAndMetricsStayOpen() {
        String path = "/api/v1/indicators?period=" + freshYear();
        given().header("Authorization", DefaultAuthorization.NONE).get(path).then().statusCode(401).contentType(PROBLEM);
        given().header("Authorization", TestTokens.bearer(TestTokens.token(otherSectorRole()))).get(path).then().statusCode(403);
        given().header("Authorization", TestTokens.bearer(TestTokens.token("reader"))).get(path).then().statusCode(200);
        given().header("Authorization", TestTokens.bearer(TestTokens.token("reader"))).get("/api/v1/catalog").then().statusCode(200);
        for (String open : List.of("/q/health/ready", "/q/health/live", "/q/metrics", "/q/openapi")) {
            given().header("Authorization", DefaultAuthorization.NONE).get(open).then().statusCode(200);
        }
    }

    @Test
    void feedMessagesFromSystemsThatMayNotWriteGoToTheDeadLetterTopic() {
        int year = freshYear();
        String key = uniqueId("identity-key");
        String anonymous = uniqueId("feed-anonymous");
        String stranger = uniqueId("feed-other-sector");
        String outsider = uniqueId("feed-other-district");
        String good = uniqueId("feed-identified");
        kafka.send(feedTopic, key, report(anonymous, districts.get(3), String.valueOf(year), null, validValues()).toString(), Map.of());
        kafka.send(feedTopic, key, report(stranger, districts.get(3), String.valueOf(year), null, validValues()).toString(),
                Map.of("authorization", TestTokens.bearer(TestTokens.token(otherSectorRole()))));
        kafka.send(feedTopic, key, report(outsider, districts.get(3), String.valueOf(year), null, validValues()).toString(),
                Map.of("authorization", TestTokens.bearer(TestTokens.tokenForDistricts(List.of(districts.get(4)), "feed:" + sector.code()))));
        kafka.send(feedTopic, key, report(good, districts.get(3), String.valueOf(year), null, validValues()).toString(), feedIdentity());

        awaitReport(good);
        List<Received> dead = kafka.readUntil(Topics.feedDeadLetters(sector),
                seen -> seen.stream().filter(r -> key.equals(r.key())).count() >= 3, WAIT);
        java.util.function.Function<String, String> reasonOf = id -> dead.stream().filter(r -> r.value() != null && r.value().contains(id))
                .findFirst().orElseThrow().headers().get("dead-letter-reason");
        assertThat(reasonOf.apply(anonymous)).contains("unauthenticated");
        assertThat(reasonOf.apply(stranger)).contains("forbidden").contains("feed:" + sector.code());
        assertThat(reasonOf.apply(outsider)).contains("forbidden").contains(districts.get(3));
        for (String id : List.of(anonymous, stranger, outsider)) {
            given().get(REPORTS + "/" + id).then().statusCode(404);
        }
    }

    // ------------------------------------------------------------------------------------------------------------
    // the feed's trust boundary (docs/security.md): a dead letter keeps the verified identity, never the token; a token
    // is judged at the time the broker appended the record; a replay is authorised as the identity its dead letter recorded

    /** The dead letters of this sector's feed whose value contains {@code text}, oldest first, once there are {@code count}. */
    protected List<Received> awaitDeadLetters(String text, int count) {
        Predicate<Received> match = r -> r.value() != null && r.value().contains(text);
        List<Received> dead = kafka.readUntil(Topics.feedDeadLetters(sector), seen -> seen.stream().filter(match).count() >= count, WAIT);
        return dead.stream().filter(match).sorted(java.util.Comparator.comparingLong(Received::offset)).toList();
    }

    /** The newest dead letter whose value contains {@code text}, once there is one. */
    protected Received awaitDeadLetter(String text) {
        List<Received> dead = awaitDeadLetters(text, 1);
        return dead.get(dead.size() - 1);
    }

    /** Headers as the aggregation's replay sends them (DeadLetterReplayer): no token, the dead letter's id and who replayed it. */
    protected Map<String, String> replayOf(Received deadLetter) {
        return Map.of("replayed-dead-letter", deadLetter.headers().getOrDefault("dead-letter-id", ""), "replayed-by", "test-operator",
                "replayed-from", deadLetter.topic() + "/" + deadLetter.partition() + "/" + deadLetter.offset(), "replay-count", "1");
    }

    private static void assertNoCredential(Received deadLetter, String token) {
        assertThat(deadLetter.headers().keySet()).as("headers of %s", deadLetter).noneMatch(k -> k.equalsIgnoreCase("authorization"));
        assertThat(deadLetter.headers().values()).as("headers of %s", deadLetter).noneMatch(v -> v != null && v.contains(token));
    }

    /** The year of reports a test expects to be refused: as nothing of them is stored, they need no fresh year of their own. */
    private static int refusedYear() {
        return LocalDate.now(ZONE).getYear() - 1;
    }

    @Test
    void deadLettersRecordTheVerifiedIdentityInsteadOfTheToken() {
        int year = refusedYear();
        String key = uniqueId("trust-key");
        String invalid = uniqueId("trust-invalid");
        String anonymous = uniqueId("trust-anonymous");
        String jwt = auth.header().substring("Bearer ".length());
        // the producer's own dead-letter-* headers are not believed: the service writes those
        Map<String, String> steered = new HashMap<>(feedIdentity());
        steered.putAll(Map.of("dead-letter-topic", Topics.ALERTS, "dead-letter-subject", "forged-bureau", "content-type", JSON));
        kafka.send(feedTopic, key, report(invalid, "379999", String.valueOf(year), null, validValues()).toString(), steered);
        // "Authorization" is not the feed's header (Kafka header names are case-sensitive): unauthenticated, and not kept either
        kafka.send(feedTopic, key, report(anonymous, districts.get(2), String.valueOf(year), null, validValues()).toString(),
                Map.of("Authorization", auth.header()));

        Received invalidDead = awaitDeadLetter(invalid);
        Received anonymousDead = awaitDeadLetter(anonymous);
        for (Received r : List.of(invalidDead, anonymousDead)) {
            assertNoCredential(r, jwt);
            assertThat(r.headers().get("dead-letter-id")).as("dead-letter-id of %s", r).matches("[0-9a-f-]{36}");
            assertThat(r.headers()).containsEntry("dead-letter-topic", feedTopic);
        }
        assertThat(invalidDead.headers()).containsEntry("dead-letter-identity", "authenticated")
                .containsEntry("dead-letter-subject", "test-feed:" + sector.code() + "+reader")
                .containsEntry("dead-letter-roles", "feed:" + sector.code() + ",reader").containsEntry("dead-letter-districts", "*")
                .containsEntry("dead-letter-judged-by", "log-append-time").containsEntry("content-type", JSON)
                .containsKeys("dead-letter-token-expires", "dead-letter-judged-at");
        assertThat(invalidDead.headers().get("dead-letter-reason")).contains("379999");
        assertThat(anonymousDead.headers()).containsEntry("dead-letter-identity", "unauthenticated").doesNotContainKey("dead-letter-subject");
        assertThat(anonymousDead.headers().get("dead-letter-authentication")).contains("unauthenticated").contains("authorization");
        assertThat(anonymousDead.headers().get("dead-letter-reason")).contains("unauthenticated");
    }

    @Test
    void aProducerCannotBackdateARecordToReviveAnExpiredToken() {
        assertThat(kafka.topicConfig(feedTopic, "message.timestamp.type")).isEqualTo("LogAppendTime");
        String id = uniqueId("backdated");
        // the token expired an hour ago; the record claims to be from two hours ago, when it was still valid
        kafka.sendAt(feedTopic, id, report(id, districts.get(4), String.valueOf(refusedYear()), null, validValues()).toString()
                .getBytes(StandardCharsets.UTF_8), Map.of("authorization", TestTokens.bearer(TestTokens.expired("feed:" + sector.code()))),
                java.time.Instant.now().minus(Duration.ofHours(2)));
        Received dead = awaitDeadLetter(id);
        assertThat(dead.headers()).containsEntry("dead-letter-identity", "unauthenticated");
        assertThat(dead.headers().get("dead-letter-authentication")).contains("expired");
        given().get(REPORTS + "/" + id).then().statusCode(404);
    }

    /**
     * A consumer that is behind (here: held up by a lock on the report table, as by a slow database) reads records whose
     * token has expired meanwhile. They were authorised when the broker appended them, so they are stored; and a dead
     * letter among them (an enterprise the registry did not know yet) is replayed, once the enterprise is registered, as
     * the identity recorded with it — no token is needed, the expired one least of all.
     */
    @Test
    void aBacklogOutlivesItsTokenAndItsDeadLettersReplayAsTheRecordedIdentity() throws SQLException {
        int year = freshYear();
        String key = uniqueId("backlog-key");
        String blocker = uniqueId("backlog-blocker");
        String backlog = uniqueId("backlog");
        String unregistered = uniqueId("backlog-enterprise");
        String enterprise = unknownEnterprise();
        java.time.Instant sent = java.time.Instant.now();
        String shortLived = TestTokens.bearer(TestTokens.expiringIn(3, "feed:" + sector.code()));
        Duration skew = config().getOptionalValue("synergy.feed.clock-skew", Duration.class).orElse(Duration.ZERO)
                .plusSeconds(config().getOptionalValue("mp.jwt.verify.clock.skew", Long.class).orElse(0L));
        java.time.Instant expired = sent.plusSeconds(3).plus(skew).plusSeconds(1);
        try (Connection lock = DriverManager.getConnection(config().getValue("quarkus.datasource.jdbc.url", String.class),
                config().getValue("quarkus.datasource.username", String.class), config().getValue("quarkus.datasource.password", String.class))) {
            lock.setAutoCommit(false);
            try (Statement st = lock.createStatement()) {
                st.execute("LOCK TABLE report IN EXCLUSIVE MODE");
            }
            // the blocker waits for the lock; the feed is consumed in order, so the two behind it wait too
            kafka.send(feedTopic, key, report(blocker, districts.get(6), String.valueOf(year), null, validValues()).toString(), feedIdentity());
            kafka.send(feedTopic, key, report(backlog, districts.get(7), String.valueOf(year), null, validValues()).toString(),
                    Map.of("authorization", shortLived));
            kafka.send(feedTopic, key, report(unregistered, enterprise, String.valueOf(year), null, validValues()).toString(),
                    Map.of("authorization", shortLived));
            await().atMost(WAIT).pollInterval(Duration.ofMillis(100)).until(() -> java.time.Instant.now().isAfter(expired));
            lock.rollback();
        }

        assertThat(awaitReport(backlog).path("revisions").get(0).path("status").asText()).isEqualTo("CURRENT");
        Received dead = awaitDeadLetter(unregistered);
        assertThat(dead.headers().get("dead-letter-reason")).contains("not a registered enterprise");
        assertThat(dead.headers()).containsEntry("dead-letter-identity", "authenticated").containsEntry("dead-letter-subject", "test-short-lived")
                .containsEntry("dead-letter-judged-by", "log-append-time");
        assertNoCredential(dead, shortLived.substring("Bearer ".length()));

        publishOrgUnit(enterprise, "370211", false, 1);
        await().atMost(WAIT).untilAsserted(() -> assertThat(postJson(report(uniqueId("backlog-enterprise-known"), enterprise,
                String.valueOf(year + 1), null, validValues())).statusCode()).isEqualTo(201));
        kafka.send(feedTopic, dead.key(), dead.value(), replayOf(dead));
        assertThat(awaitReport(unregistered).path("revisions").get(0).path("status").asText()).isEqualTo("CURRENT");
    }

    @Test
    void replaysAreRefusedUnlessTheyCiteARecordedDeadLetterOfTheSamePayloadAndAnAuthenticatedIdentity() {
        int year = refusedYear();
        String key = uniqueId("replay-key");
        String original = uniqueId("replay-original");
        String anonymous = uniqueId("replay-anonymous");
        kafka.send(feedTopic, key, report(original, "379999", String.valueOf(year), null, validValues()).toString(), feedIdentity());
        kafka.send(feedTopic, key, report(anonymous, districts.get(1), String.valueOf(year), null, validValues()).toString(), Map.of());
        Received originalDead = awaitDeadLetter(original);
        Received anonymousDead = awaitDeadLetter(anonymous);

        // an identity in headers, and a dead letter that was never written
        String forged = uniqueId("replay-forged");
        Map<String, String> forgedHeaders = new HashMap<>(Map.of("replayed-dead-letter", UUID.randomUUID().toString(),
                "dead-letter-identity", "authenticated", "dead-letter-subject", "forged-bureau", "dead-letter-roles", "feed:" + sector.code()));
        kafka.send(feedTopic, key, report(forged, districts.get(1), String.valueOf(year), null, validValues()).toString(), forgedHeaders);
        // a real dead letter's id with another report
        String swapped = uniqueId("replay-swapped");
        kafka.send(feedTopic, key, report(swapped, districts.get(1), String.valueOf(year), null, validValues()).toString(), replayOf(originalDead));
        // the replay of a dead letter that had no valid token: a replay cannot authorise it
        kafka.send(feedTopic, anonymousDead.key(), anonymousDead.value(), replayOf(anonymousDead));

        assertThat(awaitDeadLetter(forged).headers().get("dead-letter-reason")).contains("unauthenticated").contains("unknown dead letter");
        assertThat(awaitDeadLetter(swapped).headers().get("dead-letter-reason")).contains("unauthenticated").contains("payload");
        Received replayedDead = awaitDeadLetters(anonymous, 2).get(1);
        assertThat(replayedDead.headers()).containsEntry("dead-letter-identity", "unauthenticated").containsEntry("dead-letter-judged-by", "recorded");
        assertThat(replayedDead.headers().get("dead-letter-reason")).contains("unauthenticated");
        for (String id : List.of(forged, swapped, anonymous)) {
            given().get(REPORTS + "/" + id).then().statusCode(404);
        }
    }

    // write authority follows the data: a report stays with its org unit and period, and only its writers revise it

    /**
     * Issue 13: a writer limited to one district sent a revision of another district's report with its own district
     * as the org unit — and the other district's figures were gone. Refused on every channel, and nothing changes.
     */
    @Test
    void aWriterMayReviseOnlyReportsOfOrgUnitsItMayWrite() {
        DistrictYear slot = freshDistrictYear();
        int year = slot.year();
        String other = slot.district();
        String own = districts.stream().filter(d -> !d.equals(other)).findFirst().orElseThrow(); // only refused writes reach it
        String id = uniqueId("owned-by-other");
        Map<String, Double> values = validValues();
        accepted(postJson(report(id, other, String.valueOf(year), null, values)), 201);
        String limited = TestTokens.bearer(TestTokens.tokenForDistricts(List.of(own), "feed:" + sector.code()));

        Snapshot before = settledSnapshot();
        Response rest = postAs(limited, report(id, own, String.valueOf(year), 99, valuesFor(3)));
        assertThat(rest.statusCode()).as(rest.asString()).isEqualTo(403);
        assertThat(rest.contentType()).startsWith(PROBLEM);
        assertThat(json(rest).findValuesAsText("field")).containsExactly("reportId");
        ArrayNode batch = MAPPER.createArrayNode().add(report(uniqueId("owned-innocent"), own, String.valueOf(year), null, validValues()))
                .add(report(id, own, String.valueOf(year), 99, valuesFor(3)));
        Response inBatch = postAs(limited, batch);
        assertThat(inBatch.statusCode()).as(inBatch.asString()).isEqualTo(403);
        assertThat(json(inBatch).findValuesAsText("field")).containsExactly("[1].reportId");
        StringBuilder csv = new StringBuilder(CSV_HEADER).append('\n');
        valuesFor(3).forEach((de, v) -> csv.append(csvRow(id, own, String.valueOf(year), de, String.valueOf(v), "", "99")).append('\n'));
        Response viaCsv = given().header("Authorization", limited).contentType(CSV).body(csv.toString().getBytes(StandardCharsets.UTF_8)).post(REPORTS);
        assertThat(viaCsv.statusCode()).as(viaCsv.asString()).isEqualTo(403);
        assertThat(json(viaCsv).findValuesAsText("field")).containsExactly("line 2: report_id");
        assertUnchanged(before);

        // the feed: the message goes to the dead-letter topic, the report stays as it was
        String key = uniqueId("owned-key");
        kafka.send(feedTopic, key, report(id, own, String.valueOf(year), 99, valuesFor(3)).toString(), Map.of("authorization", limited));
        Received dead = kafka.readUntil(Topics.feedDeadLetters(sector), seen -> seen.stream().anyMatch(r -> key.equals(r.key())), WAIT).stream()
                .filter(r -> key.equals(r.key())).findFirst().orElseThrow();
        assertThat(dead.headers().get("dead-letter-reason")).contains("forbidden").contains("reportId").contains(other);
        JsonNode history = getReport(id);
        assertThat(history.path("revisions")).hasSize(1);
        assertThat(history.path("revisions").get(0).path("orgUnit").asText()).isEqualTo(other);
        assertThat(storedValues(history.path("revisions").get(0))).containsExactlyInAnyOrderEntriesOf(values);
        assertDistrictIndicators(indicatorsOf(String.valueOf(year), other), other, expectedOutputs(values));
    }

    // ------------------------------------------------------------------------------------------------------------
    // rules hold on the combined state of an org unit and period, not only inside one report

    /**
     * Issue 13: a second report for the same district and year carrying only a whole of 1 was accepted while another
     * report's part was in the hundreds of thousands — E1 was published as 28,392,121 %. The whole is refused (422),
     * naming both data elements, both values and both reports, and nothing is stored or published.
     */
    @Test
    void aReportThatBreaksARuleWithAnotherReportsValuesIsRefused() {
        assertThat(rules).as("rules of %s", sector).isNotEmpty();
        PartOfWholeRule rule = rules.get(0);
        DistrictYear slot = freshDistrictYear();
        int year = slot.year();
        String district = slot.district();
        String first = uniqueId("combined-first");
        Map<String, Double> big = scaled(validValues(), 400);
        accepted(postJson(report(first, district, String.valueOf(year), null, big)), 201);
        awaitEvents(e -> first.equals(e.data().path("reportId").asText()), presentCount(expectedOutputs(big)));

        Snapshot before = settledSnapshot();
        String second = uniqueId("combined-second");
        Exchange refused = exchange("POST", REPORTS, JSON, bytes(report(second, district, String.valueOf(year), null, Map.of(rule.whole(), 1.0))), false);
        assertProblem(refused, 422, "values[0].value");
        assertThat(refused.json().path("type").asText()).endsWith("/combined-state-rule");
        List<String> messages = each(refused.json().path("errors"), "message");
        assertThat(messages).anySatisfy(m -> assertThat(m).contains(rule.part(), rule.whole(), first, second, "1.0",
                String.valueOf(big.get(rule.part()))));
        // all or nothing: a valid report in the same batch is not stored either
        String innocent = uniqueId("combined-innocent");
        ArrayNode batch = MAPPER.createArrayNode().add(report(innocent, district, year + "Q4", null, validValues()))
                .add(report(second, district, String.valueOf(year), null, Map.of(rule.whole(), 1.0)));
        assertProblem(exchange("POST", REPORTS, JSON, bytes(batch), false), 422, "[1].values[0].value");
        assertUnchanged(before);
        given().get(REPORTS + "/" + second).then().statusCode(404);
        given().get(REPORTS + "/" + innocent).then().statusCode(404);
        assertDistrictIndicators(indicatorsOf(String.valueOf(year), district), district, expectedOutputs(big));
    }

    /** A rule of the sector between two data elements that add up over periods (months sum to the year). */
    private PartOfWholeRule summedRule() {
        return rules.stream().filter(r -> catalogue.dataElement(r.part()).orElseThrow().aggregation() == io.synergy.model.catalogue.Aggregation.SUM
                && catalogue.dataElement(r.whole()).orElseThrow().aggregation() == io.synergy.model.catalogue.Aggregation.SUM).findFirst()
                .orElseThrow(() -> new AssertionError(sector + " has no rule between summed data elements"));
    }

    /**
     * Rules hold at every period the roll-up produces: a year's whole from an annual report against its months' parts
     * from monthly reports, a quarter's whole against the months inside it, and a revision that lowers a whole below
     * what other reports already hold.
     */
    @Test
    void rulesHoldOnEveryPeriodMonthsQuartersAndYearsRollUpTo() {
        PartOfWholeRule rule = summedRule();
        List<DistrictYear> slots = freshDistrictYears(1, 2);
        int year = slots.get(0).year();
        String district = slots.get(0).district();
        String annual = uniqueId("mix-year");
        accepted(postJson(report(annual, district, String.valueOf(year), null, Map.of(rule.whole(), 120.0))), 201);
        ArrayNode months = MAPPER.createArrayNode();
        for (int m = 1; m <= 11; m++) {
            months.add(report(uniqueId("mix-m" + m), district, YearMonth.of(year, m).toString(), null, Map.of(rule.part(), 10.0)));
        }
        accepted(postJson(months), 201);

        Snapshot before = settledSnapshot();
        String december = uniqueId("mix-m12");
        Exchange refused = exchange("POST", REPORTS, JSON, bytes(report(december, district, YearMonth.of(year, 12).toString(), null,
                Map.of(rule.part(), 11.0))), false);
        assertProblem(refused, 422, "values[0].value");
        assertThat(each(refused.json().path("errors"), "message")).anySatisfy(m -> assertThat(m)
                .contains(rule.part(), "121.0", rule.whole(), "120.0", annual, december, " in " + year + " "));
        // the annual report's revision may not lower the whole below the months either
        assertProblem(exchange("POST", REPORTS, JSON, bytes(report(annual, district, String.valueOf(year), 2, Map.of(rule.whole(), 100.0))), false),
                422, "values[0].value");
        assertUnchanged(before);
        accepted(postJson(report(december, district, YearMonth.of(year, 12).toString(), null, Map.of(rule.part(), 10.0))), 201);

        // a quarter's whole against the months inside it, while the year's whole (from its own report) holds them
        int next = slots.get(1).year();
        accepted(postJson(report(uniqueId("mix-next-year"), district, String.valueOf(next), null, Map.of(rule.whole(), 1000.0))), 201);
        accepted(postJson(report(uniqueId("mix-q1"), district, next + "Q1", null, Map.of(rule.whole(), 15.0))), 201);
        accepted(postJson(report(uniqueId("mix-jan"), district, next + "-01", null, Map.of(rule.part(), 10.0))), 201);
        Snapshot again = settledSnapshot();
        Exchange quarter = exchange("POST", REPORTS, JSON, bytes(report(uniqueId("mix-feb"), district, next + "-02", null,
                Map.of(rule.part(), 10.0))), false);
        assertProblem(quarter, 422, "values[0].value");
        assertThat(each(quarter.json().path("errors"), "message")).anySatisfy(m -> assertThat(m).contains(" in " + next + "Q1 ", "20.0", "15.0"));
        assertUnchanged(again);
    }

    /**
     * The enterprises registered in a district (in its parks or directly in it) may not add up to more than the
     * district's own total for the year: the aggregation takes that total as the district's figure, and the enterprises
     * as parts of it. A district that has reported only part of the year is not yet a total to hold them against.
     */
    @Test
    void theEnterprisesOfADistrictStayWithinItsOwnTotal() {
        String element = summedRule().whole();
        List<DistrictYear> slots = freshDistrictYears(1, 2);
        String district = slots.get(0).district();
        String inPark = registerEnterprise(registerPark(district));
        String direct = registerEnterprise(district);
        int year = slots.get(0).year();
        String total = uniqueId("district-total");
        accepted(postJson(report(total, district, String.valueOf(year), null, Map.of(element, 1000.0))), 201);
        String first = uniqueId("enterprise-first");
        accepted(postJson(report(first, inPark, String.valueOf(year), null, Map.of(element, 600.0))), 201);

        Snapshot before = settledSnapshot();
        String second = uniqueId("enterprise-second");
        Exchange refused = exchange("POST", REPORTS, JSON, bytes(report(second, direct, String.valueOf(year), null, Map.of(element, 500.0))), false);
        assertProblem(refused, 422, "values[0].value");
        assertThat(refused.json().path("type").asText()).endsWith("/combined-state-rule");
        assertThat(each(refused.json().path("errors"), "message")).anySatisfy(m -> assertThat(m)
                .contains(element, inPark, direct, "1100.0", "1000.0", first, second, total));
        // nor may the district lower its total below what its enterprises hold
        assertProblem(exchange("POST", REPORTS, JSON, bytes(report(total, district, String.valueOf(year), 2, Map.of(element, 500.0))), false),
                422, "values[0].value");
        assertUnchanged(before);
        accepted(postJson(report(second, direct, String.valueOf(year), null, Map.of(element, 400.0))), 201);

        int next = slots.get(1).year();
        accepted(postJson(report(uniqueId("district-january"), district, next + "-01", null, Map.of(element, 10.0))), 201);
        accepted(postJson(report(uniqueId("enterprise-year"), inPark, String.valueOf(next), null, Map.of(element, 600.0))), 201);
    }

    /**
     * The property behind the combined-state rules: seeded random sequences of valid and invalid reports ({@link RandomReports}:
     * revisions, months, quarters and years, several report ids per org unit, enterprises, other writers, batches) sent
     * through the service never leave a stored, readable or published figure that breaks a rule — shares within 0–100 %,
     * parts within their wholes, a district's enterprises within its own total — and every refused request changes
     * nothing. The seed is {@code synergy.test.seed} (a fixed one by default, so a failure repeats).
     */
    @Test
    void randomReportSequencesNeverBreakARuleAndRefusalsChangeNothing() throws SQLException {
        long seed = Long.getLong("synergy.test.seed", 13L * (sector.ordinal() + 1));
        int steps = Integer.getInteger("synergy.test.property-steps", 1_000);
        List<DistrictYear> slots = freshDistrictYears(2, 2);
        String d0 = slots.get(0).district();
        String d1 = slots.get(2).district();
        List<String> units = List.of(d0, d1, registerEnterprise(registerPark(d0)), registerEnterprise(d0));
        List<Integer> years = List.of(slots.get(0).year(), slots.get(1).year());
        List<String> periods = new ArrayList<>();
        for (int y : years) {
            periods.addAll(List.of(String.valueOf(y), y + "Q1", y + "Q2", y + "-01", y + "-02", y + "-04"));
        }
        String prefix = uniqueId("property") + "/";
        RandomReports sequence = new RandomReports(seed, prefix, source(), units, List.of(d1), periods, elements, rules);
        String limited = TestTokens.bearer(TestTokens.tokenForDistricts(List.of(d1), "feed:" + sector.code()));
        Map<Integer, Integer> statuses = new java.util.TreeMap<>();
        String state = stateFingerprint(prefix, units, years);
        for (int i = 0; i < steps; i++) {
            RandomReports.Step step = sequence.next();
            String context = "seed " + seed + ", step " + i + ": " + step;
            // the JDK client: a thousand requests through RestAssured would cost more than the service's work
            Exchange r = send(HttpRequest.newBuilder(uri(REPORTS)).timeout(Duration.ofSeconds(60))
                    .header("Authorization", step.limitedWriter() ? limited : auth.header()).header("Content-Type", JSON)
                    .POST(HttpRequest.BodyPublishers.ofByteArray(bytes(step.body()))).build());
            assertThat(r.status()).as("%s → %s", context, r.text()).isIn(step.allowed());
            statuses.merge(r.status(), 1, Integer::sum);
            String now = stateFingerprint(prefix, units, years);
            if (r.status() >= 400) {
                assertThat(now).as("a refused request changed nothing: %s → %s", context, r.text()).isEqualTo(state);
            } else {
                sequence.answered(step, r.json());
                assertStoredFiguresKeepTheRules(units, years, context);
            }
            state = now;
        }
        assertThat(statuses.keySet()).as("the run met every kind of answer: %s", statuses).contains(200, 201, 400, 403, 409, 422);

        // what the read API computes for every period, and every event published, keeps the rules too
        for (String period : periods) {
            JsonNode all = indicators(period, null);
            for (String d : List.of(d0, d1)) {
                Map<String, JsonNode> rows = new HashMap<>();
                unitRows(all, d).forEach(row -> rows.put(row.path("code").asText(), row));
                assertFiguresKeepTheRules(rows, d + " " + period + " (read API)");
            }
        }
        settledSnapshot();
        long published = kafka.endOffsetSum(indicatorTopic);
        List<Event> events = events(kafka.readUntil(indicatorTopic, seen -> seen.size() >= published, WAIT)).stream()
                .filter(e -> units.contains(e.data().path("orgUnit").asText()) && years.contains(e.data().path("period").asInt())).toList();
        assertThat(events).isNotEmpty();
        Map<String, JsonNode> latest = new HashMap<>();
        for (Event e : events) {
            Map<String, JsonNode> one = Map.of(e.data().path("code").asText(), e.data());
            assertFiguresKeepTheRules(one, "published " + e.data());
            latest.merge(e.record().key() + "|" + e.data().path("period").asText(), e.data(),
                    (a, b) -> a.path("revision").asLong() >= b.path("revision").asLong() ? a : b);
        }
        for (Map.Entry<String, Map<String, JsonNode>> stored : storedFigures(units, years).entrySet()) {
            for (JsonNode row : stored.getValue().values()) {
                JsonNode event = latest.get(row.path("code").asText() + "|" + stored.getKey());
                assertThat(event).as("the latest event of %s %s", stored.getKey(), row).isNotNull();
                assertThat(event.path("revision").asLong()).as("%s %s", stored.getKey(), row).isEqualTo(row.path("revision").asLong());
                assertNumber(event.path("value"), row.path("value").isNull() ? null : row.path("value").asDouble(), stored.getKey() + " " + row);
            }
        }
    }

    /** The rows of the service's tables that belong to the property test's reports, org units and years, as one hash. */
    private String stateFingerprint(String prefix, List<String> units, List<Integer> years) throws SQLException {
        try (java.sql.PreparedStatement ps = database().prepareStatement("""
                SELECT md5(coalesce(string_agg(x, '|' ORDER BY x), '')) FROM (
                    SELECT concat_ws(',', 'r', report_id, revision, status, sent_by, content_hash) AS x FROM report WHERE starts_with(report_id, ?)
                    UNION ALL SELECT concat_ws(',', 'v', data_element, org_unit, period, value, report_id, revision)
                      FROM data_value WHERE year = ANY (?) AND org_unit = ANY (?)
                    UNION ALL SELECT concat_ws(',', 'i', code, org_unit, year, value, numerator, denominator, complete, revision)
                      FROM indicator_value WHERE year = ANY (?) AND org_unit = ANY (?)
                    UNION ALL SELECT concat_ws(',', 'f', id, report_id, revision) FROM report_flag WHERE starts_with(report_id, ?)) t""")) {
            java.sql.Array y = database().createArrayOf("integer", years.toArray());
            java.sql.Array u = database().createArrayOf("text", units.toArray());
            ps.setString(1, prefix);
            ps.setArray(2, y);
            ps.setArray(3, u);
            ps.setArray(4, y);
            ps.setArray(5, u);
            ps.setString(6, prefix);
            try (ResultSet rs = ps.executeQuery()) {
                rs.next();
                return rs.getString(1);
            }
        }
    }

    /** The stored annual figures (indicator_value) of the org units and years: "orgUnit|year" → code → row. */
    private Map<String, Map<String, JsonNode>> storedFigures(List<String> units, List<Integer> years) throws SQLException {
        Map<String, Map<String, JsonNode>> out = new LinkedHashMap<>();
        try (java.sql.PreparedStatement ps = database().prepareStatement("""
                SELECT org_unit, year, code, value, numerator, denominator, complete, revision FROM indicator_value
                 WHERE year = ANY (?) AND org_unit = ANY (?)""")) {
            ps.setArray(1, database().createArrayOf("integer", years.toArray()));
            ps.setArray(2, database().createArrayOf("text", units.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ObjectNode row = MAPPER.createObjectNode().put("code", rs.getString(3)).put("complete", rs.getBoolean(7)).put("revision", rs.getLong(8));
                    row.set("value", MAPPER.valueToTree(rs.getObject(4)));
                    row.set("numerator", MAPPER.valueToTree(rs.getObject(5)));
                    row.set("denominator", MAPPER.valueToTree(rs.getObject(6)));
                    out.computeIfAbsent(rs.getString(1) + "|" + rs.getInt(2), k -> new LinkedHashMap<>()).put(rs.getString(3), row);
                }
            }
        }
        return out;
    }

    /** Every stored figure keeps the rules, and the district's enterprises stay within its complete own totals. */
    private void assertStoredFiguresKeepTheRules(List<String> units, List<Integer> years, String context) throws SQLException {
        Map<String, Map<String, JsonNode>> stored = storedFigures(units, years);
        stored.forEach((unitYear, rows) -> assertFiguresKeepTheRules(rows, unitYear + " after " + context));
        String district = units.get(0);
        List<String> enterprises = units.stream().filter(u -> orgUnits.find(u).isEmpty()).toList();
        for (int year : years) {
            Map<String, Double[]> own = totals(stored.getOrDefault(district + "|" + year, Map.of()));
            own.forEach((element, total) -> {
                if (total[1] == 1) {
                    double sum = enterprises.stream().map(e -> totals(stored.getOrDefault(e + "|" + year, Map.of())).get(element))
                            .filter(java.util.Objects::nonNull).mapToDouble(t -> t[0]).sum();
                    assertThat(sum).as("%s of %s's enterprises in %s, after %s", element, district, year, context).isLessThanOrEqualTo(total[0]);
                }
            });
        }
    }

    /**
     * Figures of one org unit and period (code → row with value, numerator, denominator): every share within 0–100 %,
     * and every part within its whole where both can be read from the figures.
     */
    private void assertFiguresKeepTheRules(Map<String, JsonNode> rows, String what) {
        for (Indicator i : indicators) {
            JsonNode row = rows.get(i.id());
            if (row != null && "%".equals(i.unit()) && i.formula().type() == FormulaType.RATIO && !row.path("value").isNull()
                    && !row.path("value").isMissingNode()) {
                assertThat(row.path("value").asDouble()).as("%s of %s", i.id(), what).isBetween(0.0, 100.0);
            }
        }
        Map<String, Double[]> totals = totals(rows);
        for (PartOfWholeRule rule : rules) {
            if (totals.containsKey(rule.part()) && totals.containsKey(rule.whole())) {
                assertThat(totals.get(rule.part())[0]).as("%s within %s, %s", rule.part(), rule.whole(), what)
                        .isLessThanOrEqualTo(totals.get(rule.whole())[0]);
            }
        }
    }

    /**
     * Data-element totals read from figures: a ratio's numerator and denominator, a single-element sum's or published
     * data element's value; each with 1 when its figure is complete (0 when not).
     */
    private Map<String, Double[]> totals(Map<String, JsonNode> rows) {
        Map<String, Double[]> out = new HashMap<>();
        for (Indicator i : indicators) {
            JsonNode row = rows.get(i.id());
            if (row == null || row.path("value").isNull() || row.path("value").isMissingNode()) {
                continue;
            }
            Double complete = row.path("complete").asBoolean() ? 1.0 : 0.0;
            if (i.formula().type() == FormulaType.RATIO && catalogue.dataElement(i.formula().numerator()).isPresent()
                    && catalogue.dataElement(i.formula().denominator()).isPresent()) {
                out.put(i.formula().numerator(), new Double[] {row.path("numerator").asDouble(), complete});
                out.put(i.formula().denominator(), new Double[] {row.path("denominator").asDouble(), complete});
            } else if (i.formula().type() == FormulaType.SUM && i.formula().of().size() == 1) {
                out.put(i.formula().of().get(0), new Double[] {row.path("value").asDouble(), complete});
            }
        }
        for (DataElement de : published) {
            JsonNode row = rows.get(de.code());
            if (row != null && !row.path("value").isNull() && !row.path("value").isMissingNode()) {
                out.put(de.code(), new Double[] {row.path("value").asDouble(), row.path("complete").asBoolean() ? 1.0 : 0.0});
            }
        }
        return out;
    }

    // ------------------------------------------------------------------------------------------------------------
    // the plausibility band: accepted, flagged and listed for review

    @Test
    void anImplausibleChangeIsAcceptedButFlaggedAndListedForReview() {
        PartOfWholeRule rule = summedRule();
        List<DistrictYear> slots = freshDistrictYears(1, 2);
        int previous = slots.get(0).year();
        int year = slots.get(1).year();
        String district = slots.get(0).district();
        Map<String, Double> before = validValues();
        accepted(postJson(report(uniqueId("plausible-before"), district, String.valueOf(previous), null, before)), 201);
        // the whole ×11 and the part ÷11 are beyond the default band (×10, ÷10); everything else is unchanged
        Map<String, Double> now = new LinkedHashMap<>(before);
        now.put(rule.whole(), before.get(rule.whole()) * 11);
        now.put(rule.part(), before.get(rule.part()) / 11);
        String id = uniqueId("implausible");
        JsonNode answer = accepted(postJson(report(id, district, String.valueOf(year), null, now)), 201);
        assertThat(answer.path("status").asText()).isEqualTo("ACCEPTED");
        assertThat(answer.path("flags")).hasSize(1);
        assertThat(answer.path("flags").get(0).asText()).isEqualTo("IMPLAUSIBLE_CHANGE");
        Map<String, JsonNode> flagged = new HashMap<>();
        answer.path("flagged").forEach(f -> flagged.put(f.path("dataElement").asText(), f));
        assertThat(flagged.keySet()).containsExactlyInAnyOrder(rule.whole(), rule.part());
        JsonNode whole = flagged.get(rule.whole());
        assertThat(whole.path("flag").asText()).isEqualTo("IMPLAUSIBLE_CHANGE");
        assertNumber(whole.path("value"), now.get(rule.whole()), "flagged value");
        assertNumber(whole.path("previousValue"), before.get(rule.whole()), "previous value");
        assertThat(whole.path("period").asText()).isEqualTo(String.valueOf(year));
        assertThat(whole.path("previousPeriod").asText()).isEqualTo(String.valueOf(previous));
        assertThat(whole.path("unit").asText()).isEqualTo(unitOf(rule.whole()));
        assertThat(getReport(id).path("revisions").get(0).path("result").path("flagged")).hasSize(2);

        // the review list, a page at a time, for the reader too: both values (other tests' districts may have flags in this year)
        String reader = TestTokens.bearer(TestTokens.token("reader"));
        List<JsonNode> listed = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            RequestSpecification spec = given().header("Authorization", reader).queryParam("flag", "IMPLAUSIBLE_CHANGE")
                    .queryParam("period", String.valueOf(year)).queryParam("limit", 1);
            JsonNode page = json(spec.queryParams(cursor == null ? Map.of() : Map.of("cursor", cursor)).get(REPORTS).then().statusCode(200)
                    .extract().response());
            assertThat(page.path("flag").asText()).isEqualTo("IMPLAUSIBLE_CHANGE");
            assertThat(page.path("items").size()).isLessThanOrEqualTo(1);
            page.path("items").forEach(listed::add);
            cursor = page.path("nextCursor").isMissingNode() || page.path("nextCursor").isNull() ? null : page.path("nextCursor").asText();
            pages++;
        } while (cursor != null && pages < 1_000);
        assertThat(listed).extracting(n -> n.path("period").asText()).allMatch(p -> p.startsWith(String.valueOf(year)));
        assertThat(listed).extracting(n -> n.path("reportId").asText() + " " + n.path("dataElement").asText()).doesNotHaveDuplicates();
        List<JsonNode> mine = listed.stream().filter(n -> id.equals(n.path("reportId").asText())).toList();
        assertThat(mine).extracting(n -> n.path("dataElement").asText()).containsExactlyInAnyOrder(rule.whole(), rule.part());
        assertThat(mine).allSatisfy(n -> {
            assertThat(n.path("orgUnit").asText()).isEqualTo(district);
            assertThat(n.path("channel").asText()).isEqualTo("REST");
            assertThat(n.path("sentBy").asText()).isEqualTo("test-feed:" + sector.code() + "+reader");
        });
        // a month is compared with the same month a year earlier, and listed under its month, quarter and year
        accepted(postJson(report(uniqueId("plausible-march-before"), district, previous + "-03", null, Map.of(rule.whole(), 10.0))), 201);
        String march = uniqueId("implausible-march");
        assertThat(accepted(postJson(report(march, district, year + "-03", null, Map.of(rule.whole(), 101.0))), 201).path("flagged"))
                .singleElement().satisfies(f -> assertThat(f.path("previousPeriod").asText()).isEqualTo(previous + "-03"));
        for (String period : List.of(year + "-03", year + "Q1", String.valueOf(year), year + "Q2", year + "-04")) {
            JsonNode listedIn = json(given().queryParam("flag", "IMPLAUSIBLE_CHANGE").queryParam("period", period).queryParam("limit", 1000)
                    .get(REPORTS).then().statusCode(200).extract().response());
            List<String> ids = each(listedIn.path("items"), "reportId");
            assertThat(ids.contains(march)).as("the March flag listed for %s", period).isEqualTo(!period.endsWith("Q2") && !period.endsWith("-04"));
            assertThat(ids.contains(id)).as("the annual report's flags listed for %s", period).isEqualTo(period.equals(String.valueOf(year)));
        }
        given().header("Authorization", TestTokens.bearer(TestTokens.token(otherSectorRole()))).queryParam("flag", "IMPLAUSIBLE_CHANGE")
                .get(REPORTS).then().statusCode(403);
        assertProblem(exchange("GET", REPORTS, null, null, false), 400, "flag");
        assertProblem(exchange("GET", REPORTS + "?flag=NO_SUCH_FLAG", null, null, false), 400, "flag");
        assertProblem(exchange("GET", REPORTS + "?flag=IMPLAUSIBLE_CHANGE&period=2024Q5", null, null, false), 400, "period");
        assertProblem(exchange("GET", REPORTS + "?flag=IMPLAUSIBLE_CHANGE&limit=0", null, null, false), 400, "limit");
        assertProblem(exchange("GET", REPORTS + "?flag=IMPLAUSIBLE_CHANGE&cursor=next", null, null, false), 400, "cursor");

        // a correcting revision takes the report off the list
        JsonNode corrected = accepted(postJson(report(id, district, String.valueOf(year), 2, before)), 201);
        assertThat(corrected.has("flags")).as("no flags on %s", corrected).isFalse();
        JsonNode after = json(given().queryParam("flag", "IMPLAUSIBLE_CHANGE").queryParam("period", String.valueOf(year)).queryParam("limit", 1000)
                .get(REPORTS).then().statusCode(200).extract().response());
        assertThat(each(after.path("items"), "reportId")).doesNotContain(id);
    }

    // ------------------------------------------------------------------------------------------------------------
    // the registry of parks and enterprises: learnt from org-units.v1

    private void publishOrgUnit(String code, String parent, boolean closed, long version) {
        publishOrgUnit(code, "ENTERPRISE", parent, closed, version);
    }

    private void publishOrgUnit(String code, String level, String parent, boolean closed, long version) {
        // an enterprise has an industry classification (GB/T 4754); a park has none (org-units.v1 consumers refuse one)
        String industry = "ENTERPRISE".equals(level) ? "\"industrySection\": \"C\", \"industryDivision\": \"26\"" : "\"industrySection\": null, \"industryDivision\": null";
        String event = String.format(java.util.Locale.ROOT, "{\"code\": \"%s\", \"level\": \"%s\", \"zh\": \"测试单位\", \"en\": \"test unit\", "
                + "\"parent\": \"%s\", %s, \"flags\": [], \"closed\": %s, \"version\": %d, "
                + "\"changedAt\": \"2026-01-01T00:00:00Z\", \"changedBy\": \"test\"}", code, level, parent, industry, closed, version);
        kafka.send(Topics.ORG_UNITS, code, event, Map.of("ce_type", "cn.qingdao.synergy.orgunit.v1"));
    }

    /** A valid unified social credit code that no registry holds yet. */
    private String unknownEnterprise() {
        String first17 = String.format(java.util.Locale.ROOT, "9137021%dMA3G%05d", sector.ordinal(), Math.floorMod(UUID.randomUUID().hashCode(), 100_000));
        return first17 + io.synergy.model.orgunit.UnifiedSocialCreditCode.checkCharacter(first17);
    }

    /** Registers a park in a district (a code of its own) and waits until this service knows it. */
    protected String registerPark(String district) {
        String code = district + "P" + String.format(java.util.Locale.ROOT, "%02d", 50 + PARKS.getAndIncrement() % 50);
        publishOrgUnit(code, "PARK", district, false, 1);
        awaitRegistered(code);
        return code;
    }

    /** Registers an enterprise under a park or district (a fresh credit code) and waits until this service knows it. */
    protected String registerEnterprise(String parent) {
        String first17 = String.format(java.util.Locale.ROOT, "9137020%dMA4H%05d", sector.ordinal(), ENTERPRISES.getAndIncrement());
        String code = first17 + io.synergy.model.orgunit.UnifiedSocialCreditCode.checkCharacter(first17);
        publishOrgUnit(code, "ENTERPRISE", parent, false, 1);
        awaitRegistered(code);
        return code;
    }

    /**
     * Waits until a report for the unit is no longer refused as unknown (a park's is refused as a park's): the probe
     * carries a negative value, so it is refused either way and stores nothing.
     */
    private void awaitRegistered(String code) {
        ObjectNode probe = report(uniqueId("registry-probe"), code, "2020", null, Map.of(elements.get(0).code(), -1.0));
        await().atMost(WAIT).untilAsserted(() -> {
            Response r = postJson(probe);
            assertThat(r.statusCode()).isEqualTo(400);
            assertThat(json(r).path("errors")).as(r.asString())
                    .noneMatch(e -> "orgUnit".equals(e.path("field").asText()) && !e.path("message").asText().contains("a park"));
        });
    }

    /**
     * A district-limited writer may report the enterprises registered in its districts — directly in one, or in one
     * of its parks — and no others; revising one of their reports follows the same rule.
     */
    @Test
    void aDistrictLimitedWriterReportsTheEnterprisesOfItsDistricts() {
        DistrictYear slot = freshDistrictYear();
        String district = slot.district();
        String inPark = registerEnterprise(registerPark(district));
        String direct = registerEnterprise(district);
        String other = districts.stream().filter(d -> !d.equals(district)).findFirst().orElseThrow();
        String elsewhere = registerEnterprise(other); // only refused writes reach it
        int year = slot.year();
        String token = TestTokens.bearer(TestTokens.tokenForDistricts(List.of(district), "feed:" + sector.code()));
        String parkReport = uniqueId("enterprise-in-park");
        ArrayNode own = MAPPER.createArrayNode().add(report(parkReport, inPark, String.valueOf(year), null, validValues()))
                .add(report(uniqueId("enterprise-direct"), direct, String.valueOf(year), null, validValues()));
        assertThat(each(accepted(postAs(token, own), 201), "status")).containsOnly("ACCEPTED");

        Snapshot before = settledSnapshot();
        Response outside = postAs(token, report(uniqueId("enterprise-elsewhere"), elsewhere, String.valueOf(year), null, validValues()));
        assertThat(outside.statusCode()).as(outside.asString()).isEqualTo(403);
        assertThat(json(outside).findValuesAsText("field")).containsExactly("orgUnit");
        String stranger = TestTokens.bearer(TestTokens.tokenForDistricts(List.of(other), "feed:" + sector.code()));
        Response revision = postAs(stranger, report(parkReport, inPark, String.valueOf(year), 2, valuesFor(2)));
        assertThat(revision.statusCode()).as(revision.asString()).isEqualTo(403);
        assertUnchanged(before);
        accepted(postAs(token, report(parkReport, inPark, String.valueOf(year), 2, valuesFor(2))), 201);
    }

    @Test
    void enterprisesReportOnceTheRegistryKnowsThemAndNotOnceClosed() {
        String enterprise = unknownEnterprise();
        int year = freshYear();
        Response unknown = postJson(report(uniqueId("enterprise-unknown"), enterprise, String.valueOf(year), null, validValues()));
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(json(unknown).findValuesAsText("message")).anyMatch(m -> m.contains("not a registered enterprise"));

        publishOrgUnit(enterprise, "370211", false, 1);
        await().atMost(WAIT).untilAsserted(() -> assertThat(postJson(report(uniqueId("enterprise-open"), enterprise, String.valueOf(year), null,
                validValues())).statusCode()).isEqualTo(201));

        publishOrgUnit(enterprise, "370211", true, 2);
        await().atMost(WAIT).untilAsserted(() -> {
            Response closed = postJson(report(uniqueId("enterprise-closed"), enterprise, String.valueOf(year + 1), null, validValues()));
            assertThat(closed.statusCode()).isEqualTo(400);
            assertThat(json(closed).findValuesAsText("message")).anyMatch(m -> m.contains("closed"));
        });
    }

    // ------------------------------------------------------------------------------------------------------------
    // the read API: indicators of districts, the city and the groups; roll-up of months and quarters; completeness

    @Test
    void cityAndGroupsAreRatiosOfSumsNotMeansOfRatios() {
        int year = freshYear();
        ArrayNode batch = MAPPER.createArrayNode();
        Map<String, Map<String, IndicatorValue>> byDistrict = new LinkedHashMap<>();
        for (int i = 0; i < districts.size(); i++) {
            batch.add(report(uniqueId("rollup-" + i), districts.get(i), String.valueOf(year), null, valuesFor(i)));
            byDistrict.put(districts.get(i), expectedOutputs(valuesFor(i)));
        }
        accepted(postJson(batch), 201);

        JsonNode all = indicators(String.valueOf(year), null);
        assertThat(all.path("period").asText()).isEqualTo(String.valueOf(year));
        for (String d : districts) {
            assertDistrictIndicators(all, d, byDistrict.get(d));
        }
        boolean differs = false;
        for (OrgUnit unit : List.of(orgUnits.city(), orgUnits.find("central-urban").orElseThrow())) {
            JsonNode rows = unitRows(all, unit.code());
            for (Indicator indicator : indicators) {
                IndicatorValue expected = IndicatorMath.rollUp(indicator, unit.districtsToSum().stream().map(d -> byDistrict.get(d).get(indicator.id())).toList());
                JsonNode row = row(rows, indicator.id());
                assertRow(row, expected, unit.code() + " " + indicator.id());
                assertThat(row.path("complete").asBoolean()).as("%s %s complete", unit.code(), indicator.id()).isTrue();
                if (indicator.formula().type() == FormulaType.RATIO && expected.value() != null) {
                    double mean = unit.districtsToSum().stream().mapToDouble(d -> byDistrict.get(d).get(indicator.id()).value()).average().orElseThrow();
                    differs |= Math.abs(mean - expected.value()) > 1e-6 * Math.max(1, Math.abs(expected.value()));
                }
            }
            for (DataElement de : published) {
                double sum = unit.districtsToSum().stream().mapToDouble(d -> byDistrict.get(d).get(de.code()).value()).sum();
                assertRow(row(rows, de.code()), IndicatorValue.total(sum), unit.code() + " " + de.code());
            }
        }
        assertThat(differs).as("the data make the ratio of sums differ from the mean of the district ratios").isTrue();

        // one unit only, by district or group
        JsonNode group = indicators(String.valueOf(year), "central-urban");
        assertThat(group.path("orgUnits")).hasSize(1);
        assertThat(group.path("orgUnits").get(0).path("orgUnit").asText()).isEqualTo("central-urban");
        JsonNode one = indicators(String.valueOf(year), districts.get(2));
        assertThat(one.path("orgUnits")).hasSize(1);
        assertDistrictIndicators(one, districts.get(2), byDistrict.get(districts.get(2)));
    }

    @Test
    void monthsAndQuartersRollUpToTheYear() {
        int year = freshYear();
        String district = districts.get(6);
        Map<String, Double> month = valuesFor(3);
        // Q1, April–June as months, Q3, October and November: eleven months, so the year is not complete
        ArrayNode batch = MAPPER.createArrayNode();
        batch.add(report(uniqueId("q1"), district, year + "Q1", null, scaled(month, 3)));
        for (int m = 4; m <= 6; m++) {
            batch.add(report(uniqueId("m" + m), district, YearMonth.of(year, m).toString(), null, month));
        }
        batch.add(report(uniqueId("q3"), district, year + "Q3", null, scaled(month, 3)));
        batch.add(report(uniqueId("m10"), district, YearMonth.of(year, 10).toString(), null, month));
        batch.add(report(uniqueId("m11"), district, YearMonth.of(year, 11).toString(), null, month));
        accepted(postJson(batch), 201);

        JsonNode partial = indicatorsOf(String.valueOf(year), district);
        assertDistrictIndicators(partial, district, expectedOutputs(scaled(month, 11)));
        assertThat(each(unitRows(partial, district), "complete")).containsOnly("false");
        JsonNode q2 = indicatorsOf(year + "Q2", district);
        assertDistrictIndicators(q2, district, expectedOutputs(scaled(month, 3)));
        assertThat(each(unitRows(q2, district), "complete")).containsOnly("true");
        JsonNode q4 = indicatorsOf(year + "Q4", district);
        assertDistrictIndicators(q4, district, expectedOutputs(scaled(month, 2)));
        assertThat(each(unitRows(q4, district), "complete")).containsOnly("false");

        String december = uniqueId("m12");
        accepted(postJson(report(december, district, YearMonth.of(year, 12).toString(), null, month)), 201);
        JsonNode full = indicatorsOf(String.valueOf(year), district);
        Map<String, IndicatorValue> expected = expectedOutputs(scaled(month, 12));
        assertDistrictIndicators(full, district, expected);
        assertThat(each(unitRows(full, district), "complete")).containsOnly("true");
        // the events follow: the year's value published by December's report is complete
        List<Event> events = awaitEvents(e -> december.equals(e.data().path("reportId").asText()), presentCount(expected));
        for (Event e : events) {
            assertThat(e.data().path("period").asText()).isEqualTo(String.valueOf(year));
            assertThat(e.data().path("complete").asBoolean()).as(e.data().toString()).isTrue();
            assertNumber(e.data().path("value"), expected.get(e.data().path("code").asText()).value(), e.data().path("code").asText());
        }
    }

    @Test
    void completenessListsWhoReportedWhat() {
        int year = freshYear();
        String quarterly = districts.get(7);
        String annual = districts.get(8);
        String q = uniqueId("complete-q");
        String a = uniqueId("complete-a");
        accepted(postJson(report(q, quarterly, year + "Q1", null, validValues())), 201);
        Map<String, Double> some = new LinkedHashMap<>();
        elements.stream().limit(2).forEach(de -> some.put(de.code(), validValues().get(de.code())));
        accepted(postJson(report(a, annual, String.valueOf(year), null, some)), 201);

        JsonNode c = json(given().queryParam("period", String.valueOf(year)).get("/api/v1/completeness").then().statusCode(200).extract().response());
        assertThat(c.path("sector").asText()).isEqualTo(sector.code());
        assertThat(c.path("districts")).hasSize(districts.size());
        for (JsonNode d : c.path("districts")) {
            String code = d.path("orgUnit").asText();
            assertThat(d.path("expected").asInt()).isEqualTo(elements.size());
            assertThat(d.path("dataElements")).hasSize(elements.size());
            if (code.equals(quarterly)) {
                assertThat(d.path("reported").asInt()).isEqualTo(elements.size());
                for (JsonNode de : d.path("dataElements")) {
                    assertThat(de.path("reported").asBoolean()).isTrue();
                    assertThat(de.path("periods").get(0).asText()).isEqualTo(year + "Q1");
                    assertThat(de.path("complete").asBoolean()).as("one quarter of %s", year).isFalse();
                    assertThat(de.path("reportId").asText()).isEqualTo(q);
                    assertThat(de.path("lastReceived").asText()).isNotBlank();
                }
            } else if (code.equals(annual)) {
                assertThat(d.path("reported").asInt()).isEqualTo(2);
                for (JsonNode de : d.path("dataElements")) {
                    boolean expected = some.containsKey(de.path("dataElement").asText());
                    assertThat(de.path("reported").asBoolean()).isEqualTo(expected);
                    if (expected) {
                        assertThat(de.path("complete").asBoolean()).isTrue();
                        assertThat(de.path("reportId").asText()).isEqualTo(a);
                    }
                }
            } else {
                assertThat(d.path("reported").asInt()).as("district %s reported nothing for %s", code, year).isZero();
            }
        }
        JsonNode q1 = json(given().queryParam("period", year + "Q1").get("/api/v1/completeness").then().statusCode(200).extract().response());
        JsonNode qd = stream(q1.path("districts")).filter(n -> quarterly.equals(n.path("orgUnit").asText())).findFirst().orElseThrow();
        assertThat(each(qd.path("dataElements"), "complete")).containsOnly("true");
    }

    @Test
    void convertsTheUnitsTheCatalogueAccepts() {
        int year = freshYear();
        String district = districts.get(9);
        String id = uniqueId("units");
        Map<String, Double> values = validValues();
        ObjectNode r = report(id, district, String.valueOf(year), null, values);
        int converted = 0;
        for (int i = 0; i < elements.size(); i++) {
            DataElement de = elements.get(i);
            if (!de.units().isEmpty()) {
                Map.Entry<String, Double> alt = de.units().entrySet().stream().sorted(Map.Entry.comparingByKey()).findFirst().orElseThrow();
                double sent = new java.math.BigDecimal(String.valueOf(values.get(de.code())))
                        .divide(java.math.BigDecimal.valueOf(alt.getValue()), java.math.MathContext.DECIMAL64).doubleValue();
                value(r, i).put("value", sent).put("unit", alt.getKey());
                converted++;
            } else {
                value(r, i).put("unit", de.unit());
            }
        }
        JsonNode answer = accepted(postJson(r), 201);
        assertIndicatorsAnswer(answer, district, year, expectedOutputs(values));
        Map<String, Double> stored = storedValues(getReport(id).path("revisions").get(0));
        values.forEach((code, v) -> assertThat(stored.get(code)).as("%s in %s", code, unitOf(code)).isCloseTo(v, within(1e-9 * Math.max(1, v))));
        if (converted == 0) {
            assertThat(elements).allMatch(de -> de.units().isEmpty());
        }
    }

    /**
     * A report accepted while Kafka is down is stored, answered, and its events are published once the broker is
     * back: the outbox keeps them meanwhile.
     */
    @Test
    void aReportAcceptedWhileTheBrokerIsDownIsPublishedWhenItIsBack() {
        assertThat(KafkaBroker.running()).as("the broker of PlatformTestResource is visible to the test").isTrue();
        int year = freshYear();
        String district = districts.get(1);
        String id = uniqueId("outage");
        Map<String, Double> values = validValues();
        settledSnapshot();
        KafkaBroker.stopBroker();
        try {
            JsonNode answer = accepted(postJson(report(id, district, String.valueOf(year), null, values)), 201);
            assertThat(answer.path("status").asText()).isEqualTo("ACCEPTED");
            assertThat(getReport(id).path("currentRevision").asInt()).isEqualTo(1);
            // the relay cannot publish: the events wait in the outbox
            await().during(Duration.ofMillis(500)).atMost(WAIT).until(() -> count("outbox") > 0);
        } finally {
            KafkaBroker.restartBroker();
        }
        Map<String, IndicatorValue> expected = expectedOutputs(values);
        List<Event> events = awaitEvents(e -> id.equals(e.data().path("reportId").asText()), presentCount(expected), Duration.ofSeconds(60));
        assertEvents(events, district, year, expected, 1);
        await().atMost(WAIT).until(() -> count("outbox") == 0);
    }

    // ------------------------------------------------------------------------------------------------------------
    // building blocks for the contract and for sector-specific tests

    /** A district and a year that no other test of this JVM writes. */
    protected record DistrictYear(String district, int year) {
        public String period() {
            return String.valueOf(year);
        }
    }

    /**
     * District-years no other test of this JVM writes, for a test that writes a few districts only: {@code count}
     * districts, each for {@code years} consecutive years (district by district, then year by year).
     */
    protected List<DistrictYear> freshDistrictYears(int count, int years) {
        synchronized (TAKEN_DISTRICT_YEARS) {
            for (int first = SHARED_FIRST_YEAR; first + years - 1 <= SHARED_LAST_YEAR; first++) {
                List<DistrictYear> out = new ArrayList<>();
                for (String d : districts) {
                    int y0 = first;
                    if (out.size() < count * years && IntStream.range(0, years).noneMatch(k -> TAKEN_DISTRICT_YEARS.contains(d + "|" + (y0 + k)))) {
                        IntStream.range(0, years).forEach(k -> out.add(new DistrictYear(d, y0 + k)));
                    }
                }
                if (out.size() == count * years) {
                    out.forEach(dy -> TAKEN_DISTRICT_YEARS.add(dy.district() + "|" + dy.year()));
                    return out;
                }
            }
            throw new AssertionError("no " + count + " district(s) left free for " + years + " year(s) in " + SHARED_FIRST_YEAR + "–" + SHARED_LAST_YEAR);
        }
    }

    /** One district-year no other test of this JVM writes. */
    protected DistrictYear freshDistrictYear() {
        return freshDistrictYears(1, 1).get(0);
    }

    /** A year no other test of this JVM uses, so district-year combinations never overlap. */
    protected static int freshYear() {
        int year = YEARS.getAndIncrement();
        assertThat(year).as("fresh years run out").isLessThanOrEqualTo(LocalDate.now(ZONE).getYear() - 1);
        return year;
    }

    protected String uniqueId(String label) {
        return "it/" + sector.code() + "/" + label + "/" + UUID.randomUUID();
    }

    protected String source() {
        return "it-" + sector.code() + "-system";
    }

    /** Values for every data element of the sector that satisfy its rules (parts below their wholes). */
    protected Map<String, Double> validValues() {
        return values(1000, 0.4);
    }

    /** Valid values that differ per {@code i}: the whole grows with i and so does the share of each part. */
    protected Map<String, Double> valuesFor(int i) {
        return values(1000 + 700 * i, 0.15 + 0.08 * i);
    }

    /** Every data element: {@code scale × share^depth}, depth being how many parts-of-wholes it is nested in. */
    protected Map<String, Double> values(double scale, double share) {
        Map<String, Double> m = new LinkedHashMap<>();
        for (DataElement de : elements) {
            m.put(de.code(), Math.round(scale * Math.pow(share, depth(de.code())) * 1e4) / 1e4);
        }
        return m;
    }

    private int depth(String code) {
        int d = 0;
        for (PartOfWholeRule r : rules) {
            if (r.part().equals(code)) {
                d = Math.max(d, 1 + depth(r.whole()));
            }
        }
        return d;
    }

    protected static Map<String, Double> scaled(Map<String, Double> values, double factor) {
        Map<String, Double> m = new LinkedHashMap<>();
        values.forEach((k, v) -> m.put(k, v * factor));
        return m;
    }

    private String wholeOrFirst() {
        return rules.isEmpty() ? elements.get(0).code() : rules.get(0).whole();
    }

    protected String unitOf(String code) {
        return catalogue.dataElement(code).orElseThrow().unit();
    }

    /** A report as the public contract shapes it; {@code revision} null leaves it out (it defaults to 1). */
    protected ObjectNode report(String id, String district, String period, Integer revision, Map<String, Double> values) {
        ObjectNode n = MAPPER.createObjectNode();
        n.put("reportId", id);
        n.put("source", source());
        n.put("orgUnit", district);
        n.put("period", period);
        if (revision != null) {
            n.put("revision", revision);
        }
        ArrayNode vs = n.putArray("values");
        values.forEach((code, v) -> vs.addObject().put("dataElement", code).put("value", v));
        return n;
    }

    protected String csvRow(String id, String district, String period, String dataElement, String value, String unit, String revision) {
        return String.join(",", id, source(), district, period, dataElement, value, unit, revision);
    }

    /** The expected outputs (sector indicators and published data elements) of a district from its annual totals. */
    protected Map<String, IndicatorValue> expectedOutputs(Map<String, Double> totals) {
        Map<String, IndicatorValue> out = new LinkedHashMap<>();
        for (Indicator i : indicators) {
            out.put(i.id(), IndicatorMath.evaluate(i, totals::get));
        }
        for (DataElement de : published) {
            Double v = totals.get(de.code());
            out.put(de.code(), v == null ? IndicatorValue.NONE : IndicatorValue.total(v));
        }
        return out;
    }

    private static int presentCount(Map<String, IndicatorValue> outputs) {
        return (int) outputs.values().stream().filter(IndicatorValue::present).count();
    }

    protected RequestSpecification given() {
        // bytes are sent as they are: no charset appended to text/csv behind the test's back
        return RestAssured.given().config(RestAssured.config().encoderConfig(
                EncoderConfig.encoderConfig().appendDefaultContentCharsetToContentTypeIfUndefined(false)));
    }

    protected Response postJson(JsonNode body) {
        return given().contentType(JSON).body(bytes(body)).post(REPORTS);
    }

    protected Response postCsv(String csv) {
        return given().contentType(CSV).body(csv.getBytes(StandardCharsets.UTF_8)).post(REPORTS);
    }

    protected static byte[] bytes(JsonNode node) {
        return node.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Asserts a 2xx answer with the expected status and returns its JSON. */
    protected JsonNode accepted(Response r, int status) {
        assertThat(r.statusCode()).as("answer: %s", r.asString()).isEqualTo(status);
        assertThat(r.contentType()).startsWith(JSON);
        return json(r);
    }

    protected static JsonNode json(Response r) {
        try {
            return MAPPER.readTree(r.asByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    protected JsonNode getReport(String id) {
        Response r = given().get(REPORTS + "/" + id);
        assertThat(r.statusCode()).as(r.asString()).isEqualTo(200);
        return json(r);
    }

    /** Waits until the report is stored (a feed message is ingested asynchronously) and returns its history. */
    protected JsonNode awaitReport(String id) {
        await().atMost(WAIT).pollInterval(Duration.ofMillis(50)).until(() -> given().get(REPORTS + "/" + id).statusCode() == 200);
        return getReport(id);
    }

    protected JsonNode indicators(String period, String district) {
        RequestSpecification spec = given().queryParam("period", period);
        if (district != null) {
            spec = spec.queryParam("district", district);
        }
        Response r = spec.get("/api/v1/indicators");
        assertThat(r.statusCode()).as(r.asString()).isEqualTo(200);
        return json(r);
    }

    protected JsonNode indicatorsOf(String period, String district) {
        return indicators(period, district);
    }

    protected static JsonNode unitRows(JsonNode indicators, String orgUnit) {
        for (JsonNode u : indicators.path("orgUnits")) {
            if (orgUnit.equals(u.path("orgUnit").asText())) {
                return u.path("indicators");
            }
        }
        throw new AssertionError("no org unit " + orgUnit + " in " + indicators);
    }

    protected static JsonNode row(JsonNode rows, String code) {
        for (JsonNode r : rows) {
            if (code.equals(r.path("code").asText())) {
                return r;
            }
        }
        throw new AssertionError("no row " + code + " in " + rows);
    }

    protected void assertDistrictIndicators(JsonNode indicators, String district, Map<String, IndicatorValue> expected) {
        JsonNode rows = unitRows(indicators, district);
        expected.forEach((code, v) -> assertRow(row(rows, code), v, district + " " + code));
    }

    protected static void assertRow(JsonNode row, IndicatorValue expected, String what) {
        assertNumber(row.path("value"), expected.value(), what + " value");
        assertNumber(row.path("numerator"), expected.numerator(), what + " numerator");
        assertNumber(row.path("denominator"), expected.denominator(), what + " denominator");
    }

    protected static void assertNumber(JsonNode actual, Double expected, String what) {
        if (expected == null) {
            assertThat(actual.isNull() || actual.isMissingNode()).as("%s: expected none, got %s", what, actual).isTrue();
        } else {
            assertThat(actual.isNumber()).as("%s: expected %s, got %s", what, expected, actual).isTrue();
            assertThat(actual.asDouble()).as(what).isCloseTo(expected, within(1e-9 * Math.max(1, Math.abs(expected))));
        }
    }

    /** The answer's indicators: every sector indicator the values allow, for the district and year, as expected. */
    protected void assertIndicatorsAnswer(JsonNode answer, String district, int year, Map<String, IndicatorValue> expected) {
        Map<String, JsonNode> got = new HashMap<>();
        answer.path("indicators").forEach(i -> got.put(i.path("indicator").asText(), i));
        List<String> expectedIds = indicators.stream().map(Indicator::id).filter(i -> expected.get(i).present()).toList();
        assertThat(got.keySet()).as("indicators in the answer").containsExactlyInAnyOrderElementsOf(expectedIds);
        for (String id : expectedIds) {
            JsonNode i = got.get(id);
            assertThat(i.path("orgUnit").asText()).isEqualTo(district);
            assertThat(i.path("period").asText()).isEqualTo(String.valueOf(year));
            assertNumber(i.path("value"), expected.get(id).value(), id);
            assertThat(i.path("unit").asText()).isEqualTo(catalogue.indicator(id).orElseThrow().unit());
        }
    }

    /** An indicator event as read from the topic: the record and its JSON data. */
    public record Event(Received record, JsonNode data) {
    }

    protected List<Event> awaitEvents(Predicate<Event> match, int atLeast) {
        return awaitEvents(match, atLeast, WAIT);
    }

    protected List<Event> awaitEvents(Predicate<Event> match, int atLeast, Duration timeout) {
        List<Received> seen = kafka.readUntil(indicatorTopic, rs -> events(rs).stream().filter(match).count() >= atLeast, timeout);
        return events(seen).stream().filter(match).toList();
    }

    private static List<Event> events(List<Received> records) {
        List<Event> out = new ArrayList<>();
        for (Received r : records) {
            try {
                out.add(new Event(r, MAPPER.readTree(r.value())));
            } catch (IOException e) {
                throw new AssertionError("an indicator event that is not JSON: " + r, e);
            }
        }
        return out;
    }

    /** Each expected output published once, as a CloudEvent in binary mode, keyed by (code, district). */
    protected void assertEvents(List<Event> events, String district, int year, Map<String, IndicatorValue> expected, long revision) {
        Map<String, Event> byCode = new HashMap<>();
        for (Event e : events) {
            assertThat(byCode.put(e.data().path("code").asText(), e)).as("one event per output: %s", e.data()).isNull();
        }
        List<String> present = expected.entrySet().stream().filter(x -> x.getValue().present()).map(Map.Entry::getKey).toList();
        assertThat(byCode.keySet()).containsExactlyInAnyOrderElementsOf(present);
        for (String code : present) {
            Event e = byCode.get(code);
            JsonNode d = e.data();
            Map<String, String> h = e.record().headers();
            IndicatorValue v = expected.get(code);
            String subject = district + "/" + code + "/" + year;
            assertThat(e.record().key()).isEqualTo(code + "|" + district);
            assertThat(h).containsEntry("ce_specversion", CloudEventTypes.SPEC_VERSION)
                    .containsEntry("ce_type", CloudEventTypes.INDICATOR)
                    .containsEntry("ce_source", CloudEventTypes.sectorSource(sector))
                    .containsEntry("ce_subject", subject)
                    .containsEntry("ce_id", d.path("eventId").asText())
                    .containsKey("ce_time");
            assertThat(h.get("content-type")).startsWith(JSON);
            assertThat(d.path("sector").asText()).isEqualTo(sector.code());
            assertThat(d.path("kind").asText()).isEqualTo(catalogue.indicator(code).isPresent() ? "INDICATOR" : "DATA_ELEMENT");
            assertThat(d.path("orgUnit").asText()).isEqualTo(district);
            assertThat(d.path("period").asText()).isEqualTo(String.valueOf(year));
            assertThat(d.path("revision").asLong()).isEqualTo(revision);
            assertThat(d.path("complete").asBoolean()).isTrue();
            assertNumber(d.path("value"), v.value(), code + " value");
            assertNumber(d.path("numerator"), v.numerator(), code + " numerator");
            assertNumber(d.path("denominator"), v.denominator(), code + " denominator");
        }
    }

    /** Values of a stored revision (GET /api/v1/reports/{id}), in the catalogue's units. */
    protected static Map<String, Double> storedValues(JsonNode revision) {
        Map<String, Double> m = new LinkedHashMap<>();
        revision.path("values").forEach(v -> m.put(v.path("dataElement").asText(), v.path("value").asDouble()));
        return m;
    }

    /** The field of each element of an array (not of nested objects, as {@code findValuesAsText} would). */
    protected static List<String> each(JsonNode array, String field) {
        return stream(array).map(n -> n.path(field).asText()).toList();
    }

    private static Stream<JsonNode> stream(JsonNode array) {
        List<JsonNode> l = new ArrayList<>();
        array.forEach(l::add);
        return l.stream();
    }

    // ------------------------------------------------------------------------------------------------------------
    // raw HTTP (exact control of headers and chunking) and problem documents

    /** A raw HTTP answer. */
    public record Exchange(int status, String contentType, byte[] body) {
        public String text() {
            return new String(body, StandardCharsets.UTF_8);
        }

        public JsonNode json() {
            try {
                return MAPPER.readTree(body);
            } catch (IOException e) {
                throw new AssertionError("not JSON: " + text(), e);
            }
        }
    }

    /** The headers of a feed message from the sector's own system: its token in {@code authorization}. */
    protected Map<String, String> feedIdentity() {
        return Map.of("authorization", auth.header());
    }

    protected URI uri(String path) {
        return URI.create("http://localhost:" + RestAssured.port + path);
    }

    /** Sends with the JDK client: no header added, a body sent with a Content-Length or chunked. */
    protected Exchange exchange(String method, String path, String contentType, byte[] body, boolean chunked) {
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(60)).header("Authorization", auth.header());
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        HttpRequest.BodyPublisher publisher = body == null ? HttpRequest.BodyPublishers.noBody()
                : chunked ? HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body))
                : HttpRequest.BodyPublishers.ofByteArray(body);
        return send(b.method(method, publisher).build());
    }

    protected Exchange send(HttpRequest request) {
        try {
            HttpResponse<byte[]> r = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            Exchange e = new Exchange(r.statusCode(), r.headers().firstValue("content-type").orElse(null), r.body());
            assertThat(e.status()).as("%s %s answered %s", request.method(), request.uri(), e.text()).isLessThan(500);
            return e;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** A problem document with the status, naming {@code field} among its errors (when not null). */
    protected static void assertProblem(Exchange answer, int status, String field) {
        assertThat(answer.status()).as("status; answer: %s", answer.text()).isEqualTo(status);
        assertThat(answer.contentType()).as("content type; answer: %s", answer.text()).startsWith(PROBLEM);
        JsonNode p = answer.json();
        assertThat(p.path("status").asInt()).isEqualTo(status);
        assertThat(p.path("type").asText()).startsWith("https://synergy.qingdao/problems/");
        assertThat(p.path("title").asText()).isNotBlank();
        assertThat(p.path("detail").asText()).isNotBlank();
        if (field != null) {
            List<String> fields = each(p.path("errors"), "field");
            assertThat(fields).as("fields named in %s", p).contains(field);
            p.path("errors").forEach(e -> assertThat(e.path("message").asText()).as("message of %s", e).isNotBlank());
        }
    }

    // ------------------------------------------------------------------------------------------------------------
    // "nothing changed": row counts of the service's tables and the end offset of its indicator topic

    /** What a failing request must leave as it was. */
    public record Snapshot(long reports, long dataValues, long indicatorValues, long outbox, long indicatorEvents) {
        Snapshot withReports(long n) {
            return new Snapshot(n, dataValues, indicatorValues, outbox, indicatorEvents);
        }
    }

    /** Waits until the outbox is drained (so nothing moves), then counts. */
    protected Snapshot settledSnapshot() {
        await().atMost(WAIT).pollInterval(Duration.ofMillis(20)).until(() -> count("outbox") == 0);
        return snapshot();
    }

    protected Snapshot snapshot() {
        try (Statement st = database().createStatement(); ResultSet rs = st.executeQuery("""
                SELECT (SELECT count(*) FROM report), (SELECT count(*) FROM data_value),
                       (SELECT count(*) FROM indicator_value), (SELECT count(*) FROM outbox)""")) {
            rs.next();
            return new Snapshot(rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), kafka.endOffsetSum(indicatorTopic));
        } catch (SQLException e) {
            throw new IllegalStateException("could not count the service's rows", e);
        }
    }

    protected void assertUnchanged(Snapshot before) {
        // a request that wrote anything would show in the tables at once, or in the outbox / topic until relayed
        assertThat(snapshot()).isEqualTo(before);
    }

    protected long count(String table) {
        try (Statement st = database().createStatement(); ResultSet rs = st.executeQuery("SELECT count(*) FROM " + table)) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException("could not count " + table, e);
        }
    }

    /** A connection to the service's schema (the service's own data source settings), kept for the test class. */
    protected synchronized Connection database() throws SQLException {
        if (database == null || database.isClosed()) {
            Config c = config();
            database = DriverManager.getConnection(c.getValue("quarkus.datasource.jdbc.url", String.class),
                    c.getValue("quarkus.datasource.username", String.class), c.getValue("quarkus.datasource.password", String.class));
            database.setAutoCommit(true);
        }
        return database;
    }

    private static long bytesOf(String memorySize) {
        String s = memorySize.strip().toUpperCase();
        long factor = switch (s.charAt(s.length() - 1)) {
            case 'K' -> 1024L;
            case 'M' -> 1024L * 1024;
            case 'G' -> 1024L * 1024 * 1024;
            default -> 1L;
        };
        return Long.parseLong(factor == 1 ? s : s.substring(0, s.length() - 1)) * factor;
    }
}
