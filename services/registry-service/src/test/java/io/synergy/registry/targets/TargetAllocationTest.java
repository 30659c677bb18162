package io.synergy.registry.targets;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.endsWith;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import io.synergy.model.event.CloudEventTypes;
import io.synergy.model.event.EventSchemas;
import io.synergy.model.event.TargetEvent;
import io.synergy.model.event.Topics;
import io.synergy.model.target.Allocation;
import io.synergy.model.target.AppliedTarget;
import io.synergy.model.target.TargetSource;
import io.synergy.platform.schemas.EventSchemaConfig;
import io.synergy.platform.tabular.Table;
import io.synergy.platform.tabular.TableReader;
import io.synergy.platform.tabular.TableRow;
import io.synergy.platform.tabular.TabularWriter;
import io.synergy.registry.Paged;
import io.synergy.testsupport.KafkaBroker;
import io.synergy.testsupport.KafkaTestClient;
import io.synergy.testsupport.PlatformTestResource;
import io.synergy.testsupport.TestTokens;
import jakarta.inject.Inject;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.assertj.core.groups.Tuple;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;

/**
 * Targets per org unit (issue 15): allocations with their history, the catalogue's defaults, the events on targets.v1,
 * the import of a whole allocation. Each test allocates indicators and units of its own, so that the tests do not see
 * each other's allocations; the defaults test reads indicators no test allocates (T1, T2, E5-NOX, W1).
 */
@QuarkusTest
@WithTestResource(PlatformTestResource.class)
class TargetAllocationTest {

    static final Duration WAIT = Duration.ofSeconds(30);
    static final String TARGETS = "/api/v1/targets";
    static final String PLAN = "青环发〔2024〕18号";
    static final String CSV = "text/csv; charset=UTF-8";
    static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";
    static final ObjectMapper MAPPER = new ObjectMapper();

    @Inject
    ObjectMapper json;

    @Inject
    EventSchemaConfig schemas;

    private final KafkaTestClient kafka = new KafkaTestClient(KafkaBroker.bootstrapServers());

    static RequestSpecification as(String subject, String... roles) {
        return given().header("Authorization", TestTokens.bearer(TestTokens.named(subject, roles)));
    }

    static Map<String, Object> allocation(double value, int targetYear, String document, String effectiveFrom) {
        return Map.of("value", value, "targetYear", targetYear, "document", document, "effectiveFrom", effectiveFrom);
    }

