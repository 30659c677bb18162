package io.synergy.registry.deadlines;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import io.synergy.model.approval.ApprovalAction;
import io.synergy.model.approval.ApprovalState;
import io.synergy.model.event.ApprovalEvent;
import io.synergy.model.event.EventSchemas;
import io.synergy.model.event.ReminderEvent;
import io.synergy.model.event.Topics;
import io.synergy.platform.tabular.TableReader;
import io.synergy.platform.tabular.TableRow;
import io.synergy.registry.OpenApiOperations;
import io.synergy.registry.Paged;
import io.synergy.registry.TestClock;
import io.synergy.testsupport.KafkaBroker;
import io.synergy.testsupport.KafkaTestClient;
import io.synergy.testsupport.PlatformTestResource;
import io.synergy.testsupport.TestTokens;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Deadlines and reminders (issue 15): the data sets' states from approvals.v1 (a bad record dead-lettered, the next applied,
 * an older version ignored), the statuses against a clock the test sets, the rules, the CSV and workbook, and the daily
 * reminders — one per data set and day however often the job runs.
 */
@QuarkusTest
@WithTestResource(PlatformTestResource.class)
class DeadlineTest {

    static final String DEADLINES = "/api/v1/deadlines";
    static final Duration WAIT = Duration.ofSeconds(30);

    @Inject
    TestClock clock;

    @Inject
    ReminderJob job;

    @Inject
    ObjectMapper json;

    @Inject
    AgroalDataSource dataSource;

    private final KafkaTestClient kafka = new KafkaTestClient(KafkaBroker.bootstrapServers());

    @AfterEach
    void resetClock() {
        clock.reset();
        kafka.close();
    }

    static RequestSpecification as(String subject, String... roles) {
        return given().header("Authorization", TestTokens.bearer(TestTokens.named(subject, roles)));
    }

    /** Shanghai's 10:00 of that day. */
    void today(String day) {
        clock.set(Instant.parse(day + "T02:00:00Z"));
    }

    void publish(String sector, String orgUnit, String period, ApprovalState state, ApprovalAction action, long version)
            throws Exception {
        ApprovalEvent e = new ApprovalEvent(
                UUID.randomUUID().toString(),
                sector,
                orgUnit,
                period,
                state,
                action,
                ApprovalState.OPEN,
                "bureau",
                "feed:" + sector,
                null,
                version,
                Instant.parse("2025-03-01T00:00:00Z"));
        kafka.send(Topics.APPROVALS, e.key(), json.writeValueAsString(e));
    }

    static Map<String, Object> row(String period, String sector, String orgUnit) {
        List<Map<String, Object>> rows = given().queryParam("period", period)
                .queryParam("sector", sector)
                .queryParam("orgUnit", orgUnit)
                .get(DEADLINES)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("$");
        assertThat(rows).hasSize(1);
        return rows.get(0);
    }

