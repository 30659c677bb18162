package io.synergy.model.event;

import com.fasterxml.jackson.annotation.JsonInclude;
import io.synergy.model.approval.ApprovalState;
import io.synergy.model.deadline.DeadlineStatus;
import java.time.Instant;
import java.time.LocalDate;

/**
 * A reminder that a data set (a sector's figures of one district for one year) is due soon or overdue, for a mail or SMS
 * gateway to pass on to the reporting bureau. The registry's daily job publishes at most one per data set and day,
 * through its outbox, on {@code reminders.v1} keyed by {@link #key()} (a data set's reminders stay in order). Type
 * {@link CloudEventTypes#REMINDER}; schema {@code schemas/reminder-event.v1.json}.
 *
 * @param eventId  unique id (also the CloudEvent id)
 * @param sector   sector code ({@code energy})
 * @param orgUnit  the district
 * @param period   the data set's year ({@code 2024})
 * @param dueDate  when its figures are due
 * @param daysLeft days from {@code day} to {@code dueDate}; negative when overdue
 * @param status   {@code DUE} or {@code OVERDUE}
 * @param state    the data set's state in the reporting cycle ({@code OPEN}: nobody has acted on it, or it was returned)
 * @param day      the day (Asia/Shanghai) the reminder is for: one per data set and day
 * @param sentAt   when the job wrote it
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record ReminderEvent(
        String eventId,
        String sector,
        String orgUnit,
        String period,
        LocalDate dueDate,
        long daysLeft,
        DeadlineStatus status,
        ApprovalState state,
        LocalDate day,
        Instant sentAt) {

    /** The record key: {@code <sector>|<orgUnit>|<period>}, the data set's (as on {@code approvals.v1}). */
    public String key() {
        return sector + "|" + orgUnit + "|" + period;
    }

    /** The CloudEvent subject: {@code <orgUnit>/<period>}. */
    public String subject() {
        return orgUnit + "/" + period;
    }
}
