package io.synergy.testsupport;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.function.Predicate;

/**
 * What a service's OpenAPI document must give a REST consumer who generates a client from it (issue 14), asserted the
 * same way for every service: each operation answers a <b>typed</b> success — a record's schema, an array of them, or one
 * of several such — and every 4xx and 5xx it documents carries the problem schema ({@code application/problem+json},
 * platform-kit {@code Problem}); every operation documents 401 and 403 (every API of the platform needs a token), and one that
 * takes input (not a GET) documents 400. A success in another format than JSON (CSV, a workbook, a printable report) is a
 * string, beside the JSON record or alone.
 */
public final class OpenApiAssertions {

    private static final String COMPONENTS = "#/components/schemas/";
    private static final String CSV = "text/csv";
    private static final String XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet";

    private OpenApiAssertions() {}

    /** The document of the application under test ({@code /q/openapi}, JSON). */
    public static JsonNode document() {
        try {
            return new ObjectMapper()
                    .readTree(given().queryParam("format", "json")
                            .get("/q/openapi")
                            .then()
                            .statusCode(200)
                            .extract()
                            .asString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Asserts the rules above for every operation whose path starts with one of {@code pathPrefixes}.
     *
     * @param document the document as {@code /q/openapi?format=json} serves it
     * @return how many operations were checked (a test asserts the number, so that an operation cannot slip out of view)
     */
    public static int assertEveryOperationIsTyped(JsonNode document, String... pathPrefixes) {
        return assertEveryOperationIsTyped(document, path -> startsWithAny(path, pathPrefixes));
    }

    /**
     * As {@link #assertEveryOperationIsTyped(JsonNode, String...)}, for every operation whose path {@code paths} accepts.
     * The document is kept as {@code target/openapi.json} of the module, for a linter (docs/api.md).
     */
    public static int assertEveryOperationIsTyped(JsonNode document, Predicate<String> paths) {
        try {
            Files.writeString(Path.of("target", "openapi.json"), document.toPrettyString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        JsonNode schemas = document.at("/components/schemas");
        int operations = 0;
        for (Iterator<Map.Entry<String, JsonNode>> it = document.path("paths").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> path = it.next();
            if (!paths.test(path.getKey())) {
                continue;
            }
            for (Iterator<Map.Entry<String, JsonNode>> ops = path.getValue().fields(); ops.hasNext(); ) {
                Map.Entry<String, JsonNode> op = ops.next();
                if (op.getKey().equals("parameters")) {
                    continue;
                }
                operations++;
                String where = op.getKey() + " " + path.getKey();
                JsonNode responses = op.getValue().path("responses");
                boolean success = false;
                for (Iterator<Map.Entry<String, JsonNode>> rs = responses.fields(); rs.hasNext(); ) {
                    Map.Entry<String, JsonNode> r = rs.next();
                    String response = where + " " + r.getKey();
                    JsonNode content = r.getValue().path("content");
                    if (r.getKey().startsWith("2")) {
                        success = true;
                        assertThat(content.size())
                                .as(response + " says what it answers")
                                .isPositive();
                        if (content.has("application/json")) {
                            assertTyped(content.path("application/json").path("schema"), schemas, response);
                        }
                        for (Iterator<Map.Entry<String, JsonNode>> types = content.fields(); types.hasNext(); ) {
                            Map.Entry<String, JsonNode> type = types.next();
                            if (!type.getKey().equals("application/json")) {
                                assertThat(type.getValue()
                                                .path("schema")
                                                .path("type")
                                                .asText())
                                        .as(response + " " + type.getKey() + " is a string")
                                        .isEqualTo("string");
                            }
                        }
                    } else {
                        assertThat(r.getKey()).as(where).matches("[45]\\d\\d");
                        assertThat(content.path("application/problem+json")
                                        .path("schema")
                                        .path("$ref")
                                        .asText())
                                .as(response)
                                .isEqualTo(COMPONENTS + "Problem");
                    }
                }
                assertThat(success).as(where + " documents its success").isTrue();
                assertThat(responses.has("400") || op.getKey().equals("get"))
                        .as(where + " documents its 400")
                        .isTrue();
                assertThat(responses.has("401") && responses.has("403"))
                        .as(where + " documents 401 and 403")
                        .isTrue();
            }
        }
        assertThat(schemas.path("Problem").path("properties").has("errors"))
                .as("the problem schema names the faulty fields")
                .isTrue();
        return operations;
    }

    /**
     * Every table of the document offers both formats of the platform ({@code Tabular}, platform-kit): a success that
     * offers {@code text/csv} offers the workbook too, and a body of {@code text/csv} takes the workbook too; each is a
     * string, the workbook a binary one (platform-kit {@code TabularOperations} adds the workbook where a resource
     * declares only the CSV).
     *
     * @return the operations that have a table, e.g. {@code get /api/v1/attainment} or {@code post /api/v1/reports (body)},
     *     sorted (a test asserts them, so that a table cannot slip out of view)
     */
    public static List<String> assertEveryTableOffersCsvAndXlsx(JsonNode document) {
        List<String> tables = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = document.path("paths").fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> path = it.next();
            for (Iterator<Map.Entry<String, JsonNode>> ops = path.getValue().fields(); ops.hasNext(); ) {
                Map.Entry<String, JsonNode> op = ops.next();
                String where = op.getKey() + " " + path.getKey();
                for (Iterator<Map.Entry<String, JsonNode>> rs =
                                op.getValue().path("responses").fields();
                        rs.hasNext(); ) {
                    Map.Entry<String, JsonNode> r = rs.next();
                    if (r.getKey().startsWith("2")
                            && r.getValue().path("content").has(CSV)) {
                        assertCsvAndXlsx(r.getValue().path("content"), where + " " + r.getKey());
                        tables.add(where);
                    }
                }
                if (op.getValue().path("requestBody").path("content").has(CSV)) {
                    assertCsvAndXlsx(op.getValue().path("requestBody").path("content"), where + " (body)");
                    tables.add(where + " (body)");
                }
            }
        }
        Collections.sort(tables);
        return tables;
    }

    private static void assertCsvAndXlsx(JsonNode content, String where) {
        assertThat(content.path(CSV).path("schema").path("type").asText())
                .as(where + " " + CSV)
                .isEqualTo("string");
        assertThat(content.has(XLSX))
                .as(where + " offers the workbook: " + content)
                .isTrue();
        assertThat(content.path(XLSX).path("schema").path("type").asText())
                .as(where + " " + XLSX)
                .isEqualTo("string");
        assertThat(content.path(XLSX).path("schema").path("format").asText())
                .as(where + " " + XLSX)
                .isEqualTo("binary");
    }

    /**
     * A record's schema — a reference to a component with properties, each of which says what it holds (a type, a
     * reference, an array or a map of such) — an array of them, or one of several such. A free-form object (a
     * {@code Map<String, Object>}, a {@code JsonNode}) or a property without a type is not a record's schema.
     */
    private static void assertTyped(JsonNode schema, JsonNode schemas, String where) {
        if (schema.has("oneOf") || schema.has("anyOf")) {
            JsonNode alternatives = schema.has("oneOf") ? schema.path("oneOf") : schema.path("anyOf");
            assertThat(alternatives.size()).as(where + ": alternatives").isPositive();
            alternatives.forEach(a -> assertTyped(a, schemas, where));
            return;
        }
        JsonNode ref = schema.has("items") ? schema.path("items").path("$ref") : schema.path("$ref");
        assertThat(ref.asText())
                .as(where + ": a typed application/json schema, not " + schema)
                .startsWith(COMPONENTS);
        JsonNode target = schemas.path(ref.asText().substring(COMPONENTS.length()));
        assertThat(target.path("properties").size())
                .as(where + " is a record's schema: " + target)
                .isPositive();
        for (Iterator<Map.Entry<String, JsonNode>> it =
                        target.path("properties").fields();
                it.hasNext(); ) {
            Map.Entry<String, JsonNode> property = it.next();
            assertThat(saysWhatItHolds(property.getValue()))
                    .as(where + ": " + ref.asText() + " property " + property.getKey() + " says what it holds: "
                            + property.getValue())
                    .isTrue();
        }
    }

    /** A property's schema: a reference, a combination, a scalar type, or an array or map of typed items. */
    private static boolean saysWhatItHolds(JsonNode property) {
        if (property.has("$ref") || property.has("allOf") || property.has("oneOf") || property.has("anyOf")) {
            return true;
        }
        // OpenAPI 3.1 writes a nullable type as a list: ["string", "null"]
        String type = property.path("type").asText();
        for (JsonNode t : property.path("type")) {
            if (!t.asText().equals("null")) {
                type = t.asText();
            }
        }
        return switch (type) {
            case "" -> false;
            case "array" -> saysWhatItHolds(property.path("items"));
            case "object" ->
                property.has("properties")
                        || (property.path("additionalProperties").isObject()
                                && saysWhatItHolds(property.path("additionalProperties")));
            default -> true;
        };
    }

    private static boolean startsWithAny(String path, String... prefixes) {
        for (String p : prefixes) {
            if (path.startsWith(p)) {
                return true;
            }
        }
        return false;
    }
}
