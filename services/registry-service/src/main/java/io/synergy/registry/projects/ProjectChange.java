package io.synergy.registry.projects;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.util.List;

/**
 * A key project (重点工程) as a planner creates or changes it (JSON body, or one row of an uploaded table); the registry
 * keeps its status history and derives its clause from its type.
 *
 * @param type                 a project type of {@code GET /api/v1/projects/types}
 * @param orgUnit              the district, park or enterprise it belongs to
 * @param leadDepartment       牵头单位
 * @param responsibleUnits     责任单位
 * @param completionYear       the year it is to be completed; once COMPLETED, the year it was
 * @param status               PLANNED, UNDER_CONSTRUCTION, COMPLETED or CANCELLED; omitted: PLANNED for a new project, else unchanged
 * @param statusDate           the day the status took effect; omitted: today for a new status. The same status with another
 *                             day corrects the day it took effect
 * @param reductions           the planned and verified annual reductions (t/a), one per substance; a change lists them all
 * @param verificationDocument the document that verified the reductions (核定文件); required with a verified reduction
 */
public record ProjectChange(
        String code,
        String zh,
        String en,
        String type,
        String orgUnit,
        String leadDepartment,
        List<String> responsibleUnits,
        Integer startYear,
        Integer completionYear,
        String status,
        LocalDate statusDate,
        List<ReductionChange> reductions,
        String verificationDocument) {

    /** The same change of the project {@code code} (a {@code PUT}'s, whose path names it). */
    public ProjectChange withCode(String code) {
        return new ProjectChange(
                code,
                zh,
                en,
                type,
                orgUnit,
                leadDepartment,
                responsibleUnits,
                startYear,
                completionYear,
                status,
                statusDate,
                reductions,
                verificationDocument);
    }

    /**
     * The annual reduction of one substance.
     *
     * @param substance NOX, VOCS, SO2, PM, COD, NH3N or CO2, as the project's type allows
     * @param planned   t/a to be delivered
     * @param verified  t/a the verification found delivered; only for a COMPLETED project, with its document
     */
    public record ReductionChange(String substance, BigDecimal planned, BigDecimal verified) {}
}
