package io.synergy.testsupport.sector;

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
import io.synergy.model.catalogue.Aggregation;
import io.synergy.model.catalogue.Catalogue;
import io.synergy.model.catalogue.DataElement;
import io.synergy.model.catalogue.Indicator;
import io.synergy.model.catalogue.IndicatorMath;
import io.synergy.model.catalogue.IndicatorValue;
import io.synergy.model.catalogue.PartOfWholeRule;
import io.synergy.model.catalogue.Sector;
import io.synergy.model.event.CloudEventTypes;
import io.synergy.model.event.Topics;
import io.synergy.model.kafka.Principals;
import io.synergy.model.orgunit.OrgUnit;
import io.synergy.model.orgunit.OrgUnits;
import io.synergy.model.orgunit.UnifiedSocialCreditCode;
import io.synergy.testsupport.DefaultAuthorization;
import io.synergy.testsupport.KafkaBroker;
import io.synergy.testsupport.KafkaTestClient;
import io.synergy.testsupport.KafkaTestClient.Received;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
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
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Predicate;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.eclipse.microprofile.config.Config;
import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.TestInstance;

/**
 * The building blocks of the sector service contracts, proven against the real in-JVM broker and the real PostgreSQL
 * schema of the service: reports, CSV rows and values derived from the {@link Catalogue} (the sector's data elements and
 * part-of-whole rules, values that satisfy them, a data element of another sector), requests with and without tokens,
 * events read back from the topics, problem documents and "nothing changed" snapshots.
 *
 * <p>The contract is split by theme. Every sector service runs {@link CatalogueContract} (what differs per sector); one of
 * them (energy) runs the sector-neutral themes in full, one test class each, all sharing one Quarkus boot:
 *
 * <pre>{@code
 * @QuarkusTest
 * @WithTestResource(PlatformTestResource.class)
 * class EnergyServiceTest extends CatalogueContract {
 *     EnergyServiceTest() { super(Sector.ENERGY); }
 *     // plus what is specific to the sector
 * }
 *
 * @QuarkusTest
 * @WithTestResource(PlatformTestResource.class)
 * class EnergyIngestionTest extends IngestionContract {
 *     EnergyIngestionTest() { super(Sector.ENERGY); }
 * }
 * // and RevisionContract, FeedContract, SecurityContract, RollUpContract alike
 * }</pre>
 *
 * <p>Tests do not depend on each other or on their order: each uses its own report ids and its own year
 * ({@link #freshYear()}) — or, writing one or two districts only, district-years of their own
 * ({@link #freshDistrictYears}) — so district-year combinations never overlap, across the test classes of a JVM too.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class SectorServiceTest {

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

    protected static final int BULK_LAST_YEAR = 1995;
    private static final int SHARED_FIRST_YEAR = 1996;
    private static final int SHARED_LAST_YEAR = 1999;
    private static final Set<String> TAKEN_DISTRICT_YEARS = new HashSet<>();
    /** Parks and enterprises registered by the tests of this JVM, numbered. */
    private static final AtomicInteger PARKS = new AtomicInteger();

    private static final AtomicInteger ENTERPRISES =
            new AtomicInteger(Math.floorMod(UUID.randomUUID().hashCode(), 50_000));
    protected static final int BULK_FIRST_YEAR = 1990;

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
    private KafkaTestClient registry;
    private HttpClient http;
    /** The default token: the sector's writer (feed:<sector>) who may also read. */
    protected DefaultAuthorization auth;

    private Connection database;

    protected SectorServiceTest(Sector sector) {
        this.sector = sector;
        this.elements = catalogue.dataElements(sector);
        this.rules = catalogue.rules(sector);
        this.indicators = catalogue.sectorIndicators(sector);
        this.published = catalogue.publishedDataElements(sector);
        this.foreign = catalogue.dataElements().stream()
                .filter(d -> d.sector() != sector)
                .findFirst()
                .orElseThrow();
        this.districts = orgUnits.districts().stream().map(OrgUnit::code).toList();
        this.indicatorTopic = Topics.indicators(sector);
        this.feedTopic = Topics.feed(sector);
    }

    @BeforeAll
    void contractSetUp() {
        assertThat(elements).as("data elements of %s", sector).isNotEmpty();
        assertThat(indicators).as("indicators of %s", sector).isNotEmpty();
        assertThat(ConfigProvider.getConfig().getValue("synergy.sector.code", String.class))
                .as("the service under test is the %s service", sector.code())
                .isEqualTo(sector.code());
        // every request carries the sector's writer token unless a test says otherwise, and none may be answered with a
        // 5xx
        auth = DefaultAuthorization.as("feed:" + sector.code(), "reader");
        RestAssured.replaceFiltersWith(auth, (request, response, ctx) -> {
            Response r = ctx.next(request, response);
            assertThat(r.statusCode())
                    .as("%s %s answered %s", request.getMethod(), request.getURI(), r.asString())
                    .isLessThan(500);
            return r;
        });
        // the feed's messages come from the sector bureau's own Kafka principal, the only one besides replays allowed
        // to write it
        kafka = KafkaBroker.running()
                ? KafkaTestClient.producingAs(Principals.bureau(sector))
                : new KafkaTestClient(config().getValue("kafka.bootstrap.servers", String.class));
        // the registry's events come from the registry service's principal, the only one allowed to write org-units.v1
        registry = KafkaBroker.running() ? KafkaTestClient.producingAs(Principals.REGISTRY) : kafka;
        http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10))
                .build();
    }

    @AfterAll
    void contractTearDown() {
        RestAssured.replaceFiltersWith(List.of());
        if (kafka != null) {
            kafka.close();
        }
        if (registry != null && registry != kafka) {
            registry.close();
        }
        try {
            if (database != null) {
                database.close();
            }
        } catch (SQLException e) {
            // the class is done; nothing depends on this connection any more
        }
    }

    protected Config config() {
        return ConfigProvider.getConfig();
    }

    protected KafkaTestClient kafka() {
        return kafka;
    }

    /** An invalid request and what the service must answer. */
    public record BadRequest(String name, String contentType, byte[] body, boolean chunked, int status, String field) {
        @Override
        public String toString() {
            return name;
        }
    }

    /** Sends the request and asserts the problem it is refused with, and that nothing changed. */
    protected void assertRefusedAndUnchanged(BadRequest bad) {
        Snapshot before = settledSnapshot();
        Exchange answer = exchange("POST", REPORTS, bad.contentType(), bad.body(), bad.chunked());
        assertProblem(answer, bad.status(), bad.field());
        assertUnchanged(before);
    }

    protected BadRequest jsonCase(String name, Consumer<ObjectNode> mutation, String field) {
        ObjectNode r = baseReport(uniqueId("invalid"), validValues());
        mutation.accept(r);
        return json(name, r, field);
    }

    protected BadRequest json(String name, JsonNode body, String field) {
        return bytes(name, JSON, body.toString().getBytes(StandardCharsets.UTF_8), 400, field);
    }

    protected BadRequest rawJsonCase(String name, String body, String field) {
        return bytes(name, JSON, body.getBytes(StandardCharsets.UTF_8), 400, field);
    }

    protected BadRequest csv(String name, String body, String field) {
        return bytes(name, CSV, body.getBytes(StandardCharsets.UTF_8), 400, field);
    }

    protected static BadRequest bytes(String name, String contentType, byte[] body, int status, String field) {
        return new BadRequest(name, contentType, body, false, status, field);
    }

    protected ObjectNode baseReport(String id, Map<String, Double> values) {
        return report(id, districts.get(0), "2020", null, values);
    }

    /** The base report's JSON with the first value's number replaced by a literal JSON cannot carry as a double. */
    protected String replaceFirstValue(Map<String, Double> values, String literal) {
        ObjectNode r = baseReport(uniqueId("invalid"), values);
        value(r, 0).put("value", "__LITERAL__");
        return r.toString().replace("\"__LITERAL__\"", literal);
    }

    protected static ObjectNode value(ObjectNode report, int i) {
        return (ObjectNode) report.path("values").get(i);
    }

    protected int index(String code) {
        return IntStream.range(0, elements.size())
                .filter(i -> elements.get(i).code().equals(code))
                .findFirst()
                .orElseThrow();
    }

    /** A unit that some other data element accepts but this one does not. */
    protected String foreignUnit(DataElement de) {
        return catalogue.dataElements().stream()
                .map(DataElement::unit)
                .filter(u -> de.factorFor(u).isEmpty())
                .findFirst()
                .orElse("furlongs");
    }

    protected static byte[] notUtf8(String text) {
        byte[] utf8 = text.getBytes(StandardCharsets.UTF_8);
        int at = Math.min(12, utf8.length);
        byte[] out = new byte[utf8.length + 2];
        System.arraycopy(utf8, 0, out, 0, at);
        out[at] = (byte) 0xC3; // a lead byte followed by no continuation byte
        out[at + 1] = (byte) 0x28;
        System.arraycopy(utf8, at, out, at + 2, utf8.length - at);
        return out;
    }

    protected static byte[] padded(Object start, long size) {
        byte[] head = start.toString().getBytes(StandardCharsets.UTF_8);
        byte[] out = new byte[(int) size];
        System.arraycopy(head, 0, out, 0, head.length);
        Arrays.fill(out, head.length, out.length, (byte) ' ');
        return out;
    }

    protected long maxBodyBytes() {
        return config().getOptionalValue("synergy.sector.max-body-bytes", Long.class)
                .orElse(8L * 1024 * 1024);
    }

    protected String otherSectorRole() {
        return "feed:"
                + Arrays.stream(Sector.values())
                        .filter(s -> s != sector)
                        .findFirst()
                        .orElseThrow()
                        .code();
    }

    protected Response postAs(String authorization, JsonNode body) {
        return given().header("Authorization", authorization)
                .contentType(JSON)
                .body(bytes(body))
                .post(REPORTS);
    }

    /** The dead letters of this sector's feed whose value contains {@code text}, oldest first, once there are {@code count}. */
    protected List<Received> awaitDeadLetters(String text, int count) {
        Predicate<Received> match = r -> r.value() != null && r.value().contains(text);
        List<Received> dead = kafka.readUntil(
                Topics.feedDeadLetters(sector),
                seen -> seen.stream().filter(match).count() >= count,
                WAIT);
        return dead.stream()
                .filter(match)
                .sorted(Comparator.comparingLong(Received::offset))
                .toList();
    }

    /** The newest dead letter whose value contains {@code text}, once there is one. */
    protected Received awaitDeadLetter(String text) {
        List<Received> dead = awaitDeadLetters(text, 1);
        return dead.get(dead.size() - 1);
    }

    /** Headers as the aggregation's replay sends them (DeadLetterReplayer): no token, the dead letter's id and who replayed it. */
    protected Map<String, String> replayOf(Received deadLetter) {
        return Map.of(
                "replayed-dead-letter",
                deadLetter.headers().getOrDefault("dead-letter-id", ""),
                "replayed-by",
                "test-operator",
                "replayed-from",
                deadLetter.topic() + "/" + deadLetter.partition() + "/" + deadLetter.offset(),
                "replay-count",
                "1");
    }

    /** The year of reports a test expects to be refused: as nothing of them is stored, they need no fresh year of their own. */
    protected static int refusedYear() {
        return LocalDate.now(ZONE).getYear() - 1;
    }

    /** A rule of the sector between two data elements that add up over periods (months sum to the year). */
    protected PartOfWholeRule summedRule() {
        return rules.stream()
                .filter(r -> catalogue.dataElement(r.part()).orElseThrow().aggregation() == Aggregation.SUM
                        && catalogue.dataElement(r.whole()).orElseThrow().aggregation() == Aggregation.SUM)
                .findFirst()
                .orElseThrow(() -> new AssertionError(sector + " has no rule between summed data elements"));
    }

    protected void publishOrgUnit(String code, String parent, boolean closed, long version) {
        publishOrgUnit(code, "ENTERPRISE", parent, closed, version);
    }

    protected void publishOrgUnit(String code, String level, String parent, boolean closed, long version) {
        // an industry classification is an enterprise's only: the feed refuses a park that carries one
        // (OrgUnitEventValidator)
        String industry =
                "ENTERPRISE".equals(level) ? "\"C\", \"industryDivision\": \"26\"" : "null, \"industryDivision\": null";
        String event = String.format(
                Locale.ROOT,
                "{\"code\": \"%s\", \"level\": \"%s\", \"zh\": \"测试单位\", \"en\": \"test unit\", "
                        + "\"parent\": \"%s\", \"industrySection\": %s, \"flags\": [], \"closed\": %s, \"version\": %d, "
                        + "\"changedAt\": \"2026-01-01T00:00:00Z\", \"changedBy\": \"test\"}",
                code,
                level,
                parent,
                industry,
                closed,
                version);
        registry.send(Topics.ORG_UNITS, code, event, Map.of("ce_type", "cn.qingdao.synergy.orgunit.v1"));
    }

    /** A valid unified social credit code that no registry holds yet. */
    protected String unknownEnterprise() {
        String first17 = String.format(
                Locale.ROOT,
                "9137021%dMA3G%05d",
                sector.ordinal(),
                Math.floorMod(UUID.randomUUID().hashCode(), 100_000));
        return first17 + UnifiedSocialCreditCode.checkCharacter(first17);
    }

    /** Registers a park in a district (a code of its own) and waits until this service knows it. */
    protected String registerPark(String district) {
        String code = district + "P" + String.format(Locale.ROOT, "%02d", 50 + PARKS.getAndIncrement() % 50);
        publishOrgUnit(code, "PARK", district, false, 1);
        awaitRegistered(code);
        return code;
    }

    /** Registers an enterprise under a park or district (a fresh credit code) and waits until this service knows it. */
    protected String registerEnterprise(String parent) {
        return registerEnterprises(parent, 1).get(0);
    }

    /** Registers {@code count} enterprises under a park or district at once and waits until this service knows them all. */
    protected List<String> registerEnterprises(String parent, int count) {
        List<String> codes = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            String first17 =
                    String.format(Locale.ROOT, "9137020%dMA4H%05d", sector.ordinal(), ENTERPRISES.getAndIncrement());
            String code = first17 + UnifiedSocialCreditCode.checkCharacter(first17);
            publishOrgUnit(code, "ENTERPRISE", parent, false, 1);
            codes.add(code);
        }
        awaitRegistered(codes);
        return codes;
    }

    /**
     * Waits until a report for the unit is no longer refused as unknown (a park's is refused as a park's): the probe
     * carries a negative value, so it is refused either way and stores nothing.
     */
    protected void awaitRegistered(String code) {
        awaitRegistered(List.of(code));
    }

    /** {@link #awaitRegistered(String)} for many units, with one probe (a batch) per attempt. */
    protected void awaitRegistered(List<String> codes) {
        ArrayNode probes = MAPPER.createArrayNode();
        for (String code : codes) {
            probes.add(report(
                    uniqueId("registry-probe"),
                    code,
                    "2020",
                    null,
                    Map.of(elements.get(0).code(), -1.0)));
        }
        JsonNode probe = codes.size() == 1 ? probes.get(0) : probes;
        await().atMost(WAIT).untilAsserted(() -> {
            Response r = postJson(probe);
            assertThat(r.statusCode()).isEqualTo(400);
            assertThat(json(r).path("errors"))
                    .as(r.asString())
                    .noneMatch(e -> e.path("field").asText().endsWith("orgUnit")
                            && !e.path("message").asText().contains("a park"));
        });
    }

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
                    if (out.size() < count * years
                            && IntStream.range(0, years)
                                    .noneMatch(k -> TAKEN_DISTRICT_YEARS.contains(d + "|" + (y0 + k)))) {
                        IntStream.range(0, years).forEach(k -> out.add(new DistrictYear(d, y0 + k)));
                    }
                }
                if (out.size() == count * years) {
                    out.forEach(dy -> TAKEN_DISTRICT_YEARS.add(dy.district() + "|" + dy.year()));
                    return out;
                }
            }
            throw new AssertionError("no " + count + " district(s) left free for " + years + " year(s) in "
                    + SHARED_FIRST_YEAR + "–" + SHARED_LAST_YEAR);
        }
    }

    /** A district other than this one (for a token that must not reach it, or a report that is refused anyway). */
    protected String otherDistrict(String district) {
        return districts.stream().filter(d -> !d.equals(district)).findFirst().orElseThrow();
    }

    /** One district-year no other test of this JVM writes. */
    protected DistrictYear freshDistrictYear() {
        return freshDistrictYears(1, 1).get(0);
    }

    /** A year no other test of this JVM uses, so district-year combinations never overlap. */
    protected static int freshYear() {
        int year = YEARS.getAndIncrement();
        assertThat(year)
                .as("fresh years run out")
                .isLessThanOrEqualTo(LocalDate.now(ZONE).getYear() - 1);
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

    protected int depth(String code) {
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

    protected String wholeOrFirst() {
        return rules.isEmpty() ? elements.get(0).code() : rules.get(0).whole();
    }

    protected String unitOf(String code) {
        return catalogue.dataElement(code).orElseThrow().unit();
    }

    /** A report as the public contract shapes it; {@code revision} null leaves it out (it defaults to 1). */
    protected ObjectNode report(
            String id, String district, String period, Integer revision, Map<String, Double> values) {
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

    protected String csvRow(
            String id, String district, String period, String dataElement, String value, String unit, String revision) {
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

    protected static int presentCount(Map<String, IndicatorValue> outputs) {
        return (int) outputs.values().stream().filter(IndicatorValue::present).count();
    }

    protected RequestSpecification given() {
        // bytes are sent as they are: no charset appended to text/csv behind the test's back
        return RestAssured.given()
                .config(RestAssured.config()
                        .encoderConfig(EncoderConfig.encoderConfig()
                                .appendDefaultContentCharsetToContentTypeIfUndefined(false)));
    }

    protected Response postJson(JsonNode body) {
        return given().contentType(JSON).body(bytes(body)).post(REPORTS);
    }

    protected Response postCsv(String csv) {
        return given().contentType(CSV)
                .body(csv.getBytes(StandardCharsets.UTF_8))
                .post(REPORTS);
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
        await().atMost(WAIT)
                .pollInterval(Duration.ofMillis(50))
                .until(() -> given().get(REPORTS + "/" + id).statusCode() == 200);
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

    protected void assertDistrictIndicators(
            JsonNode indicators, String district, Map<String, IndicatorValue> expected) {
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
            assertThat(actual.isNull() || actual.isMissingNode())
                    .as("%s: expected none, got %s", what, actual)
                    .isTrue();
        } else {
            assertThat(actual.isNumber())
                    .as("%s: expected %s, got %s", what, expected, actual)
                    .isTrue();
            assertThat(actual.asDouble()).as(what).isCloseTo(expected, within(1e-9 * Math.max(1, Math.abs(expected))));
        }
    }

    /** The answer's indicators: every sector indicator the values allow, for the district and year, as expected. */
    protected void assertIndicatorsAnswer(
            JsonNode answer, String district, int year, Map<String, IndicatorValue> expected) {
        Map<String, JsonNode> got = new HashMap<>();
        answer.path("indicators").forEach(i -> got.put(i.path("indicator").asText(), i));
        List<String> expectedIds = indicators.stream()
                .map(Indicator::id)
                .filter(i -> expected.get(i).present())
                .toList();
        assertThat(got.keySet()).as("indicators in the answer").containsExactlyInAnyOrderElementsOf(expectedIds);
        for (String id : expectedIds) {
            JsonNode i = got.get(id);
            assertThat(i.path("orgUnit").asText()).isEqualTo(district);
            assertThat(i.path("period").asText()).isEqualTo(String.valueOf(year));
            assertNumber(i.path("value"), expected.get(id).value(), id);
            assertThat(i.path("unit").asText())
                    .isEqualTo(catalogue.indicator(id).orElseThrow().unit());
        }
    }

    /** An indicator event as read from the topic: the record and its JSON data. */
    public record Event(Received record, JsonNode data) {}

    protected List<Event> awaitEvents(Predicate<Event> match, int atLeast) {
        return awaitEvents(match, atLeast, WAIT);
    }

    protected List<Event> awaitEvents(Predicate<Event> match, int atLeast, Duration timeout) {
        List<Received> seen = kafka.readUntil(
                indicatorTopic, rs -> events(rs).stream().filter(match).count() >= atLeast, timeout);
        return events(seen).stream().filter(match).toList();
    }

    protected static List<Event> events(List<Received> records) {
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
    protected void assertEvents(
            List<Event> events, String district, int year, Map<String, IndicatorValue> expected, long revision) {
        Map<String, Event> byCode = new HashMap<>();
        for (Event e : events) {
            assertThat(byCode.put(e.data().path("code").asText(), e))
                    .as("one event per output: %s", e.data())
                    .isNull();
        }
        List<String> present = expected.entrySet().stream()
                .filter(x -> x.getValue().present())
                .map(Map.Entry::getKey)
                .toList();
        assertThat(byCode.keySet()).containsExactlyInAnyOrderElementsOf(present);
        for (String code : present) {
            Event e = byCode.get(code);
            JsonNode d = e.data();
            Map<String, String> h = e.record().headers();
            IndicatorValue v = expected.get(code);
            String subject = district + "/" + code + "/" + year;
            assertThat(e.record().key()).isEqualTo(code + "|" + district);
            assertThat(h)
                    .containsEntry("ce_specversion", CloudEventTypes.SPEC_VERSION)
                    .containsEntry("ce_type", CloudEventTypes.INDICATOR)
                    .containsEntry("ce_source", CloudEventTypes.sectorSource(sector))
                    .containsEntry("ce_subject", subject)
                    .containsEntry("ce_id", d.path("eventId").asText())
                    .containsKey("ce_time");
            assertThat(h.get("content-type")).startsWith(JSON);
            assertThat(d.path("sector").asText()).isEqualTo(sector.code());
            assertThat(d.path("kind").asText())
                    .isEqualTo(catalogue.indicator(code).isPresent() ? "INDICATOR" : "DATA_ELEMENT");
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
        revision.path("values")
                .forEach(v ->
                        m.put(v.path("dataElement").asText(), v.path("value").asDouble()));
        return m;
    }

    /** The field of each element of an array (not of nested objects, as {@code findValuesAsText} would). */
    protected static List<String> each(JsonNode array, String field) {
        return stream(array).map(n -> n.path(field).asText()).toList();
    }

    protected static Stream<JsonNode> stream(JsonNode array) {
        List<JsonNode> l = new ArrayList<>();
        array.forEach(l::add);
        return l.stream();
    }

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
        HttpRequest.Builder b = HttpRequest.newBuilder(uri(path))
                .timeout(Duration.ofSeconds(60))
                .header("Authorization", auth.header());
        if (contentType != null) {
            b.header("Content-Type", contentType);
        }
        HttpRequest.BodyPublisher publisher = body == null
                ? HttpRequest.BodyPublishers.noBody()
                : chunked
                        ? HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body))
                        : HttpRequest.BodyPublishers.ofByteArray(body);
        return send(b.method(method, publisher).build());
    }

    protected Exchange send(HttpRequest request) {
        try {
            HttpResponse<byte[]> r = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
            Exchange e = new Exchange(
                    r.statusCode(), r.headers().firstValue("content-type").orElse(null), r.body());
            assertThat(e.status())
                    .as("%s %s answered %s", request.method(), request.uri(), e.text())
                    .isLessThan(500);
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
        assertThat(answer.contentType())
                .as("content type; answer: %s", answer.text())
                .startsWith(PROBLEM);
        JsonNode p = answer.json();
        assertThat(p.path("status").asInt()).isEqualTo(status);
        assertThat(p.path("type").asText()).startsWith("https://synergy.qingdao/problems/");
        assertThat(p.path("title").asText()).isNotBlank();
        assertThat(p.path("detail").asText()).isNotBlank();
        if (field != null) {
            List<String> fields = each(p.path("errors"), "field");
            assertThat(fields).as("fields named in %s", p).contains(field);
            p.path("errors")
                    .forEach(e -> assertThat(e.path("message").asText())
                            .as("message of %s", e)
                            .isNotBlank());
        }
    }

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
        try (Statement st = database().createStatement();
                ResultSet rs = st.executeQuery("""
                SELECT (SELECT count(*) FROM report), (SELECT count(*) FROM data_value),
                       (SELECT count(*) FROM indicator_value), (SELECT count(*) FROM outbox)""")) {
            rs.next();
            return new Snapshot(
                    rs.getLong(1), rs.getLong(2), rs.getLong(3), rs.getLong(4), kafka.endOffsetSum(indicatorTopic));
        } catch (SQLException e) {
            throw new IllegalStateException("could not count the service's rows", e);
        }
    }

    protected void assertUnchanged(Snapshot before) {
        // a request that wrote anything would show in the tables at once, or in the outbox / topic until relayed
        assertThat(snapshot()).isEqualTo(before);
    }

    protected long count(String table) {
        return queryCount("SELECT count(*) FROM " + table);
    }

    /** The number a one-row, one-column query answers (a {@code count(*)}), on the service's schema. */
    protected long queryCount(String sql) {
        try (Statement st = database().createStatement();
                ResultSet rs = st.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        } catch (SQLException e) {
            throw new IllegalStateException("could not run " + sql, e);
        }
    }

    /** A connection to the service's schema (the service's own data source settings), kept for the test class. */
    protected synchronized Connection database() throws SQLException {
        if (database == null || database.isClosed()) {
            database = connect();
            database.setAutoCommit(true);
        }
        return database;
    }

    /** A new connection to the service's schema (the service's own data source settings); the caller closes it. */
    protected Connection connect() throws SQLException {
        Config c = config();
        return DriverManager.getConnection(
                c.getValue("quarkus.datasource.jdbc.url", String.class),
                c.getValue("quarkus.datasource.username", String.class),
                c.getValue("quarkus.datasource.password", String.class));
    }
}
