package io.synergy.sector.ingest;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadFeature;
import io.synergy.platform.problem.FieldError;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * Reads the JSON of one report or a batch (an array) into {@link RawReport}s, reporting every type error with its
 * path rather than stopping at the first.
 *
 * <p>Read token by token into the reports' fields, not into a tree first: a tree per report (an object node with a
 * linked hash map per report and per value, a node per field) was the largest share of a sector service's garbage under
 * ingestion (deploy/bench/analysis.md, "The request threads' garbage: the JSON read token by token"). The errors come
 * in the order the tree gave them: a report's unknown fields, then its fields in the order of {@link #REPORT_FIELDS},
 * then its values one by one (each: unknown fields, {@code dataElement}, {@code value}, {@code unit}).
 */
public final class JsonReportParser {

    private static final Set<String> REPORT_FIELDS =
            Set.of("reportId", "source", "orgUnit", "period", "revision", "values");
    private static final Set<String> VALUE_FIELDS = Set.of("dataElement", "value", "unit");
    private static final String REPORT_FIELD_LIST = sortedList(REPORT_FIELDS);
    private static final String VALUE_FIELD_LIST = sortedList(VALUE_FIELDS);

    /**
     * Duplicate keys are refused (a report with two values for one field is not one report); numbers are parsed from the
     * parser's own buffer ({@code USE_FAST_DOUBLE_PARSER}: correctly rounded, as {@link Double#parseDouble}, without a
     * string per number).
     */
    private static final JsonFactory JSON = JsonFactory.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .enable(StreamReadFeature.USE_FAST_DOUBLE_PARSER)
            .build();

    private JsonReportParser() {}

    /** The result of parsing: reports, whether the body was a batch, and the errors found. */
    public record Result(List<RawReport> reports, boolean batch, List<FieldError> errors) {}

    /** Parses one report or a batch, one report at a time: a 10,000-value request is never held as a whole tree. */
    public static Result parse(String body) {
        try {
            return parse(JSON.createParser(body));
        } catch (IOException e) {
            return new Result(List.of(), false, List.of(new FieldError("body", "unreadable JSON: " + e.getMessage())));
        }
    }

    /**
     * Parses one report or a batch straight from UTF-8 bytes (checked to be UTF-8 before): no text copy of the body, which
     * for a batch of 1,000 reports was 2.4 MB of transient chars and a string per request (issue 19).
     */
    public static Result parse(byte[] utf8, int offset, int length) {
        try {
            return parse(JSON.createParser(utf8, offset, length));
        } catch (IOException e) {
            return new Result(List.of(), false, List.of(new FieldError("body", "unreadable JSON: " + e.getMessage())));
        }
    }

    private static Result parse(JsonParser parser) {
        List<FieldError> errors = new ArrayList<>();
        List<RawReport> reports = new ArrayList<>();
        boolean batch = false;
        try (JsonParser p = parser) {
            JsonToken first = p.nextToken();
            if (first == null) {
                return new Result(List.of(), false, List.of(new FieldError("body", "the body is empty")));
            }
            if (first == JsonToken.START_ARRAY) {
                batch = true;
                int i = 0;
                for (JsonToken t = next(p); t != JsonToken.END_ARRAY; t = next(p)) {
                    readReport(p, "[" + i++ + "]", reports, errors);
                }
                if (i == 0) {
                    errors.add(new FieldError("body", "the batch is empty"));
                }
            } else {
                readReport(p, "", reports, errors);
            }
            if (p.nextToken() != null) {
                throw new JsonParseException(p, "trailing content after the JSON value");
            }
        } catch (JsonProcessingException e) {
            return malformed(e);
        } catch (IOException e) {
            return new Result(List.of(), false, List.of(new FieldError("body", "unreadable JSON: " + e.getMessage())));
        }
        return new Result(reports, batch, errors);
    }

    /** What a body that is no JSON gets: one error, where the parser stopped and why. */
    static Result malformed(JsonProcessingException e) {
        String where = e.getLocation() == null
                ? ""
                : " at line " + e.getLocation().getLineNr() + ", column "
                        + e.getLocation().getColumnNr();
        return new Result(
                List.of(),
                false,
                List.of(new FieldError("body", "malformed JSON" + where + ": " + e.getOriginalMessage())));
    }

    /** The next token; the end of the input inside a value is malformed JSON (the parser says so itself; this is the guard). */
    private static JsonToken next(JsonParser p) throws IOException {
        JsonToken t = p.nextToken();
        if (t == null) {
            throw new JsonParseException(p, "unexpected end of the input");
        }
        return t;
    }

    private static String at(String path, String field) {
        return path.isEmpty() ? field : path + "." + field;
    }

