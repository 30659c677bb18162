package io.synergy.sector.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.RepetitionInfo;

/**
 * The token-by-token {@link JsonReportParser} gives what the tree-based parser it replaced gave
 * ({@link TreeJsonReportParser}): the same reports, the same errors with the same paths, in the same order — on bodies
 * generated with every kind of fault a client sends (missing, null and mistyped fields, unknown fields, values that are
 * no objects, duplicate keys, numbers too large for their type, truncated JSON). Repetition {@code k} uses seed {@code k}.
 */
class JsonReportParserEquivalenceTest {

    private static final String[] REPORT_FIELDS = {"reportId", "source", "orgUnit", "period", "revision", "values"};
    private static final String[] VALUE_FIELDS = {"dataElement", "value", "unit"};

    @RepeatedTest(20)
    void agreesWithTheTreeParserOnGeneratedBodies(RepetitionInfo repetition) {
        Random r = new Random(repetition.getCurrentRepetition());
        for (int n = 0; n < 500; n++) {
            String body = body(r);
            byte[] utf8 = body.getBytes(StandardCharsets.UTF_8);
            JsonReportParser.Result expected = TreeJsonReportParser.parse(utf8, 0, utf8.length);
            assertThat(JsonReportParser.parse(utf8, 0, utf8.length)).as(body).isEqualTo(expected);
            assertThat(JsonReportParser.parse(body)).as(body).isEqualTo(TreeJsonReportParser.parse(body));
        }
    }

    private static String body(Random r) {
        String json = switch (r.nextInt(10)) {
            case 0, 1, 2, 3, 4 -> report(r);
            case 5, 6, 7 -> {
                List<String> reports = new ArrayList<>();
                for (int i = r.nextInt(4); i > 0; i--) {
                    reports.add(r.nextInt(8) == 0 ? scalar(r) : report(r));
                }
                yield "[" + String.join(",", reports) + "]";
            }
            case 8 -> scalar(r);
            default -> report(r) + (r.nextBoolean() ? " {}" : " x");
        };
        if (r.nextInt(12) == 0 && json.length() > 2) {
            json = json.substring(0, r.nextInt(json.length())); // truncated
        }
        return json;
    }

    private static String report(Random r) {
        List<String> fields = new ArrayList<>();
        for (String f : REPORT_FIELDS) {
            if (r.nextInt(6) > 0) {
                fields.add(field(
                        f,
                        switch (f) {
                            case "revision" -> r.nextInt(3) == 0 ? scalar(r) : String.valueOf(r.nextInt(5));
                            case "values" -> r.nextInt(5) == 0 ? scalar(r) : values(r);
                            default -> r.nextInt(4) == 0 ? scalar(r) : text(r);
                        }));
            }
        }
        addNoise(r, fields);
        return "{" + String.join(",", fields) + "}";
    }

    private static String values(Random r) {
        List<String> values = new ArrayList<>();
        for (int i = r.nextInt(4); i > 0; i--) {
            if (r.nextInt(8) == 0) {
                values.add(scalar(r));
                continue;
            }
            List<String> fields = new ArrayList<>();
            for (String f : VALUE_FIELDS) {
                if (r.nextInt(6) > 0) {
                    fields.add(field(
                            f,
                            switch (f) {
                                case "value" -> r.nextInt(3) == 0 ? scalar(r) : number(r);
                                default -> r.nextInt(4) == 0 ? scalar(r) : text(r);
                            }));
                }
            }
            addNoise(r, fields);
            values.add("{" + String.join(",", fields) + "}");
        }
        return "[" + String.join(",", values) + "]";
    }

    /** Shuffles the fields, sometimes adds an unknown one or repeats a field (a duplicate key). */
    private static void addNoise(Random r, List<String> fields) {
        if (r.nextInt(5) == 0) {
            fields.add(field(
                    r.nextBoolean() ? "extra" : "a field name longer than forty characters, abbreviated", scalar(r)));
        }
        if (r.nextInt(15) == 0 && !fields.isEmpty()) {
            fields.add(fields.get(r.nextInt(fields.size())));
        }
        if (r.nextBoolean()) {
            Collections.shuffle(fields, r);
        }
    }

    private static String field(String name, String value) {
        return "\"" + name + "\":" + value;
    }

    private static String text(Random r) {
        return r.nextInt(10) == 0 ? "\"\"" : "\"t" + r.nextInt(100) + "\"";
    }

    private static String number(Random r) {
        return switch (r.nextInt(7)) {
            case 0 -> String.valueOf(r.nextInt(1000));
            case 1 -> String.valueOf(r.nextLong());
            case 2 -> "123456789012345678901234567890";
            case 3 -> "1e400";
            case 4 -> "-0.0";
            case 5 -> String.valueOf(r.nextDouble() * 1e6);
            default -> "7.000000000000001";
        };
    }

    /** Anything but the expected type: text where a number belongs and the other way round, null, booleans, containers. */
    private static String scalar(Random r) {
        return switch (r.nextInt(9)) {
            case 0 -> "null";
            case 1 -> "true";
            case 2 -> "false";
            case 3 -> "[1,[2]]";
            case 4 -> "{\"a\":{\"b\":1}}";
            case 5 -> number(r);
            case 6 -> "\"a string longer than forty characters, so abbreviated in the error\"";
            case 7 -> "2147483648";
            default -> text(r);
        };
    }
}
