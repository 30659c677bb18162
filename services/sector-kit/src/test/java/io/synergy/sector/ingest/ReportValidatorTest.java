package io.synergy.sector.ingest;

import static org.assertj.core.api.Assertions.assertThat;

import io.synergy.model.catalogue.Catalogue;
import io.synergy.model.catalogue.Sector;
import io.synergy.model.orgunit.OrgUnit;
import io.synergy.model.orgunit.OrgUnitDetails;
import io.synergy.model.orgunit.OrgUnitLevel;
import io.synergy.model.orgunit.OrgUnits;
import io.synergy.model.orgunit.UnifiedSocialCreditCode;
import io.synergy.model.period.Period;
import io.synergy.platform.problem.FieldError;
import io.synergy.sector.model.ParsedReport;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** What reports mean against the catalogue, the org units and the calendar, for the energy sector: no database, no service. */
class ReportValidatorTest {

    private static final String TOTAL = "energy.primary.total";
    private static final String NONFOSSIL = "energy.primary.nonfossil";
    private static final LocalDate TODAY = LocalDate.of(2025, 5, 20);
    private static final String PARK = "370211P01";
    private static final String OPEN = enterpriseCode("91370211MA3D0010");
    private static final String CLOSED = enterpriseCode("91370211MA3D0020");

    private final OrgUnits units = OrgUnits.load()
            .withUnit(new OrgUnit(PARK, OrgUnitLevel.PARK, "园区", "park", List.of(), "370211", null))
            .withUnit(enterprise(OPEN, false))
            .withUnit(enterprise(CLOSED, true));
    private final ReportValidator validator = new ReportValidator(Catalogue.load(), () -> units, Sector.ENERGY);

    private static String enterpriseCode(String first16) {
        String first17 = first16 + "1";
        return first17 + UnifiedSocialCreditCode.checkCharacter(first17);
    }

    private static OrgUnit enterprise(String code, boolean closed) {
        return new OrgUnit(
                code,
                OrgUnitLevel.ENTERPRISE,
                "企业",
                "enterprise",
                List.of(),
                PARK,
                new OrgUnitDetails("C", "26", Set.of(), closed));
    }

    private static RawReport report(String orgUnit, String period, RawReport.RawValue... values) {
        return new RawReport("", "r1", "s", orgUnit, period, null, List.of(values));
    }

    private static RawReport.RawValue value(int i, String element, Double value, String unit) {
        return new RawReport.RawValue("values[" + i + "]", element, value, unit);
    }

    private List<FieldError> errors(RawReport... reports) {
        List<FieldError> errors = new ArrayList<>();
        validator.validate(Arrays.asList(reports), TODAY, errors);
        return errors;
    }

    private List<String> fields(RawReport... reports) {
        return errors(reports).stream().map(FieldError::field).toList();
    }

    @Test
    void aValidReportIsInTheCataloguesUnitsWithDecimalArithmetic() {
        List<FieldError> errors = new ArrayList<>();
        List<ParsedReport> parsed = validator.validate(
                List.of(report(
                        "370202", "2024Q3", value(0, TOTAL, 1.1, "10^4 tce"), value(1, NONFOSSIL, 180_500.0, "kgce"))),
                TODAY,
                errors);
        assertThat(errors).isEmpty();
        ParsedReport r = parsed.get(0);
        assertThat(r.period()).isEqualTo(Period.parse("2024Q3"));
        assertThat(r.revision()).as("absent: 1").isEqualTo(1);
        assertThat(r.values())
                .containsExactly(new ParsedReport.Value(NONFOSSIL, 180.5), new ParsedReport.Value(TOTAL, 11_000.0));
        assertThat(r.valueAt(NONFOSSIL)).isEqualTo("values[1].value");
    }

    @Test
    void theOrgUnitIsADistrictOrAnOpenRegisteredEnterprise() {
        assertThat(errors(report(OPEN, "2024", value(0, TOTAL, 1.0, null)))).isEmpty();
        assertThat(errors(report("379999", "2024", value(0, TOTAL, 1.0, null))))
                .singleElement()
                .satisfies(e -> assertThat(e.message()).contains("is not a district of 青岛市 370200", "370202"));
        assertThat(errors(report("370200", "2024", value(0, TOTAL, 1.0, null))))
                .singleElement()
                .satisfies(e -> assertThat(e.message()).contains("is the city"));
        assertThat(errors(report("central-urban", "2024", value(0, TOTAL, 1.0, null))))
                .singleElement()
                .satisfies(e -> assertThat(e.message()).contains("is a group"));
        assertThat(errors(report(PARK, "2024", value(0, TOTAL, 1.0, null))))
                .singleElement()
                .satisfies(e -> assertThat(e.message()).contains("is a park"));
        assertThat(errors(report(CLOSED, "2024", value(0, TOTAL, 1.0, null))))
                .singleElement()
                .satisfies(e -> assertThat(e.message()).contains("is closed"));
        assertThat(errors(report(enterpriseCode("91370211MA3D0030"), "2024", value(0, TOTAL, 1.0, null))))
                .singleElement()
                .satisfies(e -> assertThat(e.message()).contains("not a registered enterprise", "registry service"));
        String badCheck = OPEN.substring(0, 17) + (OPEN.charAt(17) == '0' ? '1' : '0');
        assertThat(errors(report(badCheck, "2024", value(0, TOTAL, 1.0, null))))
                .singleElement()
                .satisfies(e -> assertThat(e.message()).contains("not a valid unified social credit code"));
    }

