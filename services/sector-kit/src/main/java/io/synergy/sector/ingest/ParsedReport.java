package io.synergy.sector.ingest;

import io.synergy.model.period.Period;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;

/**
 * A valid report: district and period checked, values in the catalogue's units.
 *
 * @param values data-element values converted to canonical units, at most one per data element
 */
public record ParsedReport(String reportId, String source, String orgUnit, Period period, int revision, List<Value> values) {

    public record Value(String dataElement, double value) {
    }

    public ParsedReport {
        values = values.stream().sorted(Comparator.comparing(Value::dataElement)).toList();
    }

    /**
     * The fingerprint of what the report says (not of its id or revision): an identical re-post is a duplicate, a
     * different one under the same revision is a conflict.
     */
    public String contentHash() {
        StringBuilder sb = new StringBuilder().append(source).append('|').append(orgUnit).append('|').append(period);
        for (Value v : values) {
            sb.append('|').append(v.dataElement()).append('=').append(v.value());
        }
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(sb.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
