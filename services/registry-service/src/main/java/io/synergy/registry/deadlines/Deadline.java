package io.synergy.registry.deadlines;

import io.synergy.model.approval.ApprovalState;
import io.synergy.model.deadline.DeadlineStatus;
import java.time.LocalDate;

/**
 * An expected data set against its due date: one row of {@code GET /api/v1/deadlines}.
 *
 * @param sector   sector code
 * @param orgUnit  the district
 * @param period   the period asked for: {@code 2024}, {@code 2024-Q1}, {@code 2024-03}
 * @param dueDate  when that period's figures are due (the sector's rule)
 * @param state    the year's data set's state in the reporting cycle (OPEN when nobody acted on it)
 * @param status   DUE, OVERDUE, or the state once handed in (SUBMITTED, APPROVED, ACCEPTED)
 * @param daysLeft days from today (Asia/Shanghai) to the due date; negative when it passed
 */
public record Deadline(
        String sector,
        String orgUnit,
        String period,
        LocalDate dueDate,
        ApprovalState state,
        DeadlineStatus status,
        long daysLeft) {}
