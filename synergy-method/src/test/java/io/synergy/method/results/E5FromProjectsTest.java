package io.synergy.method.results;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import io.synergy.method.results.KeyProjectReductions.E5Basis;
import io.synergy.model.event.ProjectEvent;
import io.synergy.model.event.ProjectEvent.Reduction;
import io.synergy.model.event.ProjectEvent.StatusChange;
import io.synergy.model.project.ProjectStatus;
import io.synergy.model.project.Substance;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * E5 from verified key-project reductions (issue 16), against a hand-worked example. Projects of 市南 (370202) and 平度
 * (370283), the districts of {@link TargetAttainmentTest#facts()}:
 * <pre>
 *   P1 370202 NOx verified 165.4      completed 2023-11-30
 *   P2 370283 NOx 61.237, VOCs 12.3456 completed 2024-06-30
 *   P3 370283 NOx planned 95 only     under construction since 2023-04-01
 *   P4 370202 VOCs verified 108.625   completed 2025-01-01 (after 2024)
 *   P5 370283 NOx verified 40         completed 2022-05-01, reopened (under construction) 2024-02-01
 * </pre>
 * City NOx: 2020 0, 2021 0, 2022 40, 2023 165.4 + 40 = 205.4, 2024 165.4 + 61.237 = 226.637; city VOCs 2024: 12.3456;
 * 市南 NOx 2024 165.4; 平度 NOx 2024 61.237; a district without projects (市北 370203): no figure. The city's E5-NOX target
 * is the plan's 9,000 t by 2025 from a base of 0 in 2020: completion 226.637 / 9000 = 0.025182 (6 decimals). The
 * emission-difference proxy of the same year is 2 × (52,000 − 44,000) = 16,000 t.
 */
class E5FromProjectsTest {

    static final String CITY = "370200";

    static ProjectEvent project(String code, String unit, List<StatusChange> history, Reduction... reductions) {
        return new ProjectEvent(
                code,
                "项目 " + code,
                "project " + code,
                "COAL_POWER_RETROFIT",
                3,
                unit,
                "市发展改革委",
                List.of(),
                2021,
                2024,
                history.get(history.size() - 1).status(),
                history,
                List.of(reductions),
                "示例-青环验〔2024〕1号",
                1,
                Instant.parse("2025-01-10T00:00:00Z"),
                "planner-1");
    }

    static StatusChange at(ProjectStatus s, String since) {
        return new StatusChange(s, LocalDate.parse(since));
    }

    static Reduction r(Substance s, String planned, String verified) {
        return new Reduction(
                s,
                planned == null ? null : new BigDecimal(planned),
                verified == null ? null : new BigDecimal(verified));
    }

    static final List<ProjectEvent> PROJECTS = List.of(
            project(
                    "P1",
                    "370202",
                    List.of(at(ProjectStatus.PLANNED, "2021-03-01"), at(ProjectStatus.COMPLETED, "2023-11-30")),
                    r(Substance.NOX, "180", "165.4")),
            project(
                    "P2",
                    "370283",
                    List.of(at(ProjectStatus.PLANNED, "2022-01-01"), at(ProjectStatus.COMPLETED, "2024-06-30")),
                    r(Substance.NOX, "65", "61.237"),
                    r(Substance.VOCS, null, "12.3456")),
            project(
                    "P3",
                    "370283",
                    List.of(
                            at(ProjectStatus.PLANNED, "2022-01-01"),
                            at(ProjectStatus.UNDER_CONSTRUCTION, "2023-04-01")),
                    r(Substance.NOX, "95", null)),
            project(
                    "P4",
                    "370202",
                    List.of(at(ProjectStatus.PLANNED, "2022-01-01"), at(ProjectStatus.COMPLETED, "2025-01-01")),
                    r(Substance.VOCS, "120", "108.625")),
            project(
                    "P5",
                    "370283",
                    List.of(
                            at(ProjectStatus.PLANNED, "2021-01-01"),
                            at(ProjectStatus.COMPLETED, "2022-05-01"),
                            at(ProjectStatus.UNDER_CONSTRUCTION, "2024-02-01")),
                    r(Substance.NOX, "40", "40")));

    static List<UnitYearResult> compute(E5Basis basis) {
        return new ResultCalculator(
                        TargetAttainmentTest.CATALOGUE,
                        TargetAttainmentTest.UNITS,
                        MethodSettings.defaults(),
                        TargetAllocations.NONE,
                        new KeyProjectReductions(basis, PROJECTS))
                .compute(TargetAttainmentTest.TABLE, Map.of());
    }

    @Test
    void e5IsTheSumOfTheVerifiedReductionsOfTheProjectsCompletedByTheYear() {
        KeyProjectReductions e5 = new KeyProjectReductions(E5Basis.PROJECTS, PROJECTS);
        var units = TargetAttainmentTest.UNITS;
        List<Double> cityNox = new ArrayList<>();
        for (int y = 2020; y <= 2024; y++) {
            cityNox.add(e5.delivered(units, CITY, Substance.NOX, y));
        }
        assertThat(cityNox).containsExactly(0.0, 0.0, 40.0, 205.4, 226.637);
        assertThat(e5.delivered(units, CITY, Substance.VOCS, 2024)).isCloseTo(12.3456, within(1e-9));
        assertThat(e5.delivered(units, CITY, Substance.VOCS, 2025)).isCloseTo(120.9706, within(1e-9));
        assertThat(e5.delivered(units, "370202", Substance.NOX, 2024)).isEqualTo(165.4);
        assertThat(e5.delivered(units, "370283", Substance.NOX, 2024)).isEqualTo(61.237);
        assertThat(e5.delivered(units, "370203", Substance.NOX, 2024))
                .as("no project of the district records NOx: no figure, not a zero")
                .isNull();
        assertThat(KeyProjectReductions.e5Substance("E5-NOX")).contains(Substance.NOX);
        assertThat(KeyProjectReductions.e5Substance("E5-NH3N")).contains(Substance.NH3N);
        assertThat(KeyProjectReductions.e5Substance("E5-CO2"))
                .as("not a main pollutant")
                .isEmpty();
        assertThat(KeyProjectReductions.e5Substance("EM-NOX")).isEmpty();
    }

    @Test
    void theAttainmentRowIsJudgedByTheProjectsAndSaysSo() {
        UnitYearResult.AttainmentRow nox = TargetAttainmentTest.row(compute(E5Basis.PROJECTS), CITY, 2024, "E5-NOX");
        assertThat(nox.e5Basis()).isEqualTo("PROJECTS");
        assertThat(nox.value()).isCloseTo(226.637, within(1e-6));
        assertThat(nox.baseline()).isEqualTo(0.0);
        assertThat(nox.target()).isEqualTo(9000.0);
        assertThat(nox.completion()).isCloseTo(0.025182, within(5e-7));
        assertThat(nox.e5().projects()).isCloseTo(226.637, within(1e-6));
        assertThat(nox.e5().emissionDifference()).isCloseTo(16000.0, within(1e-6));
        assertThat(nox.complete()).isTrue();
        UnitYearResult.AttainmentRow vocs = TargetAttainmentTest.row(compute(E5Basis.PROJECTS), CITY, 2024, "E5-VOCS");
        assertThat(vocs.value()).isCloseTo(12.3456, within(1e-6));
        assertThat(vocs.e5().emissionDifference())
                .as("no VOCs emissions reported")
                .isNull();
        assertThat(TargetAttainmentTest.row(compute(E5Basis.PROJECTS), CITY, 2024, "E1")
                        .e5Basis())
                .as("only E5 rows name a basis")
                .isNull();
    }

    @Test
    void theEmissionDifferenceMayBeTheOfficialE5() {
        UnitYearResult.AttainmentRow nox =
                TargetAttainmentTest.row(compute(E5Basis.EMISSION_DIFFERENCE), CITY, 2024, "E5-NOX");
        assertThat(nox.e5Basis()).isEqualTo("EMISSION_DIFFERENCE");
        assertThat(nox.value()).isCloseTo(16000.0, within(1e-6));
        assertThat(nox.completion()).isCloseTo(16000.0 / 9000, within(1e-6));
        assertThat(nox.e5().projects()).isCloseTo(226.637, within(1e-6));
        // the calculator without projects judges by the proxy, as before
        UnitYearResult.AttainmentRow before =
                TargetAttainmentTest.row(TargetAttainmentTest.compute(TargetAllocations.NONE), CITY, 2024, "E5-NOX");
        assertThat(before.value()).isEqualTo(nox.value());
        assertThat(before.e5Basis()).isEqualTo("EMISSION_DIFFERENCE");
    }

    @Test
    void aChangedProjectNamesTheFirstYearItsDeliveryChanges() {
        ProjectEvent underConstruction = project(
                "P1",
                "370202",
                List.of(at(ProjectStatus.PLANNED, "2021-03-01"), at(ProjectStatus.UNDER_CONSTRUCTION, "2022-03-01")),
                r(Substance.NOX, "180", null));
        ProjectEvent completed = PROJECTS.get(0);
        assertThat(KeyProjectReductions.firstChangedYear(underConstruction, completed, 2020, 2030))
                .isEqualTo(2023);
        assertThat(KeyProjectReductions.firstChangedYear(null, completed, 2020, 2030))
                .isEqualTo(2023);
        assertThat(KeyProjectReductions.firstChangedYear(null, underConstruction, 2020, 2030))
                .as("nothing delivered: no year changes")
                .isNull();
        ProjectEvent moved = project("P1", "370203", completed.statusHistory(), r(Substance.NOX, "180", "165.4"));
        assertThat(KeyProjectReductions.firstChangedYear(completed, moved, 2020, 2030))
                .isEqualTo(2023);
        ProjectEvent renamed = project("P1", "370202", completed.statusHistory(), r(Substance.NOX, "190", "165.40"));
        assertThat(KeyProjectReductions.firstChangedYear(completed, renamed, 2020, 2030))
                .as("a planned figure and the scale of a verified one change no delivery")
                .isNull();
    }
}