    /** The rows of a JSON answer, numbers as Jackson reads them (doubles, not RestAssured's floats). */
    static List<Map<String, Object>> list(Response response) {
        try {
            return MAPPER.readValue(response.then().statusCode(200).extract().asString(), new TypeReference<>() {});
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    static List<Map<String, Object>> rows(Map<String, ?> query) {
        return list(given().queryParams(query).get(TARGETS));
    }

    static Map<String, Object> row(String indicator, String orgUnit, int year) {
        List<Map<String, Object>> rows = rows(Map.of("indicator", indicator, "orgUnit", orgUnit, "year", year));
        assertThat(rows).hasSize(1);
        return rows.get(0);
    }

    @Test
    void anAllocationSetTwiceKeepsBothInItsHistoryWithWhoWhenAndDocument() {
        String path = TARGETS + "/E1/370211";
        Response first = as("planner-wang", "planner")
                .contentType("application/json")
                .body(allocation(16, 2025, "青发改〔2024〕7号", "2024-05-01"))
                .put(path);
        first.then()
                .statusCode(201)
                .header("ETag", "\"1\"")
                .header("Location", endsWith(path))
                .body("version", equalTo(1))
                .body("allocations[0].setBy", equalTo("planner-wang"));
        given().get(first.header("Location"))
                .then()
                .statusCode(200)
                .header("ETag", "\"1\"")
                .body("allocations[0].value", equalTo(16.0f));
        // the district's E1 from 2024 on; before the document, the plan's
        assertThat(row("E1", "370211", 2024))
                .containsEntry("source", "ALLOCATED")
                .containsEntry("value", 16.0)
                .containsEntry("effectiveFrom", "2024-05-01")
                .containsEntry("setBy", "planner-wang")
                .containsEntry("document", "青发改〔2024〕7号");
        assertThat(row("E1", "370211", 2023))
                .containsEntry("source", "PLAN")
                .containsEntry("value", 15.0)
                .containsEntry("document", PLAN);

        // a colleague corrects it (the document's revision), with the version read
        as("planner-li", "planner")
                .header("If-Match", "\"1\"")
                .contentType("application/json")
                .body(allocation(17, 2025, "青发改[2024]9号", "2024-05-01"))
                .put(path)
                .then()
                .statusCode(200)
                .header("ETag", "\"2\"")
                .header("Location", nullValue())
                .body("allocations", Matchers.hasSize(1))
                .body("allocations[0].document", equalTo("青发改〔2024〕9号"));
        // the same again changes nothing; a stale version changes nothing either
        as("planner-li", "planner")
                .contentType("application/json")
                .body(allocation(17, 2025, "青发改〔2024〕9号", "2024-05-01"))
                .put(path)
                .then()
                .statusCode(200)
                .header("ETag", "\"2\"");
        as("planner-wang", "planner")
                .header("If-Match", "\"1\"")
                .contentType("application/json")
                .body(allocation(18, 2025, "青发改〔2024〕9号", "2024-05-01"))
                .put(path)
                .then()
                .statusCode(412)
                .body("errors[0].field", equalTo("If-Match"));

        List<Map<String, Object>> history = list(given().queryParam("indicator", "E1")
                .queryParam("orgUnit", "370211")
                .get(TARGETS + "/history"));
        assertThat(history).hasSize(2);
        assertThat(history.get(0))
                .containsEntry("changedBy", "planner-wang")
                .containsEntry("version", 1)
                .containsEntry("before", null)
                .containsEntry("effectiveFrom", "2024-05-01")
                .containsEntry("via", "PUT");
        assertThat(history.get(0).get("after"))
                .isEqualTo(Map.of("value", 16.0, "targetYear", 2025, "document", "青发改〔2024〕7号"));
        assertThat(history.get(1)).containsEntry("changedBy", "planner-li").containsEntry("version", 2);
        assertThat(history.get(1).get("before"))
                .isEqualTo(Map.of("value", 16.0, "targetYear", 2025, "document", "青发改〔2024〕7号"));
        assertThat(history.get(1).get("after"))
                .isEqualTo(Map.of("value", 17.0, "targetYear", 2025, "document", "青发改〔2024〕9号"));
        Instant when1 = Instant.parse((String) history.get(0).get("changedAt"));
        Instant when2 = Instant.parse((String) history.get(1).get("changedAt"));
        assertThat(when1).isBefore(when2).isAfter(Instant.now().minus(Duration.ofMinutes(5)));

        // a later document: both stay, each for its years
        as("planner-wang", "planner")
                .contentType("application/json")
                .body(allocation(19, 2027, "青发改〔2026〕2号", "2026-03-01"))
                .put(path)
                .then()
                .statusCode(200)
                .header("ETag", "\"3\"")
                .body("allocations.effectiveFrom", Matchers.contains("2024-05-01", "2026-03-01"));
        assertThat(row("E1", "370211", 2025)).containsEntry("value", 17.0);
        assertThat(row("E1", "370211", 2026)).containsEntry("value", 19.0).containsEntry("targetYear", 2027);
        assertThat(row("E1", "370212", 2026))
                .as("another district keeps the plan's")
                .containsEntry("source", "PLAN");
    }

    @Test
    void theDefaultsComeFromTheCatalogue() {
        // T1 (绿色出行): the central urban area and its districts only
        List<Map<String, Object>> t1 = rows(Map.of("indicator", "T1", "year", 2025));
        assertThat(t1)
                .extracting(r -> r.get("orgUnit") + "=" + r.get("source"))
                .containsExactly(
                        "370200=PLAN",
                        "370202=PLAN",
                        "370203=PLAN",
                        "370211=NONE",
                        "370212=PLAN",
                        "370213=PLAN",
                        "370214=NONE",
                        "370215=NONE",
                        "370281=NONE",
                        "370283=NONE",
                        "370285=NONE",
                        "central-urban=PLAN");
        assertThat(t1.get(1))
                .containsEntry("value", 70.0)
                .containsEntry("targetYear", 2025)
                .containsEntry("document", PLAN)
                .containsEntry("basis", "DOCUMENT");
        assertThat(t1.get(3)).containsEntry("value", null).containsEntry("document", null);
        // an absolute quantity: the city's, no district's; its value a placeholder, named as such
        List<Map<String, Object>> e5 = rows(Map.of("indicator", "E5-NOX", "year", 2025));
        assertThat(e5.get(0))
                .containsEntry("orgUnit", "370200")
                .containsEntry("source", "PLAN")
                .containsEntry("value", 9000.0)
                .containsEntry("basis", "PLACEHOLDER")
                .containsEntry("document", "鲁政字〔2022〕242号");
        assertThat(e5.subList(1, e5.size())).allSatisfy(r -> assertThat(r).containsEntry("source", "NONE"));
        // a percentage: every district
        assertThat(rows(Map.of("indicator", "W1", "year", 2024)))
                .allSatisfy(r -> assertThat(r).containsEntry("source", "PLAN").containsEntry("value", 92.0));
        // kept every year: from its first year, year by year
        List<Map<String, Object>> t2 = rows(Map.of("indicator", "T2", "orgUnit", "370283"));
        assertThat(t2)
                .extracting(r -> r.get("year") + "=" + r.get("source"))
                .startsWith("2020=NONE", "2021=NONE", "2022=NONE", "2023=NONE", "2024=PLAN", "2025=PLAN");
        assertThat(t2.get(t2.size() - 1))
                .containsEntry("year", Math.max(2030, LocalDate.now().getYear()))
                .containsEntry("keptEveryYear", true);

        // the same list as CSV, for a spreadsheet: a byte order mark (Chinese documents), the row's fields as columns
        String csv = given().accept("text/csv")
                .queryParam("indicator", "T1")
                .queryParam("year", 2025)
                .get(TARGETS)
                .then()
                .statusCode(200)
                .contentType(Matchers.startsWith("text/csv"))
                .extract()
                .asString();
        List<String> lines = csv.lines().toList();
        assertThat(lines.get(0))
                .isEqualTo(
                        "\uFEFFindicator,org_unit,year,source,value,target_year,kept_every_year,document,basis,effective_from,"
                                + "set_by,set_at");
        assertThat(lines)
                .hasSize(13)
                .contains("T1,370202,2025,PLAN,70,2025,false,青环发〔2024〕18号,DOCUMENT,,,", "T1,370283,2025,NONE,,,,,,,,");
    }

    @Test
    void eachChangeIsAnEventOnTheCompactedTopicTargetsV1() throws Exception {
        as("planner-zhao", "planner")
                .contentType("application/json")
                .body(allocation(12, 2025, "青住建[2024]5号", "2024-07-01"))
                .put(TARGETS + "/B1/370212")
                .then()
                .statusCode(201);
        as("planner-zhao", "planner")
                .contentType("application/json")
                .body(allocation(14, 2027, "青住建〔2026〕1号", "2026-01-15"))
                .put(TARGETS + "/B1/370212")
                .then()
                .statusCode(200);
        String key = "B1|370212";
        var records = kafka.readUntil(
                Topics.TARGETS,
                rs -> rs.stream().filter(r -> key.equals(r.key())).count() == 2,
                WAIT);
        var last = records.stream()
                .filter(r -> key.equals(r.key()))
                .reduce((a, b) -> b)
                .orElseThrow();
        assertThat(last.headers())
                .containsEntry("ce_type", "cn.qingdao.synergy.target.v1")
                .containsEntry("ce_source", "/synergy/registry")
                .containsEntry(
                        "ce_dataschema",
                        schemas.absolute(CloudEventTypes.TARGET_SCHEMA).toString());
        // the schema the event names is served by this service, and the event is valid against it
        given().get(URI.create(last.headers().get("ce_dataschema")).getPath())
                .then()
                .statusCode(200)
                .contentType(Matchers.startsWith("application/schema+json"))
                .body("$id", equalTo(CloudEventTypes.TARGET_SCHEMA));
        assertThat(EventSchemas.shared().violations(EventSchemas.TARGET_EVENT, last.value()))
                .isEmpty();
        TargetEvent e = json.readValue(last.value(), TargetEvent.class);
        assertThat(e.indicator()).isEqualTo("B1");
        assertThat(e.orgUnit()).isEqualTo("370212");
        assertThat(e.version()).isEqualTo(2);
        assertThat(e.changedFromYear())
                .as("the first year the new document changes")
                .isEqualTo(2026);
        assertThat(e.changedBy()).isEqualTo("planner-zhao");
        // the whole timeline, so that the compacted topic's last record is enough
        assertThat(e.allocations())
                .extracting(Allocation::effectiveFrom, Allocation::value, Allocation::targetYear, Allocation::document)
                .containsExactly(
                        Tuple.tuple(LocalDate.parse("2024-07-01"), 12.0, 2025, "青住建〔2024〕5号"),
                        Tuple.tuple(LocalDate.parse("2026-01-15"), 14.0, 2027, "青住建〔2026〕1号"));
        assertThat(kafka.topicConfig(Topics.TARGETS, "cleanup.policy")).isEqualTo("compact");
        // an unchanged allocation publishes nothing
        as("planner-zhao", "planner")
                .contentType("application/json")
                .body(allocation(14, 2027, "青住建〔2026〕1号", "2026-01-15"))
                .put(TARGETS + "/B1/370212")
                .then()
                .statusCode(200)
                .header("ETag", "\"2\"");
        assertThat(kafka.readAll(Topics.TARGETS, WAIT).stream().filter(r -> key.equals(r.key())))
                .hasSize(2);
    }

    static final String HEADER = "indicator,org_unit,value,target_year,document,effective_from\n";

    @Test
    void aCsvImportOfAWholeAllocationIsAllOrNothing() {
        String good = "\uFEFF" + HEADER + "W3,370281,38,2025,青城管发〔2024〕11号,2024-09-01\n"
                + "W3,370283,35,2025,青城管发〔2024〕11号,2024-09-01\n" + "A1,370283,96.5,2025,青农发〔2024〕3号,2024-03-20\n";
        // a cell that is no date: named by line and column, nothing stored
        as("planner-sun", "planner")
                .contentType(CSV)
                .body(good.replace("2024-03-20", "2024-3-20"))
                .post(TARGETS + "/import")
                .then()
                .statusCode(400)
                .body("errors.field", Matchers.contains("line 4: effective_from"));
        // what the cells say, every fault at once: a percentage above 100, a second allocation of the same day
        String bad = good.replace("W3,370283,35,", "W3,370283,135,") + "W3,370281,39,2025,青城管发〔2024〕12号,2024-09-01\n";
        JsonPath problem = as("planner-sun", "planner")
                .contentType(CSV)
                .body(bad)
                .post(TARGETS + "/import")
                .then()
                .statusCode(400)
                .extract()
                .jsonPath();
        assertThat(problem.getList("errors.field", String.class))
                .containsExactlyInAnyOrder("line 3: value", "line 5: effective_from");
        assertThat(problem.getString("errors.find { it.field == 'line 5: effective_from' }.message"))
                .contains("line 2");
        given().get(TARGETS + "/W3/370281").then().statusCode(404);

        as("planner-sun", "planner")
                .contentType(CSV)
                .body(good)
                .post(TARGETS + "/import")
                .then()
                .statusCode(200)
                .body("rows", equalTo(3))
                .body("added", equalTo(3))
                .body("replaced", equalTo(0))
                .body("targets", equalTo(3));
        assertThat(row("W3", "370283", 2025))
                .containsEntry("source", "ALLOCATED")
                .containsEntry("value", 35.0)
                .containsEntry("setBy", "planner-sun");
        assertThat(row("A1", "370283", 2024)).containsEntry("value", 96.5);
        given().queryParam("indicator", "W3")
                .queryParam("orgUnit", "370281")
                .get(TARGETS + "/history")
                .then()
                .statusCode(200)
                .body("via", Matchers.contains("IMPORT"));
        // again: nothing new; a revised row: one replaced, one new version
        as("planner-sun", "planner")
                .contentType(CSV)
                .body(good)
                .post(TARGETS + "/import")
                .then()
                .statusCode(200)
                .body("unchanged", equalTo(3))
                .body("targets", equalTo(0));
        as("planner-sun", "planner")
                .contentType(CSV)
                .body(good.replace("W3,370283,35,", "W3,370283,36,"))
                .post(TARGETS + "/import")
                .then()
                .statusCode(200)
                .body("replaced", equalTo(1))
                .body("unchanged", equalTo(2))
                .body("targets", equalTo(1));
        given().get(TARGETS + "/W3/370283").then().statusCode(200).header("ETag", "\"2\"");
        given().get(TARGETS + "/W3/370281").then().statusCode(200).header("ETag", "\"1\"");
        // a header without its columns, or without rows
        as("planner-sun", "planner")
                .contentType(CSV)
                .body("indicator,org_unit,value\nW3,370281,38\n")
                .post(TARGETS + "/import")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("line 1"));
        as("planner-sun", "planner")
                .contentType(CSV)
                .body(HEADER)
                .post(TARGETS + "/import")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("body"));
    }

