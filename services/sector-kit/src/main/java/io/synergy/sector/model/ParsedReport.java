package io.synergy.sector.model;

import io.synergy.model.period.Period;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;

/**
 * A valid report: district and period checked, values in the catalogue's units.
 *
 * @param values     data-element values converted to canonical units, at most one per data element
 * @param path       where it was in the request, as error paths begin ({@code [2]}, {@code line 5}, or empty)
 * @param valuePaths the error path of each data element's value in the request ({@code values[1]}, {@code line 7})
 */
public record ParsedReport(
        String reportId,
        String source,
        String orgUnit,
        Period period,
        int revision,
        List<Value> values,
        String path,
        Map<String, String> valuePaths) {

    public record Value(String dataElement, double value) {}

    public ParsedReport {
        values =
                values.stream().sorted(Comparator.comparing(Value::dataElement)).toList();
        valuePaths = Map.copyOf(valuePaths);
    }

    /** The error path of one of the report's fields in the request: {@code orgUnit}, {@code [2].orgUnit}, {@code line 5: district}. */
    public String at(String field) {
        return FieldPaths.field(path, field);
    }

    /** The error path of a data element's value in the request ({@code values[1].value}); the report's id when it has none. */
    public String valueAt(String dataElement) {
        String p = valuePaths.get(dataElement);
        return p == null ? at("reportId") : FieldPaths.field(p, "value");
    }

    /**
     * The fingerprint of what the report says (not of its id or revision): an identical re-post is a duplicate, a
     * different one under the same revision is a conflict.
     */
    public String contentHash() {
        StringBuilder sb = new StringBuilder()
                .append(source)
                .append('|')
                .append(orgUnit)
                .append('|')
                .append(period);
        for (Value v : values) {
            sb.append('|').append(v.dataElement()).append('=').append(v.value());
        }
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256")
                            .digest(sb.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
