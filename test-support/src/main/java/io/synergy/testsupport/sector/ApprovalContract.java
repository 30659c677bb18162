package io.synergy.testsupport.sector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import io.synergy.model.catalogue.Sector;
import io.synergy.model.event.CloudEventTypes;
import io.synergy.model.event.EventSchemas;
import io.synergy.model.event.Topics;
import io.synergy.testsupport.KafkaTestClient.Received;
import io.synergy.testsupport.TestTokens;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The reporting cycle, sector-neutral (docs/reporting-cycle.md): each transition and who may take it, the approval matrix, the
 * transitions read back from approvals.v1, the lock on every channel (REST JSON, CSV, the Kafka feed), return and resubmit,
 * reopen, and flagged values acknowledged before approval. Run in full by one sector service (energy).
 */
public abstract class ApprovalContract extends SectorServiceTest {

    protected static final String APPROVALS = "/api/v1/approvals";

    protected ApprovalContract(Sector sector) {
        super(sector);
    }

    protected String bureau(String district) {
        return TestTokens.bearer(TestTokens.named("bureau-" + district, List.of(district), "feed:" + sector.code()));
    }

    protected String reviewer(String district) {
        return TestTokens.bearer(
                TestTokens.named("reviewer-" + district, List.of(district), "reviewer:" + sector.code()));
    }

    protected String approver() {
        return TestTokens.bearer(TestTokens.named("approver-city", "approver:" + sector.code()));
    }

    protected Response act(String authorization, String district, String period, String action, String comment) {
        ObjectNode body = MAPPER.createObjectNode()
                .put("orgUnit", district)
                .put("period", period)
                .put("action", action);
        if (comment != null) {
            body.put("comment", comment);
        }
        return given().header("Authorization", authorization)
                .contentType(JSON)
                .body(bytes(body))
                .post(APPROVALS);
    }

    protected JsonNode done(Response r, String state) {
        JsonNode n = accepted(r, 200);
        assertThat(n.path("state").asText()).as(r.asString()).isEqualTo(state);
        return n;
    }

    protected static JsonNode problem(Response r, int status, String type, String field) {
        assertThat(r.statusCode()).as(r.asString()).isEqualTo(status);
        assertThat(r.contentType()).startsWith(PROBLEM);
        JsonNode p = json(r);
        if (type != null) {
            assertThat(p.path("type").asText()).isEqualTo("https://synergy.qingdao/problems/" + type);
        }
        assertThat(each(p.path("errors"), "field")).as(r.asString()).contains(field);
        return p;
    }

    protected JsonNode matrixRow(String period, String district) {
        Response r = given().queryParam("period", period).get(APPROVALS);
        JsonNode m = accepted(r, 200);
        assertThat(m.path("sector").asText()).isEqualTo(sector.code());
        assertThat(m.path("dataSets")).hasSize(districts.size());
        return stream(m.path("dataSets"))
                .filter(d -> district.equals(d.path("orgUnit").asText()))
                .findFirst()
                .orElseThrow();
    }

    /** The approvals.v1 records of a data set, in order, once there are {@code count}. */
    protected List<Received> awaitTransitions(String district, int year, int count) {
        String key = sector.code() + "|" + district + "|" + year;
        List<Received> seen = kafka().readUntil(
                        Topics.APPROVALS,
                        rs -> rs.stream().filter(r -> key.equals(r.key())).count() >= count,
                        WAIT);
        return seen.stream().filter(r -> key.equals(r.key())).toList();
    }

