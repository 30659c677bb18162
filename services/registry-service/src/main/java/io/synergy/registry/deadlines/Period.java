package io.synergy.registry.deadlines;

import java.time.LocalDate;
import java.time.YearMonth;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A period of {@code GET /api/v1/deadlines}: a year ({@code 2024}), a quarter ({@code 2024-Q1}) or a month ({@code 2024-03}).
 * Its data set is the year's (approvals.v1 keys data sets by year).
 */
record Period(String label, int year, PeriodType type, LocalDate end) {

    private static final Pattern FORM = Pattern.compile("(\\d{4})(?:-Q([1-4])|-(0[1-9]|1[0-2]))?");

    static Optional<Period> parse(String s) {
        Matcher m = FORM.matcher(s.strip());
        if (!m.matches()) {
            return Optional.empty();
        }
        int year = Integer.parseInt(m.group(1));
        if (m.group(2) != null) {
            return Optional.of(new Period(
                    m.group(0),
                    year,
                    PeriodType.QUARTER,
                    YearMonth.of(year, 3 * Integer.parseInt(m.group(2))).atEndOfMonth()));
        }
        if (m.group(3) != null) {
            return Optional.of(new Period(
                    m.group(0),
                    year,
                    PeriodType.MONTH,
                    YearMonth.of(year, Integer.parseInt(m.group(3))).atEndOfMonth()));
        }
        return Optional.of(new Period(m.group(0), year, PeriodType.ANNUAL, LocalDate.of(year, 12, 31)));
    }
}