    @Test
    void approvalEventsAreTakenBadOnesDeadLetteredAndTheStatusFollowsTheClock() throws Exception {
        today("2025-03-25");
        assertThat(row("2024", "energy", "370202"))
                .containsEntry("status", "DUE")
                .containsEntry("state", "OPEN")
                .containsEntry("dueDate", "2025-03-31")
                .containsEntry("daysLeft", 6);
        // a district the registry does not know, then a record that is no JSON, then a sound one: the sound one is
        // applied
        publish("energy", "370299", "2024", ApprovalState.SUBMITTED, ApprovalAction.SUBMIT, 1);
        kafka.send(Topics.APPROVALS, "energy|370203|2024", "{not json");
        ApprovalEvent misfiled = new ApprovalEvent(
                UUID.randomUUID().toString(),
                "energy",
                "370203",
                "2024",
                ApprovalState.ACCEPTED,
                ApprovalAction.ACCEPT,
                ApprovalState.APPROVED,
                "approver",
                "approver:energy",
                null,
                3,
                Instant.parse("2025-03-01T00:00:00Z"));
        kafka.send(Topics.APPROVALS, "energy|370203|2023", json.writeValueAsString(misfiled));
        publish("energy", "370202", "2024", ApprovalState.SUBMITTED, ApprovalAction.SUBMIT, 1);
        await().atMost(WAIT)
                .untilAsserted(() -> assertThat(row("2024", "energy", "370202")).containsEntry("status", "SUBMITTED"));
        List<KafkaTestClient.Received> letters =
                kafka.readUntil(Topics.APPROVALS_DEAD_LETTERS, rs -> rs.size() >= 3, WAIT);
        assertThat(letters).anySatisfy(r -> {
            assertThat(r.key()).isEqualTo("energy|370299|2024");
            assertThat(r.headers())
                    .containsEntry("dead-letter-field", "orgUnit")
                    .containsEntry("dead-letter-service", "registry-service");
        });
        assertThat(letters).anySatisfy(r -> assertThat(r.headers()).containsEntry("dead-letter-kind", "not-json"));
        assertThat(letters)
                .anySatisfy(r -> assertThat(r.headers())
                        .containsEntry("dead-letter-kind", "key")
                        .containsEntry("dead-letter-topic", Topics.APPROVALS));
        assertThat(row("2024", "energy", "370203")).containsEntry("status", "DUE");

        // a later version wins; an older one read afterwards changes nothing
        publish("energy", "370202", "2024", ApprovalState.APPROVED, ApprovalAction.APPROVE, 2);
        await().atMost(WAIT)
                .untilAsserted(() -> assertThat(row("2024", "energy", "370202")).containsEntry("status", "APPROVED"));
        publish("energy", "370202", "2024", ApprovalState.SUBMITTED, ApprovalAction.SUBMIT, 1);
        publish("transport", "370202", "2024", ApprovalState.ACCEPTED, ApprovalAction.ACCEPT, 4);
        await().atMost(WAIT)
                .untilAsserted(
                        () -> assertThat(row("2024", "transport", "370202")).containsEntry("status", "ACCEPTED"));
        assertThat(row("2024", "energy", "370202")).containsEntry("status", "APPROVED");

        // after the due date an open data set is overdue; a returned one is open again
        today("2025-04-02");
        assertThat(row("2024", "energy", "370203"))
                .containsEntry("status", "OVERDUE")
                .containsEntry("daysLeft", -2);
        publish("energy", "370202", "2024", ApprovalState.OPEN, ApprovalAction.RETURN, 3);
        await().atMost(WAIT)
                .untilAsserted(() -> assertThat(row("2024", "energy", "370202"))
                        .containsEntry("status", "OVERDUE")
                        .containsEntry("state", "OPEN"));
        // a quarter has its own due date (20 days after it ends) and the year's data set's state
        today("2024-04-15");
        assertThat(row("2024-Q1", "transport", "370202"))
                .containsEntry("dueDate", "2024-04-20")
                .containsEntry("status", "ACCEPTED")
                .containsEntry("period", "2024-Q1");
        assertThat(row("2024-Q1", "energy", "370203"))
                .containsEntry("status", "DUE")
                .containsEntry("daysLeft", 5);
        assertThat(row("2024-03", "energy", "370203"))
                .containsEntry("dueDate", "2024-04-15")
                .containsEntry("status", "DUE");
        assertThat(row("2024-02", "energy", "370203"))
                .containsEntry("dueDate", "2024-03-15")
                .containsEntry("status", "OVERDUE");
        // filters
        given().queryParam("period", "2024")
                .queryParam("status", "ACCEPTED")
                .get(DEADLINES)
                .then()
                .statusCode(200)
                .body("sector", Matchers.everyItem(equalTo("transport")));
    }

