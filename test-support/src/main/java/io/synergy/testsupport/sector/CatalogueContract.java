package io.synergy.testsupport.sector;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.restassured.response.Response;
import io.synergy.model.catalogue.Catalogue;
import io.synergy.model.catalogue.DataElement;
import io.synergy.model.catalogue.FormulaType;
import io.synergy.model.catalogue.Indicator;
import io.synergy.model.catalogue.IndicatorMath;
import io.synergy.model.catalogue.IndicatorValue;
import io.synergy.model.catalogue.PartOfWholeRule;
import io.synergy.model.catalogue.Sector;
import io.synergy.model.orgunit.OrgUnit;
import io.synergy.testsupport.OpenApiAssertions;
import io.synergy.testsupport.OperationWalk;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.net.URI;
import java.time.Duration;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * What differs from one sector service to another, run by each of the five: its catalogue's data elements, units, rules and
 * indicators — every indicator and published data element computed and published, the rules and units enforced, the city and
 * the groups rolled up from numerators and denominators, months and quarters rolled up by each element's aggregation — and
 * its self-description (the catalogue, readiness, a typed OpenAPI document). Everything is derived from the {@link Catalogue}.
 * The sector-neutral machinery of the kit is proven once, by the energy service, with {@link IngestionContract},
 * {@link RevisionContract}, {@link FeedContract}, {@link SecurityContract} and {@link RollUpContract}.
 */
public abstract class CatalogueContract extends SectorServiceTest {

    protected CatalogueContract(Sector sector) {
        super(sector);
    }

    @Test
    void acceptsOneJsonReportAndPublishesItsIndicators() {
        int year = freshYear();
        String district = districts.get(0);
        String id = uniqueId("single");
        Map<String, Double> values = validValues();

        Response created = postJson(report(id, district, String.valueOf(year), null, values));
        JsonNode answer = accepted(created, 201);
        assertThat(answer.path("reportId").asText()).isEqualTo(id);
        assertThat(answer.path("revision").asInt()).isEqualTo(1);
        assertThat(answer.path("status").asText()).isEqualTo("ACCEPTED");
        Map<String, IndicatorValue> expected = expectedOutputs(values);
        assertIndicatorsAnswer(answer, district, year, expected);

        // a creation names where the report now lives: its history
        assertThat(created.header("Location")).endsWith(REPORTS + "/" + id);
        JsonNode history = json(given().get(URI.create(created.header("Location")))
                .then()
                .statusCode(200)
                .extract()
                .response());
        assertThat(history.path("currentRevision").asInt()).isEqualTo(1);
        assertThat(history.path("revisions")).hasSize(1);
        assertThat(history.path("revisions").get(0).path("status").asText()).isEqualTo("CURRENT");
        assertThat(history.path("revisions").get(0).path("channel").asText()).isEqualTo("REST");

        List<Event> events =
                awaitEvents(e -> id.equals(e.data().path("reportId").asText()), presentCount(expected));
        assertEvents(events, district, year, expected, 1);
    }

