package io.synergy.sector.ingest;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.json.JsonMapper;
import io.synergy.platform.problem.FieldError;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The JSON report parser as it was until session 11 — a tree per report, then its fields — kept as the reference the
 * token-by-token {@link JsonReportParser} must agree with ({@link JsonReportParserEquivalenceTest}).
 */
final class TreeJsonReportParser {

    private static final Set<String> REPORT_FIELDS =
            Set.of("reportId", "source", "orgUnit", "period", "revision", "values");
    private static final Set<String> VALUE_FIELDS = Set.of("dataElement", "value", "unit");

    private static final ObjectMapper JSON = JsonMapper.builder()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION)
            // "{...} garbage" or two documents in one body is not one report: refuse it instead of reading the first
            .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
            .build();

    /** Reads one value at a time out of a larger document: what follows it is the next report, not trailing garbage. */
    private static final ObjectReader ONE_VALUE = JSON.reader().without(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);

    private TreeJsonReportParser() {}

    /**
     * Parses one report or a batch. A batch is read one report at a time (a small tree per report, not one for the
     * whole body), so a 10,000-value request does not hold its whole JSON tree in memory.
     */
    static JsonReportParser.Result parse(String body) {
        try {
            return parse(JSON.createParser(body));
        } catch (IOException e) {
            return new JsonReportParser.Result(
                    List.of(), false, List.of(new FieldError("body", "unreadable JSON: " + e.getMessage())));
        }
    }

    /**
     * Parses one report or a batch straight from UTF-8 bytes (checked to be UTF-8 before): no text copy of the body, which
     * for a batch of 1,000 reports was 2.4 MB of transient chars and a string per request (issue 19).
     */
    static JsonReportParser.Result parse(byte[] utf8, int offset, int length) {
        try {
            return parse(JSON.createParser(utf8, offset, length));
        } catch (IOException e) {
            return new JsonReportParser.Result(
                    List.of(), false, List.of(new FieldError("body", "unreadable JSON: " + e.getMessage())));
        }
    }

    private static JsonReportParser.Result parse(JsonParser parser) {
        List<FieldError> errors = new ArrayList<>();
        List<RawReport> reports = new ArrayList<>();
        boolean batch = false;
        try (JsonParser p = parser) {
            JsonToken first = p.nextToken();
            if (first == null) {
                return new JsonReportParser.Result(
                        List.of(), false, List.of(new FieldError("body", "the body is empty")));
            }
            if (first == JsonToken.START_ARRAY) {
                batch = true;
                int i = 0;
                while (p.nextToken() != JsonToken.END_ARRAY) {
                    JsonNode node = ONE_VALUE.readTree(p);
                    read(node, "[" + i++ + "]", reports, errors);
                }
                if (i == 0) {
                    errors.add(new FieldError("body", "the batch is empty"));
                }
            } else {
                read(ONE_VALUE.readTree(p), "", reports, errors);
            }
            if (p.nextToken() != null) {
                throw new JsonParseException(p, "trailing content after the JSON value");
            }
        } catch (JsonProcessingException e) {
            return JsonReportParser.malformed(e);
        } catch (IOException e) {
            return new JsonReportParser.Result(
                    List.of(), false, List.of(new FieldError("body", "unreadable JSON: " + e.getMessage())));
        }
        return new JsonReportParser.Result(reports, batch, errors);
    }

    private static String at(String path, String field) {
        return path.isEmpty() ? field : path + "." + field;
    }

    private static void read(JsonNode node, String path, List<RawReport> into, List<FieldError> errors) {
        if (!node.isObject()) {
            errors.add(new FieldError(path.isEmpty() ? "body" : path, "must be a report object"));
            return;
        }
        unknownFields(node, REPORT_FIELDS, path, errors);
        String reportId = text(node, "reportId", path, errors);
        String source = text(node, "source", path, errors);
        String orgUnit = text(node, "orgUnit", path, errors);
        String period = text(node, "period", path, errors);
        Integer revision = null;
        JsonNode rev = node.get("revision");
        if (rev != null && !rev.isNull()) {
            if (rev.isIntegralNumber() && rev.canConvertToInt()) {
                revision = rev.intValue();
            } else {
                errors.add(new FieldError(at(path, "revision"), "must be a whole number"));
                revision = -1;
            }
        }
        List<RawReport.RawValue> values = new ArrayList<>();
        JsonNode vs = node.get("values");
        if (vs == null || vs.isNull()) {
            errors.add(new FieldError(at(path, "values"), "is required"));
        } else if (!vs.isArray()) {
            errors.add(new FieldError(at(path, "values"), "must be an array of {dataElement, value, unit}"));
        } else if (vs.isEmpty()) {
            errors.add(new FieldError(at(path, "values"), "must hold at least one value"));
        } else {
            for (int i = 0; i < vs.size(); i++) {
                JsonNode v = vs.get(i);
                String vp = at(path, "values[" + i + "]");
                if (!v.isObject()) {
                    errors.add(new FieldError(vp, "must be an object {dataElement, value, unit}"));
                    continue;
                }
                unknownFields(v, VALUE_FIELDS, vp, errors);
                String de = text(v, "dataElement", vp, errors);
                Double value = null;
                JsonNode n = v.get("value");
                if (n == null || n.isNull()) {
                    errors.add(new FieldError(vp + ".value", "is required"));
                } else if (!n.isNumber()) {
                    errors.add(new FieldError(vp + ".value", "must be a number, not " + describe(n)));
                } else {
                    value = n.doubleValue();
                }
                String unit = null;
                JsonNode u = v.get("unit");
                if (u != null && !u.isNull()) {
                    if (u.isTextual()) {
                        unit = u.asText();
                    } else {
                        errors.add(new FieldError(vp + ".unit", "must be a string"));
                    }
                }
                values.add(new RawReport.RawValue(vp, de, value, unit));
            }
        }
        into.add(new RawReport(path, reportId, source, orgUnit, period, revision, values));
    }

    private static String text(JsonNode node, String field, String path, List<FieldError> errors) {
        JsonNode v = node.get(field);
        if (v == null || v.isNull()) {
            errors.add(new FieldError(at(path, field), "is required"));
            return null;
        }
        if (!v.isTextual()) {
            errors.add(new FieldError(at(path, field), "must be a string, not " + describe(v)));
            return null;
        }
        return v.asText();
    }

    private static void unknownFields(JsonNode node, Set<String> known, String path, List<FieldError> errors) {
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            String name = it.next().getKey();
            if (!known.contains(name)) {
                errors.add(new FieldError(
                        at(path, abbreviate(name)),
                        "unknown field (expected one of "
                                + String.join(", ", known.stream().sorted().toList()) + ")"));
            }
        }
    }

    private static String describe(JsonNode n) {
        return switch (n.getNodeType()) {
            case STRING -> "the string \"" + abbreviate(n.asText()) + "\"";
            case BOOLEAN -> "a boolean";
            case ARRAY -> "an array";
            case OBJECT -> "an object";
            default -> n.getNodeType().name().toLowerCase();
        };
    }

    private static String abbreviate(String s) {
        return JsonReportParser.abbreviate(s);
    }
}