    @Test
    void anAllocationImportsFromAWorkbookAndTheListIsOneToo() throws Exception {
        Instant now = Instant.now();
        List<AppliedTarget> allocation = List.of(
                new AppliedTarget(
                        "B2",
                        "370214",
                        2025,
                        TargetSource.ALLOCATED,
                        55.0,
                        2025,
                        false,
                        "青住建〔2024〕8号",
                        null,
                        LocalDate.parse("2024-10-08"),
                        null,
                        now),
                new AppliedTarget(
                        "B2",
                        "370215",
                        2025,
                        TargetSource.ALLOCATED,
                        45.0,
                        2025,
                        false,
                        "青住建〔2024〕8号",
                        null,
                        LocalDate.parse("2024-10-08"),
                        null,
                        now));
        ByteArrayOutputStream workbook = new ByteArrayOutputStream();
        TabularWriter.xlsx(List.of(new Table<>("目标分解", TargetTable.READER_COLUMNS, allocation)), workbook);
        as("planner-zhou", "planner")
                .contentType(XLSX)
                .body(workbook.toByteArray())
                .post(TARGETS + "/import")
                .then()
                .statusCode(200)
                .body("added", equalTo(2));
        assertThat(row("B2", "370215", 2025))
                .containsEntry("value", 45.0)
                .containsEntry("document", "青住建〔2024〕8号")
                .containsEntry("setBy", "planner-zhou");

        Response xlsx = given().accept(XLSX)
                .queryParam("indicator", "B2")
                .queryParam("year", 2025)
                .get(TARGETS);
        xlsx.then()
                .statusCode(200)
                .contentType(Matchers.startsWith(XLSX))
                .header("Content-Disposition", "attachment; filename=\"targets.xlsx\"");
        List<TableRow> rows =
                new TableReader(TargetTable.COLUMNS, TableReader.Limits.DEFAULT, false).xlsx(xlsx.asByteArray(), null);
        assertThat(rows).hasSize(12);
        TableRow jimo = rows.stream()
                .filter(r -> "370215".equals(r.text("org_unit")))
                .findFirst()
                .orElseThrow();
        assertThat(jimo.text("source")).isEqualTo("ALLOCATED");
        assertThat(jimo.number("value")).isEqualByComparingTo("45");
        assertThat(jimo.date("effective_from")).isEqualTo(LocalDate.parse("2024-10-08"));
        assertThat(rows.stream()
                        .filter(r -> "370211".equals(r.text("org_unit")))
                        .findFirst()
                        .orElseThrow()
                        .text("source"))
                .isEqualTo("PLAN");
    }