    @Test
    void describesItselfAndIsReady() {
        JsonNode catalog = json(
                given().get("/api/v1/catalog").then().statusCode(200).extract().response());
        assertThat(catalog.path("sector").asText()).isEqualTo(sector.code());
        assertThat(each(catalog.path("dataElements"), "code"))
                .containsExactlyElementsOf(
                        elements.stream().map(DataElement::code).toList());
        assertThat(each(catalog.path("indicators"), "id"))
                .containsExactlyElementsOf(
                        indicators.stream().map(Indicator::id).toList());
        assertThat(each(catalog.path("rules"), "id"))
                .containsExactlyElementsOf(
                        rules.stream().map(PartOfWholeRule::id).toList());
        // ready means the database and Kafka are reachable (after a broker outage test, once the clients reconnected)
        await().atMost(WAIT)
                .pollInterval(Duration.ofMillis(200))
                .until(() -> given().get("/q/health/ready").statusCode() == 200);
        String openapi =
                given().get("/q/openapi").then().statusCode(200).extract().asString();
        assertThat(openapi).contains(REPORTS, "/api/v1/indicators", "/api/v1/completeness", "/api/v1/catalog");
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
                Map.Entry<String, Double> alt = de.units().entrySet().stream()
                        .sorted(Map.Entry.comparingByKey())
                        .findFirst()
                        .orElseThrow();
                double sent = new BigDecimal(String.valueOf(values.get(de.code())))
                        .divide(BigDecimal.valueOf(alt.getValue()), MathContext.DECIMAL64)
                        .doubleValue();
                value(r, i).put("value", sent).put("unit", alt.getKey());
                converted++;
            } else {
                value(r, i).put("unit", de.unit());
            }
        }
        JsonNode answer = accepted(postJson(r), 201);
        assertIndicatorsAnswer(answer, district, year, expectedOutputs(values));
        Map<String, Double> stored =
                storedValues(getReport(id).path("revisions").get(0));
        values.forEach((code, v) -> assertThat(stored.get(code))
                .as("%s in %s", code, unitOf(code))
                .isCloseTo(v, within(1e-9 * Math.max(1, v))));
        if (converted == 0) {
            assertThat(elements).allMatch(de -> de.units().isEmpty());
        }
    }

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
        for (OrgUnit unit :
                List.of(orgUnits.city(), orgUnits.find("central-urban").orElseThrow())) {
            JsonNode rows = unitRows(all, unit.code());
            for (Indicator indicator : indicators) {
                IndicatorValue expected = IndicatorMath.rollUp(
                        indicator,
                        unit.districtsToSum().stream()
                                .map(d -> byDistrict.get(d).get(indicator.id()))
                                .toList());
                JsonNode row = row(rows, indicator.id());
                assertRow(row, expected, unit.code() + " " + indicator.id());
                assertThat(row.path("complete").asBoolean())
                        .as("%s %s complete", unit.code(), indicator.id())
                        .isTrue();
                if (indicator.formula().type() == FormulaType.RATIO && expected.value() != null) {
                    double mean = unit.districtsToSum().stream()
                            .mapToDouble(
                                    d -> byDistrict.get(d).get(indicator.id()).value())
                            .average()
                            .orElseThrow();
                    differs |= Math.abs(mean - expected.value()) > 1e-6 * Math.max(1, Math.abs(expected.value()));
                }
            }
            for (DataElement de : published) {
                double sum = unit.districtsToSum().stream()
                        .mapToDouble(d -> byDistrict.get(d).get(de.code()).value())
                        .sum();
                assertRow(row(rows, de.code()), IndicatorValue.total(sum), unit.code() + " " + de.code());
            }
        }
        assertThat(differs)
                .as("the data make the ratio of sums differ from the mean of the district ratios")
                .isTrue();

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
        List<Event> events =
                awaitEvents(e -> december.equals(e.data().path("reportId").asText()), presentCount(expected));
        for (Event e : events) {
            assertThat(e.data().path("period").asText()).isEqualTo(String.valueOf(year));
            assertThat(e.data().path("complete").asBoolean())
                    .as(e.data().toString())
                    .isTrue();
            assertNumber(
                    e.data().path("value"),
                    expected.get(e.data().path("code").asText()).value(),
                    e.data().path("code").asText());
        }
    }

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
        Exchange refused = exchange(
                "POST",
                REPORTS,
                JSON,
                bytes(report(second, district, String.valueOf(year), null, Map.of(rule.whole(), 1.0))),
                false);
        assertProblem(refused, 422, "values[0].value");
        assertThat(refused.json().path("type").asText()).endsWith("/combined-state-rule");
        List<String> messages = each(refused.json().path("errors"), "message");
        assertThat(messages)
                .anySatisfy(m -> assertThat(m)
                        .contains(
                                rule.part(), rule.whole(), first, second, "1.0", String.valueOf(big.get(rule.part()))));
        // all or nothing: a valid report in the same batch is not stored either
        String innocent = uniqueId("combined-innocent");
        ArrayNode batch = MAPPER.createArrayNode()
                .add(report(innocent, district, year + "Q4", null, validValues()))
                .add(report(second, district, String.valueOf(year), null, Map.of(rule.whole(), 1.0)));
        assertProblem(exchange("POST", REPORTS, JSON, bytes(batch), false), 422, "[1].values[0].value");
        assertUnchanged(before);
        given().get(REPORTS + "/" + second).then().statusCode(404);
        given().get(REPORTS + "/" + innocent).then().statusCode(404);
        assertDistrictIndicators(indicatorsOf(String.valueOf(year), district), district, expectedOutputs(big));
    }

    /**
     * Requests the sector's catalogue refuses: a data element of another sector, a negative value, a unit of another data
     * element, and a part above its whole for every rule — in JSON and in CSV. Sector-neutral refusals:
     * {@link IngestionContract#badRequests}.
     */
    protected Stream<BadRequest> catalogueBadRequests() {
        List<BadRequest> cases = new ArrayList<>();
        Map<String, Double> values = validValues();
        String first = elements.get(0).code();
        cases.add(jsonCase(
                "data element of another sector",
                r -> value(r, 0).put("dataElement", foreign.code()),
                "values[0].dataElement"));
        cases.add(jsonCase("negative value", r -> value(r, 0).put("value", -1.5), "values[0].value"));
        for (PartOfWholeRule rule : rules) {
            int part = index(rule.part());
            double whole = values.get(rule.whole());
            cases.add(jsonCase(
                    "part larger than whole: " + rule.id(),
                    r -> value(r, part).put("value", whole * 1.5 + 1),
                    "values[" + part + "].value"));
        }
        cases.add(jsonCase(
                "unit of another data element",
                r -> value(r, 0).put("unit", foreignUnit(elements.get(0))),
                "values[0].unit"));

        String year = "2020";
        String d = districts.get(0);
        cases.add(csv(
                "CSV negative value",
                CSV_HEADER + "\n" + csvRow("csv-x", d, year, first, "-3", "", "") + "\n",
                "line 2: value"));
        cases.add(csv(
                "CSV data element of another sector",
                CSV_HEADER + "\n" + csvRow("csv-x", d, year, foreign.code(), "1", "", "") + "\n",
                "line 2: data_element"));
        if (!rules.isEmpty()) {
            PartOfWholeRule rule = rules.get(0);
            cases.add(csv(
                    "CSV part larger than whole: " + rule.id(),
                    CSV_HEADER + "\n"
                            + csvRow("csv-x", d, year, rule.whole(), "10", "", "") + "\n"
                            + csvRow("csv-x", d, year, rule.part(), "11", "", "") + "\n",
                    "line 3: value"));
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("catalogueBadRequests")
    void refusesWhatTheCatalogueDoesNotAllowAndChangesNothing(BadRequest bad) {
        assertRefusedAndUnchanged(bad);
    }

    /**
     * A REST consumer can generate a client from the service's OpenAPI document: every operation has a typed success schema
     * (records, not maps) and the problem schema for each of its errors, 401 and 403 included.
     */
    @Test
    void everyOperationHasATypedSuccessSchemaAndAProblemSchemaForItsErrors() throws IOException {
        JsonNode document = MAPPER.readTree(given().queryParam("format", "json")
                .get("/q/openapi")
                .then()
                .statusCode(200)
                .extract()
                .asString());
        assertThat(OpenApiAssertions.assertEveryOperationIsTyped(document, "/api/v1/"))
                .as("operations of the %s service", sector.code())
                .isEqualTo(10);
    }

    /** The indicators, the completeness and the template are tables, and a report may be uploaded as one. */
    @Test
    void everyTableOffersTheCsvAndTheWorkbook() {
        assertThat(OpenApiAssertions.assertEveryTableOffersCsvAndXlsx(OpenApiAssertions.document()))
                .containsExactly(
                        "get /api/v1/completeness",
                        "get /api/v1/indicators",
                        "get /api/v1/template",
                        "post /api/v1/reports (body)");
    }

    /**
     * Every operation with every media type it declares — JSON, CSV, an empty body of each type it accepts — on the data the
     * tests left and on a year without any: never a server error (issue 16).
     */
    @Test
    void everyOperationAnswersEveryMediaTypeItDeclaresWithoutAServerError() throws IOException {
        JsonNode document = MAPPER.readTree(given().queryParam("format", "json")
                .get("/q/openapi")
                .then()
                .statusCode(200)
                .extract()
                .asString());
        for (String period : List.of("2024", "2031")) {
            OperationWalk.assertNoServerError(OperationWalk.walk(
                    document,
                    Map.of(
                            "period",
                            period,
                            "orgUnit",
                            "370200",
                            "reportId",
                            "no-such-report",
                            "flag",
                            "IMPLAUSIBLE_CHANGE"),
                    "/api/v1/"));
        }
    }
}
