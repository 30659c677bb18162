package io.synergy.platform.query;

import io.synergy.model.orgunit.OrgUnit;
import io.synergy.model.orgunit.OrgUnits;
import io.synergy.model.period.Period;
import io.synergy.model.period.PeriodType;
import io.synergy.platform.problem.FieldError;
import io.synergy.platform.problem.ProblemException;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * The read API's query parameters — a year, an org unit, one of a few choices — checked, with a problem answer naming the
 * parameter; and the problem of a read that finds nothing. Shared by every service that serves results, so that each
 * parameter means and is refused the same everywhere.
 */
public final class Queries {

    private Queries() {}

    public static int year(String name, String text) {
        if (text == null || text.isBlank()) {
            throw ProblemException.invalid(
                    "Missing parameter", List.of(new FieldError(name, "is required: a year such as 2024")));
        }
        try {
            Period p = Period.parse(text);
            if (p.type() != PeriodType.YEAR) {
                throw ProblemException.invalid(
                        "Results are annual", List.of(new FieldError(name, "must be a year such as 2024, not " + p)));
            }
            return p.year();
        } catch (IllegalArgumentException e) {
            throw ProblemException.invalid("Invalid parameter", List.of(new FieldError(name, e.getMessage())));
        }
    }

    public static OrgUnit orgUnit(OrgUnits units, String code) {
        if (code == null || code.isBlank()) {
            return units.city();
        }
        return units.find(code)
                .orElseThrow(() -> ProblemException.invalid(
                        "Unknown org unit",
                        List.of(new FieldError(
                                "orgUnit",
                                "'" + code + "' is not an org unit: the city "
                                        + units.city().code()
                                        + ", a district, a group such as central-urban, a park or an enterprise"))));
    }

    public static String choice(String name, String value, String fallback, Set<String> allowed) {
        if (value == null || value.isBlank()) {
            return fallback;
        }
        String v = value.toLowerCase(Locale.ROOT);
        if (!allowed.contains(v)) {
            throw ProblemException.invalid(
                    "Invalid parameter",
                    List.of(new FieldError(
                            name,
                            "must be one of "
                                    + String.join(
                                            ", ", allowed.stream().sorted().toList()))));
        }
        return v;
    }

    public static ProblemException noData(String what) {
        return new ProblemException(404, "no-data", "No data", what);
    }
}
