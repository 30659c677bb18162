package io.synergy.testsupport;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * A parser of the PromQL the chart's alert rules and dashboard use — selectors with label matchers and ranges, numbers and strings,
 * function calls, aggregations with {@code by}/{@code without} before or after their argument, binary operators with
 * {@code bool}, {@code on}/{@code ignoring} and {@code group_left}/{@code group_right}, {@code offset}, parentheses — enough to
 * reject a malformed expression and to name the metrics an expression reads. Not a full PromQL implementation (no subqueries, no
 * {@code @}); an expression it cannot read fails the test that uses it, which is the point.
 */
public final class PromQl {

    private static final Set<String> AGGREGATIONS = Set.of(
            "sum",
            "min",
            "max",
            "avg",
            "count",
            "stddev",
            "stdvar",
            "group",
            "topk",
            "bottomk",
            "quantile",
            "count_values");
    private static final Set<String> FUNCTIONS = Set.of(
            "abs",
            "absent",
            "absent_over_time",
            "avg_over_time",
            "ceil",
            "changes",
            "clamp",
            "clamp_max",
            "clamp_min",
            "count_over_time",
            "day_of_month",
            "day_of_week",
            "delta",
            "deriv",
            "exp",
            "floor",
            "histogram_quantile",
            "holt_winters",
            "hour",
            "idelta",
            "increase",
            "irate",
            "label_join",
            "label_replace",
            "last_over_time",
            "ln",
            "log2",
            "log10",
            "max_over_time",
            "min_over_time",
            "minute",
            "month",
            "predict_linear",
            "quantile_over_time",
            "rate",
            "resets",
            "round",
            "scalar",
            "sort",
            "sort_desc",
            "sqrt",
            "stddev_over_time",
            "sum_over_time",
            "time",
            "timestamp",
            "vector",
            "year");
    private static final Set<String> KEYWORD_OPERATORS = Set.of("and", "or", "unless");
    private static final List<String> SYMBOL_OPERATORS =
            List.of("==", "!=", ">=", "<=", ">", "<", "+", "-", "*", "/", "%", "^");

    private final String text;
    private int pos;
    private final Set<String> metrics = new TreeSet<>();

    private PromQl(String text) {
        this.text = text;
    }

    /** The metric names the expression reads; an {@link IllegalArgumentException} naming the position if it does not parse. */
    public static Set<String> metricNames(String expression) {
        PromQl p = new PromQl(expression);
        p.expression();
        p.space();
        if (p.pos != p.text.length()) {
            throw p.error("unexpected input");
        }
        if (p.metrics.isEmpty()) {
            throw p.error("names no metric");
        }
        return p.metrics;
    }

    private void expression() {
        unary();
        while (true) {
            space();
            String op = operator();
            if (op == null) {
                return;
            }
            space();
            if (word("bool")) {
                space();
            }
            if (word("on") || word("ignoring")) {
                labelList();
                space();
            }
            if (word("group_left") || word("group_right")) {
                space();
                if (peek() == '(') {
                    labelList();
                }
            }
            unary();
        }
    }

    private String operator() {
        for (String op : SYMBOL_OPERATORS) {
            if (text.startsWith(op, pos)) {
                pos += op.length();
                return op;
            }
        }
        for (String op : KEYWORD_OPERATORS) {
            if (word(op)) {
                return op;
            }
        }
        return null;
    }

    private void unary() {
        space();
        if (peek() == '-' || peek() == '+') {
            pos++;
        }
        primary();
        space();
        if (peek() == '[') {
            range();
        }
        space();
        if (word("offset")) {
            space();
            duration();
        }
    }

    private void primary() {
        space();
        char c = peek();
        if (c == '(') {
            pos++;
            expression();
            expect(')');
        } else if (Character.isDigit(c) || c == '.') {
            number();
        } else if (c == '"' || c == '\'') {
            string();
        } else if (c == '{') {
            matchers();
        } else if (Character.isLetter(c) || c == '_' || c == ':') {
            String name = identifier();
            space();
            if (AGGREGATIONS.contains(name)) {
                aggregation();
            } else if (FUNCTIONS.contains(name)) {
                arguments();
            } else if (peek() == '(') {
                throw error("unknown function " + name);
            } else {
                metrics.add(name);
                space();
                if (peek() == '{') {
                    matchers();
                }
            }
        } else {
            throw error("expected an expression");
        }
    }

