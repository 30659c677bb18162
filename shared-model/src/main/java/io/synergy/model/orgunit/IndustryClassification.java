package io.synergy.model.orgunit;

import java.util.Map;
import java.util.Optional;

/** GB/T 4754-2017 industrial classification: the section letter (门类) and the two-digit division (大类) it contains. */
public final class IndustryClassification {

    /** Section → first and last division. */
    private static final Map<Character, int[]> SECTIONS = Map.ofEntries(
            Map.entry('A', new int[] {1, 5}),
            Map.entry('B', new int[] {6, 12}),
            Map.entry('C', new int[] {13, 43}),
            Map.entry('D', new int[] {44, 46}),
            Map.entry('E', new int[] {47, 50}),
            Map.entry('F', new int[] {51, 52}),
            Map.entry('G', new int[] {53, 60}),
            Map.entry('H', new int[] {61, 62}),
            Map.entry('I', new int[] {63, 65}),
            Map.entry('J', new int[] {66, 69}),
            Map.entry('K', new int[] {70, 70}),
            Map.entry('L', new int[] {71, 72}),
            Map.entry('M', new int[] {73, 75}),
            Map.entry('N', new int[] {76, 79}),
            Map.entry('O', new int[] {80, 82}),
            Map.entry('P', new int[] {83, 83}),
            Map.entry('Q', new int[] {84, 85}),
            Map.entry('R', new int[] {86, 90}),
            Map.entry('S', new int[] {91, 96}),
            Map.entry('T', new int[] {97, 97}));

    private IndustryClassification() {}

    /** What is wrong with the section and division, or empty when they are a valid pair. */
    public static Optional<String> problem(String section, String division) {
        if (section == null || section.length() != 1 || !SECTIONS.containsKey(section.charAt(0))) {
            return Optional.of("industry section must be a GB/T 4754 section letter A–T");
        }
        if (division == null || !division.matches("\\d{2}")) {
            return Optional.of("industry division must be two digits (GB/T 4754 大类)");
        }
        int[] range = SECTIONS.get(section.charAt(0));
        int d = Integer.parseInt(division);
        if (d < range[0] || d > range[1]) {
            return Optional.of(String.format(
                    "division %s is not in section %s (%02d–%02d)", division, section, range[0], range[1]));
        }
        return Optional.empty();
    }
}