    /**
     * The list is a kept answer (issue 19, {@code shared.KeptLists}): read before each change and again right after it,
     * within the answers' maximum age, so a change that did not move the registry's version — or a day the question did
     * not name — would be served the list as it was: a rule's change, a new day, a data set's state from approvals.v1
     * (read as soon as it is stored, not when the list happens to show it). Between changes it is served from memory: a
     * state stored behind the service's back is not read. Waste's monthly rule and Jimo (即墨区, 370215) in 2023, in no
     * other test of the deadlines.
     */
    @Test
    void theListIsKeptAndReadAnewAfterARuleAStateAndANewDay() throws Exception {
        String district = "370215";
        String rule = DEADLINES + "/rules/waste/MONTH";
        today("2023-06-10");
        assertThat(row("2023-05", "waste", district))
                .containsEntry("dueDate", "2023-06-15")
                .containsEntry("status", "DUE")
                .containsEntry("daysLeft", 5);

        String insert = "INSERT INTO data_set_state (sector, org_unit, year, state, version, actor, changed_at)"
                + " VALUES ('waste', '" + district + "', 2023, 'SUBMITTED', 1, 'behind-the-service', now())";
        String delete =
                "DELETE FROM data_set_state WHERE sector = 'waste' AND org_unit = '" + district + "' AND year = 2023";
        assertThat(update(insert)).isEqualTo(1);
        try {
            assertThat(row("2023-05", "waste", district))
                    .as("served kept: a state stored behind the service is not read")
                    .containsEntry("state", "OPEN");
        } finally {
            assertThat(update(delete)).isEqualTo(1);
        }

        try {
            as("planner-li", "planner")
                    .contentType("application/json")
                    .body(Map.of("daysAfter", 20))
                    .put(rule)
                    .then()
                    .statusCode(200);
            assertThat(row("2023-05", "waste", district))
                    .as("a rule's change")
                    .containsEntry("dueDate", "2023-06-20")
                    .containsEntry("daysLeft", 10);

            today("2023-06-21");
            assertThat(row("2023-05", "waste", district))
                    .as("a new day")
                    .containsEntry("status", "OVERDUE")
                    .containsEntry("daysLeft", -1);

            publish("waste", district, "2023", ApprovalState.SUBMITTED, ApprovalAction.SUBMIT, 1);
            await().atMost(WAIT).until(() -> state("waste", district, 2023).equals("SUBMITTED"));
            assertThat(row("2023-05", "waste", district))
                    .as("a data set's state from approvals.v1")
                    .containsEntry("state", "SUBMITTED")
                    .containsEntry("status", "SUBMITTED");
            assertThat(given().accept("text/csv")
                            .queryParam("period", "2023-05")
                            .queryParam("sector", "waste")
                            .get(DEADLINES)
                            .then()
                            .statusCode(200)
                            .extract()
                            .asString())
                    .contains("waste," + district + ",2023-05,2023-06-20,SUBMITTED,SUBMITTED,-1");
        } finally {
            as("planner-li", "planner")
                    .contentType("application/json")
                    .body(Map.of("daysAfter", 15))
                    .put(rule)
                    .then()
                    .statusCode(200);
        }
    }

