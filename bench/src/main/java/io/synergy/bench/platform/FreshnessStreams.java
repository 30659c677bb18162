package io.synergy.bench.platform;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The streams of the freshness phase: one per (district, year) — the key of the district's document on results.v1 —
 * and the org units each stream's reports go to. Reports go round-robin over the streams; inside a stream they rotate
 * over its org units, each report raising its org unit's value by one. The stream's W2 (the district's annual landfilled
 * total: its own figure, or the sum of its enterprises' when it reports none) therefore rises by exactly one with every
 * report of the stream, so a result whose W2 reached {@link #expected} includes that report or a later one of the same
 * stream. With the districts themselves as the only org units (the default), every report is its district's next value;
 * with {@code --units} (the scale phase) the same reports are spread over every enterprise of the city.
 */
final class FreshnessStreams {

    private final List<String> keys = new ArrayList<>();
    private final List<List<String>> members = new ArrayList<>();

    private FreshnessStreams() {}

    /** One stream per (district, year), each reported by the district itself. */
    static FreshnessStreams districts(String[] districts, int firstYear, int lastYear) {
        Map<String, List<String>> own = new LinkedHashMap<>();
        for (String d : districts) {
            own.put(d, List.of(d));
        }
        return of(own, firstYear, lastYear);
    }

    /** One stream per (district, year), its reports spread over the district's enterprises. */
    static FreshnessStreams of(Map<String, List<String>> unitsByDistrict, int firstYear, int lastYear) {
        FreshnessStreams s = new FreshnessStreams();
        for (int y = firstYear; y <= lastYear; y++) {
            for (Map.Entry<String, List<String>> e : unitsByDistrict.entrySet()) {
                if (e.getValue().isEmpty()) {
                    throw new IllegalArgumentException("district " + e.getKey() + " has no org unit to report");
                }
                s.keys.add(e.getKey() + ":" + y);
                s.members.add(List.copyOf(e.getValue()));
            }
        }
        return s;
    }

    /** The enterprises of a units file ({@code code,district} lines, as ScaleCity writes it), by district in file order. */
    static Map<String, List<String>> readUnits(Path file) throws IOException {
        Map<String, List<String>> out = new LinkedHashMap<>();
        for (String line : Files.readAllLines(file, StandardCharsets.UTF_8)) {
            String[] p = line.trim().split(",");
            if (p.length == 2 && !p[0].isEmpty()) {
                out.computeIfAbsent(p[1], d -> new ArrayList<>()).add(p[0]);
            }
        }
        return out;
    }

    int size() {
        return keys.size();
    }

    /** Every org unit reports go to. */
    int units() {
        return (int) members.stream().flatMap(List::stream).distinct().count();
    }

    /** The stream's key on results.v1, {@code <district>:<year>}. */
    String key(int stream) {
        return keys.get(stream);
    }

    Map<String, Integer> index() {
        Map<String, Integer> out = new HashMap<>();
        for (int s = 0; s < keys.size(); s++) {
            out.put(keys.get(s), s);
        }
        return out;
    }

    int streamOf(int report) {
        return report % keys.size();
    }

    /** The org unit report {@code i} is for: the next one of its stream's rotation. */
    String orgUnit(int i) {
        List<String> m = members.get(streamOf(i));
        return m.get((i / keys.size()) % m.size());
    }

    /** The period (a year) report {@code i} is for. */
    String period(int i) {
        String key = keys.get(streamOf(i));
        return key.substring(key.indexOf(':') + 1);
    }

    /** The value report {@code i} carries: one more than its org unit's previous report in this stream. */
    long postedValue(int i) {
        return (i / keys.size()) / members.get(streamOf(i)).size() + 1L;
    }

    /** The stream's W2 once report {@code i} and every earlier report of its stream are in: the stream's count of reports so far. */
    static long expected(int i, int streams) {
        return i / streams + 1L;
    }
}