    @Test
    void aDataSetIsSubmittedApprovedAndAcceptedEachStepAuditedAndPublished() {
        DistrictYear slot = freshDistrictYear();
        int year = slot.year();
        String d = slot.district();
        String period = String.valueOf(year);
        accepted(postJson(report(uniqueId("cycle"), d, period, null, validValues())), 201);
        JsonNode open = matrixRow(period, d);
        assertThat(open.path("state").asText()).isEqualTo("OPEN");
        assertThat(open.path("version").asLong()).isZero();
        assertThat(open.path("next")).hasSize(1);
        assertThat(open.path("next").get(0).asText()).isEqualTo("SUBMIT");
        assertThat(open.path("nextRole").asText()).isEqualTo("feed:" + sector.code());

        done(act(bureau(d), d, period, "SUBMIT", null), "SUBMITTED");
        done(act(reviewer(d), d, period, "APPROVE", "核对无误 / checked"), "APPROVED");
        JsonNode accepted = done(act(approver(), d, period, "ACCEPT", null), "ACCEPTED");
        assertThat(accepted.path("stateZh").asText()).isEqualTo("已审定");
        assertThat(accepted.path("version").asLong()).isEqualTo(3);
        assertThat(accepted.path("changedBy").asText()).isEqualTo("approver-city");
        assertThat(each(accepted.path("history"), "action")).containsExactly("SUBMIT", "APPROVE", "ACCEPT");
        assertThat(each(accepted.path("history"), "actor"))
                .containsExactly("bureau-" + d, "reviewer-" + d, "approver-city");
        assertThat(accepted.path("history").get(1).path("comment").asText()).isEqualTo("核对无误 / checked");
        assertThat(matrixRow(period, d)).isEqualTo(accepted);
        assertThat(matrixRow(String.valueOf(refusedYear()), d).path("state").asText())
                .as("another year's data set")
                .isEqualTo("OPEN");

        List<Received> events = awaitTransitions(d, year, 3);
        assertThat(events).hasSize(3);
        for (int i = 0; i < 3; i++) {
            Received e = events.get(i);
            JsonNode data = read(e.value());
            assertThat(data.path("version").asLong()).isEqualTo(i + 1);
            assertThat(e.headers())
                    .containsEntry("ce_type", CloudEventTypes.APPROVAL)
                    .containsEntry("ce_source", CloudEventTypes.sectorSource(sector))
                    .containsEntry("ce_subject", d + "/" + year)
                    .containsEntry("ce_id", data.path("eventId").asText());
            assertThat(e.headers().get("ce_dataschema")).endsWith("/schemas/" + EventSchemas.APPROVAL_EVENT);
            assertThat(EventSchemas.shared().violations(EventSchemas.APPROVAL_EVENT, e.value()))
                    .as(e.value())
                    .isEmpty();
        }
        assertThat(events.stream()
                        .map(e -> read(e.value()).path("state").asText())
                        .toList())
                .containsExactly("SUBMITTED", "APPROVED", "ACCEPTED");
        assertThat(read(events.get(1).value()).path("role").asText()).isEqualTo("reviewer:" + sector.code());
        assertThat(count("data_set_transition WHERE year = " + year + " AND org_unit = '" + d + "'"))
                .isEqualTo(3);
    }

