package io.synergy.testsupport.sector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import io.synergy.model.catalogue.DataElement;
import io.synergy.model.catalogue.FormulaType;
import io.synergy.model.catalogue.Indicator;
import io.synergy.model.catalogue.PartOfWholeRule;
import io.synergy.model.catalogue.Sector;
import io.synergy.testsupport.TestTokens;
import java.net.http.HttpRequest;
import java.sql.Array;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;

/**
 * Roll-ups and the registry, sector-neutral: the catalogue's rules on the combined figures of every period they roll up
 * to, a district's enterprises within its own total, the plausibility band and its review list, enterprises known from
 * {@code org-units.v1}, completeness, and the property behind the combined-state rules (1,000 random steps). Run in full by
 * one sector service (energy).
 */
public abstract class RollUpContract extends SectorServiceTest {

    protected RollUpContract(Sector sector) {
        super(sector);
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
            months.add(report(
                    uniqueId("mix-m" + m),
                    district,
                    YearMonth.of(year, m).toString(),
                    null,
                    Map.of(rule.part(), 10.0)));
        }
        accepted(postJson(months), 201);

        Snapshot before = settledSnapshot();
        String december = uniqueId("mix-m12");
        Exchange refused = exchange(
                "POST",
                REPORTS,
                JSON,
                bytes(report(december, district, YearMonth.of(year, 12).toString(), null, Map.of(rule.part(), 11.0))),
                false);
        assertProblem(refused, 422, "values[0].value");
        assertThat(each(refused.json().path("errors"), "message"))
                .anySatisfy(m -> assertThat(m)
                        .contains(rule.part(), "121.0", rule.whole(), "120.0", annual, december, " in " + year + " "));
        // the annual report's revision may not lower the whole below the months either
        assertProblem(
                exchange(
                        "POST",
                        REPORTS,
                        JSON,
                        bytes(report(annual, district, String.valueOf(year), 2, Map.of(rule.whole(), 100.0))),
                        false),
                422,
                "values[0].value");
        assertUnchanged(before);
        accepted(
                postJson(
                        report(december, district, YearMonth.of(year, 12).toString(), null, Map.of(rule.part(), 10.0))),
                201);

        // a quarter's whole against the months inside it, while the year's whole (from its own report) holds them
        int next = slots.get(1).year();
        accepted(
                postJson(report(
                        uniqueId("mix-next-year"), district, String.valueOf(next), null, Map.of(rule.whole(), 1000.0))),
                201);
        accepted(postJson(report(uniqueId("mix-q1"), district, next + "Q1", null, Map.of(rule.whole(), 15.0))), 201);
        accepted(postJson(report(uniqueId("mix-jan"), district, next + "-01", null, Map.of(rule.part(), 10.0))), 201);
        Snapshot again = settledSnapshot();
        Exchange quarter = exchange(
                "POST",
                REPORTS,
                JSON,
                bytes(report(uniqueId("mix-feb"), district, next + "-02", null, Map.of(rule.part(), 10.0))),
                false);
        assertProblem(quarter, 422, "values[0].value");
        assertThat(each(quarter.json().path("errors"), "message"))
                .anySatisfy(m -> assertThat(m).contains(" in " + next + "Q1 ", "20.0", "15.0"));
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
        Exchange refused = exchange(
                "POST",
                REPORTS,
                JSON,
                bytes(report(second, direct, String.valueOf(year), null, Map.of(element, 500.0))),
                false);
        assertProblem(refused, 422, "values[0].value");
        assertThat(refused.json().path("type").asText()).endsWith("/combined-state-rule");
        assertThat(each(refused.json().path("errors"), "message"))
                .anySatisfy(
                        m -> assertThat(m).contains(element, inPark, direct, "1100.0", "1000.0", first, second, total));
        // nor may the district lower its total below what its enterprises hold
        assertProblem(
                exchange(
                        "POST",
                        REPORTS,
                        JSON,
                        bytes(report(total, district, String.valueOf(year), 2, Map.of(element, 500.0))),
                        false),
                422,
                "values[0].value");
        assertUnchanged(before);
        accepted(postJson(report(second, direct, String.valueOf(year), null, Map.of(element, 400.0))), 201);