    /** Reads the report whose first token is the parser's current one; afterwards the current token is its last. */
    private static void readReport(JsonParser p, String path, List<RawReport> into, List<FieldError> errors)
            throws IOException {
        if (p.currentToken() != JsonToken.START_OBJECT) {
            errors.add(new FieldError(path.isEmpty() ? "body" : path, "must be a report object"));
            p.skipChildren();
            return;
        }
        Text reportId = new Text();
        Text source = new Text();
        Text orgUnit = new Text();
        Text period = new Text();
        Integer revision = null;
        FieldError revisionError = null;
        FieldError valuesError = null;
        boolean valuesSeen = false;
        List<RawReport.RawValue> values = new ArrayList<>();
        List<FieldError> valueErrors = new ArrayList<>();
        for (JsonToken t = next(p); t != JsonToken.END_OBJECT; t = next(p)) {
            String name = p.currentName();
            JsonToken v = next(p);
            switch (name) {
                case "reportId" -> reportId.read(p, v);
                case "source" -> source.read(p, v);
                case "orgUnit" -> orgUnit.read(p, v);
                case "period" -> period.read(p, v);
                case "revision" -> {
                    if (v == JsonToken.VALUE_NULL) {
                        break;
                    }
                    if (v == JsonToken.VALUE_NUMBER_INT && p.getNumberType() == JsonParser.NumberType.INT) {
                        revision = p.getIntValue();
                    } else {
                        revisionError = new FieldError(at(path, "revision"), "must be a whole number");
                        revision = -1;
                        p.skipChildren();
                    }
                }
                case "values" -> {
                    valuesSeen = v != JsonToken.VALUE_NULL;
                    if (v == JsonToken.START_ARRAY) {
                        readValues(p, at(path, "values["), values, valueErrors);
                        if (values.isEmpty() && valueErrors.isEmpty()) {
                            valuesError = new FieldError(at(path, "values"), "must hold at least one value");
                        }
                    } else if (valuesSeen) {
                        valuesError =
                                new FieldError(at(path, "values"), "must be an array of {dataElement, value, unit}");
                        p.skipChildren();
                    }
                }
                default -> {
                    errors.add(unknown(path, name, REPORT_FIELD_LIST));
                    p.skipChildren();
                }
            }
        }
        reportId.check(path, "reportId", errors);
        source.check(path, "source", errors);
        orgUnit.check(path, "orgUnit", errors);
        period.check(path, "period", errors);
        if (revisionError != null) {
            errors.add(revisionError);
        }
        if (!valuesSeen) {
            errors.add(new FieldError(at(path, "values"), "is required"));
        } else if (valuesError != null) {
            errors.add(valuesError);
        }
        errors.addAll(valueErrors);
        into.add(new RawReport(path, reportId.value, source.value, orgUnit.value, period.value, revision, values));
    }

    /** Reads the elements of a {@code values} array (its first token is current) into values and their errors. */
    private static void readValues(
            JsonParser p, String prefix, List<RawReport.RawValue> values, List<FieldError> errors) throws IOException {
        int i = 0;
        for (JsonToken t = next(p); t != JsonToken.END_ARRAY; t = next(p)) {
            String vp = prefix + i++ + "]";
            if (t != JsonToken.START_OBJECT) {
                errors.add(new FieldError(vp, "must be an object {dataElement, value, unit}"));
                p.skipChildren();
                continue;
            }
            Text dataElement = new Text();
            Double value = null;
            boolean valueSeen = false;
            FieldError valueError = null;
            String unit = null;
            FieldError unitError = null;
            for (JsonToken f = next(p); f != JsonToken.END_OBJECT; f = next(p)) {
                String name = p.currentName();
                JsonToken v = next(p);
                switch (name) {
                    case "dataElement" -> dataElement.read(p, v);
                    case "value" -> {
                        valueSeen = v != JsonToken.VALUE_NULL;
                        if (v == JsonToken.VALUE_NUMBER_INT || v == JsonToken.VALUE_NUMBER_FLOAT) {
                            value = p.getDoubleValue();
                        } else if (valueSeen) {
                            valueError = new FieldError(vp + ".value", "must be a number, not " + describe(p, v));
                            p.skipChildren();
                        }
                    }
                    case "unit" -> {
                        if (v == JsonToken.VALUE_STRING) {
                            unit = p.getText();
                        } else if (v != JsonToken.VALUE_NULL) {
                            unitError = new FieldError(vp + ".unit", "must be a string");
                            p.skipChildren();
                        }
                    }
                    default -> {
                        errors.add(unknown(vp, name, VALUE_FIELD_LIST));
                        p.skipChildren();
                    }
                }
            }
            dataElement.check(vp, "dataElement", errors);
            if (!valueSeen) {
                errors.add(new FieldError(vp + ".value", "is required"));
            } else if (valueError != null) {
                errors.add(valueError);
            }
            if (unitError != null) {
                errors.add(unitError);
            }
            values.add(new RawReport.RawValue(vp, dataElement.value, value, unit));
        }
    }

    /** A required text field as read: its value, or why it has none (absent or null: required; another type: named). */
    private static final class Text {

        private boolean seen;
        private String value;
        private String notText;

        void read(JsonParser p, JsonToken t) throws IOException {
            if (t == JsonToken.VALUE_NULL) {
                return;
            }
            seen = true;
            if (t == JsonToken.VALUE_STRING) {
                value = p.getText();
            } else {
                notText = describe(p, t);
                p.skipChildren();
            }
        }

        void check(String path, String field, List<FieldError> errors) {
            if (!seen) {
                errors.add(new FieldError(at(path, field), "is required"));
            } else if (notText != null) {
                errors.add(new FieldError(at(path, field), "must be a string, not " + notText));
            }
        }
    }

    private static FieldError unknown(String path, String name, String known) {
        return new FieldError(at(path, abbreviate(name)), "unknown field (expected one of " + known + ")");
    }

    private static String sortedList(Set<String> names) {
        return String.join(", ", names.stream().sorted().toList());
    }

    /** What a value that is not the expected type is, for the error (its first token is current). */
    private static String describe(JsonParser p, JsonToken t) throws IOException {
        return switch (t) {
            case VALUE_STRING -> "the string \"" + abbreviate(p.getText()) + "\"";
            case VALUE_TRUE, VALUE_FALSE -> "a boolean";
            case START_ARRAY -> "an array";
            case START_OBJECT -> "an object";
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "number";
            default -> t.name().toLowerCase();
        };
    }

    /** A text quoted back in an error: at most 40 characters. */
    public static String abbreviate(String s) {
        return s.length() <= 40 ? s : s.substring(0, 40) + "…";
    }
}