    @Test
    void onlyThePartyWhoseTurnItIsMayAct() {
        DistrictYear slot = freshDistrictYear();
        int year = slot.year();
        String d = slot.district();
        String other = otherDistrict(d);
        String period = String.valueOf(year);
        // the wrong party: 403 naming the action; the wrong district: 403 naming the org unit; nothing changes
        problem(act(reviewer(d), d, period, "SUBMIT", null), 403, "forbidden-action", "action");
        problem(act(bureau(other), d, period, "SUBMIT", null), 403, "forbidden-district", "orgUnit");
        assertThat(act(TestTokens.bearer(TestTokens.token("reader")), d, period, "SUBMIT", null)
                        .statusCode())
                .isEqualTo(403);
        // not its turn: 409 naming the action, the state and who may act now
        JsonNode early = problem(act(reviewer(d), d, period, "APPROVE", null), 409, "approval-transition", "action");
        assertThat(early.path("errors").get(0).path("message").asText())
                .contains("OPEN")
                .contains("SUBMIT")
                .contains("feed:" + sector.code());
        assertThat(matrixRow(period, d).path("version").asLong()).isZero();

        done(act(bureau(d), d, period, "SUBMIT", null), "SUBMITTED");
        JsonNode twice = problem(act(bureau(d), d, period, "SUBMIT", null), 409, "approval-transition", "action");
        assertThat(twice.path("errors").get(0).path("message").asText())
                .contains("SUBMITTED")
                .contains("reviewer:" + sector.code());
        problem(act(approver(), d, period, "ACCEPT", null), 409, "approval-transition", "action");
        problem(act(bureau(d), d, period, "APPROVE", null), 403, "forbidden-action", "action");
        problem(act(reviewer(other), d, period, "APPROVE", null), 403, "forbidden-district", "orgUnit");
        problem(act(approver(), d, period, "APPROVE", null), 403, "forbidden-action", "action");
        done(act(reviewer(d), d, period, "APPROVE", null), "APPROVED");
        problem(act(reviewer(d), d, period, "ACCEPT", null), 403, "forbidden-action", "action");
        problem(act(reviewer(d), d, period, "RETURN", "太晚 / too late"), 409, "approval-transition", "action");
        assertThat(matrixRow(period, d).path("version").asLong()).isEqualTo(2);
    }

    @Test
    void aRequestThatIsNotATransitionIsRefusedNamingItsField() {
        int year = refusedYear();
        String d = districts.get(0);
        String enterprise = registerEnterprise(d);
        Snapshot before = settledSnapshot();
        long transitions = count("data_set_transition");
        JsonNode p = problem(
                act(bureau(d), enterprise, String.valueOf(year), "SUBMIT", null), 400, "invalid-request", "orgUnit");
        assertThat(p.path("errors").get(0).path("message").asText())
                .as("an enterprise's figures belong to its district's data set")
                .contains(d);
        problem(act(bureau(d), "379999", String.valueOf(year), "SUBMIT", null), 400, "invalid-request", "orgUnit");
        problem(act(bureau(d), d, year + "Q2", "SUBMIT", null), 400, "invalid-request", "period");
        problem(act(bureau(d), d, String.valueOf(year + 2), "SUBMIT", null), 400, "invalid-request", "period");
        problem(act(bureau(d), d, String.valueOf(year), "PUBLISH", null), 400, "invalid-request", "action");
        problem(act(reviewer(d), d, String.valueOf(year), "RETURN", " "), 400, "invalid-request", "comment");
        problem(
                act(approver(), d, String.valueOf(year), "REOPEN", "x".repeat(2001)),
                400,
                "invalid-request",
                "comment");
        assertUnchanged(before);
        assertThat(count("data_set_transition")).isEqualTo(transitions);
    }

