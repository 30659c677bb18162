package io.synergy.aggregation.rest;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * What every answer that serves a year says of it (docs/method.md §3): {@code provisional} — neither complete nor closed,
 * so its figures may still move — and the year's {@code coverage} (state, indicators and districts in), both taken from
 * the stored result document.
 */
final class Provisional {

    private Provisional() {
    }

    /** The result document's year is provisional (a document stored before year states existed counts as settled). */
    static boolean of(JsonNode result) {
        return result.path("provisional").asBoolean(false);
    }

    static void mark(ObjectNode out, JsonNode result) {
        out.put("provisional", of(result));
        JsonNode coverage = result.path("coverage");
        if (coverage.isMissingNode()) {
            out.putNull("coverage");
        } else {
            out.set("coverage", coverage);
        }
    }
}
