package io.synergy.registry.deadlines;

import io.quarkus.scheduler.Scheduled;
import io.synergy.registry.shared.Checks;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Clock;
import java.time.LocalDate;

/**
 * Publishes the day's reminders ({@link DeadlineService#remind}) on {@code synergy.reminders.cron}. Every replica runs it;
 * the table {@code reminder_sent} lets one reminder per data set and day through, whichever replica or run comes first.
 */
@ApplicationScoped
public class ReminderJob {

    private final DeadlineService service;
    private final Clock clock;

    ReminderJob(DeadlineService service, Clock clock) {
        this.service = service;
        this.clock = clock;
    }

    @Scheduled(
            identity = "deadline-reminders",
            cron = "${synergy.reminders.cron:0 0 7 * * ?}",
            timeZone = "Asia/Shanghai",
            concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
    void daily() {
        run();
    }

    /** The reminders of today (the clock's day in Asia/Shanghai); answers how many it published. */
    public int run() {
        return service.remind(LocalDate.now(clock.withZone(Checks.ZONE)));
    }
}
