package io.synergy.method.inventory;

import io.synergy.model.catalogue.InventoryCatalogue;
import io.synergy.model.catalogue.InventoryCatalogue.Activity;
import io.synergy.model.catalogue.InventoryCatalogue.ActivityKind;
import io.synergy.model.catalogue.Sector;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Checks a factor library before it becomes a version: every row names a gas and an activity the catalogue knows (and
 * the activity emits that gas), factors and calorific values are positive and finite, units fit the activity, valid
 * years are sensible and rows of the same kind do not overlap, and every per-TJ factor has a net calorific value for
 * each year it is valid. All faults are returned at once.
 */
public final class FactorLibraryValidator {

    public static final int MIN_YEAR = 1990;
    public static final int MAX_YEAR = 2100;
    public static final int MAX_ROWS = 5000;
    static final int MAX_TEXT = 500;

    private FactorLibraryValidator() {}

    public static List<Violation> validate(FactorLibrary library, InventoryCatalogue catalogue) {
        List<Violation> out = new ArrayList<>();
        text(out, "description", library.description());
        if (library.factors().isEmpty()) {
            out.add(new Violation("factors", "at least one emission factor is required"));
        }
        if (library.factors().size() > MAX_ROWS || library.ncvs().size() > MAX_ROWS) {
            out.add(new Violation("factors", "at most " + MAX_ROWS + " rows each of factors and ncv"));
            return out;
        }
        Map<String, Activity> activities = catalogue.activitiesByCode();

        Map<String, List<int[]>> ncvYears = new HashMap<>();
        for (int i = 0; i < library.ncvs().size(); i++) {
            NetCalorificValue n = library.ncvs().get(i);
            String at = "ncv[" + i + "]";
            if (n == null) {
                out.add(new Violation(at, "is empty"));
                continue;
            }
            Activity fuel = n.fuel() == null ? null : activities.get(n.fuel());
            if (fuel == null || fuel.kind() != ActivityKind.FUEL) {
                out.add(new Violation(at + ".fuel", "must be a fuel of the catalogue: " + fuels(catalogue)));
            }
            positive(out, at + ".value", n.value());
            EnergyUnit unit = EnergyUnit.parse(n.unit()).orElse(null);
            if (unit == null) {
                out.add(new Violation(at + ".unit", "must be GJ (or MJ, TJ) per unit of the fuel, e.g. GJ/t"));
            } else if (fuel != null && !unit.activityUnit().equals(fuel.unit())) {
                out.add(new Violation(
                        at + ".unit", "must be per " + fuel.unit() + ", the unit " + fuel.code() + " is reported in"));
            }
            text(out, at + ".source", n.source());
            if (years(out, at, n.validFrom(), n.validTo()) && n.fuel() != null) {
                overlap(out, at, ncvYears, n.fuel(), n.validFrom(), n.validTo(), "net calorific value of " + n.fuel());
            }
        }

        Map<String, List<int[]>> factorYears = new HashMap<>();
        for (int i = 0; i < library.factors().size(); i++) {
            EmissionFactor f = library.factors().get(i);
            String at = "factors[" + i + "]";
            if (f == null) {
                out.add(new Violation(at, "is empty"));
                continue;
            }
            boolean gasKnown = f.gas() != null && catalogue.gas(f.gas()).isPresent();
            if (!gasKnown) {
                out.add(new Violation(
                        at + ".gas",
                        "must be one of "
                                + String.join(
                                        ", ",
                                        catalogue.gases().stream()
                                                .map(InventoryCatalogue.Gas::code)
                                                .toList())));
            }
            Activity activity = f.activity() == null ? null : activities.get(f.activity());
            if (activity == null) {
                out.add(new Violation(at + ".activity", "must be one of " + String.join(", ", activities.keySet())));
            } else if (gasKnown && !activity.emits(f.gas())) {
                out.add(new Violation(
                        at + ".gas",
                        "the catalogue does not model " + f.gas() + " from " + activity.code() + " (it models "
                                + String.join(", ", activity.gases()) + ")"));
            }
            if (f.sector() != null && Sector.find(f.sector()).isEmpty()) {
                out.add(new Violation(
                        at + ".sector",
                        "must be energy, transport, building, agriculture or waste, or absent for every sector"));
            }
            positive(out, at + ".factor", f.value());
            FactorUnit unit = FactorUnit.parse(f.unit()).orElse(null);
            if (unit == null) {
                out.add(new Violation(
                        at + ".unit",
                        "must be g, kg or t per TJ, or per unit of the activity (e.g. kg/TJ, kg/t, t/t)"));
            } else if (activity != null && unit.perEnergy() && activity.kind() != ActivityKind.FUEL) {
                out.add(new Violation(
                        at + ".unit",
                        activity.code() + " is a process: its factor is per " + activity.unit() + ", not per TJ"));
            } else if (activity != null
                    && !unit.perEnergy()
                    && !unit.activityUnit().equals(activity.unit())) {
                out.add(new Violation(
                        at + ".unit",
                        "must be per TJ or per " + activity.unit() + ", the unit " + activity.code()
                                + " is reported in"));
            }
            text(out, at + ".source", f.source());
            boolean yearsOk = years(out, at, f.validFrom(), f.validTo());
            if (yearsOk && gasKnown && activity != null) {
                overlap(
                        out,
                        at,
                        factorYears,
                        f.gas() + "|" + f.activity() + "|" + Objects.toString(f.sector(), "*"),
                        f.validFrom(),
                        f.validTo(),
                        f.gas() + " factor of " + f.activity() + (f.sector() == null ? "" : " for " + f.sector()));
            }
            if (yearsOk
                    && unit != null
                    && unit.perEnergy()
                    && activity != null
                    && activity.kind() == ActivityKind.FUEL) {
                int last = f.validTo() == null ? MAX_YEAR : f.validTo();
                for (int y = f.validFrom(); y <= last; y++) {
                    if (library.ncv(activity.code(), y).isEmpty()) {
                        out.add(new Violation(
                                at + ".validFrom",
                                "no net calorific value of " + activity.code() + " for " + y
                                        + ": a per-TJ factor needs one for every year it is valid"));
                        break;
                    }
                }
            }
        }
        return out;
    }

