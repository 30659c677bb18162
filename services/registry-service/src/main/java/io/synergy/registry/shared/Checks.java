package io.synergy.registry.shared;

import io.synergy.model.project.ProjectCatalogue;
import io.synergy.platform.problem.FieldError;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.regex.Pattern;

/** Checks the registry's key projects and pilots share, each adding its fault to a list. */
public final class Checks {

    /** The city's calendar: a day is Qingdao's. */
    public static final ZoneId ZONE = ZoneId.of("Asia/Shanghai");

    /** A project's or pilot's code: capitals, digits and hyphens, 3 to 40 ({@code QD-2024-0001}); the API's paths need no escaping. */
    public static final Pattern CODE = Pattern.compile("[A-Z0-9][A-Z0-9-]{2,39}");

    /** Longest name, department or document. */
    public static final int MAX_TEXT = 200;

    private Checks() {}

    public static LocalDate today() {
        return LocalDate.now(ZONE);
    }

    public static void code(String code, String field, List<FieldError> errors) {
        if (code == null || code.isBlank()) {
            errors.add(new FieldError(field, "is required"));
        } else if (!CODE.matcher(code).matches()) {
            errors.add(new FieldError(field, "3 to 40 capitals, digits and hyphens, e.g. QD-2024-0001"));
        }
    }

    /** A text that must be there ({@code required}) or may be absent, at most {@value #MAX_TEXT} characters, without control characters. */
    public static void text(String value, boolean required, String field, List<FieldError> errors) {
        if (value == null || value.isBlank()) {
            if (required) {
                errors.add(new FieldError(field, "is required"));
            }
        } else if (value.length() > MAX_TEXT || value.chars().anyMatch(Character::isISOControl)) {
            errors.add(new FieldError(field, "at most " + MAX_TEXT + " characters, no control characters"));
        }
    }

    /** A year the plan's work may name; {@code null} passes (say separately when it is required). */
    public static boolean year(Integer year, String field, List<FieldError> errors) {
        if (year != null && (year < ProjectCatalogue.FIRST_YEAR || year > ProjectCatalogue.LAST_YEAR)) {
            errors.add(new FieldError(
                    field, "must be a year from " + ProjectCatalogue.FIRST_YEAR + " to " + ProjectCatalogue.LAST_YEAR));
            return false;
        }
        return true;
    }

    /** A table's whole number as a year: one too large for an int stays too large, and is refused as a year. */
    public static Integer asYear(Long v) {
        return v == null ? null : (int) Math.max(Integer.MIN_VALUE, Math.min(Integer.MAX_VALUE, v));
    }

    /** Blank text as absent, other text stripped. */
    public static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
