package io.synergy.registry.deadlines;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/**
 * The daily reminders' settings ({@code synergy.reminders.*}); see application.properties and docs/reporting-cycle.md.
 * The job's schedule is {@code synergy.reminders.cron} (Quartz form, Asia/Shanghai; {@code off} disables it).
 */
@ConfigMapping(prefix = "synergy.reminders")
public interface RemindersConfig {

    /** When the job runs: every day at 07:00 by default. */
    @WithDefault("0 0 7 * * ?")
    String cron();

    /** A data set is reminded of from this many days before its due date on, and every day while it is overdue. */
    @WithDefault("7")
    int daysBefore();
}