    /**
     * The history is a kept answer (issue 19): each question read before a change is read again after it, within the
     * answers' maximum age, so a version that a change did not move would serve the page as it was.
     */
    @Test
    void theHistoryIsReadAnewAfterEveryChangeOfAnAllocation() {
        Map<String, String> mine = Map.of("indicator", "E1", "orgUnit", "370203");
        Map<String, String> firstOfMine = Map.of("indicator", "E1", "orgUnit", "370203", "limit", "1");
        assertThat(list(given().queryParams(mine).get(TARGETS + "/history"))).isEmpty();
        List<Map<String, Object>> every = list(given().get(TARGETS + "/history"));
        assertThat(list(given().queryParams(firstOfMine).get(TARGETS + "/history")))
                .isEmpty();

        String path = TARGETS + "/E1/370203";
        as("planner-zhao", "planner")
                .contentType("application/json")
                .body(allocation(14, 2025, "青发改〔2024〕21号", "2024-06-01"))
                .put(path)
                .then()
                .statusCode(201);
        assertThat(list(given().queryParams(mine).get(TARGETS + "/history")))
                .extracting(c -> c.get("changedBy") + " " + c.get("via") + " " + c.get("version"))
                .containsExactly("planner-zhao PUT 1");
        List<Map<String, Object>> everyAfter = list(given().get(TARGETS + "/history"));
        assertThat(everyAfter).hasSize(every.size() + 1);
        assertThat(everyAfter.get(everyAfter.size() - 1))
                .containsEntry("indicator", "E1")
                .containsEntry("orgUnit", "370203");
        Response onePage = given().queryParams(firstOfMine).get(TARGETS + "/history");
        assertThat(list(onePage)).hasSize(1);
        assertThat(onePage.header("Link")).as("one change: no next page").isNull();

        as("planner-zhao", "planner")
                .header("If-Match", "\"1\"")
                .contentType("application/json")
                .body(allocation(13.5, 2025, "青发改〔2024〕22号", "2024-06-01"))
                .put(path)
                .then()
                .statusCode(200);
        assertThat(list(given().queryParams(mine).get(TARGETS + "/history")))
                .extracting(c -> c.get("version"))
                .containsExactly(1, 2);
        Response twoPages = given().queryParams(firstOfMine).get(TARGETS + "/history");
        assertThat(list(twoPages)).hasSize(1);
        assertThat(twoPages.header("Link")).as("two changes: a next page").contains("cursor=");

        as("planner-zhao", "planner")
                .contentType(CSV)
                .body(HEADER + "E1,370203,13,2025,青发改〔2024〕23号,2024-06-01\n")
                .post(TARGETS + "/import")
                .then()
                .statusCode(200)
                .body("replaced", equalTo(1));
        assertThat(list(given().queryParams(mine).get(TARGETS + "/history")))
                .extracting(c -> c.get("via") + " " + c.get("version"))
                .containsExactly("PUT 1", "PUT 2", "IMPORT 3");
        assertThat(list(given().get(TARGETS + "/history"))).hasSize(every.size() + 3);
    }

    @Test
    void theListPagesWithLimitAndCursor() {
        List<String> all = positions(rows(Map.of("indicator", "B2")));
        assertThat(all).hasSize(12 * (Math.max(2030, LocalDate.now().getYear()) - 2020 + 1));
        List<String> paged = new ArrayList<>();
        String next = TARGETS + "?indicator=B2&limit=40";
        int pages = 0;
        while (next != null) {
            Response page = given().urlEncodingEnabled(false).get(next);
            List<String> got = positions(list(page));
            assertThat(got).hasSizeBetween(1, 40);
            paged.addAll(got);
            next = Paged.nextLink(page.header("Link"));
            pages++;
        }
        assertThat(pages).isEqualTo((all.size() + 39) / 40);
        assertThat(paged).isEqualTo(all);
    }

    static List<String> positions(List<Map<String, Object>> rows) {
        return rows.stream()
                .map(r -> r.get("indicator") + "|" + r.get("orgUnit") + "|" + r.get("year"))
                .toList();
    }
}
