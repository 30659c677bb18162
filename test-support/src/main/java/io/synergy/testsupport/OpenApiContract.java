package io.synergy.testsupport;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Iterator;
import java.util.Map;
import java.util.function.Predicate;

/**
 * What every operation of a service's OpenAPI document must say, so that a consumer can generate a client: a typed schema
 * for its success — the JSON answer a record's schema (a {@code $ref} to a component with properties, or an array of
 * them), any other format a string — and the problem document ({@code application/problem+json}, {@code Problem}) for
 * each of its 4xx and 5xx answers.
 */
public final class OpenApiContract {

    private static final String COMPONENTS = "#/components/schemas/";

    private OpenApiContract() {
    }

    /** The running application's document ({@code /q/openapi}, JSON). */
    public static JsonNode document() {
        try {
            return new ObjectMapper().readTree(given().queryParam("format", "json").get("/q/openapi").then().statusCode(200).extract().asString());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Asserts the contract for every operation whose path {@code paths} accepts; returns how many there are.
     */
    public static int assertTyped(JsonNode doc, Predicate<String> paths) {
        JsonNode schemas = doc.at("/components/schemas");
        int operations = 0;
        for (Iterator<Map.Entry<String, JsonNode>> it = doc.path("paths").fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> path = it.next();
            if (!paths.test(path.getKey())) {
                continue;
            }
            for (Iterator<Map.Entry<String, JsonNode>> ops = path.getValue().fields(); ops.hasNext();) {
                Map.Entry<String, JsonNode> op = ops.next();
                if (op.getKey().equals("parameters")) {
                    continue;
                }
                operations++;
                String where = op.getKey() + " " + path.getKey();
                boolean success = false;
                for (Iterator<Map.Entry<String, JsonNode>> rs = op.getValue().path("responses").fields(); rs.hasNext();) {
                    Map.Entry<String, JsonNode> r = rs.next();
                    String answer = where + " " + r.getKey();
                    JsonNode content = r.getValue().path("content");
                    if (r.getKey().startsWith("2")) {
                        success = true;
                        assertThat(content.size()).as(answer + " has content").isPositive();
                        for (Iterator<Map.Entry<String, JsonNode>> types = content.fields(); types.hasNext();) {
                            Map.Entry<String, JsonNode> type = types.next();
                            assertSuccessSchema(schemas, answer + " " + type.getKey(), type.getKey(), type.getValue().path("schema"));
                        }
                    } else {
                        assertThat(r.getKey()).as(where).matches("[45]\\d\\d");
                        assertThat(content.path("application/problem+json").path("schema").path("$ref").asText()).as(answer)
                                .isEqualTo(COMPONENTS + "Problem");
                    }
                }
                assertThat(success).as(where + " documents its success").isTrue();
            }
        }
        assertThat(schemas.path("Problem").path("properties").has("errors")).isTrue();
        return operations;
    }

    private static void assertSuccessSchema(JsonNode schemas, String answer, String mediaType, JsonNode schema) {
        if (!mediaType.equals("application/json")) {
            assertThat(schema.path("type").asText()).as(answer + " is a string").isEqualTo("string");
            return;
        }
        JsonNode ref = schema.has("items") ? schema.path("items").path("$ref") : schema.path("$ref");
        assertThat(ref.asText()).as(answer).startsWith(COMPONENTS);
        JsonNode target = schemas.path(ref.asText().substring(COMPONENTS.length()));
        assertThat(target.path("properties").size()).as(answer + " is a record's schema").isGreaterThan(2);
    }
}
