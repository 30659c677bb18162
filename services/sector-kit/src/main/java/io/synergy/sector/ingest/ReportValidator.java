package io.synergy.sector.ingest;

import io.synergy.model.catalogue.Catalogue;
import io.synergy.model.catalogue.DataElement;
import io.synergy.model.catalogue.PartOfWholeRule;
import io.synergy.model.catalogue.Sector;
import io.synergy.model.orgunit.OrgUnit;
import io.synergy.model.orgunit.OrgUnitLevel;
import io.synergy.model.orgunit.OrgUnits;
import io.synergy.model.orgunit.UnifiedSocialCreditCode;
import io.synergy.model.period.Period;
import io.synergy.platform.problem.FieldError;
import io.synergy.sector.model.FieldPaths;
import io.synergy.sector.model.ParsedReport;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * Checks what reports mean against the catalogue, the org units and the calendar, and converts their values to the
 * catalogue's units. Every fault is collected, so a bureau fixes its export once, not once per error.
 */
public final class ReportValidator {

    /** Ids travel in URLs, logs and Kafka keys: letters, digits and {@code . _ : / -} only. */
    static final Pattern ID = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._:/\\-]{0,199}");
    /** Beyond this a value is a unit mistake, not a statistic (the largest real figure, CO2 in t, is ~10^8). */
    static final double MAX_VALUE = 1e15;

    static final int MAX_REVISION = 1_000_000;

    private final Catalogue catalogue;
    private final Supplier<OrgUnits> orgUnits;
    private final Sector sector;

    /** @param orgUnits the current registry (districts, and the parks and enterprises registered so far) */
    public ReportValidator(Catalogue catalogue, Supplier<OrgUnits> orgUnits, Sector sector) {
        this.catalogue = catalogue;
        this.orgUnits = orgUnits;
        this.sector = sector;
    }

    /** Validates every report; returns the parsed reports, or adds to {@code errors} and returns what was valid. */
    public List<ParsedReport> validate(List<RawReport> reports, LocalDate today, List<FieldError> errors) {
        List<ParsedReport> parsed = new ArrayList<>();
        Map<String, String> seen = new HashMap<>();
        OrgUnits units = orgUnits.get();
        for (RawReport r : reports) {
            int before = errors.size();
            ParsedReport p = validate(r, today, errors, units);
            if (r.reportId() != null) {
                String key = r.reportId() + "#" + (r.revision() == null ? 1 : r.revision());
                String first = seen.putIfAbsent(key, r.path());
                if (first != null) {
                    errors.add(new FieldError(
                            r.at("reportId"),
                            "report " + r.reportId() + " revision " + (r.revision() == null ? 1 : r.revision())
                                    + " appears twice in this request (first at " + first + ")"));
                }
            }
            if (p != null && errors.size() == before) {
                parsed.add(p);
            }
        }
        return parsed;
    }

    private ParsedReport validate(RawReport r, LocalDate today, List<FieldError> errors, OrgUnits orgUnits) {
        int before = errors.size();
        id(r.reportId(), r.at("reportId"), errors);
        id(r.source(), r.at("source"), errors);
        if (r.orgUnit() != null) {
            OrgUnit unit = orgUnits.find(r.orgUnit()).orElse(null);
            if (unit == null && r.orgUnit().length() == 18) {
                String problem = UnifiedSocialCreditCode.problem(r.orgUnit()).orElse(null);
                errors.add(
                        new FieldError(
                                r.at("orgUnit"),
                                problem != null
                                        ? "'" + JsonReportParser.abbreviate(r.orgUnit())
                                                + "' is not a valid unified social credit code: " + problem
                                        : r.orgUnit()
                                                + " is not a registered enterprise (the registry: GET /api/v1/org-units on the registry service)"));
            } else if (unit == null) {
                errors.add(new FieldError(
                        r.at("orgUnit"),
                        "'" + JsonReportParser.abbreviate(r.orgUnit()) + "' is not a district of "
                                + orgUnits.city().zh() + " " + orgUnits.city().code() + " (districts: "
                                + String.join(
                                        ", ",
                                        orgUnits.districts().stream()
                                                .map(OrgUnit::code)
                                                .toList()) + ") nor a registered enterprise"));
            } else if (unit.level() == OrgUnitLevel.ENTERPRISE && unit.closed()) {
                errors.add(new FieldError(
                        r.at("orgUnit"),
                        "enterprise " + unit.code() + " (" + unit.zh() + ") is closed: it accepts no more reports"));
            } else if (unit.level() != OrgUnitLevel.DISTRICT && unit.level() != OrgUnitLevel.ENTERPRISE) {
                errors.add(new FieldError(
                        r.at("orgUnit"),
                        unit.code() + " is "
                                + switch (unit.level()) {
                                    case CITY -> "the city";
                                    case GROUP -> "a group";
                                    default -> "a park";
                                }
                                + ": report district or enterprise values, the platform sums them"));
            }
        }
        Period period = null;
        if (r.period() != null) {
            try {
                period = Period.parse(r.period());
                if (period.isFuture(today)) {
                    errors.add(new FieldError(r.at("period"), period + " has not begun yet (today is " + today + ")"));
                }
            } catch (IllegalArgumentException e) {
                errors.add(new FieldError(r.at("period"), e.getMessage()));
            }
        }
        int revision = r.revision() == null ? 1 : r.revision();
        if (r.revision() != null && r.revision() != -1 && (revision < 1 || revision > MAX_REVISION)) {
            errors.add(new FieldError(r.at("revision"), "must be between 1 and " + MAX_REVISION));
        }

        Map<String, ParsedReport.Value> values = new LinkedHashMap<>();
        Map<String, String> pathOf = new HashMap<>();
        Set<String> duplicates = new HashSet<>();
        for (RawReport.RawValue v : r.values()) {
            String path = v.path();
            if (v.dataElement() == null) {
                continue; // reported by the parser
            }
            DataElement de = catalogue.dataElement(v.dataElement()).orElse(null);
            if (de == null) {
                errors.add(new FieldError(
                        FieldPaths.field(path, "dataElement"),
                        "'" + JsonReportParser.abbreviate(v.dataElement())
                                + "' is not a data element of the catalogue (GET /api/v1/catalog lists them)"));
                continue;
            }
            if (de.sector() != sector) {
                errors.add(new FieldError(
                        FieldPaths.field(path, "dataElement"),
                        de.code() + " belongs to the " + de.sector().code() + " sector; this is the " + sector.code()
                                + " service"));
                continue;
            }
            if (pathOf.containsKey(de.code())) {
                duplicates.add(de.code());
                errors.add(new FieldError(
                        FieldPaths.field(path, "dataElement"),
                        de.code() + " appears twice in this report (also at " + pathOf.get(de.code()) + ")"));
                continue;
            }
            pathOf.put(de.code(), path);
            if (v.value() == null) {
                continue; // reported by the parser
            }
            double value = v.value();
            if (Double.isNaN(value) || Double.isInfinite(value)) {
                errors.add(new FieldError(FieldPaths.field(path, "value"), "must be a finite number"));
                continue;
            }
            Double factor = de.factorFor(v.unit()).orElse(null);
            if (factor == null) {
                errors.add(new FieldError(
                        FieldPaths.field(path, "unit"),
                        "'" + JsonReportParser.abbreviate(v.unit()) + "' is not a unit of " + de.code() + " (use "
                                + de.unit()
                                + (de.units().isEmpty()
                                        ? ""
                                        : " or " + String.join(", ", de.units().keySet())) + ")"));
                continue;
            }
            // decimal arithmetic: 1.1 × 10^4 tce is 11000 tce, not 11000.000000000002
            double canonical = factor == 1.0
                    ? value
                    : BigDecimal.valueOf(value)
                            .multiply(BigDecimal.valueOf(factor))
                            .doubleValue();
            if (de.nonNegative() && canonical < 0) {
                errors.add(new FieldError(
                        FieldPaths.field(path, "value"), de.code() + " cannot be negative (" + value + ")"));
                continue;
            }
            if (Math.abs(canonical) > MAX_VALUE) {
                errors.add(new FieldError(
                        FieldPaths.field(path, "value"),
                        value + " " + (v.unit() == null ? de.unit() : v.unit()) + " is beyond any plausible figure for "
                                + de.code() + " (check the unit)"));
                continue;
            }
            values.put(de.code(), new ParsedReport.Value(de.code(), canonical));
        }
        for (PartOfWholeRule rule : catalogue.rules(sector)) {
            ParsedReport.Value part = values.get(rule.part());
            ParsedReport.Value whole = values.get(rule.whole());
            if (part != null && whole != null && part.value() > whole.value() && !duplicates.contains(rule.part())) {
                String unit = catalogue.dataElement(rule.part()).orElseThrow().unit();
                String p = pathOf.get(rule.part());
                errors.add(new FieldError(
                        FieldPaths.field(p, "value"),
                        rule.part() + " (" + part.value() + " " + unit + ") exceeds its whole " + rule.whole() + " ("
                                + whole.value() + " " + unit + ") [rule " + rule.id() + "]"));
            }
        }
        if (errors.size() > before
                || period == null
                || r.reportId() == null
                || r.source() == null
                || r.orgUnit() == null) {
            return null;
        }
        return new ParsedReport(
                r.reportId(),
                r.source(),
                r.orgUnit(),
                period,
                revision,
                List.copyOf(values.values()),
                r.path(),
                pathOf);
    }

    private static void id(String value, String field, List<FieldError> errors) {
        if (value != null && !ID.matcher(value).matches()) {
            errors.add(
                    new FieldError(
                            field,
                            value.isBlank()
                                    ? "must not be blank"
                                    : "may hold only letters, digits and . _ : / - (at most 200 characters, starting with a letter or digit)"));
        }
    }
}