    @Test
    void aSubmittedDataSetTakesNoReportOnAnyChannelUntilItIsReturned() {
        DistrictYear slot = freshDistrictYear();
        int year = slot.year();
        String d = slot.district();
        String period = String.valueOf(year);
        String first = uniqueId("locked");
        accepted(postJson(report(first, d, period, null, validValues())), 201);
        done(act(bureau(d), d, period, "SUBMIT", null), "SUBMITTED");

        Snapshot before = settledSnapshot();
        // REST JSON: a revision, a new report, a month of the year, an enterprise of the district: all refused, naming
        // who must act
        JsonNode p = problem(postJson(report(first, d, period, 2, valuesFor(1))), 409, "data-set-locked", "orgUnit");
        assertThat(p.path("errors").get(0).path("message").asText())
                .contains("SUBMITTED")
                .contains("reviewer:" + sector.code());
        problem(
                postJson(report(uniqueId("locked-month"), d, year + "-03", null, validValues())),
                409,
                "data-set-locked",
                "orgUnit");
        String enterprise = registerEnterprise(d);
        before = settledSnapshot();
        problem(
                postJson(report(uniqueId("locked-enterprise"), enterprise, period, null, scaled(validValues(), 0.01))),
                409,
                "data-set-locked",
                "orgUnit");
        // a batch with a report of an open data set is refused whole
        Response batch = given().contentType(JSON)
                .body(bytes(MAPPER.createArrayNode()
                        .add(report(uniqueId("open"), otherDistrict(d), period, null, validValues()))
                        .add(report(uniqueId("locked-batch"), d, period, null, validValues()))))
                .post(REPORTS);
        problem(batch, 409, "data-set-locked", "[1].orgUnit");
        // CSV
        String csvId = uniqueId("locked-csv");
        StringBuilder csv = new StringBuilder(CSV_HEADER).append('\n');
        validValues()
                .forEach((code, v) -> csv.append(csvRow(csvId, d, period, code, String.valueOf(v), unitOf(code), "1"))
                        .append('\n'));
        Response csvAnswer = postCsv(csv.toString());
        assertThat(csvAnswer.statusCode()).as(csvAnswer.asString()).isEqualTo(409);
        assertThat(json(csvAnswer).path("type").asText()).endsWith("/data-set-locked");
        // an identical duplicate changes nothing and is answered as before
        assertThat(postJson(report(first, d, period, null, validValues())).statusCode())
                .isEqualTo(200);
        // the Kafka feed: dead-lettered with the reason
        String fed = uniqueId("locked-feed");
        kafka().send(feedTopic, fed, report(fed, d, period, null, validValues()).toString(), feedIdentity());
        assertThat(awaitDeadLetter(fed).headers().get("dead-letter-reason"))
                .contains("SUBMITTED")
                .contains("reviewer:" + sector.code());
        assertUnchanged(before);
        given().get(REPORTS + "/" + fed).then().statusCode(404);

        // returned with a comment: open again, the correction is taken, and it is submitted again
        JsonNode returned = done(act(reviewer(d), d, period, "RETURN", "3月数据缺失 / March is missing"), "OPEN");
        assertThat(returned.path("comment").asText()).isEqualTo("3月数据缺失 / March is missing");
        assertThat(accepted(postJson(report(first, d, period, 2, valuesFor(1))), 201)
                        .path("status")
                        .asText())
                .isEqualTo("REVISED");
        done(act(bureau(d), d, period, "SUBMIT", null), "SUBMITTED");
        assertThat(each(matrixRow(period, d).path("history"), "action")).containsExactly("SUBMIT", "RETURN", "SUBMIT");
        assertThat(awaitTransitions(d, year, 3)).hasSize(3);
    }

    @Test
    void anAcceptedDataSetIsLockedUntilTheCityReopensItWithAReason() {
        DistrictYear slot = freshDistrictYear();
        int year = slot.year();
        String d = slot.district();
        String period = String.valueOf(year);
        String id = uniqueId("reopen");
        accepted(postJson(report(id, d, period, null, validValues())), 201);
        done(act(bureau(d), d, period, "SUBMIT", null), "SUBMITTED");
        done(act(reviewer(d), d, period, "APPROVE", null), "APPROVED");
        JsonNode approvedLock =
                problem(postJson(report(id, d, period, 2, valuesFor(2))), 409, "data-set-locked", "orgUnit");
        assertThat(approvedLock.path("errors").get(0).path("message").asText())
                .contains("APPROVED")
                .contains("approver:" + sector.code());
        done(act(approver(), d, period, "ACCEPT", null), "ACCEPTED");
        problem(postJson(report(id, d, period, 2, valuesFor(2))), 409, "data-set-locked", "orgUnit");
        problem(act(approver(), d, period, "REOPEN", null), 400, "invalid-request", "comment");
        problem(act(reviewer(d), d, period, "REOPEN", "不应由区里重开"), 403, "forbidden-action", "action");

        JsonNode reopened = done(
                act(approver(), d, period, "REOPEN", "省厅核查发现口径错误 / the province found a definition error"), "OPEN");
        assertThat(reopened.path("version").asLong()).isEqualTo(4);
        assertThat(accepted(postJson(report(id, d, period, 2, valuesFor(2))), 201)
                        .path("status")
                        .asText())
                .isEqualTo("REVISED");
        JsonNode last = read(awaitTransitions(d, year, 4).get(3).value());
        assertThat(last.path("action").asText()).isEqualTo("REOPEN");
        assertThat(last.path("fromState").asText()).isEqualTo("ACCEPTED");
        assertThat(last.path("comment").asText()).startsWith("省厅核查");
    }