    private void aggregation() {
        boolean grouped = false;
        if (word("by") || word("without")) {
            labelList();
            space();
            grouped = true;
        }
        arguments();
        space();
        if (!grouped && (word("by") || word("without"))) {
            labelList();
        }
    }

    private void arguments() {
        expect('(');
        space();
        if (peek() != ')') {
            expression();
            space();
            while (peek() == ',') {
                pos++;
                expression();
                space();
            }
        }
        expect(')');
    }

    private void labelList() {
        space();
        expect('(');
        space();
        while (peek() != ')') {
            identifier();
            space();
            if (peek() == ',') {
                pos++;
                space();
            }
        }
        expect(')');
    }

    private void matchers() {
        expect('{');
        space();
        while (peek() != '}') {
            identifier();
            space();
            if (!(text.startsWith("=~", pos) || text.startsWith("!~", pos) || text.startsWith("!=", pos))) {
                expect('=');
            } else {
                pos += 2;
            }
            space();
            string();
            space();
            if (peek() == ',') {
                pos++;
                space();
            } else if (peek() != '}') {
                throw error("expected , or }");
            }
        }
        expect('}');
    }

    private void range() {
        expect('[');
        duration();
        expect(']');
    }

    private void duration() {
        int start = pos;
        while (pos < text.length()
                && (Character.isDigit(text.charAt(pos)) || "smhdwy".indexOf(text.charAt(pos)) >= 0)) {
            pos++;
        }
        if (!text.substring(start, pos).matches("([0-9]+(ms|[smhdwy]))+")) {
            throw error("expected a duration");
        }
    }

    private void number() {
        int start = pos;
        while (pos < text.length()
                && (Character.isDigit(text.charAt(pos)) || text.charAt(pos) == '.' || text.charAt(pos) == 'e')) {
            pos++;
        }
        try {
            Double.parseDouble(text.substring(start, pos));
        } catch (NumberFormatException e) {
            throw error("malformed number");
        }
    }

    private void string() {
        char quote = peek();
        if (quote != '"' && quote != '\'') {
            throw error("expected a string");
        }
        pos++;
        while (pos < text.length() && text.charAt(pos) != quote) {
            pos += text.charAt(pos) == '\\' ? 2 : 1;
        }
        expect(quote);
    }

    private String identifier() {
        int start = pos;
        while (pos < text.length()
                && (Character.isLetterOrDigit(text.charAt(pos))
                        || text.charAt(pos) == '_'
                        || text.charAt(pos) == ':')) {
            pos++;
        }
        if (start == pos) {
            throw error("expected a name");
        }
        return text.substring(start, pos);
    }

    /** Consumes the keyword if it stands here as a whole word. */
    private boolean word(String w) {
        int end = pos + w.length();
        if (text.startsWith(w, pos)
                && (end == text.length()
                        || !(Character.isLetterOrDigit(text.charAt(end)) || text.charAt(end) == '_'))) {
            pos = end;
            return true;
        }
        return false;
    }

    private void expect(char c) {
        space();
        if (peek() != c) {
            throw error("expected '" + c + "'");
        }
        pos++;
    }

    private char peek() {
        return pos < text.length() ? text.charAt(pos) : '\0';
    }

    private void space() {
        while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
            pos++;
        }
    }

    private IllegalArgumentException error(String what) {
        return new IllegalArgumentException(what + " at " + pos + " of: " + text);
    }

    /** Every metric name of several expressions. */
    public static Set<String> metricNames(List<String> expressions) {
        Set<String> all = new TreeSet<>();
        List<String> failures = new ArrayList<>();
        for (String e : expressions) {
            try {
                all.addAll(metricNames(e));
            } catch (IllegalArgumentException ex) {
                failures.add(ex.getMessage());
            }
        }
        if (!failures.isEmpty()) {
            throw new IllegalArgumentException(String.join("\n", failures));
        }
        return all;
    }
}
