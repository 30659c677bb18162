package io.synergy.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.restassured.RestAssured;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Walks every operation of a service's OpenAPI document with every media type it declares and says what each call
 * answered (issue 16: whatever a client asks for — JSON, CSV, XLSX, HTML, PDF — on whatever data there is, a service
 * never answers 5xx). A GET is called once per media type of its success answers, with that {@code Accept}; an operation
 * that takes a body is called once per media type of its body, with an empty body of that type (which it must refuse as
 * a client error, not fail on). Operations without a body other than GET (actions such as closing a year) and DELETE are
 * not called: a walk must not change the data the test runs on; their own tests call them. Path and required query
 * parameters take the value named in {@code values}, else the parameter's example; an operation with a required
 * parameter that has neither is reported, not guessed.
 */
public final class OperationWalk {

    /** One call: what was asked and what came back. */
    public record Call(String method, String path, String mediaType, int status, String problem) {

        @Override
        public String toString() {
            return method.toUpperCase() + " " + path + " [" + mediaType + "] → " + status
                    + (problem.isEmpty() ? "" : ": " + problem);
        }
    }

    private OperationWalk() {}

    /**
     * Calls every operation whose path starts with one of {@code pathPrefixes} (requests go through RestAssured, with the
     * filters the test installed, e.g. its token) and returns the calls made.
     */
    public static List<Call> walk(JsonNode document, Map<String, String> values, String... pathPrefixes) {
        List<Call> calls = new ArrayList<>();
        for (Iterator<Map.Entry<String, JsonNode>> paths =
                        document.path("paths").fields();
                paths.hasNext(); ) {
            Map.Entry<String, JsonNode> path = paths.next();
            if (List.of(pathPrefixes).stream().noneMatch(path.getKey()::startsWith)) {
                continue;
            }
            for (Iterator<Map.Entry<String, JsonNode>> ops = path.getValue().fields(); ops.hasNext(); ) {
                Map.Entry<String, JsonNode> op = ops.next();
                String method = op.getKey();
                JsonNode operation = op.getValue();
                boolean get = method.equals("get");
                if (method.equals("parameters") || method.equals("delete") || (!get && !operation.has("requestBody"))) {
                    continue;
                }
                RequestSpecification request = RestAssured.given().redirects().follow(false);
                String resolved = path.getKey();
                String missing = null;
                for (JsonNode p : parameters(path.getValue(), operation)) {
                    String name = p.path("name").asText();
                    String value = values.containsKey(name)
                            ? values.get(name)
                            : p.has("example") ? p.path("example").asText() : null;
                    String in = p.path("in").asText();
                    if (value == null) {
                        if (in.equals("path") || p.path("required").asBoolean()) {
                            missing = name;
                        }
                        continue;
                    }
                    if (in.equals("path")) {
                        resolved = resolved.replace("{" + name + "}", value);
                    } else if (in.equals("query")) {
                        request = request.queryParam(name, value);
                    }
                }
                if (missing != null) {
                    calls.add(
                            new Call(method, path.getKey(), "-", 0, "no value for the required parameter " + missing));
                    continue;
                }
                for (String mediaType : get ? answerTypes(operation) : bodyTypes(operation)) {
                    // a moved path answers 308 to another service: the walk judges this service's answer, not that
                    // one's
                    RequestSpecification call =
                            RestAssured.given().spec(request).redirects().follow(false);
                    Response r = get
                            ? call.accept(mediaType).get(resolved)
                            : call.contentType(mediaType).body(new byte[0]).request(method.toUpperCase(), resolved);
                    String body = r.statusCode() >= 500 ? r.asString() : "";
                    calls.add(new Call(
                            method,
                            resolved,
                            mediaType,
                            r.statusCode(),
                            body.length() > 300 ? body.substring(0, 300) : body));
                }
            }
        }
        return calls;
    }

    /** Asserts that no call answered a server error, and that every operation could be called. */
    public static void assertNoServerError(List<Call> calls) {
        assertThat(calls).as("the walk called something").isNotEmpty();
        assertThat(calls)
                .as("calls that answered 5xx, or could not be made")
                .filteredOn(c -> c.status() >= 500 || c.status() == 0)
                .isEmpty();
    }

    private static List<JsonNode> parameters(JsonNode pathItem, JsonNode operation) {
        List<JsonNode> all = new ArrayList<>();
        pathItem.path("parameters").forEach(all::add);
        operation.path("parameters").forEach(all::add);
        return all;
    }

    private static Set<String> answerTypes(JsonNode operation) {
        Set<String> types = new LinkedHashSet<>();
        operation.path("responses").fields().forEachRemaining(r -> {
            if (r.getKey().startsWith("2")) {
                r.getValue().path("content").fieldNames().forEachRemaining(types::add);
            }
        });
        if (types.isEmpty()) {
            types.add("*/*");
        }
        return types;
    }

    private static Set<String> bodyTypes(JsonNode operation) {
        Set<String> types = new LinkedHashSet<>();
        operation.path("requestBody").path("content").fieldNames().forEachRemaining(types::add);
        if (types.isEmpty()) {
            types.add("application/json");
        }
        return types;
    }
}