    private static String fuels(InventoryCatalogue catalogue) {
        return String.join(
                ", ",
                catalogue.activities().stream()
                        .filter(a -> a.kind() == ActivityKind.FUEL)
                        .map(Activity::code)
                        .toList());
    }

    private static void text(List<Violation> out, String field, String value) {
        if (value == null || value.isBlank()) {
            out.add(new Violation(field, "is required"));
        } else if (value.length() > MAX_TEXT) {
            out.add(new Violation(field, "at most " + MAX_TEXT + " characters"));
        }
    }

    private static void positive(List<Violation> out, String field, Double value) {
        if (value == null) {
            out.add(new Violation(field, "is required"));
        } else if (!Double.isFinite(value) || value <= 0) {
            out.add(new Violation(field, "must be a positive number, not " + value));
        }
    }

    private static boolean years(List<Violation> out, String at, Integer from, Integer to) {
        if (from == null) {
            out.add(new Violation(at + ".validFrom", "is required: the first year the row applies to"));
            return false;
        }
        boolean ok = true;
        if (from < MIN_YEAR || from > MAX_YEAR) {
            out.add(new Violation(at + ".validFrom", "must be a year from " + MIN_YEAR + " to " + MAX_YEAR));
            ok = false;
        }
        if (to != null && (to < from || to > MAX_YEAR)) {
            out.add(new Violation(
                    at + ".validTo",
                    "must be absent (open-ended) or a year from validFrom (" + from + ") to " + MAX_YEAR));
            ok = false;
        }
        return ok;
    }

    private static void overlap(
            List<Violation> out,
            String at,
            Map<String, List<int[]>> seen,
            String key,
            int from,
            Integer to,
            String what) {
        int end = to == null ? Integer.MAX_VALUE : to;
        List<int[]> ranges = seen.computeIfAbsent(key, k -> new ArrayList<>());
        for (int[] r : ranges) {
            if (from <= r[1] && r[0] <= end) {
                out.add(new Violation(
                        at + ".validFrom",
                        "the " + what + " is already given for " + r[0]
                                + (r[1] == Integer.MAX_VALUE ? " on" : "–" + r[1])
                                + ": valid years of rows of the same kind must not overlap"));
                return;
            }
        }
        ranges.add(new int[] {from, end});
    }
}