    @Test
    void thePeriodIsWellFormedAndHasBegun() {
        assertThat(fields(report("370202", "2024Q5", value(0, TOTAL, 1.0, null))))
                .containsExactly("period");
        assertThat(errors(report("370202", "2025-06", value(0, TOTAL, 1.0, null))))
                .singleElement()
                .satisfies(e -> assertThat(e.message()).contains("has not begun yet", "2025-05-20"));
        assertThat(errors(report("370202", "2025-05", value(0, TOTAL, 1.0, null))))
                .as("the month has begun")
                .isEmpty();
        assertThat(fields(report("370202", "2025Q3", value(0, TOTAL, 1.0, null))))
                .containsExactly("period");
    }

    @Test
    void everyValueIsOfThisSectorOnceInAnAcceptedUnitFiniteNonNegativeAndPlausible() {
        RawReport r = report(
                "370202",
                "2024",
                value(0, "transport.trips.total", 1.0, null),
                value(1, "energy.no.such", 1.0, null),
                value(2, TOTAL, 1.0, null),
                value(3, TOTAL, 2.0, null),
                value(4, NONFOSSIL, Double.NaN, null),
                value(5, "energy.coal.total", 1.0, "furlongs"),
                value(6, "energy.gdp", -1.0, null),
                value(7, "energy.emissions.co2", 1e15, "kt"),
                value(8, "energy.emissions.so2", null, null));
        assertThat(fields(r))
                .containsExactly(
                        "values[0].dataElement",
                        "values[1].dataElement",
                        "values[3].dataElement",
                        "values[4].value",
                        "values[5].unit",
                        "values[6].value",
                        "values[7].value");
        List<FieldError> errors = errors(r);
        assertThat(errors.get(0).message()).contains("belongs to the transport sector; this is the energy service");
        assertThat(errors.get(2).message()).contains("appears twice in this report (also at values[2])");
        assertThat(errors.get(4).message()).contains("use tce or ");
        assertThat(errors.get(6).message()).contains("beyond any plausible figure", "check the unit");
    }

    @Test
    void aPartAboveItsWholeWithinTheReportIsNamedAtThePart() {
        assertThat(errors(report("370202", "2024", value(0, NONFOSSIL, 1300.0, null), value(1, TOTAL, 1250.0, null))))
                .singleElement()
                .satisfies(e -> {
                    assertThat(e.field()).isEqualTo("values[0].value");
                    assertThat(e.message()).contains("exceeds its whole", "[rule nonfossil-within-total]");
                });
        assertThat(errors(report("370202", "2024", value(0, NONFOSSIL, 1250.0, null), value(1, TOTAL, 1250.0, null))))
                .as("a part equal to its whole")
                .isEmpty();
    }

    @Test
    void idsRevisionsAndTheSameReportTwiceInARequest() {
        RawReport bad = new RawReport("[0]", "a report", " ", "370202", "2024", 0, List.of(value(0, TOTAL, 1.0, null)));
        assertThat(fields(bad)).containsExactly("[0].reportId", "[0].source", "[0].revision");
        RawReport first = new RawReport("[0]", "r1", "s", "370202", "2024", null, List.of(value(0, TOTAL, 1.0, null)));
        RawReport again = new RawReport("[1]", "r1", "s", "370203", "2024", 1, List.of(value(0, TOTAL, 1.0, null)));
        assertThat(errors(first, again)).singleElement().satisfies(e -> {
            assertThat(e.field()).isEqualTo("[1].reportId");
            assertThat(e.message()).contains("revision 1 appears twice in this request (first at [0])");
        });
        RawReport second = new RawReport("[1]", "r1", "s", "370202", "2024", 2, List.of(value(0, TOTAL, 1.0, null)));
        assertThat(errors(first, second)).as("two revisions of one report").isEmpty();
    }

    @Test
    void onlyFaultlessReportsAreReturnedAndEveryFaultIsCollected() {
        List<FieldError> errors = new ArrayList<>();
        List<ParsedReport> parsed = validator.validate(
                List.of(
                        new RawReport("[0]", "ok", "s", "370202", "2024", null, List.of(value(0, TOTAL, 1.0, null))),
                        new RawReport(
                                "[1]",
                                "bad",
                                "s",
                                "379999",
                                "2030",
                                null,
                                List.of(new RawReport.RawValue("[1].values[0]", TOTAL, -1.0, null)))),
                TODAY,
                errors);
        assertThat(parsed).extracting(ParsedReport::reportId).containsExactly("ok");
        assertThat(errors)
                .extracting(FieldError::field)
                .containsExactly("[1].orgUnit", "[1].period", "[1].values[0].value");
    }
}
