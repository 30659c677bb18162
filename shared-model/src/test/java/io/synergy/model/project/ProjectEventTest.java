package io.synergy.model.project;

import static org.assertj.core.api.Assertions.assertThat;

import io.synergy.model.event.ProjectEvent;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A project's status at the end of a year, and the verified reduction that counts for it (the plan's E5). */
class ProjectEventTest {

    static ProjectEvent project(List<ProjectEvent.StatusChange> history) {
        return new ProjectEvent(
                "QD-2022-0007",
                "窑炉替代",
                "",
                "KILN_FUEL_SWITCH",
                3,
                "370281",
                "市工业和信息化局",
                List.of(),
                2022,
                2024,
                history.get(history.size() - 1).status(),
                history,
                List.of(new ProjectEvent.Reduction(Substance.NOX, new BigDecimal("40"), new BigDecimal("37.5"))),
                "胶环验〔2024〕3号",
                3,
                Instant.parse("2025-01-05T00:00:00Z"),
                "planner");
    }

    static ProjectEvent.StatusChange at(ProjectStatus s, String day) {
        return new ProjectEvent.StatusChange(s, LocalDate.parse(day));
    }

    @Test
    void aProjectDeliversItsVerifiedReductionFromTheYearItWasCompletedOn() {
        ProjectEvent p = project(List.of(
                at(ProjectStatus.PLANNED, "2022-03-01"),
                at(ProjectStatus.UNDER_CONSTRUCTION, "2023-05-10"),
                at(ProjectStatus.COMPLETED, "2024-12-31")));
        assertThat(p.statusAtEndOf(2021)).isEmpty();
        assertThat(p.statusAtEndOf(2022)).contains(ProjectStatus.PLANNED);
        assertThat(p.statusAtEndOf(2023)).contains(ProjectStatus.UNDER_CONSTRUCTION);
        assertThat(p.statusAtEndOf(2024)).contains(ProjectStatus.COMPLETED);
        assertThat(p.delivered(Substance.NOX, 2023)).isNull();
        assertThat(p.delivered(Substance.NOX, 2024)).isEqualByComparingTo("37.5");
        assertThat(p.delivered(Substance.NOX, 2026)).isEqualByComparingTo("37.5");
        assertThat(p.delivered(Substance.VOCS, 2024)).as("no VOCs recorded").isNull();
    }

    @Test
    void aProjectReopenedOrCancelledDeliversNothingFromThen() {
        ProjectEvent reopened = project(List.of(
                at(ProjectStatus.PLANNED, "2022-03-01"),
                at(ProjectStatus.COMPLETED, "2023-06-30"),
                at(ProjectStatus.UNDER_CONSTRUCTION, "2024-02-01")));
        assertThat(reopened.delivered(Substance.NOX, 2023)).isEqualByComparingTo("37.5");
        assertThat(reopened.delivered(Substance.NOX, 2024)).isNull();
    }
}
