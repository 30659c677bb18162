package io.synergy.testsupport.sector;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.restassured.RestAssured;
import io.synergy.model.catalogue.IndicatorValue;
import io.synergy.model.catalogue.Sector;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.LocalDate;
import java.time.YearMonth;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Ingestion, sector-neutral: JSON reports and batches, CSV uploads as spreadsheets write them, the Kafka feed, every
 * malformed or invalid request refused as a problem naming the field with nothing changed, and the HTTP limits. Run in full
 * by one sector service (energy); what the catalogue decides per sector is {@link CatalogueContract}'s.
 */
public abstract class IngestionContract extends SectorServiceTest {

    protected IngestionContract(Sector sector) {
        super(sector);
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
            assertThat(r.path("reportId").asText())
                    .isEqualTo(batch.get(i).path("reportId").asText());
            assertThat(r.path("status").asText()).isEqualTo("ACCEPTED");
            Map<String, Double> values = i < 3 ? valuesFor(i) : boundary;
            assertIndicatorsAnswer(r, districts.get(i), year, expectedOutputs(values));
            assertThat(getReport(r.path("reportId").asText())
                            .path("currentRevision")
                            .asInt())
                    .isEqualTo(1);
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
        ArrayNode batch = MAPPER.createArrayNode()
                .add(report(earlier, district, String.valueOf(year), null, Map.of(element, 300.0)))
                .add(report(later, district, String.valueOf(year), null, Map.of(element, 500.0)));
        assertThat(each(accepted(postJson(batch), 201), "status")).containsExactly("ACCEPTED", "ACCEPTED");
        JsonNode c = json(given().queryParam("period", String.valueOf(year))
                .get("/api/v1/completeness")
                .then()
                .statusCode(200)
                .extract()
                .response());
        JsonNode row = stream(c.path("districts"))
                .filter(d -> district.equals(d.path("orgUnit").asText()))
                .findFirst()
                .orElseThrow()
                .path("dataElements");
        assertThat(stream(row)
                        .filter(de -> element.equals(de.path("dataElement").asText()))
                        .findFirst()
                        .orElseThrow()
                        .path("reportId")
                        .asText())
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
        StringBuilder csv =
                new StringBuilder("\uFEFF").append(CSV_HEADER.toUpperCase()).append("\r\n");
        va.forEach((de, v) -> csv.append(
                        csvRow(a, districts.get(5), String.valueOf(year), de, "\"" + v + "\"", unitOf(de), "1"))
                .append("\r\n"));
        vb.forEach(
                (de, v) -> csv.append(csvRow(b, districts.get(6), String.valueOf(year), de, String.valueOf(v), "", ""))
                        .append("\r\n"));

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
        vb.forEach((de, v) -> minimal.append(
                        String.join(",", b, source(), districts.get(6), String.valueOf(year), de, String.valueOf(v)))
                .append('\n'));
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
                        csv.append(csvRow(
                                        id,
                                        districts.get(d),
                                        period,
                                        e.getKey(),
                                        String.valueOf(e.getValue() / 12),
                                        "",
                                        ""))
                                .append('\n');
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
        kafka().send(
                        feedTopic,
                        id,
                        report(id, district, String.valueOf(year), null, values).toString(),
                        feedIdentity());

        JsonNode history = awaitReport(id);
        JsonNode rev = history.path("revisions").get(0);
        assertThat(rev.path("status").asText()).isEqualTo("CURRENT");
        assertThat(rev.path("channel").asText()).isEqualTo("KAFKA");
        assertThat(storedValues(rev)).containsExactlyInAnyOrderEntriesOf(values);
        Map<String, IndicatorValue> expected = expectedOutputs(values);
        assertIndicatorsAnswer(rev.path("result"), district, year, expected);
        assertEvents(
                awaitEvents(e -> id.equals(e.data().path("reportId").asText()), presentCount(expected)),
                district,
                year,
                expected,
                1);

        // a feed message may carry a batch too
        String b1 = uniqueId("feed-batch");
        String b2 = uniqueId("feed-batch");
        ArrayNode batch = MAPPER.createArrayNode()
                .add(report(b1, districts.get(8), String.valueOf(year), null, valuesFor(8)))
                .add(report(b2, districts.get(9), String.valueOf(year), null, valuesFor(9)));
        kafka().send(feedTopic, b1, batch.toString(), feedIdentity());
        awaitReport(b1);
        awaitReport(b2);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badRequests")
    void refusesAnInvalidRequestAndChangesNothing(BadRequest bad) {
        assertRefusedAndUnchanged(bad);
    }

    /** Malformed or invalid requests of any sector (what differs per catalogue: {@link CatalogueContract#catalogueBadRequests}). */
    protected Stream<BadRequest> badRequests() {
        List<BadRequest> cases = new ArrayList<>();
        Map<String, Double> values = validValues();
        String first = elements.get(0).code();
        YearMonth thisMonth = YearMonth.now(ZONE);
        LocalDate today = LocalDate.now(ZONE);

        Consumer<ObjectNode> none = r -> {};
        cases.add(jsonCase("unknown district", r -> r.put("orgUnit", "379999"), "orgUnit"));
        cases.add(jsonCase("district of another city", r -> r.put("orgUnit", "370102"), "orgUnit"));
        cases.add(
                jsonCase("the city code", r -> r.put("orgUnit", orgUnits.city().code()), "orgUnit"));
        cases.add(jsonCase(
                "a district group",
                r -> r.put("orgUnit", orgUnits.groups().get(0).code()),
                "orgUnit"));
        cases.add(
                jsonCase("district as a number", r -> r.put("orgUnit", Integer.parseInt(districts.get(0))), "orgUnit"));
        cases.add(jsonCase("period 2024Q5", r -> r.put("period", "2024Q5"), "period"));
        cases.add(jsonCase("period 2024-13", r -> r.put("period", "2024-13"), "period"));
        cases.add(jsonCase("period 2024-00", r -> r.put("period", "2024-00"), "period"));
        cases.add(jsonCase("period not a period", r -> r.put("period", "last year"), "period"));
        cases.add(jsonCase("period year 1066", r -> r.put("period", "1066"), "period"));
        cases.add(jsonCase("future year", r -> r.put("period", String.valueOf(today.getYear() + 1)), "period"));
        cases.add(jsonCase(
                "future month", r -> r.put("period", thisMonth.plusMonths(1).toString()), "period"));
        int nextQuarterStart = ((thisMonth.getMonthValue() - 1) / 3 + 1) * 3 + 1;
        YearMonth nq = YearMonth.of(thisMonth.getYear(), 1).plusMonths(nextQuarterStart - 1L);
        cases.add(jsonCase(
                "future quarter",
                r -> r.put("period", nq.getYear() + "Q" + ((nq.getMonthValue() - 1) / 3 + 1)),
                "period"));
        cases.add(jsonCase(
                "unknown data element",
                r -> value(r, 0).put("dataElement", sector.code() + ".no.such.element"),
                "values[0].dataElement"));
        cases.add(jsonCase("missing data element", r -> value(r, 0).remove("dataElement"), "values[0].dataElement"));
        cases.add(jsonCase("missing value", r -> value(r, 0).remove("value"), "values[0].value"));
        cases.add(jsonCase("null value", r -> value(r, 0).putNull("value"), "values[0].value"));
        cases.add(jsonCase("non-numeric value", r -> value(r, 0).put("value", "12a"), "values[0].value"));
        cases.add(jsonCase("numeric string value", r -> value(r, 0).put("value", "12"), "values[0].value"));
        cases.add(jsonCase("boolean value", r -> value(r, 0).put("value", true), "values[0].value"));
        cases.add(jsonCase("NaN (as a string)", r -> value(r, 0).put("value", "NaN"), "values[0].value"));
        cases.add(jsonCase("Infinity (as a string)", r -> value(r, 0).put("value", "Infinity"), "values[0].value"));
        cases.add(jsonCase("-Infinity (as a string)", r -> value(r, 0).put("value", "-Infinity"), "values[0].value"));
        cases.add(rawJsonCase("1e400 (overflows to infinity)", replaceFirstValue(values, "1e400"), "values[0].value"));
        cases.add(rawJsonCase("-1e400", replaceFirstValue(values, "-1e400"), "values[0].value"));
        cases.add(rawJsonCase("NaN token (not JSON)", replaceFirstValue(values, "NaN"), "body"));
        cases.add(jsonCase("implausibly large value", r -> value(r, 0).put("value", 1e300), "values[0].value"));
        int second = elements.size() > 1 ? 1 : 0;
        cases.add(jsonCase(
                "duplicated data element",
                r -> value(r, second).put("dataElement", first),
                "values[" + second + "].dataElement"));
        cases.add(jsonCase("unit not of the data element", r -> value(r, 0).put("unit", "furlongs"), "values[0].unit"));
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
        cases.add(json(
                "batch: one valid report, one invalid (all or nothing)",
                MAPPER.createArrayNode().add(valid).add(invalid),
                "[1].orgUnit"));
        cases.add(json(
                "batch: the same report twice",
                MAPPER.createArrayNode().add(valid).add(valid),
                "[1].reportId"));
        cases.add(
                json("batch: not a report", MAPPER.createArrayNode().add(valid).add("text"), "[1]"));
        cases.add(json("empty batch", MAPPER.createArrayNode(), "body"));
        cases.add(bytes(
                "broken JSON",
                JSON,
                "{\"reportId\": \"x\", \"values\": [".getBytes(StandardCharsets.UTF_8),
                400,
                "body"));
        cases.add(bytes(
                "JSON followed by garbage", JSON, (valid + " trailing").getBytes(StandardCharsets.UTF_8), 400, "body"));
        cases.add(bytes(
                "two JSON documents", JSON, (valid.toString() + valid).getBytes(StandardCharsets.UTF_8), 400, "body"));
        cases.add(bytes(
                "duplicate JSON key",
                JSON,
                "{\"reportId\": \"a\", \"reportId\": \"b\"}".getBytes(StandardCharsets.UTF_8),
                400,
                "body"));
        cases.add(bytes("JSON null", JSON, "null".getBytes(StandardCharsets.UTF_8), 400, "body"));
        cases.add(bytes("JSON string", JSON, "\"report\"".getBytes(StandardCharsets.UTF_8), 400, "body"));
        cases.add(bytes("empty JSON body", JSON, new byte[0], 400, "body"));
        cases.add(bytes("JSON not UTF-8", JSON, notUtf8(valid.toString()), 400, "body"));

        String year = "2020";
        String d = districts.get(0);
        String row = csvRow("csv-never-stored", d, year, first, "1", "", "");
        cases.add(csv(
                "CSV missing the value column",
                "report_id,source,district,period,data_element\ncsv-x," + source() + "," + d + "," + year + "," + first
                        + "\n",
                "line 1"));
        cases.add(csv("CSV unknown column", CSV_HEADER + ",colour\n" + row + ",red\n", "line 1"));
        cases.add(csv(
                "CSV unclosed quote",
                CSV_HEADER + "\n" + csvRow("csv-x", d, year, first, "\"12", "", "") + "\n" + row + "\n",
                "line 2"));
        cases.add(csv("CSV header only", CSV_HEADER + "\n", "body"));
        cases.add(csv("CSV empty", "", "body"));
        cases.add(csv(
                "CSV non-numeric value",
                CSV_HEADER + "\n" + csvRow("csv-x", d, year, first, "12a", "", "") + "\n",
                "line 2: value"));
        cases.add(csv(
                "CSV NaN", CSV_HEADER + "\n" + csvRow("csv-x", d, year, first, "NaN", "", "") + "\n", "line 2: value"));
        cases.add(csv(
                "CSV missing value",
                CSV_HEADER + "\n" + csvRow("csv-x", d, year, first, "", "", "") + "\n",
                "line 2: value"));
        cases.add(csv(
                "CSV unknown district",
                CSV_HEADER + "\n" + csvRow("csv-x", "379999", year, first, "1", "", "") + "\n",
                "line 2: district"));
        cases.add(csv(
                "CSV future period",
                CSV_HEADER + "\n" + csvRow("csv-x", d, String.valueOf(today.getYear() + 1), first, "1", "", "") + "\n",
                "line 2: period"));
        cases.add(csv(
                "CSV wrong unit",
                CSV_HEADER + "\n" + csvRow("csv-x", d, year, first, "1", "furlongs", "") + "\n",
                "line 2: unit"));
        cases.add(csv(
                "CSV bad revision",
                CSV_HEADER + "\n" + csvRow("csv-x", d, year, first, "1", "", "two") + "\n",
                "line 2: revision"));
        cases.add(csv("CSV too many cells", CSV_HEADER + "\n" + row + "\n" + row + ",extra\n", "line 3"));
        cases.add(csv(
                "CSV rows of one report disagree on the district",
                CSV_HEADER + "\n" + row + "\n"
                        + csvRow(
                                "csv-never-stored",
                                districts.get(1),
                                year,
                                elements.get(second).code(),
                                "1",
                                "",
                                "") + "\n",
                "line 3"));
        cases.add(csv(
                "CSV duplicated data element", CSV_HEADER + "\n" + row + "\n" + row + "\n", "line 3: data_element"));
        cases.add(bytes("CSV not UTF-8", CSV, notUtf8(CSV_HEADER + "\n" + row + "\n"), 400, "body"));

        int maxValues = config().getOptionalValue("synergy.sector.max-values", Integer.class)
                .orElse(50_000);
        StringBuilder many = new StringBuilder(CSV_HEADER).append('\n');
        for (int i = 0; i <= maxValues; i++) {
            many.append("m")
                    .append(i)
                    .append(',')
                    .append(source())
                    .append(',')
                    .append(d)
                    .append(",2020,")
                    .append(first)
                    .append(",1,,\n");
        }
        cases.add(new BadRequest(
                "more values than allowed in one request",
                CSV,
                many.toString().getBytes(StandardCharsets.UTF_8),
                false,
                413,
                "body"));

        long limit = maxBodyBytes();
        cases.add(new BadRequest("body one byte over the limit", JSON, padded(valid, limit + 1), false, 413, "body"));
        cases.add(new BadRequest("10 MB body", JSON, padded(valid, 10L * 1024 * 1024), false, 413, "body"));
        cases.add(new BadRequest("10 MB body, chunked", JSON, padded(valid, 10L * 1024 * 1024), true, 413, "body"));
        cases.add(new BadRequest(
                "10 MB CSV, chunked",
                CSV,
                padded(CSV_HEADER + "\n" + row + "\n", 10L * 1024 * 1024),
                true,
                413,
                "body"));

        byte[] validBytes = valid.toString().getBytes(StandardCharsets.UTF_8);
        cases.add(bytes("text/plain", "text/plain", validBytes, 415, "Content-Type"));
        cases.add(bytes(
                "application/xml",
                "application/xml",
                "<report/>".getBytes(StandardCharsets.UTF_8),
                415,
                "Content-Type"));
        cases.add(bytes(
                "form data",
                "application/x-www-form-urlencoded",
                "a=b".getBytes(StandardCharsets.UTF_8),
                415,
                "Content-Type"));
        cases.add(bytes("no content type", null, validBytes, 415, "Content-Type"));
        cases.add(bytes("unknown charset", JSON + "; charset=no-such-charset", validBytes, 415, "Content-Type"));
        return cases.stream();
    }

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
        long hard = config().getOptionalValue("quarkus.http.limits.max-body-size", String.class)
                .map(IngestionContract::bytesOf)
                .orElse(10L * 1024 * 1024);
        Snapshot before = settledSnapshot();
        // the server answers from the headers: a client that asks before sending (Expect: 100-continue) gets the
        // problem
        try (Socket socket = new Socket("localhost", RestAssured.port)) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST " + REPORTS + " HTTP/1.1\r\nHost: localhost\r\nAuthorization: " + auth.header()
                            + "\r\nContent-Type: application/json\r\nContent-Length: " + (hard + 1)
                            + "\r\nExpect: 100-continue\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
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
        assertProblem(
                exchange("PUT", "/api/v1/catalog", JSON, "{}".getBytes(StandardCharsets.UTF_8), false), 405, null);
        Exchange notAcceptable = send(HttpRequest.newBuilder(uri("/api/v1/catalog"))
                .header("Accept", "application/xml")
                .GET()
                .build());
        assertProblem(notAcceptable, 406, "Accept");
        assertProblem(exchange("GET", "/api/v1/indicators", null, null, false), 400, "period");
        assertProblem(exchange("GET", "/api/v1/indicators?period=2024Q5", null, null, false), 400, "period");
        assertProblem(exchange("GET", "/api/v1/indicators?period=2024-13", null, null, false), 400, "period");
        assertProblem(
                exchange("GET", "/api/v1/indicators?period=2024&district=379999", null, null, false), 400, "district");
        assertProblem(exchange("GET", "/api/v1/completeness?period=soon", null, null, false), 400, "period");
    }

    protected static long bytesOf(String memorySize) {
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
