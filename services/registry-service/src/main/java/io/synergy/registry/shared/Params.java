package io.synergy.registry.shared;

import io.synergy.model.orgunit.OrgUnit;
import io.synergy.model.orgunit.OrgUnitLevel;
import io.synergy.model.orgunit.OrgUnits;
import io.synergy.platform.problem.FieldError;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.eclipse.microprofile.jwt.JsonWebToken;

/** Query parameters the registry's lists share, each fault added to a list naming the parameter. */
public final class Params {

    private Params() {}

    /**
     * The org units a list's {@code orgUnit} covers: the unit and every unit below it ({@link OrgUnits#within});
     * {@code null} for none given or the city (every unit).
     */
    public static Set<String> within(String code, OrgUnits units, List<FieldError> errors) {
        if (code == null || code.isBlank()) {
            return null;
        }
        OrgUnit u = units.find(code.strip()).orElse(null);
        if (u == null) {
            errors.add(new FieldError(
                    "orgUnit",
                    "'" + code + "' is not the city, a district, a group, a park or an enterprise of the registry"));
            return null;
        }
        return u.level() == OrgUnitLevel.CITY ? null : units.within(u.code());
    }

    /** A year parameter, {@code null} without one. */
    public static Integer year(String year, String field, List<FieldError> errors) {
        if (year == null || year.isBlank()) {
            return null;
        }
        Integer y = wholeNumber(year);
        if (y == null) {
            errors.add(new FieldError(field, "must be a year, e.g. 2024"));
            return null;
        }
        return Checks.year(y, field, errors) ? y : null;
    }

    /** One of an enumeration's constants, {@code null} without one. */
    public static <E extends Enum<E>> E oneOf(Class<E> type, String value, String field, List<FieldError> errors) {
        if (value == null || value.isBlank()) {
            return null;
        }
        E found = Arrays.stream(type.getEnumConstants())
                .filter(c -> c.name().equals(value.strip()))
                .findFirst()
                .orElse(null);
        if (found == null) {
            errors.add(new FieldError(field, "must be one of " + Arrays.toString(type.getEnumConstants())));
        }
        return found;
    }

    public static Integer wholeNumber(String s) {
        try {
            return Integer.valueOf(s.strip());
        } catch (NumberFormatException e) {
            return null;
        }
    }

    /** Who makes a change: the token's name. */
    public static String operator(JsonWebToken token) {
        return token == null || token.getName() == null ? "unknown" : token.getName();
    }
}
