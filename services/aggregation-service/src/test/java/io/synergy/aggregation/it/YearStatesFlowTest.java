package io.synergy.aggregation.it;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.startsWith;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.agroal.api.AgroalDataSource;
import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.synergy.model.event.IndicatorEvent;
import io.synergy.model.event.OrgUnitEvent;
import io.synergy.model.event.Topics;
import io.synergy.model.orgunit.OrgUnitLevel;
import io.synergy.testsupport.IndicatorProducer;
import io.synergy.testsupport.KafkaBroker;
import io.synergy.testsupport.KafkaTestClient;
import io.synergy.testsupport.PlatformTestResource;
import io.synergy.testsupport.TestTokens;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * Complete years are stable, the current year is provisional (docs/method.md §3), through the real broker and
 * database: a whole city's 2020–2024, then a little of 2025.
 *
 * <p>Complete years need every indicator of every district, which the module's other tests must not see (OpsApiTest
 * expects districts without transport data), so this class runs under a profile of its own: Quarkus starts the
 * application anew for it, and the test configuration's Flyway clean-at-start empties the schema first.
 */
@QuarkusTest
@TestProfile(YearStatesFlowTest.OwnDatabase.class)
@WithTestResource(PlatformTestResource.class)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class YearStatesFlowTest {

    /** No configuration of its own: being another profile is what gives the class a fresh application and schema. */
    public static class OwnDatabase implements QuarkusTestProfile {}

    private static final Duration PATIENCE = Duration.ofSeconds(90);
    private static final IndicatorProducer PRODUCER = new IndicatorProducer(KafkaBroker.bootstrapServers());
    private static final Set<String> FACTS = new HashSet<>();
    /** The history's figures of the complete years, as first answered. */
    private static Map<String, String> completeYears;

    @Inject
    AgroalDataSource dataSource;

    @Inject
    ObjectMapper json;

    @AfterAll
    static void close() {
        PRODUCER.close();
    }

    private void publish(List<IndicatorEvent> events) {
        events.forEach(e -> {
            PRODUCER.send(e);
            FACTS.add(e.code() + "|" + e.orgUnit() + "|" + e.period());
        });
        PRODUCER.flush();
    }

    /** Every published fact is stored and no recompute is pending: the stored results are final. */
    private void awaitSettled() {
        await().atMost(PATIENCE)
                .until(() -> count("SELECT count(*) FROM indicator_fact") == FACTS.size()
                        && count("SELECT count(*) FROM recompute_request") == 0);
    }

    private long count(String sql) throws SQLException {
        try (Connection c = dataSource.getConnection();
                Statement s = c.createStatement();
                ResultSet rs = s.executeQuery(sql)) {
            rs.next();
            return rs.getLong(1);
        }
    }

    private JsonNode get(String path, Map<String, String> query) throws Exception {
        return json.readTree(given().queryParams(query)
                .get(path)
                .then()
                .statusCode(200)
                .extract()
                .asString());
    }

    /** The history's figures of the given years, as the JSON text the API answered. */
    private Map<String, String> historyFigures(JsonNode history, Predicate<String> years) {
        Map<String, String> out = new LinkedHashMap<>();
        for (JsonNode row : history.path("years")) {
            String period = row.path("period").asText();
            if (years.test(period)) {
                ObjectNode figures = json.createObjectNode();
                for (String f : List.of("u1", "u2", "c", "t", "d", "dOwnWindow", "grade")) {
                    figures.set(f, row.path(f));
                }
                out.put(period, figures.toString());
            }
        }
        return out;
    }

    private static Predicate<IndicatorEvent> energyOf(String... districts) {
        Set<String> those = Set.of(districts);
        return e -> e.sector().equals("energy") && those.contains(e.orgUnit());
    }

    private JsonNode years() throws Exception {
        return get("/api/v1/years", Map.of());
    }

    private static JsonNode year(JsonNode years, int year) {
        for (JsonNode y : years.path("years")) {
            if (y.path("year").asInt() == year) {
                return y;
            }
        }
        throw new AssertionError(year + " is not listed: " + years);
    }

    private static JsonNode row(JsonNode history, String period) {
        for (JsonNode y : history.path("years")) {
            if (y.path("period").asText().equals(period)) {
                return y;
            }
        }
        throw new AssertionError(period + " is not in the history: " + history);
    }

    @Test
    @Order(1)
    void aPartialYearLeavesTheHistoryOfTheCompleteYearsAsItWas() throws Exception {
        for (int y = 2020; y <= 2024; y++) {
            publish(CityDataSet.year(y));
        }
        awaitSettled();
        JsonNode years = years();
        for (int y = 2020; y <= 2024; y++) {
            JsonNode state = year(years, y);
            assertThat(state.path("state").asText()).as("%d", y).isEqualTo("COMPLETE");
            assertThat(state.path("indicatorsIn").asInt()).isEqualTo(19);
            assertThat(state.path("districtsIn").asInt()).isEqualTo(10);
            assertThat(state.path("settled").path("by").asText()).isEqualTo("recompute");
            assertThat(state.path("settled").path("indicators")).hasSize(19);
        }
        assertThat(years.path("latestSettled").asInt()).isEqualTo(2024);
        JsonNode before = get("/api/v1/synergy/history", Map.of("orgUnit", "370200"));
        assertThat(before.path("computable").asBoolean()).isTrue();
        assertThat(before.path("evaluatedYear").asInt()).isEqualTo(2024);
        completeYears = historyFigures(before, p -> p.compareTo("2025") < 0);
        assertThat(completeYears).containsOnlyKeys("2020", "2021", "2022", "2023", "2024");

        // two districts report a little 2025 energy data
        publish(CityDataSet.year(2025).stream()
                .filter(energyOf("370203", "370214"))
                .toList());
        awaitSettled();
        JsonNode after = get("/api/v1/synergy/history", Map.of("orgUnit", "370200"));
        assertThat(historyFigures(after, p -> p.compareTo("2025") < 0)).isEqualTo(completeYears);
        assertThat(after.path("evaluatedYear").asInt()).isEqualTo(2024);
        assertThat(row(after, "2024").path("provisional").asBoolean()).isFalse();
        JsonNode provisional = row(after, "2025");
        assertThat(provisional.path("provisional").asBoolean()).isTrue();
        assertThat(provisional.path("coverage").path("indicatorsIn").asInt()).isZero();
        assertThat(provisional.path("coverage").path("indicatorsExpected").asInt())
                .isEqualTo(19);
        assertThat(provisional.path("coverage").path("districtsExpected").asInt())
                .isEqualTo(10);
        // its D is its own window's, and said to be so
        assertThat(provisional.path("d").asDouble())
                .isEqualTo(provisional.path("dOwnWindow").asDouble());

        // the year a dashboard opens on stays 2024; 2025 is offered, marked provisional (the console's dashboard builds
        // the
        // same from the results on results.v1: ResultYears)
        JsonNode assessed = get("/api/v1/years", Map.of());
        assertThat(assessed.path("latestSettled").asInt()).isEqualTo(2024);
        assertThat(assessed.path("years").findValuesAsText("year"))
                .containsExactly("2020", "2021", "2022", "2023", "2024", "2025");
        assertThat(assessed.path("years").get(5).path("provisional").asBoolean())
                .isTrue();
        assertThat(assessed.path("years").get(4).path("state").asText()).isEqualTo("COMPLETE");
    }

    @Test
    @Order(2)
    void everyAnswerServingAProvisionalYearSaysSo() throws Exception {
        JsonNode synergy = get("/api/v1/synergy", Map.of("period", "2025"));
        assertThat(synergy.path("provisional").asBoolean()).isTrue();
        assertThat(synergy.path("coverage").toString())
                .isEqualTo(
                        "{\"state\":\"PROVISIONAL\",\"indicatorsIn\":0,\"indicatorsExpected\":19,\"districtsIn\":0,\"districtsExpected\":10}");
        assertThat(synergy.path("explanation").path("samples").toString())
                .isEqualTo("[\"2020\",\"2021\",\"2022\",\"2023\",\"2024\",\"2025\"]");
        assertThat(get("/api/v1/synergy", Map.of("period", "2024"))
                        .path("provisional")
                        .asBoolean())
                .isFalse();
        assertThat(get("/api/v1/synergy", Map.of("period", "2024"))
                        .path("coverage")
                        .path("state")
                        .asText())
                .isEqualTo("COMPLETE");
        assertThat(get("/api/v1/synergy", Map.of("period", "2025", "orgUnit", "370203"))
                        .path("provisional")
                        .asBoolean())
                .isTrue();

        JsonNode attainment = get("/api/v1/attainment", Map.of("period", "2025"));
        assertThat(attainment.path("provisional").asBoolean()).isTrue();
        assertThat(attainment.path("coverage").path("indicatorsExpected").asInt())
                .isEqualTo(19);
        JsonNode districts = get("/api/v1/synergy/districts", Map.of("period", "2025"));
        assertThat(districts.path("provisional").asBoolean()).isTrue();
        assertThat(districts.path("districts").get(0).path("provisional").asBoolean())
                .isTrue();
        assertThat(get("/api/v1/synergy/districts", Map.of("period", "2024"))
                        .path("provisional")
                        .asBoolean())
                .isFalse();
        JsonNode effects = get("/api/v1/effects", Map.of("from", "2024", "to", "2025"));
        assertThat(effects.path("provisional").asBoolean()).isTrue();
        assertThat(effects.path("provisionalYears").toString()).isEqualTo("[2025]");
        assertThat(get("/api/v1/effects", Map.of("from", "2023", "to", "2024"))
                        .path("provisional")
                        .asBoolean())
                .isFalse();

        // parks and enterprises are scored on the same window
        // as the registry service publishes a new park
        OrgUnitEvent park = new OrgUnitEvent(
                "370214P09",
                OrgUnitLevel.PARK,
                "城阳测试园区",
                "Chengyang test park",
                "370214",
                null,
                null,
                Set.of(),
                false,
                1,
                Instant.now(),
                "year-states-test");
        try (KafkaTestClient kafka = new KafkaTestClient(KafkaBroker.bootstrapServers())) {
            kafka.send(
                    Topics.ORG_UNITS,
                    park.code(),
                    json.writeValueAsString(park),
                    Map.of("ce_type", "cn.qingdao.synergy.orgunit.v1"));
        }
        await().atMost(PATIENCE)
                .until(() -> get("/api/v1/synergy/units", Map.of("period", "2025", "level", "park"))
                        .toString()
                        .contains("370214P09"));
        JsonNode parks = get("/api/v1/synergy/units", Map.of("period", "2025", "level", "park"));
        assertThat(parks.path("provisional").asBoolean()).isTrue();
        assertThat(parks.path("coverage").path("indicatorsExpected").asInt()).isEqualTo(19);
        assertThat(get("/api/v1/synergy/units", Map.of("period", "2024", "level", "park"))
                        .path("provisional")
                        .asBoolean())
                .isFalse();

        // the CSV answers carry a provisional column
        for (String path : List.of(
                "/api/v1/attainment?period=2025",
                "/api/v1/synergy/districts?period=2025",
                "/api/v1/effects?from=2024&to=2025",
                "/api/v1/synergy/history",
                "/api/v1/synergy/units?period=2025&level=park")) {
            List<String> lines = given().accept("text/csv")
                    .get(path)
                    .then()
                    .statusCode(200)
                    .extract()
                    .asString()
                    .lines()
                    .toList();
            assertThat(lines.get(0)).as(path).endsWith(",provisional");
            assertThat(lines.get(lines.size() - 1)).as(path).endsWith(",true");
        }
        String history2024 = given().accept("text/csv")
                .get("/api/v1/synergy/history")
                .then()
                .statusCode(200)
                .extract()
                .asString()
                .lines()
                .filter(l -> l.startsWith("2024,"))
                .findFirst()
                .orElseThrow();
        assertThat(history2024).endsWith(",false");

        // and so does the result document on results.v1
        try (KafkaTestClient kafka = new KafkaTestClient(KafkaBroker.bootstrapServers())) {
            var records = kafka.readUntil(
                    "results.v1", rs -> rs.stream().anyMatch(r -> "370200:2025".equals(r.key())), PATIENCE);
            JsonNode result = json.readTree(records.stream()
                            .filter(r -> "370200:2025".equals(r.key()))
                            .reduce((a, b) -> b)
                            .orElseThrow()
                            .value())
                    .path("result");
            assertThat(result.path("provisional").asBoolean()).isTrue();
            assertThat(result.path("coverage").path("state").asText()).isEqualTo("PROVISIONAL");
            // as the contract describes it
            JsonNode schema = json.readTree(getClass().getClassLoader().getResource("schemas/result.v1.json"));
            Set<String> described = new TreeSet<>();
            schema.at("/properties/result/properties/coverage/properties")
                    .fieldNames()
                    .forEachRemaining(described::add);
            Set<String> sent = new TreeSet<>();
            result.path("coverage").fieldNames().forEachRemaining(sent::add);
            assertThat(sent).isEqualTo(described);
            assertThat(schema.at("/properties/result/properties/provisional/type")
                            .asText())
                    .isEqualTo("boolean");
        }
    }

    @Test
    @Order(3)
    void aPartialYearWithoutPollutionIndicatorsDoesNotEraseTheHistory() throws Exception {
        // 2026 begins with two districts' non-fossil shares and nothing else: no pollution indicator has a 2026 value
        publish(CityDataSet.year(2026).stream()
                .filter(energyOf("370202", "370211"))
                .filter(e -> e.code().equals("E1"))
                .toList());
        awaitSettled();
        JsonNode history = get("/api/v1/synergy/history", Map.of("orgUnit", "370200"));
        assertThat(history.path("computable").asBoolean()).isTrue();
        assertThat(historyFigures(history, p -> p.compareTo("2025") < 0)).isEqualTo(completeYears);
        JsonNode y2026 = row(history, "2026");
        assertThat(y2026.path("provisional").asBoolean()).isTrue();
        assertThat(y2026.path("computable").asBoolean()).isFalse();
        assertThat(y2026.path("reason").asText()).startsWith("no indicator left in subsystem POLLUTION");
        assertThat(y2026.has("grade")).isFalse();
        assertThat(y2026.path("d").isMissingNode()).isTrue();
    }

    @Test
    @Order(4)
    void closingAYearMakesItPartOfTheWindow() throws Exception {
        String close = "/api/v1/years/{year}/close";
        String reason = "{\"reason\": \"2025: only Shinan and Licang will report energy figures · 仅两区报送\"}";
        given().header("Authorization", TestTokens.bearer(TestTokens.token("reader")))
                .contentType("application/json")
                .body(reason)
                .post(close, "2025")
                .then()
                .statusCode(403);
        given().contentType("application/json")
                .body("{}")
                .post(close, "2025")
                .then()
                .statusCode(400)
                .contentType(startsWith("application/problem+json"))
                .body("errors[0].field", equalTo("reason"));
        given().contentType("application/json")
                .body(reason)
                .post(close, "2025Q1")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("year"));
        given().contentType("application/json")
                .body(reason)
                .post(close, "2019")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("year"));
        given().contentType("application/json")
                .body(reason)
                .post(close, "2031")
                .then()
                .statusCode(404);
        given().contentType("application/json")
                .body(reason)
                .post(close, "2024")
                .then()
                .statusCode(409);

        JsonNode closed = json.readTree(given().contentType("application/json")
                .body(reason)
                .post(close, "2025")
                .then()
                .statusCode(200)
                .extract()
                .asString());
        assertThat(closed.path("state").asText()).isEqualTo("CLOSED");
        assertThat(closed.path("settled").path("by").asText()).isEqualTo("test-reader+ops");
        assertThat(closed.path("settled").path("reason").asText()).startsWith("2025: only Shinan");
        // what is missing, and what every window holding 2025 leaves out: all but the energy-only indicators
        assertThat(closed.path("missing")).hasSize(19);
        List<String> excluded = json.convertValue(
                closed.path("excluded"), json.getTypeFactory().constructCollectionType(List.class, String.class));
        assertThat(excluded).contains("A1", "W1", "T1", "B2").doesNotContain("E1", "E2");
        given().contentType("application/json")
                .body(reason)
                .post(close, "2025")
                .then()
                .statusCode(409);

        awaitSettled();
        JsonNode state = year(years(), 2025);
        assertThat(state.path("state").asText()).isEqualTo("CLOSED");
        assertThat(state.path("settled").path("by").asText()).isEqualTo("test-reader+ops");
        JsonNode history = get("/api/v1/synergy/history", Map.of("orgUnit", "370200"));
        assertThat(history.path("evaluatedYear").asInt()).isEqualTo(2025);
        assertThat(row(history, "2025").path("provisional").asBoolean()).isFalse();
        assertThat(row(history, "2026").path("provisional").asBoolean()).isTrue();
        JsonNode synergy = get("/api/v1/synergy", Map.of("period", "2025"));
        assertThat(synergy.path("provisional").asBoolean()).isFalse();
        List<String> left = synergy.path("explanation").path("excluded").findValuesAsText("indicator");
        assertThat(left).containsAll(excluded);
        assertThat(get("/api/v1/years", Map.of()).path("latestSettled").asInt()).isEqualTo(2025);
        // 2026 is scored against the settled years, 2025 among them
        assertThat(get("/api/v1/synergy", Map.of("period", "2026"))
                        .path("explanation")
                        .path("samples"))
                .hasSize(7);
    }

    /** Every item of a paged list, page by page through nextCursor (each page's Link header naming the next). */
    private List<JsonNode> allPages(String path, Map<String, String> query, String items, int limit) throws Exception {
        List<JsonNode> all = new ArrayList<>();
        String cursor = null;
        do {
            var request = given().queryParams(query).queryParam("limit", Integer.toString(limit));
            var answer = (cursor == null ? request : request.queryParam("cursor", cursor))
                    .get(path)
                    .then()
                    .statusCode(200)
                    .extract();
            JsonNode page = json.readTree(answer.asString());
            assertThat(page.path(items).size()).isBetween(1, limit);
            page.path(items).forEach(all::add);
            cursor = page.has("nextCursor") ? page.path("nextCursor").asText() : null;
            if (cursor != null) {
                assertThat(answer.header("Link")).contains("cursor=" + cursor).endsWith("; rel=\"next\"");
            } else {
                assertThat(answer.header("Link")).isNull();
            }
        } while (cursor != null);
        return all;
    }

    @Test
    @Order(5)
    void theListsPageAndTheTablesComeAsCsvOrWorkbook() throws Exception {
        // the years, two at a time, are the years; what describes them all stays on every page
        JsonNode years = years();
        List<JsonNode> paged = allPages("/api/v1/years", Map.of(), "years", 2);
        assertThat(paged.stream().map(y -> y.path("year").asInt()).toList())
                .containsExactly(2020, 2021, 2022, 2023, 2024, 2025, 2026);
        assertThat(json.readTree(given().queryParam("limit", "2")
                                .get("/api/v1/years")
                                .then()
                                .extract()
                                .asString())
                        .path("latestSettled"))
                .isEqualTo(years.path("latestSettled"));
        // the parks' ranking, one park a page: the same units with the ranks of the whole panel
        Map<String, String> parks = Map.of("period", "2026", "level", "park");
        OrgUnitEvent second = new OrgUnitEvent(
                "370203P09",
                OrgUnitLevel.PARK,
                "市北测试园区",
                "Shibei test park",
                "370203",
                null,
                null,
                Set.of(),
                false,
                1,
                Instant.now(),
                "year-states-test");
        try (KafkaTestClient kafka = new KafkaTestClient(KafkaBroker.bootstrapServers())) {
            kafka.send(
                    Topics.ORG_UNITS,
                    second.code(),
                    json.writeValueAsString(second),
                    Map.of("ce_type", "cn.qingdao.synergy.orgunit.v1"));
        }
        await().atMost(PATIENCE)
                .until(() -> get("/api/v1/synergy/units", parks).path("units").size() == 2);
        JsonNode ranking = get("/api/v1/synergy/units", parks);
        assertThat(ranking.has("nextCursor")).isFalse();
        assertThat(allPages("/api/v1/synergy/units", parks, "units", 1).stream()
                        .map(JsonNode::toString)
                        .toList())
                .isEqualTo(StreamSupport.stream(ranking.path("units").spliterator(), false)
                        .map(JsonNode::toString)
                        .toList());
        given().queryParam("limit", "0")
                .get("/api/v1/years")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("limit"));
        given().queryParams(parks)
                .queryParam("limit", "1")
                .queryParam("cursor", "bm90LWEtdW5pdA")
                .get("/api/v1/synergy/units")
                .then()
                .statusCode(400)
                .body("errors[0].field", equalTo("cursor"));

        // the district ranking's table names the districts (it left the name cells empty while it reshaped JSON)
        List<String> districts = given().accept("text/csv")
                .get("/api/v1/synergy/districts?period=2024")
                .then()
                .statusCode(200)
                .extract()
                .asString()
                .lines()
                .toList();
        assertThat(districts.get(0)).isEqualTo("\uFEFFrank,org_unit,name_zh,name_en,d,u1,u2,grade_zh,lag,provisional");
        assertThat(districts).anyMatch(l -> l.contains(",370202,市南区,Shinan,"));
        // every table comes as a workbook too, named after the answer
        var xlsx = given().accept("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
                .get("/api/v1/attainment?period=2024")
                .then()
                .statusCode(200)
                .contentType("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")
                .header("Content-Disposition", "attachment; filename=\"attainment-370200-2024.xlsx\"")
                .extract()
                .asByteArray();
        assertThat(new String(xlsx, 0, 2, StandardCharsets.US_ASCII)).isEqualTo("PK"); // a zip: Office Open XML
        given().accept("text/csv")
                .get("/api/v1/synergy/history")
                .then()
                .statusCode(200)
                .header("Content-Disposition", "attachment; filename=\"synergy-history-370200.csv\"");
    }
}
