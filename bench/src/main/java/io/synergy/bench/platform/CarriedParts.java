package io.synergy.bench.platform;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The figures of an earlier docs/performance.md, by part (write, read, scale): its table rows and its explanations of
 * them. A run of some parts only keeps the other parts' figures from the document it replaces, so that the document's
 * one table stays whole and says which run each figure comes from.
 */
record CarriedParts(String date, Map<String, List<String>> rows, Map<String, List<String>> explanations) {

    private static final Pattern RUN_ON = Pattern.compile("^Run on (\\S+?)\\.(?:\\s|$)");

    static CarriedParts none() {
        return new CarriedParts("", Map.of(), Map.of());
    }

    static CarriedParts read(Path document) throws IOException {
        if (!Files.isRegularFile(document)) {
            return none();
        }
        String date = "";
        Map<String, List<String>> rows = new LinkedHashMap<>();
        Map<String, List<String>> explanations = new LinkedHashMap<>();
        String section = "";
        for (String line : Files.readAllLines(document, StandardCharsets.UTF_8)) {
            Matcher run = RUN_ON.matcher(line);
            if (date.isEmpty() && run.find()) {
                date = run.group(1);
            }
            if (line.startsWith("## ")) {
                section = line.substring(3).trim();
            } else if (section.equals("Results") && line.startsWith("| ") && !line.startsWith("| measure |")) {
                rows.computeIfAbsent(partOfRow(line), k -> new ArrayList<>()).add(line);
            } else if (section.equals("What each figure is") && line.startsWith("- **")) {
                explanations
                        .computeIfAbsent(partOfExplanation(line), k -> new ArrayList<>())
                        .add(line);
            }
        }
        return new CarriedParts(date, rows, explanations);
    }

    /** A row's part, from its measure: the read rows begin with "Read", the scale rows with "Scale", the rest are the write part's. */
    static String partOfRow(String row) {
        String measure = row.substring(2);
        return measure.startsWith("Read") ? "read" : measure.startsWith("Scale") ? "scale" : "write";
    }

    static String partOfExplanation(String line) {
        return line.startsWith("- **Read path.**") ? "read" : line.startsWith("- **City scale.**") ? "scale" : "write";
    }

    List<String> rowsOf(String part) {
        return rows.getOrDefault(part, List.of());
    }

    List<String> explanationsOf(String part) {
        return explanations.getOrDefault(part, List.of());
    }
}