    @Test
    void flaggedValuesAreAcknowledgedWithACommentBeforeApproval() {
        List<DistrictYear> years = freshDistrictYears(1, 2);
        String d = years.get(0).district();
        String period = years.get(1).period();
        accepted(postJson(report(uniqueId("flag-before"), d, years.get(0).period(), null, validValues())), 201);
        JsonNode flaggedAnswer =
                accepted(postJson(report(uniqueId("flag-now"), d, period, null, scaled(validValues(), 40))), 201);
        assertThat(flaggedAnswer.path("flagged")).as(flaggedAnswer.toString()).isNotEmpty();
        done(act(bureau(d), d, period, "SUBMIT", null), "SUBMITTED");
        int flags = matrixRow(period, d).path("unacknowledgedFlags").asInt();
        assertThat(flags).isEqualTo(flaggedAnswer.path("flagged").size());

        JsonNode refused = problem(act(reviewer(d), d, period, "APPROVE", null), 409, "unacknowledged-flags", "action");
        assertThat(refused.path("errors").get(0).path("message").asText()).contains(flags + " flagged value(s)");
        JsonNode list = accepted(
                given().queryParam("flag", "IMPLAUSIBLE_CHANGE")
                        .queryParam("period", period)
                        .queryParam("limit", 1000)
                        .get(REPORTS),
                200);
        List<JsonNode> mine = stream(list.path("items"))
                .filter(i -> d.equals(i.path("orgUnit").asText()))
                .toList();
        assertThat(mine)
                .hasSize(flags)
                .allSatisfy(i -> assertThat(i.path("acknowledged").isNull()).isTrue());
        long first = mine.get(0).path("id").asLong();
        String path = REPORTS + "/flags/" + first + "/acknowledge";
        given().header("Authorization", reviewer(otherDistrict(d)))
                .contentType(JSON)
                .body("{\"comment\": \"看过了\"}")
                .post(path)
                .then()
                .statusCode(403);
        given().header("Authorization", bureau(d))
                .contentType(JSON)
                .body("{\"comment\": \"看过了\"}")
                .post(path)
                .then()
                .statusCode(403);
        problem(
                given().header("Authorization", reviewer(d))
                        .contentType(JSON)
                        .body("{\"comment\": \"\"}")
                        .post(path),
                400,
                "invalid-request",
                "comment");
        given().header("Authorization", reviewer(d))
                .contentType(JSON)
                .body("{\"comment\": \"x\"}")
                .post(REPORTS + "/flags/999999999/acknowledge")
                .then()
                .statusCode(404);
        for (JsonNode flag : mine) {
            JsonNode ack = accepted(
                    given().header("Authorization", reviewer(d))
                            .contentType(JSON)
                            .body("{\"comment\": \"已与区统计局核实：新增产能投产 / checked: new capacity\"}")
                            .post(REPORTS + "/flags/" + flag.path("id").asLong() + "/acknowledge"),
                    200);
            assertThat(ack.path("acknowledgedBy").asText()).isEqualTo("reviewer-" + d);
        }
        problem(
                given().header("Authorization", reviewer(d))
                        .contentType(JSON)
                        .body("{\"comment\": \"again\"}")
                        .post(path),
                409,
                "flag-acknowledged",
                "id");
        JsonNode after = accepted(
                given().queryParam("flag", "IMPLAUSIBLE_CHANGE")
                        .queryParam("period", period)
                        .queryParam("limit", 1000)
                        .get(REPORTS),
                200);
        assertThat(stream(after.path("items"))
                        .filter(i -> d.equals(i.path("orgUnit").asText())))
                .allSatisfy(i ->
                        assertThat(i.path("acknowledged").path("by").asText()).isEqualTo("reviewer-" + d));
        assertThat(matrixRow(period, d).path("unacknowledgedFlags").asInt()).isZero();
        done(act(reviewer(d), d, period, "APPROVE", null), "APPROVED");
    }

