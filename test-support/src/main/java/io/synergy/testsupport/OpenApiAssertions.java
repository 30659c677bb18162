package io.synergy.testsupport;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
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
