package io.synergy.bench.platform;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * The figures one phase of the benchmark measured, as {@code key=value} lines in the run's results folder: the
 * phases run as separate programs (and the shell script writes some figures itself), the report reads them all.
 */
final class ResultFile {

    private final Map<String, String> values = new LinkedHashMap<>();

    ResultFile put(String key, Object value) {
        values.put(key, value instanceof Double d ? String.format(Locale.ROOT, "%.3f", d) : String.valueOf(value));
        return this;
    }

    void write(Path file) {
        StringBuilder sb = new StringBuilder();
        values.forEach(
                (k, v) -> sb.append(k).append('=').append(v.replace('\n', ' ')).append('\n'));
        try {
            Files.createDirectories(file.getParent());
            Files.writeString(file, sb.toString(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The values of a result file; an empty map when the phase did not run (or failed before writing it). */
    static Map<String, String> read(Path file) {
        Map<String, String> out = new LinkedHashMap<>();
        if (!Files.isRegularFile(file)) {
            return out;
        }
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
                int eq = line.indexOf('=');
                if (eq > 0 && !line.startsWith("#")) {
                    out.put(line.substring(0, eq).trim(), line.substring(eq + 1).trim());
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out;
    }
}