    /**
     * The review list and the approval matrix are kept answers (issue 19): each read before a change is read again after
     * it, within the answers' maximum age, so a change that did not move an answer's version (or an org units' snapshot
     * it was not keyed by) would be served the answer as it was — a new flagged report, a transition, an
     * acknowledgement, an enterprise moved to another district, a correcting revision; a year's page, a page of every
     * period and the year's matrix. Between changes the matrix is served from memory: a row changed behind the service's
     * back is not read. One test for both, as both show the same flags: the district-years of the shared years are few.
     */
    @Test
    void theReviewListAndTheMatrixAreReadAnewAfterEveryChangeOfWhatTheyShow() {
        List<DistrictYear> slots = freshDistrictYears(2, 2);
        String d1 = slots.get(0).district();
        String d2 = slots.get(2).district();
        String period = slots.get(1).period();
        for (String d : List.of(d1, d2)) {
            accepted(postJson(report(uniqueId("list-before"), d, slots.get(0).period(), null, validValues())), 201);
        }
        String enterprise = registerEnterprise(d1);
        accepted(
                postJson(report(
                        uniqueId("list-before"), enterprise, slots.get(0).period(), null, scaled(validValues(), 0.01))),
                201);
        assertThat(matrixRow(period, d1).path("unacknowledgedFlags").asInt()).isZero();
        assertThat(matrixRow(period, d2).path("state").asText()).isEqualTo("OPEN");

        String first = uniqueId("list-first");
        accepted(postJson(report(first, d1, period, null, scaled(validValues(), 40))), 201);
        List<JsonNode> firstFlags = stream(flaggedPage(period, 0).path("items"))
                .filter(i -> first.equals(i.path("reportId").asText()))
                .toList();
        assertThat(firstFlags)
                .isNotEmpty()
                .allSatisfy(i -> assertThat(i.path("acknowledged").isNull()).isTrue());
        assertThat(matrixRow(period, d1).path("unacknowledgedFlags").asInt())
                .as("a new flagged report")
                .isEqualTo(firstFlags.size());
        // a page of every period, from the first report's flags on (other tests' flags are before them)
        long from = firstFlags.get(0).path("id").asLong() - 1;
        assertThat(each(flaggedPage(null, from).path("items"), "reportId")).contains(first);

        String second = uniqueId("list-second");
        JsonNode secondAnswer = accepted(postJson(report(second, d2, period, null, scaled(validValues(), 40))), 201);
        for (JsonNode page : List.of(flaggedPage(period, 0), flaggedPage(null, from))) {
            assertThat(each(page.path("items"), "reportId"))
                    .as("a new flagged report")
                    .contains(first, second);
        }
        // read (and kept) right before the transition
        assertThat(matrixRow(period, d2).path("unacknowledgedFlags").asInt())
                .as("a new flagged report")
                .isEqualTo(secondAnswer.path("flagged").size());

        done(act(bureau(d2), d2, period, "SUBMIT", null), "SUBMITTED");
        assertThat(matrixRow(period, d2).path("state").asText())
                .as("a transition")
                .isEqualTo("SUBMITTED");
        String where = " WHERE org_unit = '" + d2 + "' AND year = " + period;
        assertThat(queryCount("WITH c AS (UPDATE data_set SET changed_by = 'behind-the-service'" + where
                        + " RETURNING 1) SELECT count(*) FROM c"))
                .isEqualTo(1);
        try {
            assertThat(matrixRow(period, d2).path("changedBy").asText())
                    .as("served kept: a row changed behind the service is not read")
                    .isEqualTo("bureau-" + d2);
        } finally {
            queryCount("WITH c AS (UPDATE data_set SET changed_by = 'bureau-" + d2 + "'" + where
                    + " RETURNING 1) SELECT count(*) FROM c");
        }

        long acknowledged = firstFlags.get(0).path("id").asLong();
        accepted(
                given().header("Authorization", reviewer(d1))
                        .contentType(JSON)
                        .body("{\"comment\": \"已核实 / checked\"}")
                        .post(REPORTS + "/flags/" + acknowledged + "/acknowledge"),
                200);
        for (JsonNode page : List.of(flaggedPage(period, 0), flaggedPage(null, from))) {
            assertThat(stream(page.path("items")).filter(i -> i.path("id").asLong() == acknowledged))
                    .as("an acknowledgement")
                    .singleElement()
                    .satisfies(i -> assertThat(i.path("acknowledged").path("by").asText())
                            .isEqualTo("reviewer-" + d1));
        }
        assertThat(matrixRow(period, d1).path("unacknowledgedFlags").asInt())
                .as("an acknowledgement")
                .isEqualTo(firstFlags.size() - 1);

        // an enterprise's flags count for its district's data set; moved to d2, for d2's as soon as this service's org
        // units say so (an approval naming the enterprise is refused naming its district, and changes nothing)
        JsonNode moving = accepted(
                postJson(report(uniqueId("list-moving"), enterprise, period, null, scaled(validValues(), 0.4))), 201);
        int moved = moving.path("flagged").size();
        assertThat(moved).as(moving.toString()).isPositive();
        assertThat(matrixRow(period, d1).path("unacknowledgedFlags").asInt()).isEqualTo(firstFlags.size() - 1 + moved);
        int d2Flags = matrixRow(period, d2).path("unacknowledgedFlags").asInt();
        publishOrgUnit(enterprise, "ENTERPRISE", d2, false, 2);
        await().atMost(WAIT)
                .untilAsserted(() -> assertThat(problem(
                                        act(bureau(d2), enterprise, period, "SUBMIT", null),
                                        400,
                                        "invalid-request",
                                        "orgUnit")
                                .path("errors")
                                .get(0)
                                .path("message")
                                .asText())
                        .contains(d2));
        assertThat(matrixRow(period, d1).path("unacknowledgedFlags").asInt())
                .as("an org units' change")
                .isEqualTo(firstFlags.size() - 1);
        assertThat(matrixRow(period, d2).path("unacknowledgedFlags").asInt()).isEqualTo(d2Flags + moved);

        accepted(postJson(report(first, d1, period, 2, validValues())), 201);
        for (JsonNode page : List.of(flaggedPage(period, 0), flaggedPage(null, from))) {
            assertThat(each(page.path("items"), "reportId"))
                    .as("a correcting revision takes the report's flags off")
                    .doesNotContain(first)
                    .contains(second);
        }
        assertThat(matrixRow(period, d1).path("unacknowledgedFlags").asInt())
                .as("a correcting revision takes the report's flags off")
                .isZero();
    }

    /** A page of the review list: of a period ({@code null}: every period), after the flag {@code after} (0: the first). */
    private JsonNode flaggedPage(String period, long after) {
        RequestSpecification spec =
                given().queryParam("flag", "IMPLAUSIBLE_CHANGE").queryParam("limit", 1000);
        if (period != null) {
            spec = spec.queryParam("period", period);
        }
        if (after > 0) {
            spec = spec.queryParam("cursor", after);
        }
        return accepted(spec.get(REPORTS), 200);
    }

    private static JsonNode read(String json) {
        try {
            return MAPPER.readTree(json);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