        int next = slots.get(1).year();
        accepted(
                postJson(report(uniqueId("district-january"), district, next + "-01", null, Map.of(element, 10.0))),
                201);
        accepted(
                postJson(report(
                        uniqueId("enterprise-year"), inPark, String.valueOf(next), null, Map.of(element, 600.0))),
                201);
    }

    /**
     * A district of 500 enterprises judges an enterprise's report on their sum, not on their values (issue 19): the request
     * reads back a bounded number of stored values — the enterprise's own, the district's own and one sum — where it read
     * every enterprise's before; a report that breaks the rule is still refused, naming both sides.
     */
    @Test
    void aDistrictOfManyEnterprisesJudgesAReportOnTheirSumNotTheirValues() {
        String element = summedRule().whole();
        DistrictYear slot = freshDistrictYear();
        List<String> enterprises = registerEnterprises(slot.district(), 500);
        String total = uniqueId("district-total");
        accepted(postJson(report(total, slot.district(), slot.period(), null, Map.of(element, 1_000_000.0))), 201);
        ArrayNode batch = MAPPER.createArrayNode();
        for (String e : enterprises.subList(0, 499)) {
            batch.add(report(uniqueId("enterprise"), e, slot.period(), null, Map.of(element, 1000.0)));
        }
        accepted(postJson(batch), 201);

        String last = enterprises.get(499);
        double[] before = stateValuesRead();
        accepted(
                postJson(report(uniqueId("enterprise-last"), last, slot.period(), null, Map.of(element, 1000.0))), 201);
        double[] after = stateValuesRead();
        assertThat(after[0] - before[0]).as("requests").isEqualTo(1);
        assertThat(after[1] - before[1])
                .as("stored values read back for one report in a district of %d enterprises", enterprises.size())
                .isLessThanOrEqualTo(10);

        // another report of the last enterprise's year replaces its value: 499 × 1,000 + 501,001 > 1,000,000
        Response refused =
                postJson(report(uniqueId("enterprise-over"), last, slot.period(), null, Map.of(element, 501_001.0)));
        assertThat(refused.statusCode()).as(refused.asString()).isEqualTo(422);
        assertThat(json(refused).path("type").asText()).endsWith("/combined-state-rule");
        assertThat(json(refused).findValuesAsText("field")).contains("values[0].value");
        assertThat(json(refused).findValuesAsText("message"))
                .anySatisfy(m -> assertThat(m)
                        .contains(element, "500 enterprise(s)", "1000001.0", "1000000.0", total, "and 488 more"));
    }

    /** The count and sum of {@code synergy_ingest_state_values} on this service's metrics. */
    private double[] stateValuesRead() {
        String metrics =
                given().get("/q/metrics").then().statusCode(200).extract().asString();
        double[] out = new double[2];
        for (String line : metrics.lines().toList()) {
            if (line.startsWith("synergy_ingest_state_values_count{")) {
                out[0] = Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            } else if (line.startsWith("synergy_ingest_state_values_sum{")) {
                out[1] = Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
            }
        }
        return out;
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
        RandomReports sequence =
                new RandomReports(seed, prefix, source(), units, List.of(d1), periods, elements, rules);
        String limited = TestTokens.bearer(TestTokens.tokenForDistricts(List.of(d1), "feed:" + sector.code()));
        Map<Integer, Integer> statuses = new TreeMap<>();
        String state = stateFingerprint(prefix, units, years);
        for (int i = 0; i < steps; i++) {
            RandomReports.Step step = sequence.next();
            String context = "seed " + seed + ", step " + i + ": " + step;
            // the JDK client: a thousand requests through RestAssured would cost more than the service's work
            Exchange r = send(HttpRequest.newBuilder(uri(REPORTS))
                    .timeout(Duration.ofSeconds(60))
                    .header("Authorization", step.limitedWriter() ? limited : auth.header())
                    .header("Content-Type", JSON)
                    .POST(HttpRequest.BodyPublishers.ofByteArray(bytes(step.body())))
                    .build());
            assertThat(r.status()).as("%s → %s", context, r.text()).isIn(step.allowed());
            statuses.merge(r.status(), 1, Integer::sum);
            String now = stateFingerprint(prefix, units, years);
            if (r.status() >= 400) {
                assertThat(now)
                        .as("a refused request changed nothing: %s → %s", context, r.text())
                        .isEqualTo(state);
            } else {
                sequence.answered(step, r.json());
                assertStoredFiguresKeepTheRules(units, years, context);
            }
            state = now;
        }
        assertThat(statuses.keySet())
                .as("the run met every kind of answer: %s", statuses)
                .contains(200, 201, 400, 403, 409, 422);

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
        long published = kafka().endOffsetSum(indicatorTopic);
        List<Event> events = events(kafka().readUntil(indicatorTopic, seen -> seen.size() >= published, WAIT)).stream()
                .filter(e -> units.contains(e.data().path("orgUnit").asText())
                        && years.contains(e.data().path("period").asInt()))
                .toList();
        assertThat(events).isNotEmpty();
        Map<String, JsonNode> latest = new HashMap<>();
        for (Event e : events) {
            Map<String, JsonNode> one = Map.of(e.data().path("code").asText(), e.data());
            assertFiguresKeepTheRules(one, "published " + e.data());
            latest.merge(
                    e.record().key() + "|" + e.data().path("period").asText(),
                    e.data(),
                    (a, b) -> a.path("revision").asLong() >= b.path("revision").asLong() ? a : b);
        }
        for (Map.Entry<String, Map<String, JsonNode>> stored :
                storedFigures(units, years).entrySet()) {
            for (JsonNode row : stored.getValue().values()) {
                JsonNode event = latest.get(row.path("code").asText() + "|" + stored.getKey());
                assertThat(event)
                        .as("the latest event of %s %s", stored.getKey(), row)
                        .isNotNull();
                assertThat(event.path("revision").asLong())
                        .as("%s %s", stored.getKey(), row)
                        .isEqualTo(row.path("revision").asLong());
                assertNumber(
                        event.path("value"),
                        row.path("value").isNull() ? null : row.path("value").asDouble(),
                        stored.getKey() + " " + row);
            }
        }
    }

    /** The rows of the service's tables that belong to the property test's reports, org units and years, as one hash. */
    protected String stateFingerprint(String prefix, List<String> units, List<Integer> years) throws SQLException {
        try (PreparedStatement ps = database().prepareStatement("""
                SELECT md5(coalesce(string_agg(x, '|' ORDER BY x), '')) FROM (
                    SELECT concat_ws(',', 'r', report_id, revision, status, sent_by, content_hash) AS x FROM report WHERE starts_with(report_id, ?)
                    UNION ALL SELECT concat_ws(',', 'v', data_element, org_unit, period, value, report_id, revision)
                      FROM data_value WHERE year = ANY (?) AND org_unit = ANY (?)
                    UNION ALL SELECT concat_ws(',', 'i', code, org_unit, year, value, numerator, denominator, complete, revision)
                      FROM indicator_value WHERE year = ANY (?) AND org_unit = ANY (?)
                    UNION ALL SELECT concat_ws(',', 'f', id, report_id, revision) FROM report_flag WHERE starts_with(report_id, ?)) t""")) {
            Array y = database().createArrayOf("integer", years.toArray());
            Array u = database().createArrayOf("text", units.toArray());
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
    protected Map<String, Map<String, JsonNode>> storedFigures(List<String> units, List<Integer> years)
            throws SQLException {
        Map<String, Map<String, JsonNode>> out = new LinkedHashMap<>();
        try (PreparedStatement ps = database().prepareStatement("""
                SELECT org_unit, year, code, value, numerator, denominator, complete, revision FROM indicator_value
                 WHERE year = ANY (?) AND org_unit = ANY (?)""")) {
            ps.setArray(1, database().createArrayOf("integer", years.toArray()));
            ps.setArray(2, database().createArrayOf("text", units.toArray()));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    ObjectNode row = MAPPER.createObjectNode()
                            .put("code", rs.getString(3))
                            .put("complete", rs.getBoolean(7))
                            .put("revision", rs.getLong(8));
                    row.set("value", MAPPER.valueToTree(rs.getObject(4)));
                    row.set("numerator", MAPPER.valueToTree(rs.getObject(5)));
                    row.set("denominator", MAPPER.valueToTree(rs.getObject(6)));
                    out.computeIfAbsent(rs.getString(1) + "|" + rs.getInt(2), k -> new LinkedHashMap<>())
                            .put(rs.getString(3), row);
                }
            }
        }
        return out;
    }

    /** Every stored figure keeps the rules, and the district's enterprises stay within its complete own totals. */
    protected void assertStoredFiguresKeepTheRules(List<String> units, List<Integer> years, String context)
            throws SQLException {
        Map<String, Map<String, JsonNode>> stored = storedFigures(units, years);
        stored.forEach((unitYear, rows) -> assertFiguresKeepTheRules(rows, unitYear + " after " + context));
        String district = units.get(0);
        List<String> enterprises =
                units.stream().filter(u -> orgUnits.find(u).isEmpty()).toList();
        for (int year : years) {
            Map<String, Double[]> own = totals(stored.getOrDefault(district + "|" + year, Map.of()));
            own.forEach((element, total) -> {
                if (total[1] == 1) {
                    double sum = enterprises.stream()
                            .map(e -> totals(stored.getOrDefault(e + "|" + year, Map.of()))
                                    .get(element))
                            .filter(Objects::nonNull)
                            .mapToDouble(t -> t[0])
                            .sum();
                    assertThat(sum)
                            .as("%s of %s's enterprises in %s, after %s", element, district, year, context)
                            .isLessThanOrEqualTo(total[0]);
                }
            });
        }
    }

    /**
     * Figures of one org unit and period (code → row with value, numerator, denominator): every share within 0–100 %,
     * and every part within its whole where both can be read from the figures.
     */
    protected void assertFiguresKeepTheRules(Map<String, JsonNode> rows, String what) {
        for (Indicator i : indicators) {
            JsonNode row = rows.get(i.id());
            if (row != null
                    && "%".equals(i.unit())
                    && i.formula().type() == FormulaType.RATIO
                    && !row.path("value").isNull()
                    && !row.path("value").isMissingNode()) {
                assertThat(row.path("value").asDouble())
                        .as("%s of %s", i.id(), what)
                        .isBetween(0.0, 100.0);
            }
        }
        Map<String, Double[]> totals = totals(rows);
        for (PartOfWholeRule rule : rules) {
            if (totals.containsKey(rule.part()) && totals.containsKey(rule.whole())) {
                assertThat(totals.get(rule.part())[0])
                        .as("%s within %s, %s", rule.part(), rule.whole(), what)
                        .isLessThanOrEqualTo(totals.get(rule.whole())[0]);
            }
        }
    }

    /**
     * Data-element totals read from figures: a ratio's numerator and denominator, a single-element sum's or published
     * data element's value; each with 1 when its figure is complete (0 when not).
     */
    protected Map<String, Double[]> totals(Map<String, JsonNode> rows) {
        Map<String, Double[]> out = new HashMap<>();
        for (Indicator i : indicators) {
            JsonNode row = rows.get(i.id());
            if (row == null || row.path("value").isNull() || row.path("value").isMissingNode()) {
                continue;
            }
            Double complete = row.path("complete").asBoolean() ? 1.0 : 0.0;
            if (i.formula().type() == FormulaType.RATIO
                    && catalogue.dataElement(i.formula().numerator()).isPresent()
                    && catalogue.dataElement(i.formula().denominator()).isPresent()) {
                out.put(
                        i.formula().numerator(),
                        new Double[] {row.path("numerator").asDouble(), complete});
                out.put(
                        i.formula().denominator(),
                        new Double[] {row.path("denominator").asDouble(), complete});
            } else if (i.formula().type() == FormulaType.SUM && i.formula().of().size() == 1) {
                out.put(i.formula().of().get(0), new Double[] {row.path("value").asDouble(), complete});
            }
        }
        for (DataElement de : published) {
            JsonNode row = rows.get(de.code());
            if (row != null && !row.path("value").isNull() && !row.path("value").isMissingNode()) {
                out.put(de.code(), new Double[] {
                    row.path("value").asDouble(), row.path("complete").asBoolean() ? 1.0 : 0.0
                });
            }
        }
        return out;
    }

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
        assertThat(getReport(id).path("revisions").get(0).path("result").path("flagged"))
                .hasSize(2);

        // the review list, a page at a time, for the reader too: both values (other tests' districts may have flags in
        // this year)
        String reader = TestTokens.bearer(TestTokens.token("reader"));
        List<JsonNode> listed = new ArrayList<>();
        String cursor = null;
        int pages = 0;
        do {
            RequestSpecification spec = given().header("Authorization", reader)
                    .queryParam("flag", "IMPLAUSIBLE_CHANGE")
                    .queryParam("period", String.valueOf(year))
                    .queryParam("limit", 1);
            JsonNode page = json(spec.queryParams(cursor == null ? Map.of() : Map.of("cursor", cursor))
                    .get(REPORTS)
                    .then()
                    .statusCode(200)
                    .extract()
                    .response());
            assertThat(page.path("flag").asText()).isEqualTo("IMPLAUSIBLE_CHANGE");
            assertThat(page.path("items").size()).isLessThanOrEqualTo(1);
            page.path("items").forEach(listed::add);
            cursor = page.path("nextCursor").isMissingNode()
                            || page.path("nextCursor").isNull()
                    ? null
                    : page.path("nextCursor").asText();
            pages++;
        } while (cursor != null && pages < 1_000);
        assertThat(listed).extracting(n -> n.path("period").asText()).allMatch(p -> p.startsWith(String.valueOf(year)));
        assertThat(listed)
                .extracting(n -> n.path("reportId").asText() + " "
                        + n.path("dataElement").asText())
                .doesNotHaveDuplicates();
        List<JsonNode> mine = listed.stream()
                .filter(n -> id.equals(n.path("reportId").asText()))
                .toList();
        assertThat(mine)
                .extracting(n -> n.path("dataElement").asText())
                .containsExactlyInAnyOrder(rule.whole(), rule.part());
        assertThat(mine).allSatisfy(n -> {
            assertThat(n.path("orgUnit").asText()).isEqualTo(district);
            assertThat(n.path("channel").asText()).isEqualTo("REST");
            assertThat(n.path("sentBy").asText()).isEqualTo("test-feed:" + sector.code() + "+reader");
        });
        // a month is compared with the same month a year earlier, and listed under its month, quarter and year
        accepted(
                postJson(report(
                        uniqueId("plausible-march-before"),
                        district,
                        previous + "-03",
                        null,
                        Map.of(rule.whole(), 10.0))),
                201);
        String march = uniqueId("implausible-march");
        assertThat(accepted(postJson(report(march, district, year + "-03", null, Map.of(rule.whole(), 101.0))), 201)
                        .path("flagged"))
                .singleElement()
                .satisfies(f -> assertThat(f.path("previousPeriod").asText()).isEqualTo(previous + "-03"));
        for (String period : List.of(year + "-03", year + "Q1", String.valueOf(year), year + "Q2", year + "-04")) {
            JsonNode listedIn = json(given().queryParam("flag", "IMPLAUSIBLE_CHANGE")
                    .queryParam("period", period)
                    .queryParam("limit", 1000)
                    .get(REPORTS)
                    .then()
                    .statusCode(200)
                    .extract()
                    .response());
            List<String> ids = each(listedIn.path("items"), "reportId");
            assertThat(ids.contains(march))
                    .as("the March flag listed for %s", period)
                    .isEqualTo(!period.endsWith("Q2") && !period.endsWith("-04"));
            assertThat(ids.contains(id))
                    .as("the annual report's flags listed for %s", period)
                    .isEqualTo(period.equals(String.valueOf(year)));
        }
        given().header("Authorization", TestTokens.bearer(TestTokens.token(otherSectorRole())))
                .queryParam("flag", "IMPLAUSIBLE_CHANGE")
                .get(REPORTS)
                .then()
                .statusCode(403);
        assertProblem(exchange("GET", REPORTS, null, null, false), 400, "flag");
        assertProblem(exchange("GET", REPORTS + "?flag=NO_SUCH_FLAG", null, null, false), 400, "flag");
        assertProblem(
                exchange("GET", REPORTS + "?flag=IMPLAUSIBLE_CHANGE&period=2024Q5", null, null, false), 400, "period");
        assertProblem(exchange("GET", REPORTS + "?flag=IMPLAUSIBLE_CHANGE&limit=0", null, null, false), 400, "limit");
        assertProblem(
                exchange("GET", REPORTS + "?flag=IMPLAUSIBLE_CHANGE&cursor=next", null, null, false), 400, "cursor");

        // a correcting revision takes the report off the list
        JsonNode corrected = accepted(postJson(report(id, district, String.valueOf(year), 2, before)), 201);
        assertThat(corrected.has("flags")).as("no flags on %s", corrected).isFalse();
        JsonNode after = json(given().queryParam("flag", "IMPLAUSIBLE_CHANGE")
                .queryParam("period", String.valueOf(year))
                .queryParam("limit", 1000)
                .get(REPORTS)
                .then()
                .statusCode(200)
                .extract()
                .response());
        assertThat(each(after.path("items"), "reportId")).doesNotContain(id);
    }

    @Test
    void enterprisesReportOnceTheRegistryKnowsThemAndNotOnceClosed() {
        String enterprise = unknownEnterprise();
        int year = freshYear();
        Response unknown =
                postJson(report(uniqueId("enterprise-unknown"), enterprise, String.valueOf(year), null, validValues()));
        assertThat(unknown.statusCode()).isEqualTo(400);
        assertThat(json(unknown).findValuesAsText("message")).anyMatch(m -> m.contains("not a registered enterprise"));

        publishOrgUnit(enterprise, "370211", false, 1);
        await().atMost(WAIT)
                .untilAsserted(() -> assertThat(postJson(report(
                                        uniqueId("enterprise-open"),
                                        enterprise,
                                        String.valueOf(year),
                                        null,
                                        validValues()))
                                .statusCode())
                        .isEqualTo(201));

        publishOrgUnit(enterprise, "370211", true, 2);
        await().atMost(WAIT).untilAsserted(() -> {
            Response closed = postJson(
                    report(uniqueId("enterprise-closed"), enterprise, String.valueOf(year + 1), null, validValues()));
            assertThat(closed.statusCode()).isEqualTo(400);
            assertThat(json(closed).findValuesAsText("message")).anyMatch(m -> m.contains("closed"));
        });
    }

    /**
     * The service keeps each computed answer of indicators and completeness until the data of its year change (issue 19):
     * a report, and then its revision, is in the very next read — no wait — of the whole city, of its district alone and of
     * the completeness, each of them asked before the write so that an answer was kept.
     */
    @Test
    void aReportAndItsRevisionAreInTheVeryNextRead() {
        int year = freshYear();
        String period = String.valueOf(year);
        String district = districts.get(4);
        Map<String, Double> first = valuesFor(1);
        JsonNode allBefore = indicators(period, null);
        assertThat(indicators(period, null)).as("asked twice, nothing written").isEqualTo(allBefore);
        assertThat(each(unitRows(allBefore, district), "value"))
                .as("nothing reported for %s yet", year)
                .containsOnly("null");
        assertThat(each(unitRows(indicators(period, district), district), "value"))
                .containsOnly("null");
        assertThat(reportedElements(period, district)).isZero();
        // the kept answer's rendered bytes (JSON above, the CSV here) are those of the data before the write
        String csvBefore = indicatorsCsv(period);
        assertThat(indicatorsCsv(period)).as("asked twice, nothing written").isEqualTo(csvBefore);
        assertThat(csvValues(csvBefore, district)).containsOnly("");

        String id = uniqueId("next-read");
        accepted(postJson(report(id, district, period, null, first)), 201);
        assertDistrictIndicators(indicators(period, null), district, expectedOutputs(first));
        assertDistrictIndicators(indicators(period, district), district, expectedOutputs(first));
        assertThat(reportedElements(period, district)).isEqualTo(elements.size());
        String csvFirst = indicatorsCsv(period);
        assertThat(csvValues(csvFirst, district)).as("the CSV after the report").anyMatch(v -> !v.isEmpty());

        Map<String, Double> second = valuesFor(2);
        accepted(postJson(report(id, district, period, 2, second)), 201);
        assertDistrictIndicators(indicators(period, null), district, expectedOutputs(second));
        assertDistrictIndicators(indicators(period, district), district, expectedOutputs(second));
        assertThat(reportedElements(period, district)).isEqualTo(elements.size());
        assertThat(csvValues(indicatorsCsv(period), district))
                .as("the CSV after the revision")
                .isNotEqualTo(csvValues(csvFirst, district));
    }

    private String indicatorsCsv(String period) {
        return given().accept("text/csv")
                .queryParam("period", period)
                .get("/api/v1/indicators")
                .then()
                .statusCode(200)
                .contentType(Matchers.startsWith("text/csv"))
                .header("Content-Disposition", Matchers.containsString(sector.code() + "-indicators-" + period))
                .extract()
                .asString();
    }

    /** The {@code value} cells of the org unit's rows of the indicators' CSV (org unit first, value the seventh column). */
    private static List<String> csvValues(String csv, String orgUnit) {
        return csv.lines()
                .filter(l -> l.startsWith(orgUnit + ","))
                .map(l -> l.split(",", -1)[6])
                .toList();
    }

    private int reportedElements(String period, String district) {
        JsonNode c = json(given().queryParam("period", period)
                .get("/api/v1/completeness")
                .then()
                .statusCode(200)
                .extract()
                .response());
        return stream(c.path("districts"))
                .filter(d -> district.equals(d.path("orgUnit").asText()))
                .findFirst()
                .orElseThrow()
                .path("reported")
                .asInt();
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
        elements.stream()
                .limit(2)
                .forEach(de -> some.put(de.code(), validValues().get(de.code())));
        accepted(postJson(report(a, annual, String.valueOf(year), null, some)), 201);

        JsonNode c = json(given().queryParam("period", String.valueOf(year))
                .get("/api/v1/completeness")
                .then()
                .statusCode(200)
                .extract()
                .response());
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
                    assertThat(de.path("complete").asBoolean())
                            .as("one quarter of %s", year)
                            .isFalse();
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
                assertThat(d.path("reported").asInt())
                        .as("district %s reported nothing for %s", code, year)
                        .isZero();
            }
        }
        JsonNode q1 = json(given().queryParam("period", year + "Q1")
                .get("/api/v1/completeness")
                .then()
                .statusCode(200)
                .extract()
                .response());
        JsonNode qd = stream(q1.path("districts"))
                .filter(n -> quarterly.equals(n.path("orgUnit").asText()))
                .findFirst()
                .orElseThrow();
        assertThat(each(qd.path("dataElements"), "complete")).containsOnly("true");
    }
}
