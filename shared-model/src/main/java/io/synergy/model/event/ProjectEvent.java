package io.synergy.model.event;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.synergy.model.project.ProjectStatus;
import io.synergy.model.project.Substance;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.Optional;

/**
 * A key project (重点工程) as the registry service holds it, published on the compacted topic {@code projects.v1} (key:
 * the code) after every change. Type {@link CloudEventTypes#PROJECT}; schema {@code schemas/project-event.v1.json}.
 * It carries the project's whole status history, so a consumer can tell its status at the end of any year and count
 * its verified reductions for the years from its completion on ({@link #delivered}) — the plan's E5 — without asking
 * the registry.
 *
 * @param type                 a project type of the catalogue ({@code project-catalogue.yaml})
 * @param clause               the plan's clause of the type (3 for （三）)
 * @param orgUnit              the district, park or enterprise it belongs to
 * @param leadDepartment       牵头单位
 * @param responsibleUnits     责任单位, possibly none
 * @param completionYear       the year it is (to be) completed; when COMPLETED, the year of its completion
 * @param status               its current status: the last of {@code statusHistory}
 * @param statusHistory        every status it had, from the first, each with the day it took effect (never decreasing)
 * @param reductions           its planned and verified annual reductions, one per substance recorded, in substance order
 * @param verificationDocument the document that verified the reductions (核定文件), {@code null} without verified ones
 * @param version              increases with every change; a consumer ignores a version it has applied
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record ProjectEvent(
        String code,
        String zh,
        String en,
        String type,
        int clause,
        String orgUnit,
        String leadDepartment,
        List<String> responsibleUnits,
        int startYear,
        Integer completionYear,
        ProjectStatus status,
        List<StatusChange> statusHistory,
        List<Reduction> reductions,
        String verificationDocument,
        long version,
        Instant changedAt,
        String changedBy) {

    /** A status and the day it took effect. */
    public record StatusChange(ProjectStatus status, LocalDate since) {}

    /**
     * The annual reduction of one substance, t/a.
     *
     * @param planned  what the project is to deliver, or {@code null}
     * @param verified what its verification (核定) found it delivers, or {@code null}; only a completed project has one
     */
    public record Reduction(Substance substance, BigDecimal planned, BigDecimal verified) {}

    /** Its status at the end of the year: the last one that took effect by 31 December; empty before its first. */
    public Optional<ProjectStatus> statusAtEndOf(int year) {
        LocalDate end = LocalDate.of(year, 12, 31);
        ProjectStatus at = null;
        for (StatusChange c : statusHistory) {
            if (!c.since().isAfter(end)) {
                at = c.status();
            }
        }
        return Optional.ofNullable(at);
    }

    /**
     * The verified reduction of a substance that counts for the year: the project's verified value when it was
     * completed by the end of the year, else {@code null}. The plan's E5 of a year is the sum of these over the
     * projects, for NOx, VOCs, COD and NH3-N.
     */
    public BigDecimal delivered(Substance substance, int year) {
        if (statusAtEndOf(year).orElse(null) != ProjectStatus.COMPLETED) {
            return null;
        }
        return reduction(substance).map(Reduction::verified).orElse(null);
    }

    /** The planned and verified reduction of a substance, if the project records one. */
    public Optional<Reduction> reduction(Substance substance) {
        return reductions.stream().filter(r -> r.substance() == substance).findFirst();
    }
}