    /** Runs a statement on the registry's schema, behind the service: the rows it changed. */
    int update(String sql) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(sql)) {
            return ps.executeUpdate();
        }
    }

    /** A data set's state as stored ("" without a row). */
    String state(String sector, String orgUnit, int year) throws SQLException {
        try (Connection c = dataSource.getConnection();
                PreparedStatement ps = c.prepareStatement(
                        "SELECT state FROM data_set_state WHERE sector = ? AND org_unit = ? AND year = ?")) {
            ps.setString(1, sector);
            ps.setString(2, orgUnit);
            ps.setInt(3, year);
            try (ResultSet rs = ps.executeQuery()) {
                return rs.next() ? rs.getString(1) : "";
            }
        }
    }

    @Test
    void theListNamesWhatIsWrongWithItsParameters() {
        for (Map.Entry<String, String> bad : Map.of(
                        "period", "2024-Q5", "sector", "steel", "orgUnit", "999999", "status", "LATE", "limit", "0")
                .entrySet()) {
            Map<String, String> q = new HashMap<>(Map.of("period", "2024"));
            q.put(bad.getKey(), bad.getValue());
            given().queryParams(q)
                    .get(DEADLINES)
                    .then()
                    .statusCode(400)
                    .contentType(Matchers.startsWith("application/problem+json"))
                    .body("errors[0].field", equalTo(bad.getKey()));
        }
        given().get(DEADLINES).then().statusCode(400).body("errors[0].field", equalTo("period"));
        as("someone", "feed:energy")
                .queryParam("period", "2024")
                .get(DEADLINES)
                .then()
                .statusCode(403);
        as("planner-li", "planner")
                .queryParam("period", "2024")
                .get(DEADLINES)
                .then()
                .statusCode(200);
    }

    @Test
    void aPlannerSetsTheRulesWithTheirVersions() {
        JsonPath rules = given().get(DEADLINES + "/rules")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath();
        assertThat(rules.getList("$")).hasSize(15);
        assertThat(rules.getString("find { it.sector == 'building' && it.periodType == 'ANNUAL' }.monthDay"))
                .isEqualTo("03-31");
        assertThat(rules.getInt("find { it.sector == 'building' && it.periodType == 'QUARTER' }.daysAfter"))
                .isEqualTo(20);
        assertThat(rules.getInt("find { it.sector == 'building' && it.periodType == 'MONTH' }.daysAfter"))
                .isEqualTo(15);
        String path = DEADLINES + "/rules/building/QUARTER";
        // every fault named; nothing stored
        JsonPath problem = as("planner-li", "planner")
                .contentType("application/json")
                .body(Map.of("monthDay", "02-30", "daysAfter", 400))
                .put(path)
                .then()
                .statusCode(400)
                .extract()
                .jsonPath();
        assertThat(problem.getList("errors.field", String.class)).containsExactlyInAnyOrder("monthDay", "daysAfter");
        as("planner-li", "planner")
                .contentType("application/json")
                .body(Map.of("monthDay", "02-30"))
                .put(DEADLINES + "/rules/building/ANNUAL")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("monthDay"));
        as("planner-li", "planner")
                .contentType("application/json")
                .body(Map.of("daysAfter", 3))
                .put(DEADLINES + "/rules/steel/WEEK")
                .then()
                .statusCode(400)
                .body("errors.field", Matchers.hasItems("sector", "periodType"));
        given().contentType("application/json")
                .body(Map.of("daysAfter", 30))
                .put(path)
                .then()
                .statusCode(403);
        as("planner-li", "planner")
                .header("If-Match", "\"99\"")
                .contentType("application/json")
                .body(Map.of("daysAfter", 30))
                .put(path)
                .then()
                .statusCode(412)
                .body("errors[0].field", equalTo("If-Match"));
        Response set = as("planner-li", "planner")
                .header("If-Match", "\"1\"")
                .contentType("application/json")
                .body(Map.of("daysAfter", 30))
                .put(path);
        set.then()
                .statusCode(200)
                .header("ETag", "\"2\"")
                .body("daysAfter", equalTo(30))
                .body("changedBy", equalTo("planner-li"));
        // the same rule again keeps its version
        as("planner-li", "planner")
                .contentType("application/json")
                .body(Map.of("daysAfter", 30))
                .put(path)
                .then()
                .statusCode(200)
                .header("ETag", "\"2\"");
        assertThat(row("2024-Q2", "building", "370202")).containsEntry("dueDate", "2024-07-30");
        as("planner-li", "planner")
                .contentType("application/json")
                .body(Map.of("monthDay", "04-30"))
                .put(DEADLINES + "/rules/building/ANNUAL")
                .then()
                .statusCode(200)
                .body("monthDay", equalTo("04-30"));
        assertThat(row("2024", "building", "370202")).containsEntry("dueDate", "2025-04-30");
        as("planner-li", "planner")
                .contentType("application/json")
                .body(Map.of("monthDay", "03-31"))
                .put(DEADLINES + "/rules/building/ANNUAL")
                .then()
                .statusCode(200);
    }

    @Test
    void remindersArePublishedOncePerDataSetAndDay() throws Exception {
        publish("agriculture", "370211", "2024", ApprovalState.SUBMITTED, ApprovalAction.SUBMIT, 1);
        await().atMost(WAIT)
                .untilAsserted(
                        () -> assertThat(row("2024", "agriculture", "370211")).containsEntry("status", "SUBMITTED"));
        today("2025-03-20");
        assertThat(job.run()).as("11 days before the due date: not yet").isZero();
        today("2025-03-27");
        List<Map<String, Object>> open = given().queryParam("period", "2024")
                .get(DEADLINES)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("findAll { it.status == 'DUE' || it.status == 'OVERDUE' }");
        assertThat(open).isNotEmpty();
        int first = job.run();
        assertThat(first).isEqualTo(open.size());
        assertThat(job.run()).as("the same day again: nothing").isZero();
        List<KafkaTestClient.Received> today = kafka
                .readUntil(
                        Topics.REMINDERS,
                        rs -> rs.stream()
                                        .filter(r -> r.value().contains("\"day\":\"2025-03-27\""))
                                        .count()
                                >= first,
                        WAIT)
                .stream()
                .filter(r -> r.value().contains("\"day\":\"2025-03-27\""))
                .toList();
        assertThat(today).hasSize(first);
        assertThat(today.stream().map(KafkaTestClient.Received::key).distinct()).hasSize(first);
        assertThat(today).noneMatch(r -> r.key().equals("agriculture|370211|2024"));
        KafkaTestClient.Received one = today.stream()
                .filter(r -> r.key().equals("waste|370203|2024"))
                .findFirst()
                .orElseThrow();
        assertThat(EventSchemas.shared().violations(EventSchemas.REMINDER_EVENT, one.value()))
                .isEmpty();
        ReminderEvent e = json.readValue(one.value(), ReminderEvent.class);
        assertThat(e.dueDate()).hasToString("2025-03-31");
        assertThat(e.daysLeft()).isEqualTo(4);
        assertThat(one.headers()).containsEntry("ce_type", "cn.qingdao.synergy.reminder.v1");
        assertThat(kafka.topicConfig(Topics.REMINDERS, "cleanup.policy")).isEqualTo("delete");
        // the next day, overdue or not, each open data set once more
        today("2025-04-01");
        assertThat(job.run()).isEqualTo(first);
        assertThat(job.run()).isZero();
    }

    @Test
    void theListComesAsCsvAndAsAWorkbookAndInPages() throws Exception {
        today("2025-03-25");
        String csv = given().accept("text/csv")
                .queryParam("period", "2024")
                .get(DEADLINES)
                .then()
                .statusCode(200)
                .extract()
                .asString();
        List<String> lines = csv.lines().toList();
        assertThat(lines.get(0)).contains("sector,org_unit,period,due_date,state,status,days_left");
        int rows = given().queryParam("period", "2024")
                .get(DEADLINES)
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("$")
                .size();
        assertThat(lines).hasSize(rows + 1);
        assertThat(rows % 5).isZero();
        assertThat(lines).anyMatch(l -> l.startsWith("waste,370203,2024,2025-03-31,OPEN,DUE,6"));
        byte[] xlsx = given().accept("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
                .queryParam("period", "2024")
                .get(DEADLINES)
                .then()
                .statusCode(200)
                .extract()
                .asByteArray();
        // read back with the table kit, as an upload would be: every row, each cell where its column says
        List<TableRow> sheet =
                new TableReader(DeadlineTable.COLUMNS, TableReader.Limits.DEFAULT, false).xlsx(xlsx, null);
        assertThat(sheet).hasSize(rows);
        assertThat(sheet).anySatisfy(r -> {
            assertThat(r.text("sector")).isEqualTo("waste");
            assertThat(r.text("org_unit")).isEqualTo("370203");
            assertThat(r.date("due_date")).hasToString("2025-03-31");
            assertThat(r.text("status")).isEqualTo("DUE");
            assertThat(r.integer("days_left")).isEqualTo(6L);
        });
        Response page =
                given().queryParam("period", "2024").queryParam("limit", 3).get(DEADLINES);
        page.then().statusCode(200).body("size()", equalTo(3));
        given().urlEncodingEnabled(false)
                .get(Paged.nextLink(page.header("Link")))
                .then()
                .statusCode(200)
                .body("size()", equalTo(3));
    }

    @Test
    void theOperationsAreTyped() throws Exception {
        JsonNode doc = new ObjectMapper()
                .readTree(given().queryParam("format", "json")
                        .get("/q/openapi")
                        .then()
                        .statusCode(200)
                        .extract()
                        .asString()
                        .getBytes(StandardCharsets.UTF_8));
        assertThat(OpenApiOperations.checkTyped(doc, DEADLINES)).isEqualTo(3);
    }
}
