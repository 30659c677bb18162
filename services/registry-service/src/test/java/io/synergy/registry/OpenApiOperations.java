package io.synergy.registry;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Iterator;
import java.util.Map;

/** What every operation of the registry's OpenAPI document must say: a record's schema for success, a problem for every error. */
public final class OpenApiOperations {

    private OpenApiOperations() {
    }

    /**
     * Checks every operation whose path starts with {@code prefix}: a typed 2xx JSON schema (a record's, with more than two
     * properties), {@code application/problem+json} for every 4xx and 5xx, a 400 for every operation but a GET, and 401
     * and 403. Answers how many operations it checked.
     */
    public static int checkTyped(JsonNode doc, String prefix) {
        JsonNode schemas = doc.at("/components/schemas");
        int operations = 0;
        for (Iterator<Map.Entry<String, JsonNode>> paths = doc.path("paths").fields(); paths.hasNext();) {
            Map.Entry<String, JsonNode> path = paths.next();
            if (!path.getKey().startsWith(prefix)) {
                continue;
            }
            for (Iterator<Map.Entry<String, JsonNode>> ops = path.getValue().fields(); ops.hasNext();) {
                Map.Entry<String, JsonNode> op = ops.next();
                if (op.getKey().equals("parameters")) {
                    continue;
                }
                operations++;
                String where = op.getKey() + " " + path.getKey();
                JsonNode responses = op.getValue().path("responses");
                boolean success = false;
                for (Iterator<Map.Entry<String, JsonNode>> rs = responses.fields(); rs.hasNext();) {
                    Map.Entry<String, JsonNode> r = rs.next();
                    JsonNode content = r.getValue().path("content");
                    if (r.getKey().startsWith("2")) {
                        success = true;
                        JsonNode schema = content.path("application/json").path("schema");
                        JsonNode ref = schema.has("items") ? schema.path("items").path("$ref") : schema.path("$ref");
                        assertThat(ref.asText()).as(where + " " + r.getKey()).startsWith("#/components/schemas/");
                        JsonNode target = schemas.path(ref.asText().substring("#/components/schemas/".length()));
                        assertThat(target.path("properties").size()).as(where + " " + r.getKey() + " is a record's schema").isGreaterThan(2);
                    } else {
                        assertThat(r.getKey()).as(where).matches("[45]\\d\\d");
                        assertThat(content.path("application/problem+json").path("schema").path("$ref").asText()).as(where + " " + r.getKey())
                                .isEqualTo("#/components/schemas/Problem");
                    }
                }
                assertThat(success).as(where).isTrue();
                assertThat(responses.has("400") || op.getKey().equals("get")).as(where + " documents its 400").isTrue();
                assertThat(responses.has("401") && responses.has("403")).as(where + " documents 401 and 403").isTrue();
            }
        }
        assertThat(schemas.path("Problem").path("properties").has("errors")).isTrue();
        return operations;
    }
}
